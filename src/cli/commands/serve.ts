// `chancery serve`: the API and the configured syslog listeners, until SIGINT or SIGTERM.
// On the very first start it creates an admin token and prints it once.
import { buildServer } from '../../api/server.ts';
import { startSyslogListeners } from '../../pipeline/syslog-listeners.ts';
import { note } from '../output.ts';
import type { RegisterCommand } from './register.ts';

export const registerServe: RegisterCommand = (program, withApp) => {
  program
    .command('serve')
    .description('Start the API (and syslog listeners when configured)')
    .option('--host <address>', 'listen address (default from config: server.host)')
    .option('-p, --port <port>', 'listen port (default from config: server.port)')
    .action(async (options: { host?: string; port?: string }) => {
      await withApp(async (app) => {
        const server = app.config.config.server;
        if ((await app.stores.tokens.list()).length === 0) {
          const { secret } = await app.stores.tokens.create('first admin', 'admin');
          note('First start: created an admin API token. It is shown only now; keep it safe:');
          process.stdout.write(`\n  ${secret}\n\n`);
          note("Create more with 'chancery tokens create NAME --role analyst|viewer|ingest'.");
        }
        const api = await buildServer(app, {
          logger: { level: 'info', redact: ['req.headers.authorization'] },
        });
        const address = await api.listen({
          host: options.host ?? server.host,
          port: options.port === undefined ? server.port : Number(options.port),
        });
        const listeners = await startSyslogListeners(
          app.config.config,
          app.ingestor.deps,
          await app.stores.sites.list(),
        );
        note(
          `Chancery API on ${address}/api/v1 (data in ${app.config.dataDir}, config ${app.config.file})`,
        );
        for (const l of listeners) note(`syslog ${l.protocol} listening on ${l.address}:${l.port}`);
        // Telemetry that arrived since the last analysis is scored even when no more comes.
        const flush = setInterval(() => {
          app.flushDetectors().catch((error: unknown) => {
            note(`analysis failed: ${(error as Error).message}`);
          });
        }, app.config.config.network.interval_seconds * 1000);
        flush.unref();
        // Reporting deadlines are watched every 30 s: an escalation is never more than that late.
        const deadlines = setInterval(() => {
          app.incidents.tick().catch((error: unknown) => {
            note(`deadline check failed: ${(error as Error).message}`);
          });
        }, 30_000);
        deadlines.unref();
        await new Promise<void>((resolve) => {
          const stop = (): void => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        note('stopping...');
        clearInterval(flush);
        clearInterval(deadlines);
        await Promise.all(listeners.map((l) => l.close()));
        await api.close();
      });
    });
};
