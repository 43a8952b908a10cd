// `chancery org import FILE` and `chancery org show`: the organization profile in the config file.
import { ChanceryError } from '../../core/index.ts';
import { importOrganization, loadConfig } from '../../config/load.ts';
import { note, printJson } from '../output.ts';
import type { RegisterCommand } from './register.ts';

export const registerOrg: RegisterCommand = (program) => {
  const org = program
    .command('org')
    .description('The organization profile (name, mail domains, watch countries)');
  const location = () => {
    const options = program.opts<{ config?: string; dataDir?: string }>();
    return {
      ...(options.config === undefined ? {} : { configPath: options.config }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    };
  };
  org
    .command('import')
    .description(
      'Merge a JSON profile {name, domains, watch_countries} into the configuration file',
    )
    .argument('<file>', 'JSON file')
    .action((file: string) => {
      const loaded = loadConfig(location()); // creates the default file if needed, and validates it
      try {
        const profile = importOrganization(loaded.file, file);
        note(
          `${loaded.file}: organization '${profile.name}', ${profile.domains.length} domains, ${profile.watch_countries.length} watch countries`,
        );
      } catch (error) {
        if (error instanceof ChanceryError) throw error;
        throw new ChanceryError(
          'CHN_ERR_INPUT_NOT_FOUND',
          `Cannot read ${file}: ${(error as Error).message}`,
        );
      }
    });
  org
    .command('show')
    .description('Print the organization profile and where it is configured')
    .action(() => {
      const { config, file } = loadConfig(location());
      printJson({
        config_file: file,
        name: config.name,
        domains: config.domains,
        watch_countries: config.watch_countries,
      });
    });
};
