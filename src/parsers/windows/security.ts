// ECS fields for Security events (logons, process creation and end, account changes, Filtering
// Platform connections, file access, audit log clearing), service installs in System, and
// PowerShell script blocks. Everything else stays in winlog.event_data.
import type { EventDraft } from '../../core/index.ts';
import {
  account,
  categorize,
  endpoint,
  processOf,
  setFile,
  text,
  type Data,
  type Mapper,
  type Mappings,
} from './event-data.ts';

export const SECURITY: Mappings = {
  1102: configuration('deletion', 'audit-log-cleared'),
  4624: logon('success'),
  4625: logon('failure'),
  4634: logoff,
  4647: logoff,
  4648: explicitLogon,
  4663: objectAccess,
  4688: securityProcessCreated,
  4689: securityProcessEnded,
  4697: configuration('creation', 'service-installed'),
  4698: configuration('creation', 'scheduled-task-created'),
  4699: configuration('deletion', 'scheduled-task-deleted'),
  4702: configuration('change', 'scheduled-task-updated'),
  4720: accountChange(['user', 'creation'], 'user-created'),
  4722: accountChange(['user', 'change'], 'user-enabled'),
  4724: accountChange(['user', 'change'], 'password-reset'),
  4725: accountChange(['user', 'change'], 'user-disabled'),
  4726: accountChange(['user', 'deletion'], 'user-deleted'),
  4728: accountChange(['group', 'change'], 'group-member-added'),
  4732: accountChange(['group', 'change'], 'group-member-added'),
  4756: accountChange(['group', 'change'], 'group-member-added'),
  4729: accountChange(['group', 'change'], 'group-member-removed'),
  4733: accountChange(['group', 'change'], 'group-member-removed'),
  4757: accountChange(['group', 'change'], 'group-member-removed'),
  5156: filteringPlatform('success'),
  5157: filteringPlatform('failure'),
};

export const SYSTEM: Mappings = {
  104: configuration('deletion', 'audit-log-cleared'),
  7045: serviceInstalled,
};

export const POWERSHELL: Mappings = {
  4104: scriptBlock,
};

function securityProcessCreated(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['start'], 'process-created');
  const fields = processOf(data, 'NewProcessName', 'NewProcessId', '', 'CommandLine') ?? {};
  const parent = processOf(data, 'ParentProcessName', 'ProcessId', '');
  if (parent !== undefined) fields.parent = parent;
  draft.process = fields;
  const user = account(data, 'SubjectUserName', 'SubjectDomainName');
  if (user !== undefined) draft.user = user;
}

function securityProcessEnded(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['end'], 'process-terminated');
  const fields = processOf(data, 'ProcessName', 'ProcessId', '');
  if (fields !== undefined) draft.process = fields;
}

function logon(outcome: 'success' | 'failure'): Mapper {
  return (data, draft) => {
    categorize(
      draft,
      'authentication',
      ['start'],
      outcome === 'success' ? 'logged-in' : 'logon-failed',
    );
    draft.event.outcome = outcome;
    const user = account(data, 'TargetUserName', 'TargetDomainName');
    if (user !== undefined) draft.user = user;
    const source = endpoint(data, 'IpAddress', 'IpPort');
    const workstation = text(data, 'WorkstationName');
    if (source !== undefined) {
      if (workstation !== undefined) source.domain = workstation;
      draft.source = source;
    }
    const process = processOf(data, 'ProcessName', 'ProcessId', '');
    if (process !== undefined) draft.process = process;
  };
}

function logoff(data: Data, draft: EventDraft): void {
  categorize(draft, 'authentication', ['end'], 'logged-out');
  const user = account(data, 'TargetUserName', 'TargetDomainName');
  if (user !== undefined) draft.user = user;
}

function explicitLogon(data: Data, draft: EventDraft): void {
  categorize(draft, 'authentication', ['start'], 'logged-in-explicit');
  const user = account(data, 'SubjectUserName', 'SubjectDomainName') ?? {};
  const target = account(data, 'TargetUserName', 'TargetDomainName');
  if (target !== undefined) user.target = target;
  draft.user = user;
  const source = endpoint(data, 'IpAddress', 'IpPort');
  if (source !== undefined) draft.source = source;
  const process = processOf(data, 'ProcessName', 'ProcessId', '');
  if (process !== undefined) draft.process = process;
}

/** Account management: the subject acts on the target account or group. */
function accountChange(type: string[], action: string): Mapper {
  return (data, draft) => {
    categorize(draft, 'iam', type, action);
    const user = account(data, 'SubjectUserName', 'SubjectDomainName') ?? {};
    const target = account(data, 'TargetUserName', 'TargetDomainName');
    if (target !== undefined) user.target = target;
    if (user.name !== undefined || user.target !== undefined) draft.user = user;
  };
}

function configuration(type: string, action: string): Mapper {
  return (_data, draft) => categorize(draft, 'configuration', [type], action);
}

const IP_PROTOCOLS: Readonly<Record<string, string>> = {
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '58': 'ipv6-icmp',
};

/** Windows Filtering Platform 5156 (permitted) and 5157 (blocked), from the host's side. */
function filteringPlatform(outcome: 'success' | 'failure'): Mapper {
  return (data, draft) => {
    const allowed = outcome === 'success';
    categorize(
      draft,
      'network',
      ['connection', allowed ? 'allowed' : 'denied'],
      allowed ? 'connection-allowed' : 'connection-blocked',
    );
    draft.event.outcome = outcome;
    const source = endpoint(data, 'SourceAddress', 'SourcePort');
    if (source !== undefined) draft.source = source;
    const destination = endpoint(data, 'DestAddress', 'DestPort');
    if (destination !== undefined) draft.destination = destination;
    const protocol = text(data, 'Protocol');
    const direction = text(data, 'Direction');
    const network: NonNullable<EventDraft['network']> = {};
    if (protocol !== undefined) {
      network.iana_number = protocol;
      const transport = IP_PROTOCOLS[protocol];
      if (transport !== undefined) network.transport = transport;
    }
    if (direction === '%%14592') network.direction = 'ingress';
    else if (direction === '%%14593') network.direction = 'egress';
    if (protocol !== undefined || network.direction !== undefined) draft.network = network;
    // 5156 names the process id `ProcessID`, 5157 and 5158 `ProcessId`.
    const pid = data.ProcessID === undefined ? 'ProcessId' : 'ProcessID';
    const process = processOf(data, 'Application', pid, '');
    if (process !== undefined) draft.process = process;
  };
}

/** 4663 object access: a file path when the object is a file. */
function objectAccess(data: Data, draft: EventDraft): void {
  if (text(data, 'ObjectType') !== 'File') return;
  categorize(draft, 'file', ['access'], 'object-accessed');
  setFile(draft, text(data, 'ObjectName'));
  const process = processOf(data, 'ProcessName', 'ProcessId', '');
  if (process !== undefined) draft.process = process;
}

function serviceInstalled(data: Data, draft: EventDraft): void {
  categorize(draft, 'configuration', ['creation'], 'service-installed');
  const path = text(data, 'ImagePath');
  if (path !== undefined) draft.file = { path };
}

function scriptBlock(data: Data, draft: EventDraft): void {
  categorize(draft, 'process', ['info'], 'powershell-script-block');
  setFile(draft, text(data, 'Path'));
}
