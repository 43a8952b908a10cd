// Test fixture, imported only by tests: a targeted-mail incident at two sites that went as far as
// command and control, with every part an incident can carry filled in, and the alerts behind it.
import type { Alert, Incident } from '../../core/index.ts';

export function fullIncident(): Incident {
  return {
    id: 'INC-0123456789ab',
    title: 'Targeted mail with macro document at two sites',
    status: 'contained',
    severity: {
      level: 4,
      label: 'severe',
      score: 78,
      factors: {
        functional_impact: 'low',
        information_impact: 'suspected',
        recoverability: 'supplemented',
        location: 'several-sites',
        stage: 'command-and-control',
        actor: 'targeted',
        sites: 2,
      },
      reasons: [
        'Targeted: the sender domain is a lookalike of the organization domain.',
        'Command and control: ws-tky-014 beaconed to 203.0.113.50 every 60 s.',
      ],
      override: {
        level: 4,
        reason: 'confirmed C2',
        by: 'analyst.sato',
        at: '2026-03-01T11:50:00Z',
      },
      computed: { level: 3, score: 66 },
    },
    category: 'targeted-mail',
    sites: ['osaka', 'tokyo'],
    hosts: ['10.1.2.14', 'ws-osa-003', 'ws-tky-014'],
    observables: [
      { type: 'ip', value: '203.0.113.50' },
      { type: 'domain', value: 'rnofa-go.example' },
      { type: 'url', value: 'https://rnofa-go.example/update.php' },
      { type: 'sha256', value: 'a'.repeat(64) },
      { type: 'md5', value: 'b'.repeat(32) },
      { type: 'email', value: 'director@rnofa-go.example' },
      { type: 'user', value: 'tanaka' },
    ],
    alert_ids: ['A-mail-1', 'A-net-1'],
    first_seen: '2026-03-01T10:58:00Z',
    last_seen: '2026-03-01T11:40:00Z',
    created: '2026-03-01T11:20:00Z',
    updated: '2026-03-01T12:00:00Z',
    assignee: 'analyst.sato',
    tasks: [
      { id: 'T1', title: 'Collect the mail', done: true },
      { id: 'T2', title: 'Image ws-tky-014', done: false },
    ],
    notes: [{ at: '2026-03-01T11:30:00Z', by: 'analyst.sato', text: 'Recipient opened it.' }],
    evidence: [],
    actions: [
      {
        id: 'R1',
        kind: 'isolate-host',
        targets: ['ws-tky-014'],
        requested_at: '2026-03-01T11:45:00Z',
        requested_by: 'analyst.sato',
        result: {
          status: 'done',
          at: '2026-03-01T11:45:02Z',
          http_status: 200,
          detail: 'isolated',
        },
      },
      {
        id: 'R2',
        kind: 'block-domain',
        targets: ['rnofa-go.example'],
        requested_at: '2026-03-01T11:46:00Z',
        requested_by: 'analyst.sato',
      },
    ],
    deadline: {
      due: '2026-03-01T12:20:00Z',
      escalations: [{ kind: 'warning', at: '2026-03-01T12:05:00Z', channels: ['mail', 'webhook'] }],
    },
    metrics: { time_to_detect: 120, time_to_contain: 1500 },
    timeline: [
      { at: '2026-03-01T11:20:00Z', by: 'chancery', kind: 'created', text: 'from 2 alerts' },
      {
        at: '2026-03-01T11:45:00Z',
        by: 'analyst.sato',
        kind: 'status',
        text: 'triage → contained',
      },
      { at: '2026-03-01T12:05:00Z', by: 'chancery', kind: 'escalation', text: 'warning sent' },
    ],
  };
}

export function fixtureAlerts(): Alert[] {
  const base = {
    tags: [],
    count: 1,
    event_ids: ['e1'],
    matched: [],
    retrospective: false,
  };
  return [
    {
      ...base,
      id: 'A-mail-1',
      detector: 'mail',
      rule: { id: 'mail-lookalike', name: 'Lookalike sender domain' },
      level: 'high',
      '@timestamp': '2026-03-01T10:58:00Z',
      last_seen: '2026-03-01T10:58:00Z',
      created: '2026-03-01T11:00:00Z',
      site: { id: 'tokyo', name: 'Tokyo office' },
      observables: [
        { type: 'email', value: 'director@rnofa-go.example', role: 'sender' },
        { type: 'user', value: 'suzuki' },
      ],
    },
    {
      ...base,
      id: 'A-net-1',
      detector: 'network',
      rule: { id: 'beacon', name: 'Regular beacon to rare destination', author: 'Chancery team' },
      level: 'critical',
      '@timestamp': '2026-03-01T11:10:00Z',
      last_seen: '2026-03-01T11:40:00Z',
      count: 31,
      created: '2026-03-01T11:12:00Z',
      site: { id: 'osaka' },
      host: 'ws-osa-003',
      observables: [
        { type: 'ip', value: '203.0.113.50', role: 'destination' },
        { type: 'user', value: 'tanaka' },
      ],
    },
  ];
}
