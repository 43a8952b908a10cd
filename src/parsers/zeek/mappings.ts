// Zeek record -> ECS event, for any log type. Fields every log shares (ts, uid, id.*, the cluster
// node) are mapped here; conn, dns, http, ssl, x509, files, notice and weird have their own ECS
// mappings (following Elastic's Zeek integration); every field a mapping does not carry is kept
// under `zeek.<log>` with its Zeek name, dotted names as nested objects (see vendor.ts), so
// logs without a mapping (ntp, sip, ssh, dhcp, software, ...) lose nothing either.
import type { EventDraft } from '../../core/index.ts';
import { ParseFailure } from '../parser.ts';
import { conn } from './conn.ts';
import { dns } from './dns.ts';
import { files } from './files.ts';
import { http } from './http.ts';
import { notice, weird } from './notice.ts';
import { numeric, text, type ZeekRecord } from './record.ts';
import type { LogSpec } from './spec.ts';
import { isoFromZeekTime } from './timestamp.ts';
import { ssl, x509 } from './tls.ts';
import {
  fillAll,
  fillPlanned,
  isEmpty,
  VendorPlanner,
  type Section,
  type VendorField,
} from './vendor.ts';

// Maps, not object literals: `#path` and `_path` come from the file (`constructor` must not
// find Object's).
const SPECS: ReadonlyMap<string, LogSpec> = new Map(
  Object.entries({ conn, dns, http, ssl, x509, files, notice, weird }),
);

/** Mapped by every log type, so never repeated under `zeek.<log>`. */
const COMMON_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  '_node_name',
  '_system_name',
  '_path',
  '_write_ts',
];

/** Application protocols of logs without a mapping of their own (network.protocol). */
const PROTOCOL_OF_LOG: ReadonlyMap<string, string> = new Map(
  Object.entries({
    dce_rpc: 'dce_rpc',
    dhcp: 'dhcp',
    dnp3: 'dnp3',
    ftp: 'ftp',
    irc: 'irc',
    kerberos: 'kerberos',
    ldap: 'ldap',
    modbus: 'modbus',
    mysql: 'mysql',
    ntlm: 'ntlm',
    ntp: 'ntp',
    quic: 'quic',
    radius: 'radius',
    rdp: 'rdp',
    rfb: 'rfb',
    sip: 'sip',
    smb_files: 'smb',
    smb_mapping: 'smb',
    smtp: 'smtp',
    snmp: 'snmp',
    socks: 'socks',
    ssh: 'ssh',
    syslog: 'syslog',
  }),
);

const genericSpec = (path: string): LogSpec => {
  const protocol = PROTOCOL_OF_LOG.get(path);
  return {
    consumed: [],
    map(_record, d) {
      if (d.source === undefined && d.destination === undefined) return;
      d.event.category = ['network'];
      if (protocol === undefined) {
        d.event.type = ['info'];
      } else {
        d.event.type = ['protocol'];
        d.network = { protocol };
      }
    },
  };
};

/** Maps the records of one log type (`path`): `zeek.<path>` events. */
export class LogMapper {
  readonly dataset: string;
  private readonly spec: LogSpec;
  private readonly planner: VendorPlanner;

  constructor(readonly path: string) {
    this.dataset = `zeek.${path}`;
    this.spec = SPECS.get(path) ?? genericSpec(path);
    this.planner = new VendorPlanner(
      new Set([...COMMON_FIELDS, ...this.spec.consumed]),
      this.spec.renames ?? {},
    );
  }

  /** The `zeek.<log>` fields of a fixed column list, computed once per TSV header. */
  plan(fieldNames: readonly string[]): VendorField[] {
    return this.planner.plan(fieldNames);
  }

  /**
   * The event for one record. Records without `ts` (loaded_scripts) take `_write_ts` or
   * `fallbackTime`, the `#open` time of their file. `plan` is the record's precomputed column
   * plan when all records share the same fields (TSV).
   */
  map(
    record: ZeekRecord,
    original: string,
    fallbackTime: string | undefined,
    plan?: readonly VendorField[],
  ): EventDraft | ParseFailure {
    const ts = record.ts;
    const timestamp =
      ts === undefined || ts === null
        ? (isoFromZeekTime(record._write_ts) ?? fallbackTime)
        : isoFromZeekTime(ts);
    if (timestamp === undefined) {
      return new ParseFailure(
        ts === undefined || ts === null
          ? 'no ts field and no #open header to date the record'
          : `ts ${JSON.stringify(ts)} is not a time`,
      );
    }
    const draft: EventDraft = {
      '@timestamp': timestamp,
      event: { kind: 'event', dataset: this.dataset, module: 'zeek', original },
    };
    const origin = text(record['id.orig_h']);
    if (origin !== undefined) {
      const port = numeric(record['id.orig_p']);
      draft.source = port === undefined ? { ip: origin } : { ip: origin, port };
    }
    const responder = text(record['id.resp_h']);
    if (responder !== undefined) {
      const port = numeric(record['id.resp_p']);
      draft.destination = port === undefined ? { ip: responder } : { ip: responder, port };
    }
    const node = text(record._node_name);
    const system = text(record._system_name);
    if (node !== undefined || system !== undefined) {
      draft.observer = { type: 'sensor', product: 'zeek' };
      if (node !== undefined) draft.observer.name = node;
      if (system !== undefined) draft.observer.hostname = system;
    }

    const section: Section = {};
    this.spec.map(record, draft, section);
    if (plan === undefined) fillAll(section, record, this.planner);
    else fillPlanned(section, record, plan);
    const uid = text(record.uid) ?? onlyConnection(record.conn_uids);
    if (uid !== undefined) {
      draft.zeek = isEmpty(section)
        ? { session_id: uid }
        : { session_id: uid, [this.path]: section };
    } else if (!isEmpty(section)) {
      draft.zeek = { [this.path]: section };
    }
    return draft;
  }
}

/** Older files.log names its connections in conn_uids; one of them is the session. */
function onlyConnection(uids: unknown): string | undefined {
  return Array.isArray(uids) && uids.length === 1 ? text(uids[0]) : undefined;
}
