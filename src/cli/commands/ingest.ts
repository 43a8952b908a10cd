// `chancery ingest PATH... [--site ID] [--format F]`: read files, directories or stdin.
import { ChanceryError } from '../../core/index.ts';
import { FORMATS, formatByType } from '../../parsers/registry.ts';
import type { IngestReport } from '../../pipeline/ingest-summary.ts';
import { note, printJson, printTable } from '../output.ts';
import { progressBar } from '../progress.ts';
import type { RegisterCommand } from './register.ts';

export const registerIngest: RegisterCommand = (program, withApp, setExitCode) => {
  program
    .command('ingest')
    .description(
      'Ingest telemetry files, directories (recursively) or - for stdin; format detected per file',
    )
    .argument('<paths...>', 'files, directories, or - for standard input')
    .option('-s, --site <id>', 'site of every event (overrides the address match)')
    .option('-f, --format <type>', `skip detection: ${FORMATS.map((f) => f.type).join(', ')}`)
    .option('--json', 'print the summary as JSON')
    .action(
      async (paths: string[], options: { site?: string; format?: string; json?: boolean }) => {
        await withApp(async (app) => {
          const format = options.format === undefined ? undefined : formatByType(options.format);
          if (options.format !== undefined && format === undefined) {
            throw new ChanceryError(
              'CHN_ERR_FORMAT_UNKNOWN',
              `Unknown format '${options.format}'; known: ${FORMATS.map((f) => f.type).join(', ')}`,
            );
          }
          const site =
            options.site === undefined
              ? undefined
              : (await app.stores.sites.list()).find((s) => s.id === options.site);
          if (options.site !== undefined && site === undefined) {
            throw new ChanceryError(
              'CHN_ERR_NOT_FOUND',
              `No site '${options.site}'; import the registry with 'chancery sites import FILE'`,
            );
          }
          const bar = progressBar();
          const summary = await app.ingestor.ingestPaths(paths, {
            ...(site === undefined ? {} : { site }),
            ...(format === undefined ? {} : { format }),
            onProgress: (progress) => bar.update(progress),
          });
          bar.done();
          await app.flushDetectors();
          const report = summary.toJSON();
          if (options.json === true) printJson(report);
          else printReport(report);
          if (report.files.some((file) => file.problem === 'no such file or directory'))
            setExitCode(1);
        });
      },
    );
};

function printReport(report: IngestReport): void {
  const rows = Object.entries(report.datasets).map(([dataset, count]) => [dataset, count]);
  if (rows.length > 0) printTable(['dataset', 'events'], rows);
  for (const file of report.files) {
    if (file.problem !== undefined) note(`${file.source}: ${file.problem}`);
  }
  note(
    `${report.events.toLocaleString('en-US')} events (${report.inserted.toLocaleString('en-US')} new, ` +
      `${report.duplicates.toLocaleString('en-US')} already stored), ${report.rejected} rejected, ` +
      `${report.files.length} inputs in ${report.seconds.toFixed(2)} s, ${report.events_per_second.toLocaleString('en-US')} events/s`,
  );
  if (report.rejected > 0) note("See the rejected records with 'chancery rejects'.");
}
