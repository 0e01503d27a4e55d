/**
 * Real child processes for tests and benchmarks: run `djchain` to completion, or start a process
 * and wait for the URL it prints (a node's API, the sealed-data service), with its exit and a
 * polite stop. Every wait is bounded.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `djchain` command's entry, as the CLI package exports it (resolved, never imported). */
export const DJCHAIN_MAIN: string = fileURLToPath(import.meta.resolve('@djchain/cli/main'));

/** The first loopback URL a server prints. */
export const LOOPBACK_URL = /(http:\/\/127\.0\.0\.1:\d+)/;

export interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `djchain <args>` to completion in a child process. */
export function djchain(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Ran {
  const r = spawnSync(process.execPath, [DJCHAIN_MAIN, ...args], { encoding: 'utf8', env });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Spawned {
  readonly child: ChildProcess;
  /** The URL the process printed (group 1 of the pattern). */
  readonly url: string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** All it has printed on stdout so far. */
  out(): string;
  /** SIGTERM (or `signal`), then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where the URL is read from stdout; group 1 is the URL. Default: the first loopback URL. */
  readonly pattern?: RegExp;
  /** Also required of stdout before it counts as started (e.g. the last line of a banner). */
  readonly ready?: (out: string) => boolean;
  /** How long it may take to print it; the process is killed after. Default 120 s. */
  readonly timeoutMs?: number;
  /** Named in errors. */
  readonly what?: string;
}

/**
 * Spawns `command args` and resolves once its stdout shows the URL; rejects (with its output
 * tails) if it exits or times out first.
 */
export function spawnForUrl(
  command: string,
  args: readonly string[],
  opts: SpawnOptions = {},
): Promise<Spawned> {
  const what = opts.what ?? args.slice(0, 3).join(' ');
  const pattern = opts.pattern ?? LOOPBACK_URL;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  const stop = async (graceMs = 5000, signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  child.stderr!.on('data', (d) => {
    err = (err + String(d)).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${what} printed no URL in ${opts.timeoutMs ?? 120_000} ms: ${out.slice(-2000)} ${err}`),
      );
    }, opts.timeoutMs ?? 120_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = pattern.exec(out);
      if (m && (opts.ready === undefined || opts.ready(out))) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exited, out: () => out, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${out.slice(-2000)} ${err}`));
    });
  });
}

/** `djchain <args>` (e.g. `start --dir d --port 0`) until it prints its URL; `nodeFlags` go to node. */
export function startDjchain(
  args: readonly string[],
  opts: SpawnOptions & { readonly nodeFlags?: readonly string[] } = {},
): Promise<Spawned> {
  return spawnForUrl(process.execPath, [...(opts.nodeFlags ?? []), DJCHAIN_MAIN, ...args], {
    what: `djchain ${args.slice(0, 2).join(' ')}`,
    ...opts,
  });
}

/** Runs `djchain start <args>` until it exits by itself (a test-only crash hook); its signal and stderr tail. */
export function runUntilExit(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [DJCHAIN_MAIN, 'start', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err = (err + String(d)).slice(-4000);
  });
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr: err })),
  );
  return { child, done };
}

/** Rewrites a JSON file of a node directory (`config.json`, `genesis.json`) through `edit`. */
export function editJson<T = Record<string, unknown>>(file: string, edit: (value: T) => T): void {
  writeFileSync(file, `${JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')) as T), null, 2)}\n`);
}

/** Merges `patch` into `<dir>/config.json`. */
export function patchConfig(dir: string, patch: Record<string, unknown>): void {
  editJson(join(dir, 'config.json'), (c) => ({ ...c, ...patch }));
}

export interface SealedServiceArgs {
  readonly vault: string;
  readonly profiles: string;
  /** The node's API URL. */
  readonly api: string;
  readonly genesis: string;
  /** The node's `api-token`: the service runs beside the node and checks read records as its operator. */
  readonly tokenFile: string;
  readonly extra?: readonly string[];
}

/** `djchain sealed serve` until it prints its URL. */
export function startSealedService(a: SealedServiceArgs): Promise<Spawned> {
  return startDjchain(
    [
      'sealed',
      'serve',
      '--vault',
      a.vault,
      '--profiles',
      a.profiles,
      '--api',
      a.api,
      '--genesis',
      a.genesis,
      '--token-file',
      a.tokenFile,
      ...(a.extra ?? []),
    ],
    { timeoutMs: 60_000 },
  );
}
