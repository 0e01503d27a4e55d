/** `djchain sealed serve` as a real child process for the tests (resolves with the URL it prints). */
import { type ChildProcess, spawn } from 'node:child_process';
import type { TestChain } from './commands-node.ts';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

export interface SealedProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): void;
}

export function startSealed(
  chain: Pick<TestChain, 'url' | 'genesisFile'>,
  vault: string,
  profiles: string,
  extra: string[] = [],
): Promise<SealedProcess> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      'sealed',
      'serve',
      '--vault',
      vault,
      '--profiles',
      profiles,
      '--api',
      chain.url,
      '--genesis',
      chain.genesisFile,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`sealed service did not start: ${out} ${err}`));
    }, 60_000);
    child.stderr!.on('data', (d) => {
      err = (err + String(d)).slice(-4000);
    });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1]!, child, stop: () => child.kill('SIGTERM') });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`sealed service exited (${code}): ${out} ${err}`));
    });
  });
}
