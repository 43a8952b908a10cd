// `chancery events`: search stored events by site, host, time and field values.
import type { EcsEvent } from '../../core/index.ts';
import { parseFieldFilter } from '../../storage/field-filter.ts';
import type { EventQuery } from '../../storage/ports.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

interface EventsOptions {
  site?: string;
  host?: string;
  since?: string;
  until?: string;
  where: string[];
  limit: number;
  cursor?: string;
  asc?: boolean;
  json?: boolean;
}

export const registerEvents: RegisterCommand = (program, withApp) => {
  program
    .command('events')
    .description('Search stored events, newest first')
    .option('-s, --site <id>', 'only this site')
    .option('-H, --host <name-or-ip>', 'host name, source or destination address')
    .option('--since <time>', 'ISO time, epoch seconds, or a duration back from now (24h, 7d)')
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option(
      '-w, --where <field=value>',
      'ECS field filter, repeatable; * is a wildcard, != negates',
      collect,
      [],
    )
    .option('-n, --limit <n>', 'events per page', positiveInteger, 20)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--asc', 'oldest first')
    .option('--json', 'print events as JSON (one page, with the next cursor)')
    .action(async (options: EventsOptions) => {
      const query: EventQuery = {
        limit: options.limit,
        where: options.where.map(parseFieldFilter),
        order: options.asc === true ? 'asc' : 'desc',
        ...optional('site', options.site),
        ...optional('host', options.host),
        ...optional('cursor', options.cursor),
        ...optional('since', timeOption('--since', options.since)),
        ...optional('until', timeOption('--until', options.until)),
      };
      await withApp(async (app) => {
        const page = await app.stores.events.query(query);
        if (options.json === true) {
          printJson({ events: page.events, next_cursor: page.nextCursor ?? null });
          return;
        }
        printTable(['@timestamp', 'dataset', 'site', 'host', 'summary'], page.events.map(row));
        if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
      });
    });
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function row(event: EcsEvent): unknown[] {
  const host = event.host?.name ?? event.source?.ip ?? '';
  return [event['@timestamp'], event.event.dataset, event.site?.id ?? '', host, summarize(event)];
}

/** A short human line per event: what an analyst scans for first. */
function summarize(event: EcsEvent): string {
  const parts: string[] = [];
  if (event.event.action !== undefined) parts.push(event.event.action);
  if (event.destination?.ip !== undefined)
    parts.push(
      `-> ${event.destination.ip}${event.destination.port === undefined ? '' : `:${event.destination.port}`}`,
    );
  if (event.dns?.question?.name !== undefined) parts.push(`dns ${event.dns.question.name}`);
  if (event.url?.domain !== undefined)
    parts.push(`url ${event.url.domain}${event.url.original ?? ''}`);
  if (event.process?.command_line !== undefined) parts.push(event.process.command_line);
  if (event.email?.subject !== undefined) parts.push(`mail "${event.email.subject}"`);
  if (event.message !== undefined && parts.length === 0) parts.push(event.message);
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, 120);
}
