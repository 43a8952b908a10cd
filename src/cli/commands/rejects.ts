// `chancery rejects`: the dead-letter store — every record that could not be ingested, and why.
import { note, printJson, printTable } from '../output.ts';
import { positiveInteger, type RegisterCommand } from './register.ts';

export const registerRejects: RegisterCommand = (program, withApp) => {
  program
    .command('rejects')
    .description('List records that could not be ingested, with file, line and reason')
    .option('--source <path>', 'only rejects from this input')
    .option('-n, --limit <n>', 'rejects per page', positiveInteger, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print as JSON, raw text included')
    .action(
      async (options: { source?: string; limit: number; cursor?: string; json?: boolean }) => {
        await withApp(async (app) => {
          const page = await app.stores.rejects.list({
            limit: options.limit,
            ...(options.source === undefined ? {} : { source: options.source }),
            ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
          });
          if (options.json === true) {
            printJson({
              rejects: page.rejects,
              next_cursor: page.nextCursor ?? null,
              total: await app.stores.rejects.count(),
            });
            return;
          }
          printTable(
            ['source', 'line', 'reason', 'raw'],
            page.rejects.map((r) => [
              r.source,
              r.line,
              r.reason,
              JSON.stringify(r.raw.slice(0, 60)),
            ]),
          );
          note(`${await app.stores.rejects.count()} rejects in all`);
          if (page.nextCursor !== undefined) note(`more: --cursor ${page.nextCursor}`);
        });
      },
    );
};
