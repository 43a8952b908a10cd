// files.log -> ECS file.*. Zeek >= 5.1 gives the connection (uid, id.*); older logs only the
// sending and receiving hosts (tx_hosts/rx_hosts) and conn_uids, mapped here so that source is
// still the connection's originator, as in conn.log.
import type { EventDraft } from '../../core/index.ts';
import { first, flag, hasKeys, numeric, text } from './record.ts';
import type { LogSpec } from './spec.ts';

type File = NonNullable<EventDraft['file']>;

export const files: LogSpec = {
  consumed: ['filename', 'mime_type', 'total_bytes', 'md5', 'sha1', 'sha256'],
  renames: { conn_uids: 'session_ids' },
  map(r, d) {
    d.event.category = ['file'];
    d.event.type = ['info'];
    if (d.source === undefined && d.destination === undefined) {
      const sender = first(r.tx_hosts);
      const receiver = first(r.rx_hosts);
      // is_orig: the file travelled from the originator, so the originator was the sender.
      const fromResponder = flag(r.is_orig) === false;
      const origin = fromResponder ? receiver : sender;
      const target = fromResponder ? sender : receiver;
      if (origin !== undefined) d.source = { ip: origin };
      if (target !== undefined) d.destination = { ip: target };
    }

    const file: File = {};
    const name = text(r.filename);
    if (name !== undefined) {
      file.name = name;
      const dot = name.lastIndexOf('.');
      if (dot > 0 && dot < name.length - 1 && name.indexOf('/', dot) === -1)
        file.extension = name.slice(dot + 1).toLowerCase();
    }
    const mime = text(r.mime_type);
    if (mime !== undefined) file.mime_type = mime;
    const size = numeric(r.total_bytes) ?? numeric(r.seen_bytes);
    if (size !== undefined) file.size = size;
    const md5 = text(r.md5);
    const sha1 = text(r.sha1);
    const sha256 = text(r.sha256);
    if (md5 !== undefined || sha1 !== undefined || sha256 !== undefined) {
      const hash: NonNullable<File['hash']> = {};
      if (md5 !== undefined) hash.md5 = md5.toLowerCase();
      if (sha1 !== undefined) hash.sha1 = sha1.toLowerCase();
      if (sha256 !== undefined) hash.sha256 = sha256.toLowerCase();
      file.hash = hash;
    }
    if (hasKeys(file)) d.file = file;
  },
};
