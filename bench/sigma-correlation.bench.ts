// Correlation benchmark: rule hits/s through event_count, value_count and temporal correlations
// with 10,000 groups, beside the floor measured in the same run (the same loop reading the
// group-by value and nothing else), and peak memory.
//
//   npm run bench:correlation [-- --hits 1000000]
import { performance } from 'node:perf_hooks';
import type { EcsEvent } from '../src/core/index.ts';
import { CorrelationEngine, type RuleHit } from '../src/detect/sigma/correlation/index.ts';
import type { CorrelationRule } from '../src/detect/sigma/rule/model.ts';

const args = process.argv.slice(2);
const total = Number(args[args.indexOf('--hits') + 1] ?? '') || 1_000_000;
const GROUPS = 10_000;

function correlation(id: string, rest: Partial<CorrelationRule>): CorrelationRule {
  return {
    kind: 'correlation',
    id,
    title: id,
    references: [],
    tags: [],
    falsepositives: [],
    at: { file: 'bench', line: 1 },
    type: 'event_count',
    rules: ['failed'],
    groupBy: ['user'],
    aliases: {},
    timespanMs: 5 * 60_000,
    condition: { gte: 20 },
    generate: false,
    ...rest,
  };
}

const rules = [
  correlation('count', {}),
  correlation('distinct', { type: 'value_count', condition: { gte: 10, field: 'host' } }),
  correlation('sequence', {
    type: 'temporal_ordered',
    rules: ['failed', 'success'],
    condition: { gte: 2 },
  }),
];

// Hits: 10,000 users, a few hosts each, one hit per millisecond of event time (each user every 10 s).
const event = { '@timestamp': '2026-11-23T00:00:00.000Z', event: { id: 'x' } } as EcsEvent;
const hits: RuleHit[] = [];
for (let i = 0; i < 100_000; i++) {
  const values = { user: `user${i % GROUPS}`, host: `host${(i * 7) % 13}` };
  hits.push({
    rule: { id: i % 50 === 0 ? 'success' : 'failed' },
    timeMs: i,
    event,
    value: (field) => values[field as keyof typeof values],
  });
}

const floorStart = performance.now();
let sink = 0;
for (let n = 0; n < total; n++) sink += String(hits[n % hits.length]?.value('user')).length;
const floorSeconds = (performance.now() - floorStart) / 1000;

const engine = new CorrelationEngine(rules);
let fired = 0;
const start = performance.now();
for (let n = 0; n < total; n++) {
  const base = hits[n % hits.length] as RuleHit;
  // Later laps move on in time, as a live stream does.
  const lap = Math.floor(n / hits.length);
  fired += engine.observe({ ...base, timeMs: base.timeMs + lap * 100_000 }).length;
}
const seconds = (performance.now() - start) / 1000;

const rate = (count: number, s: number): string => Math.round(count / s).toLocaleString('en');
console.log(
  `hits: ${total.toLocaleString('en')} over ${GROUPS.toLocaleString('en')} groups, 3 correlations (${sink > 0 ? 'floor ran' : ''})`,
);
console.log(`floor (read the group value):  ${rate(total, floorSeconds)} hits/s`);
console.log(
  `correlation:                   ${rate(total, seconds)} hits/s  (${((floorSeconds / seconds) * 100).toFixed(0)}% of floor)`,
);
console.log(
  `correlation hits fired: ${fired.toLocaleString('en')}; live groups: ${engine.stats().groups.toLocaleString('en')}`,
);
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB RSS`);
