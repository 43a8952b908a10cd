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
      const { address, port, stop } = await listen(
        protocol,
        listener.host,
        listener.port,
        maxBytes,
        handler,
      );
      running.push({
        protocol,
        address,
        port,
        ingest,
        close: async () => {
          await stop();
          await ingest.close();
        },
      });
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

interface Bound {
  address: string;
  port: number;
  stop: () => Promise<void>;
}

async function listen(
  protocol: 'udp' | 'tcp',
  host: string,
  port: number,
  maxBytes: number,
  handler: MessageHandler,
): Promise<Bound> {
  if (protocol === 'udp') {
    const socket: Socket = await listenSyslogUdp(host, port, maxBytes, handler);
    const bound = socket.address();
    return {
      address: bound.address,
      port: bound.port,
      stop: () => new Promise((r) => socket.close(() => r())),
    };
  }
  const server: Server = await listenSyslogTcp(host, port, maxBytes, handler);
  const bound = server.address() as { address: string; port: number };
  return {
    address: bound.address,
    port: bound.port,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
