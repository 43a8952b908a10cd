// Starts the syslog listeners the configuration asks for and feeds them into stream ingest.
import type { Server } from 'node:net';
import type { Socket } from 'node:dgram';
import type { Config } from '../config/schema.ts';
import { ChanceryError, type Site } from '../core/index.ts';
import { parseSyslogMessage } from '../parsers/syslog/index.ts';
import { listenSyslogTcp } from '../sources/syslog-tcp.ts';
import { listenSyslogUdp, type MessageHandler } from '../sources/syslog-udp.ts';
import type { IngestorDeps } from './ingestor.ts';
import { StreamIngest } from './stream-ingest.ts';

export interface RunningListener {
  protocol: 'udp' | 'tcp';
  address: string;
  port: number;
  ingest: StreamIngest;
  close(): Promise<void>;
}

export async function startSyslogListeners(
  config: Config,
  deps: IngestorDeps,
  sites: readonly Site[],
): Promise<RunningListener[]> {
  const running: RunningListener[] = [];
  for (const protocol of ['udp', 'tcp'] as const) {
    const listener = config.syslog[protocol];
    if (listener === undefined) continue;
    const site =
      listener.site === undefined ? undefined : sites.find((s) => s.id === listener.site);
    if (listener.site !== undefined && site === undefined) {
      throw new ChanceryError(
        'CHN_ERR_LISTENER',
        `syslog.${protocol}.site '${listener.site}' is not in the site registry`,
      );
    }
    const ingest = new StreamIngest(deps, 'syslog', site);
    const handler: MessageHandler = {
      message: (text, peer) => ingest.accept(parseSyslogMessage(text, new Date()), text, peer),
      reject: (peer, reason, raw, rawBytes) => ingest.reject(peer, reason, raw, rawBytes),
    };
    const maxBytes = deps.limits.max_line_bytes;
    try {
      if (protocol === 'udp') {
        const socket: Socket = await listenSyslogUdp(
          listener.host,
          listener.port,
          maxBytes,
          handler,
        );
        const bound = socket.address();
        running.push({
          protocol,
          address: bound.address,
          port: bound.port,
          ingest,
          close: async () => {
            socket.close();
            await ingest.close();
          },
        });
      } else {
        const server: Server = await listenSyslogTcp(
          listener.host,
          listener.port,
          maxBytes,
          handler,
        );
        const bound = server.address() as { address: string; port: number };
        running.push({
          protocol,
          address: bound.address,
          port: bound.port,
          ingest,
          close: async () => {
            await new Promise((r) => server.close(r));
            await ingest.close();
          },
        });
      }
    } catch (error) {
      await ingest.close();
      throw new ChanceryError(
        'CHN_ERR_LISTENER',
        `syslog ${protocol} on ${listener.host}:${listener.port}: ${(error as Error).message}`,
      );
    }
  }
  return running;
}
