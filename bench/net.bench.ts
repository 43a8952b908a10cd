// Network benchmark: one day of connections for 230 sites (about 10 million, 40 hosts a site),
// generated here with a few planted threats, through the whole network analytics on one core:
// rows/s beside the floor of the same run (the rows grouped by pair in a Map), peak memory, and whether the
// planted beacons were found while the polling every host does raised nothing.
//
//   npm run bench:net [-- --rows 10000000]
//
// Traffic: browsing to a Zipf-distributed pool of 5,000 popular destinations, a few rare ones per
// host, NTP and update polling from every host (benign beacons), and the plants: a backdoor at
// 4 hosts in 3 sites calling one C2 every 300 s ±20% (one host off at night), an always-open
// session to a second C2, and a closed-network host reaching the internet.
import { performance } from 'node:perf_hooks';
import { NetworkAnalyzer } from '../src/detect/network/analyzer.ts';
import type { Flow } from '../src/detect/network/flow.ts';
import { random } from '../test/support/random.ts';

const args = process.argv.slice(2);
const target = Number(args[args.indexOf('--rows') + 1] ?? '') || 10_000_000;

const SITES = 230;
const HOSTS_PER_SITE = 40;
const DAY = 86_400;
const START = Date.UTC(2011, 6, 12) / 1000;
const C2 = '45.77.10.9';
const C2_SESSION = '185.220.101.4';
const NTP = '162.159.200.1';
const UPDATES = '13.107.4.50';
const BACKDOORED = ['10.3.0.7', '10.3.0.21', '10.77.0.5', '10.150.0.33'];

const hosts: { ip: string; site: string }[] = [];
for (let s = 0; s < SITES; s++)
  for (let h = 0; h < HOSTS_PER_SITE; h++)
    hosts.push({ ip: `10.${s}.0.${h + 2}`, site: `site-${s}` });
const popular = Array.from(
  { length: 5000 },
  (_, i) => `${23 + (i % 200)}.${(i * 7) % 250}.${(i * 13) % 250}.${(i % 250) + 1}`,
);

// Rare destinations, built once: the generator must cost little next to what it measures.
const rare = Array.from(
  { length: 50_000 },
  (_, i) => `198.${(i >> 8) % 200}.${i % 250}.${((i * 31) % 250) + 1}`,
);

/**
 * Calls `emit` for every connection of the day, in time order per host (not globally). One row
 * object is reused: the analytics copy what they keep, as they must for a parser's records.
 */
function generate(emit: (flow: Flow) => void): number {
  const next = random(2011);
  let rows = 0;
  const perHost = Math.max(1, Math.floor(target / hosts.length) - 24 - 48);
  const row: Flow = {
    ts: 0,
    src: '',
    dst: '',
    dstPort: 0,
    proto: 'tcp',
    origBytes: 0,
    respBytes: 0,
    duration: 0,
    failed: false,
    site: '',
    srcZone: 'open',
    dstZone: 'external',
  };
  const push = (
    ts: number,
    dst: string,
    dstPort: number,
    proto: string,
    origBytes: number,
    duration: number,
  ): void => {
    row.ts = ts;
    row.dst = dst;
    row.dstPort = dstPort;
    row.proto = proto;
    row.origBytes = origBytes;
    row.respBytes = origBytes;
    row.duration = duration;
    emit(row);
    rows++;
  };
  for (const host of hosts) {
    row.src = host.ip;
    row.site = host.site;
    // Browsing in working hours: Zipf-like popularity over the pool, a few rare sites each.
    for (let i = 0; i < perHost; i++) {
      const u = next();
      const dst =
        u < 0.97
          ? (popular[Math.floor(5000 * u * u * u)] ?? '23.0.0.1')
          : (rare[Math.floor(next() * rare.length)] ?? '198.0.0.1');
      push(
        START + 8 * 3600 + next() * 10 * 3600,
        dst,
        443,
        'tcp',
        600 + Math.floor(next() * 4000),
        next() * 5,
      );
    }
    // Every host polls time hourly and updates every 30 minutes: benign beacons.
    for (let h = 0; h < 24; h++) push(START + h * 3600 + 17, NTP, 123, 'udp', 76, 0.01);
    for (let k = 0; k < 48; k++)
      push(START + k * 1800 + 40 + next() * 60, UPDATES, 443, 'tcp', 900, 0.4);
  }
  // The plants.
  const plant = random(7);
  for (const [index, ip] of BACKDOORED.entries()) {
    row.src = ip;
    row.site = `site-${ip.split('.')[1] ?? '0'}`;
    for (let t = START + index * 37; t < START + DAY; t += 300 * (0.8 + 0.4 * plant())) {
      const hour = Math.floor((t - START) / 3600);
      if (index === 3 && (hour < 7 || hour > 19)) continue; // this one is switched off at night
      push(t, C2, 443, 'tcp', 420 + Math.floor(plant() * 8), 0.3);
    }
  }
  row.src = '10.9.0.4';
  row.site = 'site-9';
  push(START + 60, C2_SESSION, 22, 'tcp', 2_000_000, DAY - 120);
  row.src = '10.220.0.9';
  row.site = 'site-20';
  row.srcZone = 'closed';
  push(START + 5000, '203.0.113.80', 443, 'tcp', 5000, 2);
  row.srcZone = 'open';
  return rows;
}

function timed<T>(run: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = run();
  return { seconds: (performance.now() - started) / 1000, value };
}

// Floor: the generator alone, every row touched once.
const floor = timed(() => {
  let bytes = 0;
  const rows = generate((flow) => {
    bytes += flow.origBytes;
  });
  return { rows, bytes };
});

// Floor of any pair analysis: the same rows grouped by (source, destination) in nested Maps.
const grouped = timed(() => {
  const pairs = new Map<string, Map<string, number>>();
  const rows = generate((flow) => {
    let destinations = pairs.get(flow.src);
    if (destinations === undefined) {
      destinations = new Map();
      pairs.set(flow.src, destinations);
    }
    destinations.set(flow.dst, (destinations.get(flow.dst) ?? 0) + 1);
  });
  return rows;
});

const analyzer = new NetworkAnalyzer({ watchCountries: ['CN'] });
const ingest = timed(() => generate((flow) => analyzer.observeFlow(flow)));
const analysis = timed(() => analyzer.analyze());
const report = analysis.value;

const rows = ingest.value;
const perSecond = (count: number, seconds: number): string =>
  Math.round(count / seconds).toLocaleString('en');
const total = ingest.seconds + analysis.seconds;
const alerts = report.pairs.filter((pair) => pair.alert);
const found = BACKDOORED.filter((ip) => alerts.some((pair) => pair.src === ip && pair.dst === C2));
const benign = alerts.filter((pair) => pair.dst === NTP || pair.dst === UPDATES);
const session = alerts.some((pair) => pair.dst === C2_SESSION);
const breach = report.findings.some(
  (finding) => finding.kind === 'zone-breach' && finding.src === '10.220.0.9',
);
console.log(
  `rows: ${rows.toLocaleString('en')} connections, ${hosts.length.toLocaleString('en')} hosts at ${SITES} sites, one core`,
);
console.log(
  `generator alone:                  ${perSecond(floor.value.rows, floor.seconds)} rows/s`,
);
console.log(
  `floor (generate + group by pair): ${perSecond(grouped.value, grouped.seconds)} rows/s`,
);
console.log(
  `observe (pairs and detectors):    ${perSecond(rows, ingest.seconds)} rows/s  (${((grouped.seconds / ingest.seconds) * 100).toFixed(0)}% of floor)`,
);
console.log(
  `analyze (score ${report.pairs.length.toLocaleString('en')} pairs):     ${analysis.seconds.toFixed(1)} s`,
);
console.log(
  `whole (observe + analyze):        ${perSecond(rows, total)} rows/s  (${((grouped.seconds / total) * 100).toFixed(0)}% of floor)`,
);
console.log(`alerts: ${alerts.length} pairs, ${report.findings.length} other findings`);
console.log(
  `planted beacon found at ${found.length} of ${BACKDOORED.length} hosts${found.length === BACKDOORED.length ? '' : ` (missed ${BACKDOORED.filter((ip) => !found.includes(ip)).join(', ')})`}; long session found: ${session}; zone breach found: ${breach}`,
);
console.log(`benign polling (NTP, updates from every host) alerts: ${benign.length}`);
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB RSS`);
