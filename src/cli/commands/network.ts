// `chancery beacons`: scored (source, destination) pairs with their sub-scores, prevalence and
// first sighting, highest first. `chancery analyze`: run the network analytics over stored
// telemetry (by default the last 24 hours) and raise retrospective alerts.
import type { ScoredPair } from '../../detect/network/scored-pair.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

const DAY_MS = 86_400_000;

export const registerNetwork: RegisterCommand = (program, withApp) => {
  program
    .command('beacons')
    .description(
      'Scored pairs from the network analytics (beacons, long connections), highest first',
    )
    .option('--min-score <score>', 'only pairs scoring at least this (0..1)', Number)
    .option('--alerts', 'only pairs that raised alerts')
    .option('-s, --site <id>', 'only pairs of this site')
    .option('-n, --limit <n>', 'pairs per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the pairs as a JSON array (the next cursor goes to stderr)')
    .action(
      async (options: {
        minScore?: number;
        alerts?: boolean;
        site?: string;
        limit: number;
        cursor?: string;
        json?: boolean;
      }) => {
        await withApp(async (app) => {
          const page = await app.stores.network.pairs({
            limit: options.limit,
            ...optional('minScore', options.minScore),
            ...optional('alerts', options.alerts),
            ...optional('site', options.site),
            ...optional('cursor', options.cursor),
          });
          if (options.json === true) printJson(page.pairs);
          else printPairs(page.pairs);
          if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
        });
      },
    );

  program
    .command('analyze')
    .description(
      'Run the network analytics over stored telemetry (alerts are retrospective), then correlate the alerts of the period into incidents',
    )
    .option('--since <time>', 'ISO time, epoch seconds, or a duration back (default: 24h)')
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option('--json', 'print the report as JSON')
    .action(async (options: { since?: string; until?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const since = timeOption('--since', options.since) ?? Date.now() - DAY_MS;
        const { report, alerts } = await app.network.analyzeHistory(app.stores.events, {
          since,
          ...optional('until', timeOption('--until', options.until)),
        });
        await app.openAlertSink().raise(alerts);
        // Alerts raised before incidents existed, or by another process, are correlated too.
        const correlated = await app.incidents.analyze({
          since,
          ...optional('until', timeOption('--until', options.until)),
        });
        if (options.json === true) {
          printJson({ ...report, alerts: alerts.length, incidents: correlated });
          return;
        }
        note(
          `analysed ${report.connections.toLocaleString('en')} outbound connections of ${report.hosts} hosts from ${report.window.start} to ${report.window.end}: ` +
            `${report.pairs.length} pairs, ${report.findings.length} other findings, ${alerts.length} alerts (see: chancery beacons, chancery alerts)`,
        );
        note(
          `correlated ${correlated.alerts} alerts: ${correlated.created} incidents opened, ${correlated.updated} updated, ${correlated.campaigns} campaigns (see: chancery incidents list)`,
        );
      });
    });
};

function printPairs(pairs: readonly ScoredPair[]): void {
  printTable(
    [
      'score',
      'severity',
      'src',
      'dst',
      'conns',
      'beacon',
      'ts',
      'ds',
      'hist',
      'dur',
      'hosts',
      'sites',
      'first seen',
      'country',
    ],
    pairs.map((pair) => [
      pair.score.toFixed(3),
      pair.alert ? `${pair.severity} (alert)` : pair.severity,
      pair.src,
      pair.dst,
      pair.connections,
      pair.beacon?.score.toFixed(3) ?? '',
      pair.beacon?.timestamp ?? '',
      pair.beacon?.data_size ?? '',
      pair.beacon?.histogram ?? '',
      pair.beacon?.duration ?? '',
      pair.prevalence.hosts,
      pair.prevalence.sites,
      pair.first_seen,
      pair.destination.country ?? '',
    ]),
  );
}
