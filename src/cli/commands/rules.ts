// `chancery rules`: the Sigma rule set — validate files, add them to the library, list what is
// loaded, enable or disable by id, tag, level, status or log source, and hunt through history.
import { ChanceryError, formatProblem } from '../../core/index.ts';
import type { RuleSet } from '../../detect/sigma/rule-set.ts';
import { parseSelector, selects, type Toggle } from '../../detect/sigma/selection.ts';
import { summarizeIssue, summarizeRule } from '../../detect/sigma/summary.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import type { RegisterCommand } from './register.ts';

export const registerRules: RegisterCommand = (program, withApp, setExitCode) => {
  const rules = program
    .command('rules')
    .description('Sigma rules: validate, add, list, enable, disable, hunt');

  rules
    .command('validate')
    .description('Check rule files or directories; report every problem with file:line')
    .argument('<paths...>', 'rule files or directories')
    .option('--json', 'print the report and issues as JSON')
    .action(async (paths: string[], options: { json?: boolean }) => {
      await withApp(async (app) => {
        const set = app.sigma.load(paths, []);
        report(set, options.json === true);
        if (set.issues.length > 0) setExitCode(1);
      });
    });

  rules
    .command('add')
    .description('Validate rules and copy them into the library in the data directory')
    .argument('<paths...>', 'rule files or directories')
    .option('--json', 'print the report and issues as JSON')
    .action(async (paths: string[], options: { json?: boolean }) => {
      await withApp(async (app) => {
        const set = app.sigma.load(paths, []);
        report(set, options.json === true);
        if (set.report.compiled + set.report.correlations + set.report.filters === 0)
          throw new ChanceryError(
            'CHN_ERR_RULES_INVALID',
            'no usable rule in the given paths; nothing added',
          );
        for (const path of paths) note(`added ${path} -> ${app.sigma.library.add(path)}`);
        if (set.issues.length > 0)
          note('rules with problems were copied too but will not run until fixed');
        app.sigma.invalidate();
      });
    });

  rules
    .command('list')
    .description('List loaded rules with level, status, log source and whether they run')
    .option(
      '--select <key:value>',
      'only rules matching a selector (id, tag, level, status, logsource)',
    )
    .option('--json', 'print as JSON')
    .action(async (options: { select?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const set = app.sigma.ruleSet();
        const selector = options.select === undefined ? undefined : selector_(options.select);
        const entries = set.entries.filter(
          (e) => selector === undefined || selects(selector, e.rule),
        );
        if (options.json === true) {
          printJson(entries.map(summarizeRule));
          return;
        }
        printTable(
          ['id', 'kind', 'level', 'status', 'enabled', 'logsource', 'title', 'author'],
          entries.map((e) => {
            const json = summarizeRule(e);
            return [
              json.id,
              json.kind,
              json.level,
              json.status,
              json.enabled ? (json.issues.length > 0 ? 'broken' : 'yes') : 'no',
              json.logsource,
              json.title,
              json.author,
            ];
          }),
        );
        note(
          `${entries.length} rules; ${set.report.compiled} compiled, ${set.report.rejected} rejected, ${set.report.disabled} disabled`,
        );
      });
    });

  for (const enabled of [true, false])
    rules
      .command(enabled ? 'enable' : 'disable')
      .description(
        `${enabled ? 'Enable' : 'Disable'} rules by id:X, tag:X, level:X, status:X or logsource:product/category/service (* wildcards)`,
      )
      .argument('<selectors...>', 'selectors; a bare value is a rule id')
      .action(async (selectors: string[]) => {
        await withApp(async (app) => {
          const set = app.sigma.ruleSet();
          for (const text of selectors) {
            const toggle: Toggle = { enabled, ...selector_(text) };
            app.sigma.library.addToggle(toggle);
            const count = set.entries.filter((e) => selects(toggle, e.rule)).length;
            note(
              `${enabled ? 'enabled' : 'disabled'} ${count} rules matching ${toggle.key}:${toggle.value}`,
            );
            if (count === 0) setExitCode(1);
          }
          app.sigma.invalidate();
        });
      });

  rules
    .command('hunt')
    .description('Run rules over stored events and raise retrospective alerts')
    .argument('[paths...]', 'rule files or directories (default: the active rule set)')
    .option(
      '--since <time>',
      'ISO time, epoch seconds, or a duration back (default: sigma.hunt_days)',
    )
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option('--json', 'print the report as JSON')
    .action(
      async (paths: string[], options: { since?: string; until?: string; json?: boolean }) => {
        await withApp(async (app) => {
          const sink = app.openAlertSink();
          const result = await app.sigma.hunt(app.stores.events, {
            ...(paths.length === 0 ? {} : { paths }),
            ...optional('since', timeOption('--since', options.since)),
            ...optional('until', timeOption('--until', options.until)),
            onAlerts: (alerts) => sink.raise(alerts),
          });
          if (options.json === true) printJson(result);
          else
            note(
              `hunted ${result.events} events since ${result.since} with ${result.rules} rules in ${result.seconds.toFixed(1)} s: ` +
                `${result.matches} matches, ${result.alerts} retrospective alerts (see: chancery alerts)`,
            );
        });
      },
    );
};

function selector_(text: string): Pick<Toggle, 'key' | 'value'> {
  const selector = parseSelector(text);
  if (selector === undefined)
    throw new ChanceryError(
      'CHN_ERR_BAD_REQUEST',
      `'${text}' is not a selector (id:, tag:, level:, status:, logsource:)`,
    );
  return selector;
}

function report(set: RuleSet, json: boolean): void {
  if (json) {
    printJson({ report: set.report, issues: set.issues.map(summarizeIssue) });
    return;
  }
  for (const issue of set.issues)
    process.stdout.write(
      `${formatProblem({ file: issue.at.file, line: issue.at.line, ...optional('column', issue.at.column), message: `${issue.reason}: ${issue.message}` })}\n`,
    );
  const r = set.report;
  note(
    `${r.files} files, ${r.documents} rules: ${r.compiled} detection rules compiled, ${r.correlations} correlations, ${r.filters} filters, ${r.rejected} rejected` +
      (r.rejected > 0
        ? ` (${Object.entries(r.rejectedByReason)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', ')})`
        : ''),
  );
}
