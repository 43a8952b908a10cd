// `chancery incidents`: what analysts act on — list, show, update (status, assignee, notes,
// tasks, evidence, severity override, reported), close, response actions, and the report for the
// authority in HTML or PDF.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  INCIDENT_STATUSES,
  SEVERITY_LABELS,
  type Incident,
  type IncidentStatus,
  type ResponseActionKind,
  type SeverityLevel,
} from '../../core/index.ts';
import type { IncidentChanges } from '../../incidents/lifecycle.ts';
import { incidentSummary } from '../../incidents/summary.ts';
import type { App } from '../../main.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

const ACTIONS: readonly ResponseActionKind[] = [
  'isolate-host',
  'block-domain',
  'block-ip',
  'reset-credentials',
  'disinfect-and-verify',
];

export const registerIncidents: RegisterCommand = (program, withApp, setExitCode) => {
  const incidents = program
    .command('incidents')
    .description(
      'Incidents: correlated alerts with severity, lifecycle, response and reporting (docs/incidents.md)',
    );

  incidents
    .command('list')
    .description('Incidents, most severe first, then the latest activity')
    .addOption(
      new Option('--status <status>', 'only this status (open: all but closed)').choices([
        ...INCIDENT_STATUSES,
        'open',
      ]),
    )
    .option('--severity <level>', 'this level (0-5) or worse', levelArgument)
    .option('-s, --site <id>', 'only incidents at this site')
    .option('--campaigns', 'only campaign incidents')
    .option('--since <time>', 'active since (ISO time, epoch seconds, 24h, 7d)')
    .option('-n, --limit <n>', 'incidents per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the incidents as a JSON array (the next cursor goes to stderr)')
    .action(
      async (options: {
        status?: IncidentStatus | 'open';
        severity?: number;
        site?: string;
        campaigns?: boolean;
        since?: string;
        limit: number;
        cursor?: string;
        json?: boolean;
      }) => {
        await withApp(async (app) => {
          const page = await app.stores.incidents.query({
            limit: options.limit,
            ...optional('status', options.status),
            ...optional('severity', options.severity),
            ...optional('site', options.site),
            ...(options.campaigns === true ? { campaigns: true } : {}),
            ...optional('since', timeOption('--since', options.since)),
            ...optional('cursor', options.cursor),
          });
          if (options.json === true) printJson(page.incidents.map(incidentSummary));
          else
            printTable(
              [
                'id',
                'severity',
                'status',
                'category',
                'title',
                'sites',
                'hosts',
                'alerts',
                'last seen',
                'report due',
              ],
              page.incidents.map((incident) => [
                incident.id,
                `${incident.severity.level} ${incident.severity.label}${incident.severity.override === undefined ? '' : ' (override)'}`,
                incident.status,
                incident.category,
                clip(incident.title, 60),
                incident.sites.join(','),
                incident.hosts.length,
                incident.alert_ids.length,
                incident.last_seen,
                incident.deadline.reported_at === undefined
                  ? (incident.deadline.due ?? '')
                  : 'reported',
              ]),
            );
          if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
        });
      },
    );

  incidents
    .command('show')
    .description('One incident whole: severity factors and reasons, hosts, observables, timeline')
    .argument('<id>')
    .option('--json', 'print it as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withApp(async (app) => {
        const incident = await found(app, id, setExitCode);
        if (incident === undefined) return;
        if (options.json === true) printJson(incident);
        else printIncident(incident);
      });
    });

  registerUpdate(incidents, withApp, setExitCode);

  incidents
    .command('act')
    .description('Record a response action and call its webhook, if configured')
    .argument('<id>')
    .addOption(
      new Option('--kind <kind>', 'the action').choices([...ACTIONS]).makeOptionMandatory(),
    )
    .requiredOption('--target <name...>', 'hosts, domains, IPs or users it is for')
    .option('--by <name>', 'who asks for it', process.env.USER ?? 'analyst')
    .action(
      async (id: string, options: { kind: ResponseActionKind; target: string[]; by: string }) => {
        await withApp(async (app) => {
          const incident = await app.incidents.act(id, options.kind, options.target, options.by);
          if (incident === undefined) return missing(id, setExitCode);
          const action = incident.actions.at(-1);
          note(
            `${incident.id}: ${action?.id ?? ''} ${options.kind} ${options.target.join(', ')}: ${action?.result?.status ?? ''}${action?.result?.detail === undefined ? '' : ` (${action.result.detail})`}`,
          );
        });
      },
    );

  incidents
    .command('report')
    .description('The incident report for the authority (CISA required elements), as HTML or PDF')
    .argument('<id>')
    .addOption(
      new Option('--format <format>', 'output format').choices(['html', 'pdf']).default('html'),
    )
    .option('-o, --output <file>', 'write to this file (default: standard output)')
    .option(
      '--send',
      'mail it (HTML and PDF) to incidents.authority_emails and mark the incident reported',
    )
    .option('--by <name>', 'who reports', process.env.USER ?? 'analyst')
    .action(
      async (
        id: string,
        options: { format: 'html' | 'pdf'; output?: string; send?: boolean; by: string },
      ) => {
        await withApp(async (app) => {
          const incident = await found(app, id, setExitCode);
          if (incident === undefined) return;
          const rendered = await app.incidentReport(incident, options.format);
          if (options.output !== undefined) writeFileSync(options.output, rendered);
          else if (options.send !== true) process.stdout.write(rendered);
          if (options.send === true) {
            const result = await app.sendIncidentReport(incident, options.by);
            note(result);
          }
        });
      },
    );
};

function registerUpdate(
  incidents: Command,
  withApp: Parameters<RegisterCommand>[1],
  setExitCode: (code: number) => void,
): void {
  const apply = async (
    app: App,
    id: string,
    changes: IncidentChanges,
    by: string,
  ): Promise<void> => {
    const incident = await app.incidents.update(id, changes, by);
    if (incident === undefined) return missing(id, setExitCode);
    note(
      `${incident.id}: ${incident.status}, severity ${incident.severity.level} (${incident.severity.label})${incident.deadline.due === undefined ? '' : `, report due ${incident.deadline.due}`}`,
    );
  };
  incidents
    .command('update')
    .description('Change an incident; every change is kept in its timeline with who and when')
    .argument('<id>')
    .addOption(
      new Option('--status <status>', 'NIST SP 800-61 phase').choices([...INCIDENT_STATUSES]),
    )
    .option('--assignee <name>')
    .option('--note <text>')
    .option('--task <title>', 'add a task')
    .option('--done <task-id>', 'mark a task done')
    .option('--evidence <value>', 'add evidence (an observable, a file path, an event id, a link)')
    .addOption(
      new Option('--evidence-kind <kind>')
        .choices(['observable', 'file', 'event', 'link'])
        .default('observable'),
    )
    .option(
      '--severity <level>',
      'override the computed severity (0-5); needs --reason',
      levelArgument,
    )
    .option('--reason <text>', 'why the severity is overridden')
    .option('--reported', 'the authority has been notified')
    .option('--by <name>', 'who makes the change', process.env.USER ?? 'analyst')
    .action(
      async (
        id: string,
        options: {
          status?: IncidentStatus;
          assignee?: string;
          note?: string;
          task?: string;
          done?: string;
          evidence?: string;
          evidenceKind: 'observable' | 'file' | 'event' | 'link';
          severity?: SeverityLevel;
          reason?: string;
          reported?: boolean;
          by: string;
        },
      ) => {
        if (options.severity !== undefined && (options.reason ?? '').trim() === '')
          throw new InvalidArgumentError('--severity needs --reason: an override is kept with why');
        const changes: IncidentChanges = {
          ...optional('status', options.status),
          ...optional('assignee', options.assignee),
          ...optional('note', options.note),
          ...(options.task === undefined ? {} : { task: { title: options.task } }),
          ...(options.done === undefined ? {} : { task: { id: options.done, done: true } }),
          ...(options.evidence === undefined
            ? {}
            : { evidence: { kind: options.evidenceKind, value: options.evidence } }),
          ...(options.severity === undefined
            ? {}
            : { override: { level: options.severity, reason: options.reason ?? '' } }),
          ...(options.reported === true ? { reported: true } : {}),
        };
        await withApp((app) => apply(app, id, changes, options.by));
      },
    );
  incidents
    .command('close')
    .description('Close an incident (NIST: post-incident activity done)')
    .argument('<id>')
    .option('--note <text>', 'closing note')
    .option('--by <name>', 'who closes it', process.env.USER ?? 'analyst')
    .action(async (id: string, options: { note?: string; by: string }) => {
      await withApp((app) =>
        apply(app, id, { status: 'closed', ...optional('note', options.note) }, options.by),
      );
    });
}

async function found(
  app: App,
  id: string,
  setExitCode: (code: number) => void,
): Promise<Incident | undefined> {
  const incident = await app.stores.incidents.get(id);
  if (incident === undefined) missing(id, setExitCode);
  return incident;
}

function missing(id: string, setExitCode: (code: number) => void): void {
  note(`no incident ${id}`);
  setExitCode(1);
}

function printIncident(incident: Incident): void {
  const out = (text: string): void => {
    process.stdout.write(`${text}\n`);
  };
  out(`${incident.id}  ${incident.title}`);
  out(
    `status ${incident.status}${incident.assignee === undefined ? '' : `, assigned to ${incident.assignee}`}; category ${incident.category}`,
  );
  out(
    `severity ${incident.severity.level} (${incident.severity.label}), score ${incident.severity.score}${incident.severity.override === undefined ? '' : `; overridden by ${incident.severity.override.by}: ${incident.severity.override.reason}`}`,
  );
  for (const reason of incident.severity.reasons) out(`  - ${reason}`);
  out(`sites ${incident.sites.join(', ')}; hosts ${incident.hosts.join(', ')}`);
  if (incident.members !== undefined) out(`campaign of ${incident.members.join(', ')}`);
  if (incident.campaign_id !== undefined) out(`part of campaign ${incident.campaign_id}`);
  out(`seen ${incident.first_seen} .. ${incident.last_seen}; identified ${incident.created}`);
  out(
    `report to the authority: ${incident.deadline.reported_at !== undefined ? `reported ${incident.deadline.reported_at}` : (incident.deadline.due ?? 'no deadline at this level')}`,
  );
  const metrics = incident.metrics;
  out(
    `time to detect ${seconds(metrics.time_to_detect)}, to report ${seconds(metrics.time_to_report)}, to contain ${seconds(metrics.time_to_contain)}`,
  );
  out('observables');
  for (const observable of incident.observables.slice(0, 50))
    out(`  ${observable.type} ${observable.value}`);
  if (incident.tasks.length > 0) out('tasks');
  for (const task of incident.tasks) out(`  [${task.done ? 'x' : ' '}] ${task.id} ${task.title}`);
  if (incident.actions.length > 0) out('actions');
  for (const action of incident.actions)
    out(
      `  ${action.id} ${action.kind} ${action.targets.join(', ')}: ${action.result?.status ?? 'pending'}`,
    );
  out('timeline');
  for (const entry of incident.timeline)
    out(`  ${entry.at}  ${entry.by.padEnd(10)} ${entry.kind.padEnd(13)} ${entry.text}`);
  out(`alerts ${incident.alert_ids.length}`);
}

function seconds(value: number | undefined): string {
  if (value === undefined) return '-';
  if (value < 120) return `${Math.round(value)} s`;
  if (value < 7200) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function levelArgument(value: string): SeverityLevel {
  const level = Number(value);
  if (!Number.isInteger(level) || level < 0 || level > 5)
    throw new InvalidArgumentError(
      `'${value}' is not a severity level (0-5: ${SEVERITY_LABELS.join(', ')})`,
    );
  return level as SeverityLevel;
}
