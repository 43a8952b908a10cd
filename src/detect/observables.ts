// The observables of an event: what an analyst pivots on and what incidents are linked by
// (addresses, names, hashes, users, hosts). Every detector attaches them to its alerts the same
// way, so correlation sees one vocabulary whichever detector fired.
import type { EcsEvent, Observable, ObservableType } from '../core/index.ts';

export function eventObservables(event: EcsEvent): Observable[] {
  const out: Observable[] = [];
  const seen = new Set<string>();
  const add = (type: ObservableType, value: string | undefined, role: string): void => {
    if (value === undefined || value === '' || value === '-') return;
    const key = `${type}\u0000${value}\u0000${role}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, value, role });
  };
  add('host', event.host?.name, 'host');
  add('ip', event.source?.ip, 'source');
  add('ip', event.destination?.ip, 'destination');
  add('domain', event.destination?.domain, 'destination');
  add('domain', event.url?.domain, 'destination');
  add('domain', event.dns?.question?.name, 'query');
  add('domain', event.tls?.client?.server_name, 'destination');
  add('url', event.url?.full ?? event.url?.original, 'request');
  add('user', event.user?.name, 'user');
  add('process', event.process?.executable, 'process');
  add('process', event.process?.parent?.executable, 'parent');
  add('file', event.file?.path, 'file');
  for (const [role, hash] of [
    ['process', event.process?.hash],
    ['file', event.file?.hash],
  ] as const) {
    add('md5', hash?.md5, role);
    add('sha1', hash?.sha1, role);
    add('sha256', hash?.sha256, role);
  }
  for (const address of event.email?.from?.address ?? []) add('email', address, 'sender');
  for (const attachment of event.email?.attachments ?? [])
    add('sha256', attachment.file.hash?.sha256, 'attachment');
  return out;
}
