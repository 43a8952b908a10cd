// `chancery formats`: the input formats Chancery reads, as `--format` names them.
import { FORMATS } from '../../parsers/registry.ts';
import { printTable } from '../output.ts';
import type { RegisterCommand } from './register.ts';

export const registerFormats: RegisterCommand = (program) => {
  program
    .command('formats')
    .description('List the input formats and their --format names')
    .action(() => {
      printTable(
        ['format', 'framing', 'description'],
        FORMATS.map((f) => [f.type, f.framing, f.description]),
      );
    });
};
