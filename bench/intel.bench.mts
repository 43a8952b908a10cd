// Threat-intelligence benchmark, two parts, each beside a floor measured in the same run.
//
// 1. Matching: 1,000,000 indicators loaded (IPv4, CIDR, domains, URLs, hashes), then look-ups of
//    a stream of event values (90% misses, as in real traffic; subdomains walk their suffixes).
//    Floor: a bare Set.has over the same value strings. Also whole events/s (values extracted
//    from ECS events, normalized, matched).
// 2. Retro-hunt: 10,000,000 events stored over 90 days in the embedded store (the real store,
//    its writer thread and value index), then 10,000 new indicators imported, of which 100 were
//    seen in history; the hunt that import triggers is timed. Floor: reading every distinct
//    stored value once (what any value-level hunt must at least do).
//
//   npm run bench:intel [-- --indicators 1000000 --lookups 2000000 --events 10000000 --new 10000]
//   (--events 0 skips the retro-hunt part)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AlertAggregator } from '../src/alerts/aggregator.ts';
import {
  eventValues,
  type EcsEvent,
  type Indicator,
  type IndicatorType,
  type ValueType,
} from '../src/core/index.ts';
import { IndicatorIndex, type IndexedIndicator } from '../src/detect/indicators/indicator-index.ts';
import { DEFAULT_INTEL_SETTINGS, IntelService } from '../src/detect/indicators/service.ts';
import { openSqliteStores } from '../src/storage/sqlite/index.ts';
import { random } from '../test/support/random.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const INDICATORS = arg('--indicators', 1_000_000);
const LOOKUPS = arg('--lookups', 2_000_000);
const EVENTS = arg('--events', 10_000_000);
const NEW = arg('--new', 10_000);
const DAY = 86_400_000;

const next = random(2011);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const hex = (length: number): string => {
  let out = '';
  while (out.length < length)
    out += Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
};
const ipv4 = (): string =>
  `${1 + Math.floor(next() * 222)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${1 + Math.floor(next() * 254)}`;
const WORDS = [
  'mail',
  'update',
  'cdn',
  'portal',
  'secure',
  'login',
  'files',
  'docs',
  'news',
  'api',
  'mofa',
  'gov',
  'data',
  'sync',
];
const TLDS = ['com', 'net', 'org', 'info', 'jp', 'cn', 'ru', 'xyz', 'top'];
const domain = (): string => `${pick(WORDS)}-${hex(6)}.${pick(TLDS)}`;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function generateIndicators(count: number): Indicator[] {
  const mix: [IndicatorType, number][] = [
    ['ipv4', 0.4],
    ['cidr', 0.05],
    ['domain', 0.25],
    ['url', 0.1],
    ['sha256', 0.15],
    ['md5', 0.05],
  ];
  const out: Indicator[] = [];
  for (let i = 0; i < count; i++) {
    let roll = next();
    let type: IndicatorType = 'ipv4';
    for (const [candidate, share] of mix) {
      if (roll < share) {
        type = candidate;
        break;
      }
      roll -= share;
    }
    const value =
      type === 'ipv4'
        ? ipv4()
        : type === 'cidr'
          ? `${ipv4().split('.').slice(0, 3).join('.')}.0/24`
          : type === 'domain'
            ? domain()
            : type === 'url'
              ? `http://${domain()}/${hex(8)}.php`
              : hex(type === 'md5' ? 32 : 64);
    out.push({
      type,
      value,
      tlp: 'green',
      sources: [{ name: 'bench', ref: String(i), confidence: 80 }],
    });
  }
  return out;
}

function matching(): void {
  console.log(`\n## Matching: ${INDICATORS.toLocaleString('en')} indicators loaded`);
  const indicators = generateIndicators(INDICATORS);
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const entries: IndexedIndicator[] = indicators.map((indicator) => ({
    indicator,
    confidence: 80,
    heldBack: false,
  }));
  const index = new IndicatorIndex(entries);
  const buildSeconds = (performance.now() - started) / 1000;
  console.log(
    `index built in ${buildSeconds.toFixed(2)} s, heap +${mb(process.memoryUsage().heapUsed - heapBefore)}`,
  );

  // The query stream: 10% values of loaded indicators (a domain one as a subdomain), 90% misses.
  const queries: { type: ValueType; value: string }[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    if (next() < 0.1) {
      const hit = pick(indicators);
      if (hit.type === 'cidr')
        queries.push({ type: 'ipv4', value: hit.value.replace(/0\/24$/, '77') });
      else if (hit.type === 'domain') queries.push({ type: 'domain', value: `www.${hit.value}` });
      else queries.push({ type: hit.type as ValueType, value: hit.value });
      continue;
    }
    const roll = next();
    if (roll < 0.5) queries.push({ type: 'ipv4', value: ipv4() });
    else if (roll < 0.8) queries.push({ type: 'domain', value: `${pick(WORDS)}.${domain()}` });
    else if (roll < 0.9) queries.push({ type: 'url', value: `http://${domain()}/${hex(6)}?q=1` });
    else queries.push({ type: 'sha256', value: hex(64) });
  }

  const values = new Set(indicators.map((indicator) => indicator.value));
  const scratch: number[] = [];
  const floorPass = (): number => {
    let found = 0;
    for (const query of queries) if (values.has(query.value)) found++;
    return found;
  };
  const indexPass = (): number => {
    let hits = 0;
    for (const query of queries) {
      scratch.length = 0;
      if (index.matchValue(query.type, query.value, scratch).length > 0) hits++;
    }
    return hits;
  };
  // Each pass runs twice, the first warming up (string hashes are cached on first use, for both).
  floorPass();
  indexPass();
  let started2 = performance.now();
  const found = floorPass();
  const floorRate = queries.length / ((performance.now() - started2) / 1000);
  started2 = performance.now();
  const hits = indexPass();
  const lookupRate = queries.length / ((performance.now() - started2) / 1000);
  console.log(
    `floor (Set.has on the same strings): ${Math.round(floorRate).toLocaleString('en')} look-ups/s (${found.toLocaleString('en')} exact hits)`,
  );
  console.log(
    `index look-ups: ${Math.round(lookupRate).toLocaleString('en')} look-ups/s, ${(100 * (lookupRate / floorRate)).toFixed(0)}% of floor; ${hits.toLocaleString('en')} values matched (suffixes and ranges included)  [target >= 1,000,000/s]`,
  );

  // Whole events: extract, normalize and match every value.
  const events: EcsEvent[] = [];
  for (let i = 0; i < 200_000; i++)
    events.push(benchEvent(Date.UTC(2026, 10, 1) + i * 1000, i, queries[i % queries.length]));
  let eventsMatched = 0;
  started = performance.now();
  for (const event of events) if (index.match(eventValues(event)).length > 0) eventsMatched++;
  const eventSeconds = (performance.now() - started) / 1000;
  let extracted = 0;
  started = performance.now();
  for (const event of events) extracted += eventValues(event).length;
  const extractSeconds = (performance.now() - started) / 1000;
  console.log(
    `whole events: ${Math.round(events.length / eventSeconds).toLocaleString('en')} events/s (${(extracted / events.length).toFixed(1)} values each; extraction alone ${Math.round(events.length / extractSeconds).toLocaleString('en')} events/s), ${eventsMatched.toLocaleString('en')} events matched`,
  );
}

const SITES = Array.from({ length: 230 }, (_, i) => `site-${i}`);

/** A compact ECS event of one of three kinds (DNS, HTTP, process start). */
function benchEvent(ts: number, n: number, query?: { type: ValueType; value: string }): EcsEvent {
  const site = SITES[n % SITES.length] as string;
  const source = { ip: `10.${n % 230}.${(n >> 8) % 4}.${(n % 40) + 2}` };
  const base = { '@timestamp': new Date(ts).toISOString(), site: { id: site }, source };
  const id = `${ts.toString(16).padStart(12, '0')}${n.toString(16).padStart(20, '0')}`;
  const value = query?.value ?? '';
  switch (query?.type) {
    case 'domain':
      return {
        ...base,
        event: { id, kind: 'event', dataset: 'zeek.dns', module: 'zeek', original: `q ${n}` },
        dns: { question: { name: value } },
      };
    case 'url': {
      const host = new URL(value).hostname;
      return {
        ...base,
        event: { id, kind: 'event', dataset: 'zeek.http', module: 'zeek', original: `h ${n}` },
        destination: { ip: '192.0.2.10' },
        url: { full: value, domain: host },
      };
    }
    case 'sha256':
    case 'md5':
      return {
        ...base,
        host: { name: `ws-${n % 9000}` },
        event: {
          id,
          kind: 'event',
          dataset: 'windows.sysmon_operational',
          module: 'windows',
          original: `p ${n}`,
        },
        process: { executable: 'C:\\Temp\\a.exe', hash: { [query.type]: value } },
      };
    default:
      return {
        ...base,
        event: { id, kind: 'event', dataset: 'zeek.conn', module: 'zeek', original: `c ${n}` },
        destination: { ip: value === '' ? '192.0.2.1' : value },
      };
  }
}

async function retroHunt(): Promise<void> {
  console.log(
    `\n## Retro-hunt: ${NEW.toLocaleString('en')} new indicators over ${EVENTS.toLocaleString('en')} stored events (90 days)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'chancery-bench-intel-'));
  const stores = openSqliteStores(dir);
  try {
    // Pools with a long tail: most traffic goes to few destinations, many are seen once or twice.
    const pools = {
      ip: Array.from({ length: 300_000 }, ipv4),
      domain: Array.from({ length: 100_000 }, domain),
      url: Array.from({ length: 50_000 }, () => `http://${domain()}/${hex(6)}.php`),
      sha256: Array.from({ length: 20_000 }, () => hex(64)),
    };
    const skewed = <T,>(pool: readonly T[]): T => pool[Math.floor(pool.length * next() ** 3)] as T;
    const end = Date.now() - DAY;
    const start = end - 90 * DAY;
    const step = (end - start) / EVENTS;
    let started = performance.now();
    let batch: EcsEvent[] = [];
    // One batch is stored by the writer thread while the next is generated, as ingest does.
    let pending: Promise<unknown> = Promise.resolve();
    for (let n = 0; n < EVENTS; n++) {
      const roll = next();
      const query: { type: ValueType; value: string } =
        roll < 0.5
          ? { type: 'ipv4', value: skewed(pools.ip) }
          : roll < 0.8
            ? { type: 'domain', value: skewed(pools.domain) }
            : roll < 0.9
              ? { type: 'url', value: skewed(pools.url) }
              : { type: 'sha256', value: skewed(pools.sha256) };
      batch.push(benchEvent(Math.floor(start + n * step), n, query));
      if (batch.length === 5000) {
        await pending;
        pending = stores.events.append(batch);
        batch = [];
      }
      if (n > 0 && n % 2_000_000 === 0) console.log(`  stored ${n.toLocaleString('en')}…`);
    }
    await pending;
    if (batch.length > 0) await stores.events.append(batch);
    const storeSeconds = (performance.now() - started) / 1000;
    console.log(
      `stored ${EVENTS.toLocaleString('en')} events in ${storeSeconds.toFixed(1)} s (${Math.round(EVENTS / storeSeconds).toLocaleString('en')} events/s, value index included)`,
    );

    started = performance.now();
    const distinct = await stores.values.forEachValue(() => undefined);
    const floorSeconds = (performance.now() - started) / 1000;
    console.log(
      `floor (read every distinct stored value once): ${distinct.toLocaleString('en')} values in ${floorSeconds.toFixed(2)} s`,
    );

    // 10,000 new indicators: 100 seen in history (from the rarer half of the pools), the rest not.
    const fresh = generateIndicators(NEW - 100);
    for (let i = 0; i < 100; i++) {
      const roll = i % 4;
      const pool =
        roll === 0 ? pools.ip : roll === 1 ? pools.domain : roll === 2 ? pools.url : pools.sha256;
      const value = pool[Math.floor(pool.length * (0.5 + next() * 0.5))] as string;
      const type: IndicatorType =
        roll === 0 ? 'ipv4' : roll === 1 ? 'domain' : roll === 2 ? 'url' : 'sha256';
      fresh.push({
        type,
        value,
        tlp: 'amber',
        sources: [{ name: 'partner', ref: `planted-${i}`, confidence: 90 }],
      });
    }
    const service = new IntelService(DEFAULT_INTEL_SETTINGS, {
      store: stores.intel,
      values: stores.values,
      events: stores.events,
    });
    const aggregator = new AlertAggregator();
    started = performance.now();
    const { report, hunt } = await service.import(
      [{ indicators: fresh, problems: [], counts: {} }],
      async (alerts) => {
        await stores.alerts.upsert(aggregator.addAll(alerts));
      },
    );
    const importSeconds = (performance.now() - started) / 1000;
    if (hunt === undefined) throw new Error('the import did not hunt');
    console.log(
      `import of ${report.inserted.toLocaleString('en')} indicators + hunt: ${importSeconds.toFixed(2)} s`,
    );
    console.log(
      `retro-hunt: ${hunt.seconds.toFixed(2)} s  [target < 10 s]; ${(hunt.seconds / floorSeconds).toFixed(1)}× the floor; ` +
        `${hunt.values.toLocaleString('en')} values compared, ${hunt.valuesMatched} matched, ${hunt.minutes} minutes read (${hunt.eventsRead.toLocaleString('en')} events), ` +
        `${hunt.matches.toLocaleString('en')} matches, ${hunt.alerts.toLocaleString('en')} retrospective alerts`,
    );
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

matching();
if (EVENTS > 0) await retroHunt();
console.log(`\npeak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
