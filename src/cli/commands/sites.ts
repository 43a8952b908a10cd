// `chancery sites import FILE` and `chancery sites list`: the registry of offices and their networks.
import { readFileSync } from 'node:fs';
import { ChanceryError } from '../../core/index.ts';
import { readSiteCsv } from '../../enrich/site/registry-csv.ts';
import { note, printJson, printTable } from '../output.ts';
import type { RegisterCommand } from './register.ts';

export const registerSites: RegisterCommand = (program, withApp) => {
  const sites = program
    .command('sites')
    .description('The site registry (offices and their address ranges)');
  sites
    .command('import')
    .description(
      'Replace the registry from CSV: id,name,country,timezone_offset,open_cidrs,closed_cidrs[,extra...]',
    )
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      const { sites: parsed, problems } = readSiteCsv(readInput(file), file);
      if (problems.length > 0) {
        throw new ChanceryError(
          'CHN_ERR_SITES_INVALID',
          `${file}: ${problems.length} problem(s); nothing was imported`,
          problems,
        );
      }
      await withApp(async (app) => {
        await app.stores.sites.replaceAll(parsed);
        note(`imported ${parsed.length} sites`);
      });
    });
  sites
    .command('list')
    .description('List the sites')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withApp(async (app) => {
        const list = await app.stores.sites.list();
        if (options.json === true) {
          printJson(list);
          return;
        }
        printTable(
          ['id', 'name', 'country', 'utc offset', 'open', 'closed'],
          list.map((s) => [
            s.id,
            s.name,
            s.country,
            formatOffset(s.timezoneOffsetMinutes),
            s.openCidrs.join(' '),
            s.closedCidrs.join(' '),
          ]),
        );
      });
    });
};

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ChanceryError(
      'CHN_ERR_INPUT_NOT_FOUND',
      `Cannot read ${file}: ${(error as Error).message}`,
    );
  }
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
