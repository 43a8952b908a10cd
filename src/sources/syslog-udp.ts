// Syslog over UDP (RFC 5426): one datagram is one message.
import { createSocket, type Socket } from 'node:dgram';

export interface MessageHandler {
  message(text: string, peer: string): void;
  /** A message that could not even be framed (too long, invalid UTF-8). */
  reject(peer: string, reason: string, raw: string, rawBytes: number): void;
}

export function listenSyslogUdp(
  host: string,
  port: number,
  maxBytes: number,
  handler: MessageHandler,
): Promise<Socket> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (datagram, remote) => {
    const peer = `syslog-udp:${remote.address}`;
    if (datagram.length > maxBytes) {
      handler.reject(
        peer,
        `datagram of ${datagram.length} bytes exceeds ${maxBytes} bytes`,
        datagram.subarray(0, 256).toString('utf8'),
        datagram.length,
      );
      return;
    }
    handler.message(datagram.toString('utf8').replace(/[\r\n\0]+$/, ''), peer);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
