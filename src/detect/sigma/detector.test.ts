// The detector end to end on parsed events: rule matches become alerts with what an analyst and
// the rule licence need, and correlation rules written in YAML fire on the live stream, over
// history, and keep the rules they use quiet unless told otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { windowsEvent } from '../../../test/support/events.ts';
import { SigmaDetector } from './detector.ts';
import { loadDefaultPipeline } from './pipelines/pipeline.ts';
import { loadRuleText } from './rule/load.ts';
import { buildRuleSet } from './rule-set.ts';

const FAILED = `
title: Failed Logon
id: 0b3c3e0e-1111-4000-8000-000000000001
name: failed_logon
author: Detection Team
level: low
tags: [attack.credential-access, attack.t1110]
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4625 }
  condition: selection
`;

const SUCCESS = `
title: Successful Logon
id: 0b3c3e0e-1111-4000-8000-000000000004
name: good_logon
author: Detection Team
level: informational
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4624 }
  condition: selection
`;

const GUESSING = `
title: Password Guessing
id: 0b3c3e0e-1111-4000-8000-000000000002
author: Detection Team
level: high
tags: [attack.t1110.001]
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [TargetUserName]
  timespan: 5m
  condition: { gte: 3 }
`;

const THEN_SUCCESS = `
title: Guessing Then Success
id: 0b3c3e0e-1111-4000-8000-000000000003
level: critical
correlation:
  type: temporal_ordered
  rules: [failed_logon, good_logon]
  group-by: [TargetUserName]
  timespan: 10m
  generate: true
`;

function logon(eventId: number, minute: number, user: string): ReturnType<typeof windowsEvent> {
  return windowsEvent({
    Channel: 'Security',
    EventID: eventId,
    Computer: 'dc01.mofa.example',
    TimeCreated: new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString(),
    TargetUserName: user,
    IpAddress: '10.20.1.5',
  });
}

function detector(...documents: string[]): SigmaDetector {
  const set = buildRuleSet(loadRuleText(documents.join('---\n'), 'rules.yml'));
  assert.deepEqual(set.issues, []);
  return new SigmaDetector(set, loadDefaultPipeline(), () => new Date('2026-11-23T00:00:00Z'));
}

test('a match becomes an alert with rule, author, tags, host, event, matched fields, observables', () => {
  const [alert] = detector(SUCCESS).detect([logon(4624, 0, 'tanaka')], { retrospective: false });
  assert.equal(alert?.rule.name, 'Successful Logon');
  assert.equal(alert?.level, 'informational');
  assert.equal(alert?.host, 'dc01.mofa.example');
  assert.deepEqual(alert?.matched, [{ field: 'EventID', value: '4624' }]);
  assert.equal(alert?.event?.winlog?.event_data?.TargetUserName, 'tanaka');
  assert.equal(alert?.created, '2026-11-23T00:00:00.000Z');
  assert.match(alert?.id ?? '', /^[0-9a-f]{32}$/);
});

test('event_count fires per group; the rule it counts stays quiet (generate: false)', () => {
  const events = [0, 1, 2].map((m) => logon(4625, m, 'tanaka')).concat([logon(4625, 2, 'sato')]);
  const alerts = detector(FAILED, SUCCESS, GUESSING).detect(events, { retrospective: false });
  const names = alerts.map((a) => a.rule.name);
  assert.deepEqual(names, ['Password Guessing'], 'no Failed Logon alerts of their own');
  assert.equal(alerts[0]?.level, 'high');
  assert.equal(alerts[0]?.rule.author, 'Detection Team');
  assert.equal(alerts[0]?.count, 3);
  assert.deepEqual(alerts[0]?.matched, [{ field: 'TargetUserName', value: 'tanaka' }]);
  assert.equal(alerts[0]?.event_ids.length, 3);
  assert.equal(alerts[0]?.['@timestamp'], '2026-11-01T09:00:00.000Z');
  assert.equal(alerts[0]?.last_seen, '2026-11-01T09:02:00.000Z');
});

test('temporal_ordered: failures then a success of the same account, in that order only', () => {
  const live = detector(FAILED, SUCCESS, THEN_SUCCESS).detect(
    [logon(4625, 0, 'sato'), logon(4624, 3, 'sato'), logon(4624, 4, 'ito')],
    { retrospective: false },
  );
  assert.deepEqual(
    live.map((a) => a.rule.name),
    ['Failed Logon', 'Successful Logon', 'Guessing Then Success', 'Successful Logon'],
    'generate: true keeps the referenced rules alerting',
  );
  const chained = live.find((a) => a.rule.name === 'Guessing Then Success');
  assert.equal(chained?.level, 'critical');
  assert.deepEqual(chained?.matched, [{ field: 'TargetUserName', value: 'sato' }]);
  const hunt = detector(FAILED, SUCCESS, THEN_SUCCESS);
  const wrongOrder = hunt.detect([logon(4624, 0, 'sato'), logon(4625, 1, 'sato')], {
    retrospective: true,
  });
  const found = [...wrongOrder, ...hunt.flush({ retrospective: true })];
  assert.deepEqual(
    found.map((a) => [a.rule.name, a.retrospective]),
    [
      ['Successful Logon', true],
      ['Failed Logon', true],
    ],
  );
});

test('live: a window with an upper bound is decided once telemetry moves past it', () => {
  const QUIET = `
title: Too Few Logons
id: 0b3c3e0e-1111-4000-8000-000000000005
level: medium
correlation:
  type: event_count
  rules: [good_logon]
  group-by: [TargetUserName]
  timespan: 10m
  condition: { lt: 2 }
`;
  const live = detector(SUCCESS, QUIET);
  const mode = { retrospective: false };
  assert.deepEqual(live.detect([logon(4624, 0, 'ito')], mode), []);
  assert.deepEqual(live.closeWindows(mode), [], 'the window is still open');
  live.detect([logon(4624, 12, 'sato')], mode);
  assert.deepEqual(
    live.closeWindows(mode).map((a) => [a.rule.name, a.matched[0]?.value, a.count]),
    [['Too Few Logons', 'ito', 1]],
  );
});
