// Building a rule set: compile problems counted by reason, toggles applied in order, and meta
// filters AND-ed into the rules they cover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleText } from './rule/load.ts';
import { buildRuleSet } from './rule-set.ts';
import { parseSelector, selects } from './selection.ts';

const RULES = `
title: Encoded PowerShell
id: 6a7c2d7e-0000-4000-8000-000000000001
status: test
level: high
tags: [attack.execution, attack.t1059.001]
logsource: { product: windows, category: process_creation }
detection:
  selection:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains|windash: ' -enc '
  condition: selection
---
title: Bad modifier
id: 6a7c2d7e-0000-4000-8000-000000000002
status: experimental
level: low
logsource: { product: windows, category: process_creation }
detection:
  selection:
    CommandLine|sometimes: x
  condition: selection
---
title: Placeholder
id: 6a7c2d7e-0000-4000-8000-000000000003
status: experimental
level: medium
logsource: { product: windows, service: security }
detection:
  selection:
    SubjectUserName|expand: '%Administrators%'
  condition: selection
---
title: Admins do this
filter:
  rules: [6a7c2d7e-0000-4000-8000-000000000001]
  selection:
    User|startswith: 'adm_'
  condition: not selection
logsource: { product: windows, category: process_creation }
`;

test('compile problems are counted by reason, with the line of the offending item', () => {
  const set = buildRuleSet(loadRuleText(RULES, 'rules.yml'));
  assert.deepEqual(set.report.rejectedByReason, {
    'unknown-modifier': 1,
    'unresolved-placeholder': 1,
  });
  assert.equal(set.report.compiled, 1);
  assert.equal(set.report.filters, 1);
  const bad = set.issues.find((i) => i.reason === 'unknown-modifier');
  assert.equal(bad?.at.line, 21);
  assert.equal(bad?.ruleId, '6a7c2d7e-0000-4000-8000-000000000002');
  const resolved = buildRuleSet(loadRuleText(RULES, 'rules.yml'), {
    placeholders: { Administrators: ['root'] },
  });
  assert.equal(resolved.report.compiled, 2);
});

test('toggles apply in order: later ones win, by level, status, tag, id or log source', () => {
  const loaded = loadRuleText(RULES, 'rules.yml');
  const ids = (toggles: Parameters<typeof buildRuleSet>[1]): string[] =>
    buildRuleSet(loaded, { placeholders: { Administrators: ['root'] }, ...toggles }).rules.map(
      (r) => r.rule.id.slice(-1),
    );
  assert.deepEqual(ids({}), ['1', '3']);
  assert.deepEqual(ids({ toggles: [{ enabled: false, key: 'level', value: 'high' }] }), ['3']);
  assert.deepEqual(
    ids({
      toggles: [
        { enabled: false, key: 'logsource', value: 'windows/*' },
        { enabled: true, key: 'tag', value: 'attack.t1059*' },
      ],
    }),
    ['1'],
  );
  assert.deepEqual(
    ids({ toggles: [{ enabled: false, key: 'logsource', value: 'windows//security' }] }),
    ['1'],
  );
  assert.deepEqual(ids({ toggles: [{ enabled: false, key: 'status', value: 'EXPERIMENTAL' }] }), [
    '1',
  ]);
});

test('a meta filter is AND-ed into the rules it names', () => {
  const set = buildRuleSet(loadRuleText(RULES, 'rules.yml'));
  const compiled = set.rules.find((r) => r.rule.id.endsWith('1'));
  assert.equal(compiled?.condition.type, 'and');
  assert.ok([...(compiled?.searches.keys() ?? [])].some((name) => name.startsWith('filter.')));
});

test('selectors parse key:value, default to id, and reject unknown keys', () => {
  assert.deepEqual(parseSelector('tag:attack.t1059'), { key: 'tag', value: 'attack.t1059' });
  assert.deepEqual(parseSelector('6a7c'), { key: 'id', value: '6a7c' });
  assert.equal(parseSelector('colour:red'), undefined);
  const [rule] = loadRuleText(RULES, 'rules.yml').documents;
  assert.ok(
    rule !== undefined && selects({ key: 'logsource', value: 'windows/process_creation' }, rule),
  );
});
