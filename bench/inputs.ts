// Builds the benchmark inputs under .bench-tmp/ (git-ignored): real shared data repeated until
// the target size, every copy marked so that no two lines are the same event, or synthetic
// lines when the shared data is absent.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip, gunzipSync } from 'node:zlib';
import { once } from 'node:events';
import { REPO_ROOT, SHARED_DATA } from '../test/support/data.ts';

export const BENCH_DIR = join(REPO_ROOT, '.bench-tmp');

export interface BenchInput {
  name: string;
  format: string;
  fileName: string;
  path: string;
  lines: number;
  floor: 'tsv' | 'json';
}

async function writeLines(path: string, gzip: boolean, lines: Iterable<string>): Promise<number> {
  const file = createWriteStream(path);
  const out = gzip ? createGzip({ level: 6 }) : undefined;
  out?.pipe(file);
  const target = out ?? file;
  let count = 0;
  let buffer: string[] = [];
  for (const line of lines) {
    buffer.push(line);
    count++;
    if (buffer.length === 10_000) {
      if (!target.write(`${buffer.join('\n')}\n`)) await once(target, 'drain');
      buffer = [];
    }
  }
  if (buffer.length > 0) target.write(`${buffer.join('\n')}\n`);
  target.end();
  await once(file, 'close');
  return count;
}

function* repeat(
  lines: readonly string[],
  total: number,
  mark: (line: string, copy: number) => string,
): Generator<string> {
  let produced = 0;
  for (let copy = 0; produced < total; copy++) {
    for (const line of lines) {
      if (produced++ >= total) return;
      yield mark(line, copy);
    }
  }
}

function realConnLines(): string[] | undefined {
  const root = join(SHARED_DATA, 'zeek', 'rita', 'test_data', 'missing_host');
  if (!existsSync(root)) return undefined;
  const lines: string[] = [];
  for (const day of readdirSync(root)
    .filter((d) => /^\d{4}-/.test(d))
    .sort()) {
    for (const name of readdirSync(join(root, day))
      .filter((n) => n.startsWith('conn.'))
      .sort()) {
      const text = gunzipSync(readFileSync(join(root, day, name))).toString('utf8');
      lines.push(...text.split('\n').filter((line) => line !== '' && !line.startsWith('#')));
    }
  }
  return [...new Set(lines)];
}

const CONN_HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\t_node_name\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\tstring\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

function syntheticConn(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    [
      'worker-1',
      (1713484800 + i * 0.37).toFixed(6),
      `C${i.toString(36)}x`,
      `10.${i % 200}.${i % 7}.${i % 250}`,
      String(40000 + (i % 20000)),
      `203.0.113.${i % 250}`,
      '443',
      'tcp',
      'ssl',
      '0.5',
      '517',
      '3921',
      'SF',
      'T',
      'F',
      '0',
      'ShADadFf',
      '8',
      '849',
      '7',
      '4289',
      '-',
    ].join('\t'),
  );
}

function realWindowsLines(): string[] | undefined {
  const dir = join(SHARED_DATA, 'windows', 'otrf');
  if (!existsSync(dir)) return undefined;
  // The OTRF exports repeat some records byte for byte; keep one of each so every line is an event.
  const lines = readdirSync(dir)
    .sort()
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
  return [...new Set(lines)];
}

function syntheticWindows(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Hostname: `WS${i % 300}`,
      TimeCreated: '2024-04-19 00:00:00.000',
      Image: 'C:\\Windows\\System32\\cmd.exe',
      CommandLine: `cmd.exe /c echo ${i}`,
      ParentImage: 'C:\\Windows\\explorer.exe',
      User: 'CORP\\user',
      Hashes: 'SHA1=AA,MD5=BB,SHA256=CC',
      ProcessId: String(i % 65000),
    }),
  );
}

function syntheticEve(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      timestamp: new Date(Date.UTC(2024, 3, 19) + i * 10).toISOString(),
      flow_id: i,
      event_type: i % 3 === 0 ? 'dns' : 'flow',
      src_ip: `10.1.${i % 250}.${i % 200}`,
      src_port: 40000 + (i % 20000),
      dest_ip: `198.51.100.${i % 250}`,
      dest_port: i % 3 === 0 ? 53 : 443,
      proto: i % 3 === 0 ? 'UDP' : 'TCP',
      ...(i % 3 === 0
        ? {
            dns: {
              type: 'query',
              id: i % 65535,
              rrname: `host${i % 5000}.example.com`,
              rrtype: 'A',
            },
          }
        : {
            flow: {
              pkts_toserver: 8,
              pkts_toclient: 7,
              bytes_toserver: 849,
              bytes_toclient: 4289,
              start: '2024-04-19T00:00:00.000000+0000',
              end: '2024-04-19T00:00:01.000000+0000',
              state: 'closed',
            },
          }),
    }),
  );
}

function syntheticSyslog(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `<86>Apr 19 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} gw-${i % 50} sshd[${1000 + (i % 5000)}]: Accepted publickey for admin from 10.2.${i % 250}.7 port ${40000 + (i % 20000)} ssh2 #${i}`
      : `<165>1 2024-04-19T00:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z fw-${i % 50} firewall ${i % 9999} - [meta seq="${i}"] Deny tcp 10.3.${i % 250}.9 -> 198.51.100.${i % 250}:443`,
  );
}

export async function prepareInputs(target: number): Promise<BenchInput[]> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const conn = realConnLines() ?? syntheticConn(100_000);
  const connLines = await writeLines(join(BENCH_DIR, 'conn.log.gz'), true, [
    ...CONN_HEADER,
    ...repeat(conn, target, (line, copy) => (copy === 0 ? line : `c${copy}-${line}`)),
  ]);
  const windows = realWindowsLines() ?? syntheticWindows(20_000);
  const windowsTarget = Math.max(50_000, Math.round(target / 4));
  const windowsLines = await writeLines(
    join(BENCH_DIR, 'windows.json'),
    false,
    repeat(windows, windowsTarget, (line, copy) => `{"BenchCopy":${copy},${line.slice(1)}`),
  );
  const small = Math.max(50_000, Math.round(target / 5));
  const eveLines = await writeLines(join(BENCH_DIR, 'eve.json'), false, syntheticEve(small));
  const syslogLines = await writeLines(
    join(BENCH_DIR, 'messages.log'),
    false,
    syntheticSyslog(small),
  );
  return [
    {
      name: 'zeek conn (tsv.gz)',
      format: 'zeek-tsv',
      fileName: 'conn.log.gz',
      path: join(BENCH_DIR, 'conn.log.gz'),
      lines: connLines - CONN_HEADER.length,
      floor: 'tsv',
    },
    {
      name: 'windows (json)',
      format: 'windows-json',
      fileName: 'windows.json',
      path: join(BENCH_DIR, 'windows.json'),
      lines: windowsLines,
      floor: 'json',
    },
    {
      name: 'suricata eve',
      format: 'suricata-eve',
      fileName: 'eve.json',
      path: join(BENCH_DIR, 'eve.json'),
      lines: eveLines,
      floor: 'json',
    },
    {
      name: 'syslog',
      format: 'syslog',
      fileName: 'messages.log',
      path: join(BENCH_DIR, 'messages.log'),
      lines: syslogLines,
      floor: 'tsv',
    },
  ];
}
