// Runs the real `chancery` binary as a user would, in a scratch data directory.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './data.ts';

export const BIN = join(REPO_ROOT, 'bin', 'chancery.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function chancery(
  dataDir: string,
  args: readonly string[],
  input?: string | Buffer,
): CliResult {
  const result = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, CHANCERY_CONFIG: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  stderr: () => string;
  /** Lines matching `pattern` that the server printed to stderr so far. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Starts `chancery serve` on an ephemeral port and waits until it listens. */
export async function startServer(
  dataDir: string,
  extra: readonly string[] = [],
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [BIN, '--data-dir', dataDir, 'serve', '--port', '0', ...extra],
    {
      env: { ...process.env, CHANCERY_CONFIG: '' },
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const waitFor = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const match = pattern.exec(err);
        if (match !== null) {
          clearInterval(poll);
          resolve(match);
        } else if (child.exitCode !== null || Date.now() - started > 60_000) {
          clearInterval(poll);
          reject(new Error(`server did not print ${String(pattern)}; stderr:\n${err}`));
        }
      }, 50);
    });
  const listening = await waitFor(/Chancery API on (http:\/\/\S+)\/api\/v1/);
  const token = /(chy_\S+)/.exec(out)?.[1] ?? '';
  return { child, url: `${listening[1] ?? ''}/api/v1`, token, stderr: () => err, waitFor };
}
