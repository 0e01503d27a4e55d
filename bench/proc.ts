/** Running `djchain` as real child processes for the benchmarks (init, start, stop). */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

const MAIN = new URL('../packages/cli/src/main.ts', import.meta.url).pathname;

/** Runs a `djchain` command to completion; throws with its stderr when it fails. */
export function djchain(args: readonly string[]): string {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`djchain ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Merges `patch` into `<dir>/config.json`. */
export function patchConfig(dir: string, patch: Record<string, unknown>): void {
  const file = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...config, ...patch }, null, 2)}\n`);
}

export interface NodeProcess {
  readonly child: ChildProcess;
  /** The API base URL the node printed. */
  readonly url: string;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `djchain start --dir <dir> --port <port>` (port undefined: config.json's; `nodeFlags` for node
 * itself, e.g. `--cpu-prof`); resolves with the URL it prints, rejects if it exits
 * first.
 */
export function startNode(
  dir: string,
  nodeFlags: readonly string[] = [],
  port: number | undefined = 0,
): Promise<NodeProcess> {
  const portArgs = port === undefined ? [] : ['--port', String(port)];
  const child = spawn(process.execPath, [...nodeFlags, MAIN, 'start', '--dir', dir, ...portArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => {
      err = (err + String(d)).slice(-4000);
    });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited, stop });
    });
    child.once('exit', (code) => reject(new Error(`djchain start exited (${code}): ${out} ${err}`)));
  });
}

/** `n` free TCP ports on 127.0.0.1 (bound, read and released). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Runs `node <script> <arg>` and resolves with the JSON line it prints on stdout. */
export function runJsonProcess(script: string, arg: unknown): Promise<unknown> {
  const child = spawn(process.execPath, [script, JSON.stringify(arg)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited (${code})`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!));
      } catch (e) {
        reject(e);
      }
    });
  });
}
