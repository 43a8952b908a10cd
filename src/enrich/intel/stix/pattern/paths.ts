// Which values of our events a STIX object path names. This table is the one place that knows
// how STIX observables meet Chancery's telemetry (src/core/event-values.ts): both the indicator
// conversion and the evaluator read it, so they cannot disagree.
import type { ValueType } from '../../../../core/index.ts';
import type { ObjectPath } from './ast.ts';
import { printPath } from './print.ts';

export interface PathTarget {
  /** Event value types the path can name; network-traffic refs name an address or a domain. */
  types: readonly ValueType[];
  /** Roles the event value must have (event-values.ts), or any role when absent. */
  roles?: ReadonlySet<string>;
  /** `*_ref.type`: the comparison is on the STIX type of the value, not on the value. */
  refType?: boolean;
}

export type PathResolution = PathTarget | { unsupported: string };

const ADDRESS: readonly ValueType[] = ['ipv4', 'ipv6'];
const HOST: readonly ValueType[] = ['ipv4', 'ipv6', 'domain'];
// ECS mirrors source/destination as client/server; a STIX flow's ends are either.
const DESTINATION = new Set(['destination', 'server']);
const SOURCE = new Set(['source', 'client']);
const SENDER = new Set(['sender']);
const RECIPIENT = new Set(['recipient']);
const ATTACHMENT = new Set(['attachment']);

const TARGETS: ReadonlyMap<string, PathTarget> = new Map<string, PathTarget>([
  ['ipv4-addr:value', { types: ['ipv4'] }],
  ['ipv6-addr:value', { types: ['ipv6'] }],
  ['domain-name:value', { types: ['domain'] }],
  // The addresses a name resolves to: a DNS answer, or the address a named connection went to.
  ['domain-name:resolves_to_refs[*].value', { types: ADDRESS }],
  ['url:value', { types: ['url'] }],
  ['email-addr:value', { types: ['email'] }],
  ['network-traffic:dst_ref.value', { types: HOST, roles: DESTINATION }],
  ['network-traffic:src_ref.value', { types: HOST, roles: SOURCE }],
  ['network-traffic:dst_ref.type', { types: HOST, roles: DESTINATION, refType: true }],
  ['network-traffic:src_ref.type', { types: HOST, roles: SOURCE, refType: true }],
  ['email-message:from_ref.value', { types: ['email'], roles: SENDER }],
  ['email-message:sender_ref.value', { types: ['email'], roles: SENDER }],
  ['email-message:to_refs[*].value', { types: ['email'], roles: RECIPIENT }],
  ['email-message:cc_refs[*].value', { types: ['email'], roles: RECIPIENT }],
  ['email-message:bcc_refs[*].value', { types: ['email'], roles: RECIPIENT }],
  ['file:name', { types: ['filename'] }],
  ['email-message:body_multipart[*].body_raw_ref.name', { types: ['filename'], roles: ATTACHMENT }],
]);

// Hashes of the same bytes, wherever STIX puts them: a file, an artifact (the payload itself), an
// attachment, or a certificate (our TLS telemetry does not carry it yet, but the type is right).
const HASH_OWNERS: ReadonlyMap<string, ReadonlySet<string> | undefined> = new Map([
  ['file:hashes', undefined],
  ['artifact:hashes', undefined],
  ['x509-certificate:hashes', undefined],
  ['email-message:body_multipart[*].body_raw_ref.hashes', ATTACHMENT],
]);

const HASH_KEYS: Readonly<Record<string, ValueType>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
};

/** The STIX SCO type of an event value type, for `*_ref.type` comparisons. */
export const STIX_TYPE_OF: Readonly<Partial<Record<ValueType, string>>> = {
  ipv4: 'ipv4-addr',
  ipv6: 'ipv6-addr',
  domain: 'domain-name',
};

export function resolvePath(path: ObjectPath): PathResolution {
  const steps = path.steps;
  const last = steps.at(-1);
  const owner = pathKey({ objectType: path.objectType, steps: steps.slice(0, -1) });
  if (last !== undefined && 'key' in last && HASH_OWNERS.has(owner)) {
    // Producers spell one algorithm many ways (MD5, 'MD5', md5, 'SHA-256', SHA256).
    const type = HASH_KEYS[last.key.toLowerCase().replace(/-/g, '')];
    if (type === undefined) return unsupported(path);
    const roles = HASH_OWNERS.get(owner);
    return roles === undefined ? { types: [type] } : { types: [type], roles };
  }
  return TARGETS.get(pathKey(path)) ?? unsupported(path);
}

/** The hash type a STIX `hashes` key names (`SHA-256`, `sha256`...), if one of ours. */
export function hashTypeOfKey(key: string): ValueType | undefined {
  return HASH_KEYS[key.toLowerCase().replace(/-/g, '')];
}

export function unsupportedPathReason(path: ObjectPath): string {
  return `no telemetry of ours carries ${printPath(path)}`;
}

/** Lookup key: any list index reads as `[*]`, as our values are not ordered within an event. */
function pathKey(path: ObjectPath): string {
  let key = `${path.objectType}:`;
  for (const [index, step] of path.steps.entries()) {
    if ('index' in step) key += '[*]';
    else key += index === 0 ? step.key : `.${step.key}`;
  }
  return key;
}

function unsupported(path: ObjectPath): { unsupported: string } {
  return { unsupported: unsupportedPathReason(path) };
}
