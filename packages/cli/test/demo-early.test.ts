/**
 * The first start's early services (issue 20): while the demo writes its history, the sealed-data
 * service (and the web app, when built) already run as its children. A demo killed at that moment
 * (SIGKILL: no chance to stop them) must not leave them behind — they watch their IPC channel to
 * the demo and exit when it closes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sleep } from '@djchain/testkit/ports';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'djchain-demo-early-'));
const pids = new Set<number>();

after(() => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Live children of `parent` whose command line contains `what` (Linux /proc). */
function childrenOf(parent: number, what: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || Number(fields[1]) !== parent) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(what)) found.push(Number(name));
    } catch {
      // ended between the listing and the read
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

test('a demo killed while it writes its history leaves no sealed-data service behind', {
  skip: process.platform !== 'linux' ? 'reads /proc' : false,
}, async () => {
  const dir = join(tmp, 'demo');
  const demo = spawn(
    process.execPath,
    [MAIN, 'demo', '--dir', dir, '--members', '30', '--port', '0', '--no-web'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  pids.add(demo.pid!);
  // Bounded waits (against a hang, not timing checks): the history is being written once the
  // progress file exists, and the service was started before it.
  let sealed: number[] = [];
  for (let i = 0; i < 3000 && sealed.length === 0; i++) {
    if (existsSync(join(dir, 'seeding.json'))) sealed = childrenOf(demo.pid!, 'sealed');
    if (demo.exitCode !== null) break;
    if (sealed.length === 0) await sleep(100);
  }
  assert.equal(sealed.length, 1, 'the sealed-data service runs while the history is written');
  for (const pid of sealed) pids.add(pid);
  // Killed in the middle of the history: some transactions in, the service long since up.
  const done = () => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'seeding.json'), 'utf8')) as { done: number }).done;
    } catch {
      return 0;
    }
  };
  for (let i = 0; i < 3000 && done() < 100 && demo.exitCode === null; i++) await sleep(100);
  assert.ok(done() >= 100, 'the history is being written');
  demo.kill('SIGKILL');
  for (let i = 0; i < 600 && sealed.some(alive); i++) await sleep(100);
  assert.deepEqual(sealed.filter(alive), [], 'the sealed-data service exited with the demo');
});
