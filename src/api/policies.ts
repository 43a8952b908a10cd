// Authorization: which role may do what. Each route declares the one permission it needs.
import type { Role } from '../storage/ports.ts';

export type Permission =
  | 'events:read'
  | 'events:write'
  | 'rejects:read'
  | 'sites:read'
  | 'sites:write'
  | 'tokens:admin'
  | 'rules:read'
  | 'rules:write'
  | 'alerts:read'
  | 'intel:read'
  | 'intel:write'
  | 'incidents:read'
  | 'incidents:write';

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'events:read',
    'events:write',
    'rejects:read',
    'sites:read',
    'sites:write',
    'tokens:admin',
    'rules:read',
    'rules:write',
    'alerts:read',
    'intel:read',
    'intel:write',
    'incidents:read',
    'incidents:write',
  ],
  analyst: [
    'events:read',
    'events:write',
    'rejects:read',
    'sites:read',
    'rules:read',
    'rules:write',
    'alerts:read',
    'intel:read',
    'intel:write',
    'incidents:read',
    'incidents:write',
  ],
  viewer: [
    'events:read',
    'rejects:read',
    'sites:read',
    'rules:read',
    'alerts:read',
    'intel:read',
    'incidents:read',
  ],
  ingest: ['events:write'],
};

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
