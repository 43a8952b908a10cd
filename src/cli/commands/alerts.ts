// `chancery alerts`: the common alert stream as stored — every detector's alerts, newest first,
// one line each, with the rule's author as the Detection Rule License asks.
import { Option, type Command } from 'commander';
import {
  ALERT_LEVELS,
  DETECTORS,
  type Alert,
  type AlertLevel,
  type Detector,
} from '../../core/index.ts';
import type { AlertQuery } from '../../storage/ports.ts';
import { optional, timeOption } from '../options.ts';
import { note, printJson, printTable } from '../output.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

interface AlertsOptions {
  since?: string;
  until?: string;
  level?: AlertLevel;
  rule?: string;
  site?: string;
  host?: string;
  detector?: Detector;
  retrospective?: boolean;
  limit: number;
  cursor?: string;
  asc?: boolean;
  json?: boolean;
}

export const registerAlerts: RegisterCommand = (program, withApp) => {
  const alerts = program
    .command('alerts')
    .description('List alerts from every detector, newest first');
  listAlerts(alerts, withApp);
  // `chancery alerts list` is the same listing, for symmetry with `incidents list`.
  listAlerts(
    alerts.command('list').description('List alerts from every detector, newest first'),
    withApp,
  );
};

function listAlerts(command: Command, withApp: Parameters<RegisterCommand>[1]): void {
  command
    .option('--since <time>', 'ISO time, epoch seconds, or a duration back from now (24h, 7d)')
    .option('--until <time>', 'exclusive end, same forms as --since')
    .addOption(new Option('-l, --level <level>', 'this level or worse').choices([...ALERT_LEVELS]))
    .option('-r, --rule <id>', 'only alerts of this rule')
    .option('-s, --site <id>', 'only this site')
    .option('-H, --host <name-or-ip>', 'only this host')
    .addOption(new Option('--detector <name>', 'only this detector').choices([...DETECTORS]))
    .option('--retrospective', 'only alerts found by hunts')
    .option('--live', 'only alerts raised as telemetry arrived')
    .option('-n, --limit <n>', 'alerts per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--asc', 'oldest first')
    .option('--json', 'print the alerts as a JSON array (the next cursor goes to stderr)')
    .action(async (own: AlertsOptions & { live?: boolean }, self: Command) => {
      // Under `alerts list`, options written after `list` may have been taken by `alerts`.
      const options = { ...(self.parent?.opts() ?? {}), ...own } as AlertsOptions & {
        live?: boolean;
      };
      const query: AlertQuery = {
        limit: options.limit,
        order: options.asc === true ? 'asc' : 'desc',
        ...optional('since', timeOption('--since', options.since)),
        ...optional('until', timeOption('--until', options.until)),
        ...optional('level', options.level),
        ...optional('ruleId', options.rule),
        ...optional('site', options.site),
        ...optional('host', options.host),
        ...optional('detector', options.detector),
        ...optional('retrospective', mode(options)),
        ...optional('cursor', options.cursor),
      };
      await withApp(async (app) => {
        const page = await app.stores.alerts.query(query);
        if (options.json === true) printJson(page.alerts);
        else
          printTable(
            ['@timestamp', 'level', 'rule', 'author', 'site', 'host', 'count'],
            page.alerts.map(row),
          );
        if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
      });
    });
}

/** `--retrospective` and `--live` each narrow to one kind; both (or neither) mean all. */
function mode(options: { retrospective?: boolean; live?: boolean }): boolean | undefined {
  const retrospective = options.retrospective === true;
  const live = options.live === true;
  return retrospective === live ? undefined : retrospective;
}

function row(alert: Alert): unknown[] {
  return [
    alert['@timestamp'],
    alert.retrospective ? `${alert.level} (hunt)` : alert.level,
    alert.rule.name,
    alert.rule.author ?? '',
    alert.site?.id ?? '',
    alert.host ?? '',
    alert.count,
  ];
}
