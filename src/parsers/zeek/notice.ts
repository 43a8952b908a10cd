// notice.log (Zeek's own alerting: an alert named by its `note`) and weird.log (protocol
// anomalies: plain events named by `name`) -> ECS.
import type { EventDraft } from '../../core/index.ts';
import { numeric, text } from './record.ts';
import type { LogSpec } from './spec.ts';

export const notice: LogSpec = {
  consumed: ['note', 'msg', 'src', 'dst', 'p', 'proto', 'file_mime_type'],
  map(r, d) {
    d.event.kind = 'alert';
    d.event.category = ['intrusion_detection'];
    d.event.type = ['info'];
    // Notices about a host rather than a connection name it in src/dst/p instead of id.*.
    if (d.source === undefined) {
      const src = text(r.src);
      if (src !== undefined) d.source = { ip: src };
    }
    if (d.destination === undefined) {
      const dst = text(r.dst);
      if (dst !== undefined) {
        const port = numeric(r.p);
        d.destination = port === undefined ? { ip: dst } : { ip: dst, port };
      }
    }
    const proto = text(r.proto);
    if (proto !== undefined) d.network = { transport: proto };
    const note = text(r.note);
    if (note !== undefined) {
      d.rule = { name: note };
      d.event.action = note;
    }
    const message = text(r.msg);
    if (message !== undefined) d.message = message;
    const mime = text(r.file_mime_type);
    if (mime !== undefined) d.file = { mime_type: mime };
  },
};

export const weird: LogSpec = {
  consumed: [],
  map(r, d: EventDraft) {
    d.event.category = ['network'];
    d.event.type = ['info'];
    const name = text(r.name);
    if (name !== undefined) d.event.action = name;
  },
};
