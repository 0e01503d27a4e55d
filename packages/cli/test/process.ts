/** Running `djchain` as a real child process in tests. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

export function djchain(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `djchain start` and resolves with the API URL it prints (fails if it exits first). */
export function startProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const child = spawn(process.execPath, [MAIN, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => {
      err = (err + String(d)).slice(-4000);
    });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    child.once('exit', (code) => reject(new Error(`djchain start exited (${code}): ${out} ${err}`)));
  });
}

/** Runs `djchain start` until it exits by itself (a test-only crash hook); its signal and stderr tail. */
export function runUntilExit(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(process.execPath, [MAIN, 'start', ...args], {
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
