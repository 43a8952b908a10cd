// `chancery mail`: verdicts of analyzed mail, campaigns and waves, a one-off check of message
// files, and re-analysis of stored mail (after the organization profile changed, say).
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import type { MailVerdict } from '../../detect/mail/analysis.ts';
import { VERDICTS, type Verdict } from '../../detect/mail/verdict/grade.ts';
import { note, printJson, printTable } from '../output.ts';
import { optional, timeOption } from '../options.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

const DAY_MS = 86_400_000;

export const registerMail: RegisterCommand = (program, withApp) => {
  const mail = program
    .command('mail')
    .description('Mail analysis: verdicts, campaigns, checking messages, re-analysis');

  mail
    .command('verdicts')
    .description('Verdicts of analyzed mail, newest first')
    .addOption(
      new Option('-v, --verdict <verdicts...>', 'only these verdicts').choices([...VERDICTS]),
    )
    .option('--since <time>', 'ISO time, epoch seconds, or a duration back from now (24h, 7d)')
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option('-s, --site <id>', 'only mail ingested for this site')
    .option('-n, --limit <n>', 'verdicts per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the verdicts as a JSON array (the next cursor goes to stderr)')
    .action(
      async (options: {
        verdict?: Verdict[];
        since?: string;
        until?: string;
        site?: string;
        limit: number;
        cursor?: string;
        json?: boolean;
      }) => {
        await withApp(async (app) => {
          const page = await app.stores.mail.verdicts({
            limit: options.limit,
            ...optional('verdicts', options.verdict),
            ...optional('since', timeOption('--since', options.since)),
            ...optional('until', timeOption('--until', options.until)),
            ...optional('site', options.site),
            ...optional('cursor', options.cursor),
          });
          if (options.json === true) printJson(page.verdicts);
          else printVerdicts(page.verdicts);
          if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
        });
      },
    );

  mail
    .command('campaigns')
    .description('Group recent non-clean mail into campaigns and report waves')
    .option('--until <time>', 'group the mail before this time (default: now)')
    .option('--json', 'print the campaigns and waves as JSON')
    .action(async (options: { until?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const until = timeOption('--until', options.until);
        const report = await app.mail.regroup(until === undefined ? new Date() : new Date(until));
        if (options.json === true) {
          printJson(report);
          return;
        }
        printTable(
          ['campaign', 'verdict', 'messages', 'first seen', 'last seen', 'sites', 'grouped by'],
          report.campaigns.map((campaign) => [
            campaign.id,
            campaign.verdict,
            campaign.messages,
            campaign.first_seen,
            campaign.last_seen,
            campaign.sites.join(' '),
            campaign.shared[0] ?? '',
          ]),
        );
        for (const wave of report.waves)
          note(
            `wave: ${wave.messages} messages in the hour from ${wave.start} (usual ${wave.baseline})`,
          );
      });
    });

  mail
    .command('check')
    .description('Analyze message files (.eml) and print their verdicts without storing anything')
    .argument('<files...>', 'RFC 5322 message files')
    .option('--json', 'print the verdicts as a JSON array')
    .action(async (files: string[], options: { json?: boolean }) => {
      await withApp(async (app) => {
        const analyzer = app.mail.checker();
        const verdicts: MailVerdict[] = [];
        for (const file of files) verdicts.push(await analyzer.analyze(readFileSync(file)));
        if (options.json === true) printJson(verdicts);
        else printVerdicts(verdicts, true);
      });
    });

  mail
    .command('analyze')
    .description('Analyze stored mail again and raise retrospective alerts')
    .option('--since <time>', 'ISO time, epoch seconds, or a duration back (default: 30d)')
    .option('--until <time>', 'exclusive end, same forms as --since')
    .option('--json', 'print the counts as JSON')
    .action(async (options: { since?: string; until?: string; json?: boolean }) => {
      await withApp(async (app) => {
        const since = timeOption('--since', options.since) ?? Date.now() - 30 * DAY_MS;
        const until = timeOption('--until', options.until);
        const sink = app.openAlertSink();
        const counts: Record<string, number> = { messages: 0, alerts: 0, unreadable: 0 };
        let cursor: string | undefined;
        do {
          const page = await app.stores.events.query({
            since,
            ...optional('until', until),
            where: [{ field: 'event.dataset', op: '=', value: 'email.message' }],
            order: 'asc',
            limit: 500,
            ...optional('cursor', cursor),
          });
          const result = await app.mail.analyzeEvents(page.events, { retrospective: true });
          await sink.raise(result.alerts);
          counts.messages = (counts.messages ?? 0) + result.verdicts.length;
          counts.alerts = (counts.alerts ?? 0) + result.alerts.length;
          counts.unreadable = (counts.unreadable ?? 0) + result.unreadable.length;
          for (const verdict of result.verdicts)
            counts[verdict.verdict] = (counts[verdict.verdict] ?? 0) + 1;
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        if (options.json === true) printJson(counts);
        else
          note(
            Object.entries(counts)
              .map(([key, value]) => `${key} ${value}`)
              .join(', '),
          );
      });
    });
};

function printVerdicts(verdicts: readonly MailVerdict[], withReasons = false): void {
  printTable(
    ['date', 'verdict', 'score', 'from', 'to', 'subject', 'attachments'],
    verdicts.map((verdict) => [
      verdict.date,
      verdict.verdict,
      verdict.score,
      verdict.from,
      [...verdict.to, ...verdict.cc].slice(0, 3).join(' '),
      verdict.subject.slice(0, 60),
      verdict.attachments.filter((attachment) => !attachment.path.includes('/')).length,
    ]),
  );
  if (!withReasons) return;
  for (const verdict of verdicts) {
    note(`${verdict.subject.slice(0, 60) || '(no subject)'}: ${verdict.verdict} ${verdict.score}`);
    for (const reason of verdict.reasons) note(`  - ${reason}`);
  }
}
