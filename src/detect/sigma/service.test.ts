// The Sigma service as two processes sharing a data directory see it: rules added or toggled by
// one (the CLI) take effect in the other (a running server) without a restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from '../../../test/support/data.ts';
import { scratchDir } from '../../../test/support/ingest.ts';
import { SigmaService } from './service.ts';

const settings = { enabled: true, rulePaths: [], placeholders: {}, huntDays: 90 };

test('a running service picks up rules added and toggled by another process', () => {
  const dataDir = scratchDir('chancery-sigma-');
  const server = new SigmaService(settings, dataDir);
  const cli = new SigmaService(settings, dataDir);
  assert.equal(server.ruleSet().rules.length, 0);
  const before = server.detector();
  cli.library.add(fixture('rules', 'chancery', 'office_child_in_temp.yml'));
  assert.equal(server.ruleSet().rules.length, 1);
  assert.notEqual(server.detector(), before, 'the live detector was rebuilt');
  const rebuilt = server.detector();
  assert.equal(server.detector(), rebuilt, 'and is not rebuilt while nothing changes');
  cli.library.addToggle({ enabled: false, key: 'tag', value: 'attack.t1204*' });
  assert.equal(server.ruleSet().rules.length, 0);
});
