// The `chancery` command line: global options, the command registry, and error reporting.
import { Command, CommanderError } from 'commander';
import { ChanceryError, describeError } from '../core/index.ts';
import { openApp, type App } from '../main.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerMail } from './commands/mail.ts';
import { registerIncidents } from './commands/incidents.ts';
import { registerIntel } from './commands/intel.ts';
import { registerNetwork } from './commands/network.ts';
import { registerRules } from './commands/rules.ts';
import { registerEvents } from './commands/events.ts';
import { registerFormats } from './commands/formats.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerOrg } from './commands/org.ts';
import { registerRejects } from './commands/rejects.ts';
import { registerServe } from './commands/serve.ts';
import { registerSites } from './commands/sites.ts';
import { registerTokens } from './commands/tokens.ts';

/** Runs `body` with the application opened from the global options, and closes it after. */
export type WithApp = <T>(body: (app: App) => Promise<T>) => Promise<T>;

const COMMANDS = [
  registerServe,
  registerIngest,
  registerEvents,
  registerAlerts,
  registerRules,
  registerMail,
  registerNetwork,
  registerIntel,
  registerIncidents,
  registerRejects,
  registerSites,
  registerOrg,
  registerTokens,
  registerFormats,
];

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('chancery')
    .description('Security monitoring and incident response for organizations with many sites')
    .option(
      '-c, --config <file>',
      'configuration file (default: $CHANCERY_CONFIG or <data-dir>/chancery.yaml)',
    )
    .option(
      '-d, --data-dir <dir>',
      'data directory (default: $CHANCERY_DATA_DIR or ./chancery-data)',
    )
    .exitOverride()
    .showHelpAfterError();
  const withApp: WithApp = async (body) => {
    const options = program.opts<{ config?: string; dataDir?: string }>();
    const app = await openApp({
      ...(options.config === undefined ? {} : { configPath: options.config }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
    try {
      return await body(app);
    } finally {
      await app.close();
    }
  };
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  for (const register of COMMANDS) register(program, withApp, setExitCode);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ChanceryError) {
      process.stderr.write(`${describeError(error)}\n`);
      return 1;
    }
    process.stderr.write(`chancery: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
