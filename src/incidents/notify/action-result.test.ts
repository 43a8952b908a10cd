// A webhook's delivery becomes the action's recorded result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionResult } from './action-result.ts';

const AT = '2026-03-01T11:45:02Z';

describe('actionResult', () => {
  it('records a delivered action as done with its HTTP status', () => {
    assert.deepEqual(actionResult({ ok: true, status: 200, ms: 3, attempts: 1 }, AT), {
      status: 'done',
      at: AT,
      http_status: 200,
    });
  });

  it('records a failed delivery as failed with why', () => {
    assert.deepEqual(
      actionResult({ ok: false, error: 'no answer within 100 ms', ms: 100, attempts: 1 }, AT),
      { status: 'failed', at: AT, detail: 'no answer within 100 ms' },
    );
  });
});
