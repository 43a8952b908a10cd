// Reading EventData values (`-` and '' mean absent; ids may be hex) and building the ECS pieces
// that many Windows event types share: process, endpoint, account, file, category.
import type { EndpointFields, EventDraft, HashFields, ProcessFields } from '../../core/index.ts';
import { isAddress } from '../fields.ts';

export type Data = Record<string, unknown>;
export type Mapper = (data: Data, draft: EventDraft) => void;
export type Mappings = Readonly<Record<number, Mapper>>;

/** Sysmon `Hashes`: `SHA1=...,MD5=...,SHA256=...,IMPHASH=...`, lower-cased. */
export function parseHashes(value: string | undefined): HashFields | undefined {
  if (value === undefined) return undefined;
  let hashes: HashFields | undefined;
  let start = 0;
  while (start < value.length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const equals = value.indexOf('=', start);
    if (equals !== -1 && equals < end) {
      const key = HASH_NAMES[value.slice(start, equals).trim().toUpperCase()];
      if (key !== undefined)
        (hashes ??= {})[key] = value
          .slice(equals + 1, end)
          .trim()
          .toLowerCase();
    }
    start = end + 1;
  }
  return hashes;
}

const HASH_NAMES: Readonly<Record<string, 'md5' | 'sha1' | 'sha256' | 'imphash'>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  IMPHASH: 'imphash',
};

/** `user.name`/`user.domain` from `User` (`DOMAIN\name`), else the target or subject account. */
export function setUser(draft: EventDraft, data: Data): void {
  const qualified = text(data, 'User');
  if (qualified !== undefined) {
    const slash = qualified.indexOf('\\');
    draft.user =
      slash === -1
        ? { name: qualified }
        : { name: qualified.slice(slash + 1), domain: qualified.slice(0, slash) };
    return;
  }
  const user =
    account(data, 'TargetUserName', 'TargetDomainName') ??
    account(data, 'SubjectUserName', 'SubjectDomainName');
  if (user !== undefined) draft.user = user;
}

export function text(data: Data, key: string): string | undefined {
  const value = data[key];
  if (typeof value === 'string') return value === '' || value === '-' ? undefined : value;
  return typeof value === 'number' ? String(value) : undefined;
}

/** Decimal or `0x` hexadecimal (Security events write process ids in hex). */
export function integer(data: Data, key: string): number | undefined {
  const value = data[key];
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '' || value === '-') return undefined;
  const parsed =
    value.charCodeAt(0) === 48 && (value.charCodeAt(1) | 0x20) === 120 // 0x
      ? Number.parseInt(value.slice(2), 16)
      : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

export function account(data: Data, nameKey: string, domainKey: string): EventDraft['user'] {
  const name = text(data, nameKey);
  if (name === undefined) return undefined;
  const domain = text(data, domainKey);
  return domain === undefined ? { name } : { name, domain };
}

export function endpoint(data: Data, ipKey: string, portKey: string): EndpointFields | undefined {
  let ip = text(data, ipKey);
  if (ip === undefined) return undefined;
  if (ip.startsWith('::ffff:')) ip = ip.slice(7);
  if (!isAddress(ip)) return undefined;
  const port = integer(data, portKey);
  return port === undefined || port === 0 ? { ip } : { ip, port };
}

export function processOf(
  data: Data,
  image: string,
  pid: string,
  guid: string,
  commandLine?: string,
): ProcessFields | undefined {
  let fields: ProcessFields | undefined;
  const executable = text(data, image);
  if (executable !== undefined) fields = { executable, name: baseName(executable) };
  if (commandLine !== undefined) {
    const command = text(data, commandLine);
    if (command !== undefined) (fields ??= {}).command_line = command;
  }
  const id = integer(data, pid);
  if (id !== undefined) (fields ??= {}).pid = id;
  const entity = text(data, guid);
  if (entity !== undefined) (fields ??= {}).entity_id = entity;
  return fields;
}

export function categorize(
  draft: EventDraft,
  category: string,
  type: string[],
  action: string,
): void {
  draft.event.category = [category];
  draft.event.type = type;
  draft.event.action = action;
}

/** The acting process of most Sysmon events. */
export function setImage(data: Data, draft: EventDraft): void {
  const fields = processOf(data, 'Image', 'ProcessId', 'ProcessGuid');
  if (fields !== undefined) draft.process = fields;
}

export function setFile(draft: EventDraft, path: string | undefined, hashes?: string): void {
  if (path === undefined) return;
  const file: NonNullable<EventDraft['file']> = { path, name: baseName(path) };
  const hash = parseHashes(hashes);
  if (hash !== undefined) file.hash = hash;
  draft.file = file;
}
