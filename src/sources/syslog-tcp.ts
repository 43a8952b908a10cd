// Syslog over TCP (RFC 6587): octet-counted frames (`LEN SP MSG`) or newline-delimited messages,
// chosen per connection by its first byte. An over-long frame closes the connection.
import { createServer, type Server, type Socket } from 'node:net';
import { LineSplitter } from './line-splitter.ts';
import type { MessageHandler } from './syslog-udp.ts';

export function listenSyslogTcp(
  host: string,
  port: number,
  maxBytes: number,
  handler: MessageHandler,
): Promise<Server> {
  const server = createServer((socket) => handleConnection(socket, maxBytes, handler));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function handleConnection(socket: Socket, maxBytes: number, handler: MessageHandler): void {
  const peer = `syslog-tcp:${socket.remoteAddress ?? 'unknown'}`;
  let mode: 'octet' | 'line' | undefined;
  let pending: Buffer = Buffer.alloc(0);
  const lines = new LineSplitter(
    {
      line: (text) => {
        if (text !== '') handler.message(text, peer);
      },
      reject: (_line, reason, raw, rawBytes) => handler.reject(peer, reason, raw, rawBytes),
    },
    { maxLineBytes: maxBytes, keepBytes: 256 },
  );
  socket.on('data', (chunk: Buffer) => {
    mode ??= chunk[0] !== undefined && chunk[0] >= 0x30 && chunk[0] <= 0x39 ? 'octet' : 'line';
    if (mode === 'line') {
      lines.push(chunk);
      return;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      const space = pending.indexOf(0x20);
      if (space === -1 || space > 10) {
        if (space > 10 || pending.length > 10) fail(`invalid octet-count frame header`);
        return;
      }
      const length = Number(pending.subarray(0, space).toString('latin1'));
      if (!Number.isSafeInteger(length) || length <= 0)
        return fail('invalid octet-count frame header');
      if (length > maxBytes) return fail(`frame of ${length} bytes exceeds ${maxBytes} bytes`);
      if (pending.length < space + 1 + length) return;
      handler.message(
        pending
          .subarray(space + 1, space + 1 + length)
          .toString('utf8')
          .replace(/[\r\n]+$/, ''),
        peer,
      );
      pending = pending.subarray(space + 1 + length);
    }
  });
  socket.on('end', () => {
    if (mode === 'line') lines.end();
  });
  socket.on('error', () => socket.destroy());

  function fail(reason: string): void {
    handler.reject(
      peer,
      `${reason}; connection closed`,
      pending.subarray(0, 256).toString('utf8'),
      pending.length,
    );
    pending = Buffer.alloc(0);
    socket.destroy();
  }
}
