// The importer on real STIX: the OASIS examples (apt1, poisonivy...) and misp-stix's output for
// six CIRCL OSINT events, validated against the OASIS schemas as a deployment would.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import type { ImportResult, Indicator } from '../../../core/index.ts';
import { needsShared, shared } from '../../../../test/support/data.ts';
import { importStixBundle } from './bundle.ts';
import { SYNTAX_REASON } from './pattern/reasons.ts';
import { loadStixSchemas, type SchemaValidator } from './schema.ts';

const SKIP = needsShared('cti');
let cached: SchemaValidator | undefined;

function importFile(...parts: string[]): ImportResult {
  cached ??= loadStixSchemas(shared('cti', 'stix2-json-schemas', 'schemas'));
  const file = shared('cti', ...parts);
  return importStixBundle(readFileSync(file, 'utf8'), file, { schemas: cached });
}

function jsonFiles(...parts: string[]): string[][] {
  return readdirSync(shared('cti', ...parts))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [...parts, name]);
}

function byValue(result: ImportResult, value: string): Indicator[] {
  return result.indicators.filter((indicator) => indicator.value === value);
}

/** A reason without its particulars: `schema: /value: …` → `schema`. */
function kindOf(reason: string): string {
  return reason.split(': ')[0] ?? reason;
}

test('every shared STIX file imports without a pattern syntax problem', { skip: SKIP }, (t) => {
  const files = [
    ...jsonFiles('misp-stix21-output'),
    ...jsonFiles('stix2-json-schemas', 'examples'),
    ...jsonFiles('stix2-json-schemas', 'examples', 'threat-reports'),
    ['tlp2-marking-definitions.bundle.json'],
  ];
  const reasons = new Map<string, number>();
  let objects = 0;
  let indicators = 0;
  for (const parts of files) {
    const result = importFile(...parts);
    const read = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
    objects += read;
    indicators += result.indicators.length;
    t.diagnostic(
      `${basename(parts.at(-1) ?? '')}: ${read} objects, ${result.indicators.length} indicators, ${result.problems.length} problems`,
    );
    for (const problem of result.problems)
      reasons.set(kindOf(problem.reason), (reasons.get(kindOf(problem.reason)) ?? 0) + 1);
    assert.deepEqual(
      result.problems.filter((problem) => problem.reason.startsWith(SYNTAX_REASON)),
      [],
      parts.join('/'),
    );
  }
  t.diagnostic(`total: ${objects} objects, ${indicators} indicators`);
  for (const [kind, count] of [...reasons].sort((a, b) => b[1] - a[1]))
    t.diagnostic(`problem ${kind}: ${count}`);
  assert.ok(indicators > 400);
});

test(
  'poisonivy: a C2 address carries its malware variant, campaign and report',
  { skip: SKIP },
  () => {
    const result = importFile('stix2-json-schemas', 'examples', 'threat-reports', 'poisonivy.json');
    const [address] = byValue(result, '219.76.208.163');
    assert.ok(address);
    assert.equal(address.type, 'ipv4');
    assert.deepEqual(address.sources[0]?.context, [
      'PIVY Variant (808e21d6efa2884811fbd0adf67fda78)',
      'admin@338',
      'Poison Ivy: Assessing Damage and Extracting Intelligence',
    ]);
    // An OR of a domain and addresses is one indicator per value, all from one STIX indicator.
    const fromOr = result.indicators.filter(
      (i) => i.sources[0]?.ref === 'indicator--329ae6e9-25bd-49e8-89d1-aae4ca52e4a7',
    );
    assert.deepEqual(
      fromOr.map((i) => i.value),
      [
        'www.webserver.dynssl.com',
        '113.10.246.30',
        '219.90.112.203',
        '75.126.95.138',
        '219.90.112.197',
        '202.65.222.45',
      ],
    );
    // "domain autuo.xicp.net" is not a name: reported, while its address still imports.
    assert.ok(result.problems.some((p) => p.reason === 'not a domain name: domain autuo.xicp.net'));
    assert.equal(byValue(result, '60.10.1.115').length, 1);
    // Unmarked, in an unmarked report: the cautious default.
    assert.equal(address.tlp, 'amber');
  },
);

test(
  'apt1: address ranges with their tool; certificates reported as not our telemetry',
  { skip: SKIP },
  () => {
    const result = importFile('stix2-json-schemas', 'examples', 'threat-reports', 'apt1.json');
    const [range] = byValue(result, '223.166.0.0/15');
    assert.equal(range?.type, 'cidr');
    assert.ok(range?.sources[0]?.context?.includes('HUC Packet Transmit Tool (HTRAN)'));
    assert.deepEqual(byValue(result, 'hugesoft.org')[0]?.sources[0]?.context, [
      'Ugly Gorilla',
      "APT1: Exposing One of China's Cyber Espionage Units",
    ]);
    assert.deepEqual(
      result.problems.map((p) => p.reason),
      [
        'no telemetry of ours carries x509-certificate:issuer',
        'no telemetry of ours carries x509-certificate:issuer',
      ],
    );
  },
);

test(
  'misp-stix Xorist event: indicators, observables without one, TLP:WHITE of the report',
  { skip: SKIP },
  () => {
    const result = importFile(
      'misp-stix21-output',
      '57c4445b-c548-4654-af0b-4be3950d210f.stix21.json',
    );
    // By hand: 5 indicators (file name, MD5, SHA-1, SHA-256, registry key) and 2 link attributes
    // held only as observed-data; the registry key is no telemetry of ours.
    assert.deepEqual(
      result.indicators.map((i) => [i.type, i.sources[0]?.confidence ?? null]),
      [
        ['url', 30],
        ['url', 30],
        ['filename', null],
        ['md5', null],
        ['sha1', null],
        ['sha256', null],
      ],
    );
    assert.deepEqual(
      result.problems.map((p) => p.reason),
      ['no telemetry of ours carries windows-registry-key:key'],
    );
    assert.ok(result.indicators.every((i) => i.tlp === 'clear' && i.sources[0]?.name === 'CIRCL'));
    assert.ok(
      result.indicators.every((i) => i.sources[0]?.context?.includes('Ransomware - Xorist')),
    );
    assert.equal(byValue(result, '3z4wng9603it23y.exe').length, 1);
  },
);

test(
  'misp-stix Sednit event: one indicator per STIX indicator, plus the lone observable',
  { skip: SKIP },
  () => {
    const path = [
      'misp-stix21-output',
      '5a3c2fcd-8328-42bb-a95e-4f4402de0b81.stix21.json',
    ] as const;
    const raw = JSON.parse(readFileSync(join(shared('cti'), ...path), 'utf8')) as {
      objects: { type: string; pattern_type?: string }[];
    };
    const stixIndicators = raw.objects.filter(
      (o) => o.type === 'indicator' && o.pattern_type === 'stix',
    );
    const result = importFile(...path);
    assert.deepEqual(result.problems, []);
    const fromIndicators = result.indicators.filter((i) =>
      i.sources[0]?.ref.startsWith('indicator--'),
    );
    assert.equal(fromIndicators.length, stixIndicators.length);
    assert.equal(stixIndicators.length, 56);
    const observed = result.indicators.filter((i) => !i.sources[0]?.ref.startsWith('indicator--'));
    assert.deepEqual(
      observed.map((i) => i.value),
      ['https://www.welivesecurity.com/2017/12/21/sednit-update-fancy-bear-spent-year/'],
    );
    // `domain AND resolves_to` pairs index the address and require the name.
    const [paired] = byValue(result, '89.187.150.44');
    assert.deepEqual(paired?.requires, [{ type: 'domain', value: 'viters.org' }]);
  },
);
