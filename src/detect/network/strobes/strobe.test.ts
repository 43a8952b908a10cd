import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Flow } from '../flow.ts';
import { StrobeDetector } from './strobe.ts';

const T0 = 1_700_000_000 - (1_700_000_000 % 3600);

function conn(ts: number, src: string, dst: string, dstPort = 443, failed = false): Flow {
  return { ts, src, dst, dstPort, proto: 'tcp', origBytes: 60, respBytes: 0, duration: 0, failed };
}

test('one connection a second for an hour is a strobe (RITA 86,400/day, scaled)', () => {
  const d = new StrobeDetector();
  assert.equal(d.strobeThreshold, 3600);
  for (let i = 0; i < 3600; i++) d.observe(conn(T0 + i, '10.0.0.5', '198.51.100.7', 8443, true));
  for (let i = 0; i < 3599; i++) d.observe(conn(T0 + i, '10.0.0.6', '198.51.100.7'));
  const found = d.findings();
  assert.equal(found.length, 1);
  const [f] = found;
  assert.equal(f!.kind, 'strobe');
  assert.equal(f!.src, '10.0.0.5');
  assert.equal(f!.score, 0.8);
  assert.equal(f!.components.connections, 3600);
  assert.ok(f!.reasons.some((r) => r.includes('failed')));
});

test('a day-long window uses the 86,400 threshold; strobes survive the window closing', () => {
  const day = T0 - (T0 % 86_400);
  const d = new StrobeDetector({ windowSeconds: 86_400 });
  assert.equal(d.strobeThreshold, 86_400);
  for (let i = 0; i < 86_400; i++) d.observe(conn(day + i, '10.0.0.5', '198.51.100.7'));
  d.observe(conn(day + 86_400 * 2, '10.0.0.5', '198.51.100.7'));
  const strobes = d.findings().filter((f) => f.kind === 'strobe');
  assert.equal(strobes.length, 1);
  assert.equal(d.findings({ start: day + 86_400 * 2, end: day + 86_400 * 3 }).length, 0);
});

test('1,000 ports to one host in an hour is a port scan; 1,000 hosts is a sweep', () => {
  const d = new StrobeDetector();
  for (let p = 1; p <= 1000; p++) d.observe(conn(T0 + p / 10, '10.0.0.9', '10.0.5.5', p, true));
  for (let h = 0; h < 1000; h++)
    d.observe(conn(T0 + h, '10.0.0.10', `10.1.${h >> 8}.${h & 255}`, 445, true));
  for (let p = 1; p <= 999; p++) d.observe(conn(T0 + p, '10.0.0.11', '10.0.5.5', p));
  const scans = d.findings().filter((f) => f.kind === 'scan');
  assert.deepEqual(scans.map((f) => f.src).sort(), ['10.0.0.10', '10.0.0.9']);
  const ports = scans.find((f) => f.src === '10.0.0.9')!;
  assert.equal(ports.dst, '10.0.5.5');
  assert.equal(ports.components.portsSaturated, 1);
  const sweep = scans.find((f) => f.src === '10.0.0.10')!;
  assert.equal(sweep.dst, '*');
  assert.equal(sweep.components.destinations, 1000);
});

test('memory stays bounded: source cap and per-source destination cap', () => {
  const d = new StrobeDetector({ maxSources: 100 });
  for (let i = 0; i < 5000; i++)
    d.observe(conn(T0 + i / 100, `10.2.${i >> 8}.${i & 255}`, '198.51.100.1'));
  assert.ok(d.trackedSources <= 100, String(d.trackedSources));
  const wide = new StrobeDetector();
  for (let h = 0; h < 50_000; h++)
    wide.observe(conn(T0 + h / 100, '10.0.0.12', `10.${h >> 16}.${(h >> 8) & 255}.${h & 255}`));
  const [scan] = wide.findings();
  assert.equal(scan!.components.destinations, 2000);
  assert.equal(scan!.components.destinationsSaturated, 1);
});
