// Sigma benchmark: events/s of Windows telemetry through parse, normalize and every Windows rule
// of the SigmaHQ set, on one core, beside the bare parse floor measured in the same run
// (JSON.parse of the same lines, nothing else), with rules loaded, alerts raised and peak memory.
//
//   npm run bench:sigma [-- --events 1000000]
//
// The OTRF recordings in ../shared/data/windows/otrf are replayed until the target count; the
// benchmark needs the shared data (the rule set is SigmaHQ's) and says so when it is absent.
import { existsSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eventId, type EcsEvent } from '../src/core/index.ts';
import { SigmaEngine } from '../src/detect/sigma/engine/engine.ts';
import { loadDefaultPipeline } from '../src/detect/sigma/pipelines/pipeline.ts';
import { loadRules } from '../src/detect/sigma/rule/load.ts';
import { buildRuleSet } from '../src/detect/sigma/rule-set.ts';
import { ParseFailure, type LineFormat } from '../src/parsers/parser.ts';
import { formatByType } from '../src/parsers/registry.ts';
import { readLines, shared } from '../test/support/data.ts';

const args = process.argv.slice(2);
const target = Number(args[args.indexOf('--events') + 1] ?? '') || 1_000_000;

const otrf = shared('windows', 'otrf');
const sigma = shared('sigma');
if (!existsSync(otrf) || !existsSync(sigma)) {
  console.log(`bench:sigma needs the shared data (${otrf}, ${sigma}); not found, nothing measured`);
  process.exit(0);
}

// Rules: every Windows rule of the public set, as a detection engineer would load them.
const loadStart = performance.now();
const loaded = loadRules(
  readdirSync(sigma)
    .filter((name) => name.startsWith('rules'))
    .map((name) => `${sigma}/${name}`),
);
const windows = {
  ...loaded,
  documents: loaded.documents.filter(
    (d) => d.kind === 'detection' && d.logsource.product?.toLowerCase() === 'windows',
  ),
};
const ruleSet = buildRuleSet(windows, { placeholders: { Administrators: ['Administrator'] } });
const engine = new SigmaEngine(ruleSet.rules, loadDefaultPipeline());
const loadSeconds = (performance.now() - loadStart) / 1000;

const lines = readdirSync(otrf)
  .filter((name) => name.endsWith('.json') && name !== 'otrf-index.json')
  .flatMap((name) => readLines(`${otrf}/${name}`))
  .filter((line) => line.trim() !== '');
const repeats = Math.ceil(target / lines.length);
const total = lines.length * repeats;

function timed(run: () => number): { seconds: number; value: number } {
  const started = performance.now();
  const value = run();
  return { seconds: (performance.now() - started) / 1000, value };
}

// Floor: the bare read-and-parse loop over the same lines.
const floor = timed(() => {
  let keys = 0;
  for (let r = 0; r < repeats; r++)
    for (const line of lines) keys += Object.keys(JSON.parse(line) as object).length;
  return keys;
});

const format = formatByType('windows-json') as LineFormat;
let matches = 0;
const firing = new Set<string>();
const full = timed(() => {
  const parser = format.create({ fileName: '' });
  let events = 0;
  for (let r = 0; r < repeats; r++)
    for (const [index, line] of lines.entries()) {
      const draft = parser.parseLine(line, index + 1);
      if (draft === undefined || draft instanceof ParseFailure) continue;
      const event = draft as EcsEvent;
      event.event.id = eventId(Date.parse(draft['@timestamp']), draft.event.dataset, line);
      events++;
      for (const match of engine.match(event)) {
        matches++;
        firing.add(match.rule.id);
      }
    }
  return events;
});

// Detection alone, on events parsed beforehand: the engine's own ceiling.
const parsed: EcsEvent[] = [];
{
  const parser = format.create({ fileName: '' });
  for (const [index, line] of lines.entries()) {
    const draft = parser.parseLine(line, index + 1);
    if (draft !== undefined && !(draft instanceof ParseFailure)) parsed.push(draft as EcsEvent);
  }
}
const detectOnly = timed(() => {
  let n = 0;
  for (let r = 0; r < repeats; r++) for (const event of parsed) n += engine.match(event).length;
  return n;
});

const perSecond = (count: number, seconds: number): string =>
  Math.round(count / seconds).toLocaleString('en');
const stats = engine.stats();
const evaluated = stats.buckets.reduce((sum, b) => sum + b.stats.unfiltered, 0);
console.log(
  `rules: ${ruleSet.rules.length} Windows rules compiled (${ruleSet.report.rejected} rejected), loaded in ${loadSeconds.toFixed(1)} s`,
);
console.log(
  `events: ${total.toLocaleString('en')} (${lines.length} OTRF events x ${repeats}), one core`,
);
console.log(`floor (JSON.parse only):        ${perSecond(total, floor.seconds)} events/s`);
console.log(
  `parse + normalize + all rules:  ${perSecond(full.value, full.seconds)} events/s  (${((floor.seconds / full.seconds) * 100).toFixed(0)}% of floor)`,
);
console.log(
  `rules alone on parsed events:   ${perSecond(parsed.length * repeats, detectOnly.seconds)} events/s`,
);
console.log(
  `alerts raised: ${matches.toLocaleString('en')} matches of ${firing.size} distinct rules`,
);
console.log(
  `buckets: ${stats.buckets.length}, rules without a usable literal evaluated on every event of their kind: ${evaluated}`,
);
// maxRSS is the process's high-water mark (KiB), which a sampling timer cannot see during
// the synchronous loops above.
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB RSS`);
