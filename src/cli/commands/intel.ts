// `chancery intel`: import indicators (STIX 2.1, MISP events and feeds, plain lists), list,
// search and show them, hunt history for them, and force or hold back warninglisted ones.
import { InvalidArgumentError, type Command } from 'commander';
import type { ImportReport, IntelHuntReport } from '../../detect/indicators/service.ts';
import { indicatorState } from '../../detect/indicators/decay.ts';
import { readIntel } from '../../enrich/intel/read.ts';
import { tlpOfTag } from '../../enrich/intel/tlp.ts';
import {
  INDICATOR_TYPES,
  type ImportProblem,
  type IndicatorType,
  type Tlp,
} from '../../core/index.ts';
import type { App } from '../../main.ts';
import type { StoredIndicator } from '../../storage/ports.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

const TYPES: readonly IndicatorType[] = INDICATOR_TYPES;

export const registerIntel: RegisterCommand = (program, withApp, setExitCode) => {
  const intel = program
    .command('intel')
    .description(
      'Threat-intelligence indicators: import, list, search, show, hunt (docs/intel.md)',
    );

  intel
    .command('import')
    .description(
      'Import STIX 2.1 bundles, MISP events or feed directories, or plain lists (TXT/CSV); then hunt history for what is new',
    )
    .argument('<paths...>', 'files or directories')
    .option('--source <name>', 'source name for every indicator (default: from the input)')
    .option(
      '--tlp <level>',
      'TLP for inputs that mark none (clear, green, amber, amber+strict, red)',
      tlpArgument,
    )
    .option('--no-hunt', 'do not search history for the new indicators')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        paths: string[],
        options: { source?: string; tlp?: Tlp; hunt: boolean; json?: boolean },
      ) => {
        await withApp(async (app) => {
          const results = readIntel(paths, {
            ...app.intelReadOptions(),
            ...optional('source', options.source),
            ...optional('defaultTlp', options.tlp),
          });
          const sink = app.openAlertSink();
          const { report, hunt } = await app.intel.import(
            results,
            options.hunt ? (alerts) => sink.raise(alerts) : undefined,
          );
          if (report.read === 0 && report.problems.length > 0) setExitCode(1);
          if (options.json === true) {
            printJson({
              inputs: results.map((result) => ({
                file: result.file,
                format: result.format,
                indicators: result.indicators.length,
                problems: result.problems.length,
              })),
              ...report,
              ...(hunt === undefined ? {} : { hunt }),
            });
            return;
          }
          for (const result of results)
            note(
              `${result.file}: ${result.format}, ${result.indicators.length} indicators, ${result.problems.length} problems`,
            );
          printImport(report);
          if (hunt !== undefined) printHunt(hunt);
        });
      },
    );

  intel
    .command('list')
    .description('Stored indicators, most recently changed first')
    .option('-t, --type <type>', `only this type (${TYPES.join(', ')})`, typeArgument)
    .option('--source <name>', 'only indicators this source reported')
    .option('-n, --limit <n>', 'indicators per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the indicators as a JSON array (the next cursor goes to stderr)')
    .action(async (options: ListOptions) => {
      await withApp((app) => list(app, options));
    });

  intel
    .command('search')
    .description('Indicators whose value contains TEXT')
    .argument('<text>')
    .option('-t, --type <type>', 'only this type', typeArgument)
    .option('-n, --limit <n>', 'indicators per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the indicators as a JSON array')
    .action(async (text: string, options: ListOptions) => {
      await withApp((app) => list(app, { ...options, search: text }));
    });

  intel
    .command('show')
    .description('One indicator with every source, its state and why')
    .argument('<id>', 'the indicator id (from list or search)', positiveInteger)
    .option('--json', 'print it as JSON')
    .action(async (id: number, options: { json?: boolean }) => {
      await withApp(async (app) => {
        const stored = await app.stores.intel.get(id);
        if (stored === undefined) {
          note(`no indicator ${id}`);
          setExitCode(1);
          return;
        }
        const state = indicatorState(stored.indicator, Date.now(), app.intel.settings.decay);
        if (options.json === true) printJson({ ...stored, state });
        else printShow(stored, state);
      });
    });

  intel
    .command('hunt')
    .description(
      'Search stored history for every active indicator; matches become retrospective alerts',
    )
    .option(
      '--since <time>',
      'ISO time, epoch seconds, or a duration back (default: intel.hunt_days)',
    )
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option('--json', 'print the report as JSON')
    .action(async (options: { since?: string; until?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const sink = app.openAlertSink();
        const report = await app.intel.hunt({
          ...optional('since', timeOption('--since', options.since)),
          ...optional('until', timeOption('--until', options.until)),
          onAlerts: (alerts) => sink.raise(alerts),
        });
        if (options.json === true) printJson(report);
        else printHunt(report);
      });
    });

  registerForce(intel, withApp, setExitCode);
};

function registerForce(
  intel: Command,
  withApp: Parameters<RegisterCommand>[1],
  setExitCode: (code: number) => void,
): void {
  intel
    .command('force')
    .description(
      'Alert on an indicator even though a warninglist names it (--off: hold it back again)',
    )
    .argument('<id>', 'the indicator id', positiveInteger)
    .option('--off', 'hold it back again')
    .action(async (id: number, options: { off?: boolean }) => {
      await withApp(async (app) => {
        const changed = await app.intel.setForced(id, options.off !== true);
        if (changed === undefined) {
          note(`no indicator ${id}`);
          setExitCode(1);
          return;
        }
        note(
          `${changed.indicator.type} ${changed.indicator.value}: ${changed.forced ? 'alerts even though' : 'held back while'} on ${changed.warninglists.length > 0 ? changed.warninglists.join(', ') : 'no warninglist'}`,
        );
      });
    });
}

interface ListOptions {
  type?: IndicatorType;
  source?: string;
  search?: string;
  limit: number;
  cursor?: string;
  json?: boolean;
}

async function list(app: App, options: ListOptions): Promise<void> {
  const page = await app.stores.intel.query({
    limit: options.limit,
    ...optional('type', options.type),
    ...optional('source', options.source),
    ...optional('search', options.search),
    ...optional('cursor', options.cursor),
  });
  if (options.json === true) printJson(page.indicators);
  else {
    const now = Date.now();
    printTable(
      ['id', 'type', 'value', 'tlp', 'confidence', 'state', 'sources', 'context'],
      page.indicators.map((stored) => {
        const state = indicatorState(stored.indicator, now, app.intel.settings.decay);
        return [
          stored.id,
          stored.indicator.type,
          clip(stored.indicator.value, 70),
          stored.indicator.tlp,
          state.confidence,
          state.expired
            ? 'expired'
            : stored.warninglists.length > 0 && !stored.forced
              ? 'held back'
              : 'active',
          stored.indicator.sources
            .map((source) => source.name)
            .filter(unique)
            .join(', '),
          clip(contextOf(stored).join(', '), 40),
        ];
      }),
    );
  }
  if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
}

function printImport(report: ImportReport): void {
  note(
    `read ${report.read} indicators from ${report.files} inputs: ${report.distinct} distinct, ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged; ` +
      `${report.heldBack} held back by warninglists, ${report.expired} already expired; ${report.problems.length} problems`,
  );
  printProblems(report.problems);
}

function printProblems(problems: readonly ImportProblem[]): void {
  if (problems.length === 0) return;
  const byReason = new Map<string, number>();
  for (const problem of problems) {
    const reason = problem.reason.replace(/: .*$/, '');
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  for (const [reason, count] of [...byReason].sort((a, b) => b[1] - a[1]))
    note(`  ${count} × ${reason}`);
  for (const problem of problems.slice(0, 20))
    note(`  ${problem.file} ${problem.ref}: ${problem.reason}`);
  if (problems.length > 20) note(`  … ${problems.length - 20} more (--json lists them all)`);
}

function printHunt(report: IntelHuntReport): void {
  note(
    `hunted ${report.indicators} indicators since ${report.since}: ${report.values.toLocaleString('en')} distinct stored values, ${report.valuesMatched} matched, ` +
      `${report.eventsRead + report.eventsScanned} events read, ${report.matches} matches (${report.heldBack} held back), ${report.alerts} retrospective alerts in ${report.seconds.toFixed(2)} s`,
  );
}

function printShow(stored: StoredIndicator, state: ReturnType<typeof indicatorState>): void {
  const { indicator } = stored;
  const lines: [string, string][] = [
    ['id', String(stored.id)],
    ['type', indicator.type],
    ['value', indicator.value],
    ['tlp', indicator.tlp.toUpperCase()],
    ['state', state.expired ? `expired (${state.reason ?? ''})` : 'active'],
    ['confidence', String(state.confidence)],
    [
      'warninglists',
      stored.warninglists.length === 0
        ? '-'
        : `${stored.warninglists.join(', ')}${stored.forced ? ' (forced: alerts anyway)' : ' (held back)'}`,
    ],
    ['valid', `${indicator.valid_from ?? '-'} .. ${indicator.valid_until ?? '-'}`],
    [
      'seen',
      `${indicator.first_seen ?? '-'} .. ${indicator.last_seen ?? '-'}${indicator.sightings === undefined ? '' : ` (${indicator.sightings} sightings)`}`,
    ],
    ['added', stored.added],
    ['updated', stored.updated],
  ];
  if (indicator.requires !== undefined)
    lines.push([
      'requires',
      indicator.requires.map((value) => `${value.type} ${value.value}`).join(' AND '),
    ]);
  for (const [label, value] of lines) process.stdout.write(`${label.padEnd(13)}${value}\n`);
  process.stdout.write('sources\n');
  for (const source of indicator.sources)
    process.stdout.write(
      `  ${source.name}  ${source.ref}${source.confidence === undefined ? '' : `  confidence ${source.confidence}`}${source.context === undefined ? '' : `  [${source.context.join(', ')}]`}${source.description === undefined ? '' : `\n    ${clip(source.description, 200)}`}\n`,
    );
}

function contextOf(stored: StoredIndicator): string[] {
  return stored.indicator.sources.flatMap((source) => source.context ?? []).filter(unique);
}

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function typeArgument(value: string): IndicatorType {
  if (!(TYPES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`'${value}' is not an indicator type (${TYPES.join(', ')})`);
  return value as IndicatorType;
}

function tlpArgument(value: string): Tlp {
  const tlp = tlpOfTag(value);
  if (tlp === undefined) throw new InvalidArgumentError(`'${value}' is not a TLP level`);
  return tlp;
}
