// The whole network analytics on RITA's own test data, read by Chancery's Zeek parsers and site
// matcher as ingest reads them: the planted beacon in missing_host alerts (with its SSH session
// as a long connection), the ISP resolver in proxy_rolling does not, and the dnscat2 traffic in
// json_with_all_fields is found as tunnelling. Then synthetic telemetry for what RITA's data
// lacks: zone breaches, and benign polling from every host at many sites raising nothing.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { needsShared, readLines, shared, walk } from '../support/data.ts';
import { eventId, type EcsEvent, type Site } from '../../src/core/index.ts';
import { enrichSite } from '../../src/enrich/site/enrich-site.ts';
import { SiteMatcher } from '../../src/enrich/site/site-matcher.ts';
import { ParseFailure, type LineFormat } from '../../src/parsers/parser.ts';
import { formatByType } from '../../src/parsers/registry.ts';
import { NetworkAnalyzer } from '../../src/detect/network/analyzer.ts';
import type { Flow } from '../../src/detect/network/flow.ts';

const RITA = join('zeek', 'rita', 'test_data');

function site(id: string, open: string[], closed: string[] = []): Site {
  return {
    id,
    name: id,
    country: 'JP',
    timezoneOffsetMinutes: 540,
    openCidrs: open,
    closedCidrs: closed,
    attributes: {},
  };
}

/** Every event of the given Zeek logs below `dir`, parsed and enriched as ingest does. */
function zeekEvents(dir: string, logs: readonly string[], matcher: SiteMatcher): EcsEvent[] {
  const events: EcsEvent[] = [];
  for (const path of walk(dir)) {
    const name = basename(path);
    if (!logs.some((log) => name.startsWith(`${log}.`))) continue;
    const lines = readLines(path);
    const format = formatByType(
      lines[0]?.startsWith('{') === true ? 'zeek-json' : 'zeek-tsv',
    ) as LineFormat;
    const parser = format.create({ fileName: name });
    for (const [index, line] of lines.entries()) {
      const draft = parser.parseLine(line, index + 1);
      if (draft === undefined || draft instanceof ParseFailure) continue;
      const event = draft as EcsEvent;
      event.event.id = eventId(Date.parse(draft['@timestamp']), draft.event.dataset, line);
      enrichSite(event, matcher);
      events.push(event);
    }
  }
  return events.sort((a, b) => a['@timestamp'].localeCompare(b['@timestamp']));
}

test(
  'missing_host: the planted beacon alerts, with its SSH session as a long connection',
  { skip: needsShared(RITA) },
  () => {
    // RITA's test treats the beaconing host as inside the network.
    const matcher = new SiteMatcher([site('mission', ['73.54.23.243/32'])]);
    const analyzer = new NetworkAnalyzer();
    for (const event of zeekEvents(
      shared(RITA, 'missing_host'),
      ['conn', 'open_conn', 'http', 'ssl'],
      matcher,
    ))
      analyzer.observe(event);
    const report = analyzer.analyze();
    const pairs = report.pairs.filter(
      (pair) => pair.src === '73.54.23.243' && pair.destination.addresses.includes('64.225.56.201'),
    );
    const beacon = pairs.find((pair) => pair.beacon !== undefined && pair.beacon.score > 0.9);
    assert.ok(
      beacon?.beacon !== undefined,
      JSON.stringify(pairs.map((p) => [p.dst, p.kind, p.beacon, p.components])),
    );
    assert.ok(Math.abs(beacon.beacon.score - 0.963) <= 0.03, `beacon ${beacon.beacon.score}`);
    assert.equal(beacon.alert, true);
    assert.ok(
      pairs.some((pair) => (pair.components.long_connection ?? 0) >= 0.8 && pair.alert),
      'the SSH session is a long connection',
    );
    assert.ok(beacon.reasons.some((reason) => reason.startsWith('beacon score')));
  },
);

test(
  'proxy_rolling: the ISP DNS resolver scores as RITA scores it and raises nothing',
  { skip: needsShared(RITA) },
  () => {
    const matcher = new SiteMatcher([site('office', ['10.0.0.0/8'])]);
    const analyzer = new NetworkAnalyzer();
    for (const event of zeekEvents(shared(RITA, 'proxy_rolling'), ['conn', 'http', 'ssl'], matcher))
      analyzer.observe(event);
    const report = analyzer.analyze();
    const resolver = report.pairs.find(
      (pair) => pair.src === '10.0.0.238' && pair.dst === '75.75.75.75',
    );
    assert.ok(resolver?.beacon !== undefined);
    assert.ok(Math.abs(resolver.beacon.score - 0.673) <= 0.03, `beacon ${resolver.beacon.score}`);
    assert.equal(resolver.alert, false);
    assert.ok(resolver.score < 0.6);
  },
);

test(
  'json_with_all_fields: the dnscat2 session is found as DNS tunnelling',
  { skip: needsShared(RITA) },
  () => {
    const matcher = new SiteMatcher([site('lab', ['192.168.0.0/16', '10.0.0.0/8'])]);
    const analyzer = new NetworkAnalyzer();
    for (const event of zeekEvents(shared(RITA, 'json_with_all_fields'), ['conn', 'dns'], matcher))
      analyzer.observe(event);
    const tunnels = analyzer.analyze().findings.filter((finding) => finding.kind === 'dns-tunnel');
    const dnscat = tunnels.find((finding) => finding.dst === 'r-1x.com');
    assert.ok(dnscat !== undefined, JSON.stringify(tunnels.map((t) => [t.dst, t.score])));
    assert.ok(dnscat.score >= 0.6);
  },
);

/** A flow from `src` at `site` with zones, for the synthetic cases. */
function flow(src: string, dst: string, ts: number, extra: Partial<Flow> = {}): Flow {
  return {
    ts,
    src,
    dst,
    dstPort: 443,
    proto: 'tcp',
    origBytes: 500,
    respBytes: 800,
    duration: 0.2,
    failed: false,
    srcZone: 'open',
    dstZone: 'external',
    ...extra,
  };
}

test('closed-network traffic to the internet or the open LAN, and into it, is a breach', () => {
  const analyzer = new NetworkAnalyzer();
  analyzer.observeFlow(
    flow('10.200.0.5', '45.77.10.9', 1_000, { srcZone: 'closed', site: 'tokyo' }),
  );
  analyzer.observeFlow(
    flow('10.200.0.5', '45.77.10.9', 1_060, { srcZone: 'closed', site: 'tokyo' }),
  );
  analyzer.observeFlow(
    flow('10.0.0.9', '10.200.0.7', 1_100, { srcZone: 'open', dstZone: 'closed', dstPort: 445 }),
  );
  analyzer.observeFlow(
    flow('10.200.0.5', '10.200.0.6', 1_200, { srcZone: 'closed', dstZone: 'closed' }),
  );
  const breaches = analyzer.analyze().findings.filter((finding) => finding.kind === 'zone-breach');
  assert.deepEqual(
    breaches.map((breach) => [breach.src, breach.dst, breach.components.connections]).sort(),
    [
      ['10.0.0.9', '10.200.0.7', 1],
      ['10.200.0.5', '45.77.10.9', 2],
    ],
  );
  assert.ok(breaches.every((breach) => breach.score >= 0.9));
  assert.match(
    breaches.find((b) => b.src === '10.200.0.5')?.reasons[0] ?? '',
    /from the closed network to the internet/,
  );
});

test('polling every host does raises nothing; a few hosts at a few sites beaconing alerts', () => {
  const analyzer = new NetworkAnalyzer({ watchCountries: ['CN'] });
  const start = Date.UTC(2011, 6, 12) / 1000;
  const hosts: [string, string][] = [];
  for (let s = 0; s < 20; s++)
    for (let h = 0; h < 15; h++) hosts.push([`10.${s}.0.${h + 2}`, `site-${s}`]);
  for (const [ip, siteId] of hosts) {
    for (let k = 0; k < 48; k++)
      analyzer.observeFlow(flow(ip, '13.107.4.50', start + k * 1800 + 30, { site: siteId }));
    for (let k = 0; k < 30; k++)
      analyzer.observeFlow(
        flow(ip, `23.1.${k}.${(ip.length * 7) % 250}`, start + 30_000 + k * 600, { site: siteId }),
      );
  }
  const infected = [
    ['10.3.0.7', 'site-3'],
    ['10.11.0.4', 'site-11'],
  ] as const;
  for (const [ip, siteId] of infected)
    for (let t = start + 11; t < start + 86_400; t += 300 + ((t * 7919) % 120) - 60)
      analyzer.observeFlow(flow(ip, '45.77.10.9', t, { site: siteId, origBytes: 420 }));
  const report = analyzer.analyze();
  const alerts = report.pairs.filter((pair) => pair.alert);
  assert.deepEqual(alerts.map((pair) => pair.src).sort(), ['10.11.0.4', '10.3.0.7']);
  assert.ok(alerts.every((pair) => pair.dst === '45.77.10.9' && pair.components.rare === 0.15));
  const polling = report.pairs.find((pair) => pair.dst === '13.107.4.50');
  assert.ok(
    polling !== undefined && (polling.beacon?.score ?? 0) > 0.8,
    'the polling is a perfect beacon',
  );
  assert.equal(polling.components.mostHosts, -0.3);
  assert.equal(polling.alert, false);
  assert.equal(report.hosts, hosts.length + infected.length - 2);
});
