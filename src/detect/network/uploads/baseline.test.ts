import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Flow } from '../flow.ts';
import { UploadDetector } from './baseline.ts';

const MB = 1024 * 1024;
const T0 = 1_700_000_000 - (1_700_000_000 % 3600);

function up(ts: number, src: string, dst: string, bytes: number, extra: Partial<Flow> = {}): Flow {
  return {
    ts,
    src,
    dst,
    dstPort: 443,
    proto: 'tcp',
    origBytes: bytes,
    respBytes: 1000,
    duration: 10,
    failed: false,
    ...extra,
  };
}

/** `hours` of `perHour` bytes, in 4 flows an hour to a few destinations. */
function history(d: UploadDetector, src: string, hours: number, perHour: number): void {
  for (let h = 0; h < hours; h++)
    for (let k = 0; k < 4; k++)
      d.observe(up(T0 + h * 3600 + k * 600, src, `45.33.7.${k + 1}`, perHour / 4));
}

test('500 MB from a host that normally sends 2 MB an hour is a finding', () => {
  const d = new UploadDetector();
  history(d, '10.1.1.5', 72, 2 * MB);
  d.observe(
    up(T0 + 72 * 3600 + 60, '10.1.1.5', '62.210.5.9', 500 * MB, {
      name: 'files.example.net',
      eventId: 'e1',
    }),
  );
  const [f] = d.findings();
  assert.ok(f);
  assert.equal(f.kind, 'upload');
  assert.equal(f.src, '10.1.1.5');
  assert.equal(f.dst, '62.210.5.9');
  assert.equal(f.name, 'files.example.net');
  assert.equal(f.components.bytes, 500 * MB);
  assert.equal(f.components.baselineMedian, 2 * MB);
  assert.equal(f.components.threshold, 10 * MB);
  assert.equal(f.components.ratio, 50);
  assert.equal(f.score, 1);
  assert.deepEqual(f.event_ids, ['e1']);
  // Still reported once the hour closes.
  d.observe(up(T0 + 80 * 3600, '10.1.1.5', '45.33.7.1', MB));
  assert.equal(d.findings().length, 1);
});

test('a steady 50 MB/h backup host is not a finding', () => {
  const d = new UploadDetector();
  for (let h = 0; h < 120; h++)
    d.observe(up(T0 + h * 3600 + 30, '10.1.1.9', '62.210.5.20', 50 * MB));
  assert.deepEqual(d.findings(), []);
});

test('a quiet host sending a small attachment is not a finding (absolute floor)', () => {
  const d = new UploadDetector();
  history(d, '10.1.1.6', 48, 20 * 1024);
  d.observe(up(T0 + 48 * 3600 + 60, '10.1.1.6', '62.210.5.9', 5 * MB));
  assert.deepEqual(d.findings(), []);
});

test('a host with no history yet is not judged; internal destinations never count', () => {
  const d = new UploadDetector();
  d.observe(up(T0, '10.1.1.7', '62.210.5.9', 900 * MB));
  history(d, '10.1.1.8', 48, 2 * MB);
  d.observe(up(T0 + 48 * 3600, '10.1.1.8', '10.2.0.1', 900 * MB));
  d.observe(up(T0 + 48 * 3600, '10.1.1.8', '62.210.5.9', 900 * MB, { dstZone: 'closed' }));
  assert.deepEqual(d.findings(), []);
});

test('memory stays bounded: the host cap evicts the least recent', () => {
  const d = new UploadDetector({ maxHosts: 50 });
  for (let i = 0; i < 1000; i++)
    d.observe(up(T0 + i, `10.9.${i >> 8}.${i & 255}`, '62.210.5.1', 1000));
  assert.ok(d.trackedHosts <= 50 && d.trackedHosts >= 45, String(d.trackedHosts));
});

test('a big upload is still seen in an hour with thousands of small destinations', () => {
  const d = new UploadDetector({ maxDestinationsPerHour: 64 });
  history(d, '10.1.1.5', 48, 2 * MB);
  const hour = T0 + 48 * 3600;
  d.observe(up(hour + 1, '10.1.1.5', '62.210.5.9', 300 * MB));
  for (let i = 0; i < 3000; i++)
    d.observe(up(hour + 2 + i / 10, '10.1.1.5', `203.0.${i >> 8}.${i & 255}`, 1000));
  const [f] = d.findings();
  assert.equal(f?.dst, '62.210.5.9');
});
