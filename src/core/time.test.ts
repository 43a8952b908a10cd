// Time conversions: the fast epoch formatter agrees with Date everywhere Date works.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoFromEpochSeconds, isoFromText, parseTimeArgument } from './time.ts';

test('isoFromEpochSeconds matches Date#toISOString on 200,000 pseudo-random times', () => {
  let seed = 42;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 200_000; i++) {
    const seconds = (next() - 0.2) * 5e9 + next();
    assert.equal(
      isoFromEpochSeconds(seconds),
      new Date(Math.round(seconds * 1000)).toISOString(),
      String(seconds),
    );
  }
  assert.equal(isoFromEpochSeconds(1713484800.9996), '2024-04-19T00:00:01.000Z');
  assert.equal(isoFromEpochSeconds(-1.5), '1969-12-31T23:59:58.500Z');
  assert.equal(isoFromEpochSeconds(Number.NaN), undefined);
  assert.equal(isoFromEpochSeconds(1e16), undefined);
});

test('isoFromText reads the timestamp forms logs use', () => {
  assert.equal(isoFromText('2024-04-19T09:15:02.123456+0900'), '2024-04-19T00:15:02.123Z');
  assert.equal(isoFromText('2020-10-21 12:19:01.088'), '2020-10-21T12:19:01.088Z');
  assert.equal(isoFromText('1713484800.5'), '2024-04-19T00:00:00.500Z');
  assert.equal(isoFromText('1713484800123'), '2024-04-19T00:00:00.123Z');
  assert.equal(isoFromText('Fri, 19 Apr 2024 10:00:00 +0900'), '2024-04-19T01:00:00.000Z');
  assert.equal(isoFromText('yesterday'), undefined);
});

test('parseTimeArgument takes ISO, epoch and durations back from now', () => {
  const now = Date.UTC(2024, 3, 19, 12);
  assert.equal(parseTimeArgument('24h', now), Date.UTC(2024, 3, 18, 12));
  assert.equal(parseTimeArgument('7d', now), Date.UTC(2024, 3, 12, 12));
  assert.equal(parseTimeArgument('90m', now), Date.UTC(2024, 3, 19, 10, 30));
  assert.equal(parseTimeArgument('2024-04-19', now), Date.UTC(2024, 3, 19));
  assert.equal(parseTimeArgument('last tuesday', now), undefined);
});
