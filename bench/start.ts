/**
 * First start (issue 20): how long a newcomer waits after `npm start` on a fresh clone until the
 * web app answers. Spawns `npm start` exactly as a user would (its `ensure-web` step included) with
 * a temp data directory, then polls the web port: `start_ready_s` is from the spawn to the first
 * 200 answer of the page. The demo keeps writing its history after that (the page says so); the
 * bench also reports when the whole history is written (`start_seeded_s`: the demo prints its
 * summary) and the vite build alone (`web_build_s`, what `npm install`'s postinstall does once).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '@djchain/web';

const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export async function benchStart(
  log: (line: string) => void,
  opts: { members: number; timeoutMs: number },
): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const out = mkdtempSync(join(tmpdir(), 'djbench-webbuild-'));
  try {
    const b0 = performance.now();
    await buildWeb(out);
    figures.web_build_s = Number(((performance.now() - b0) / 1000).toFixed(1));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), 'djbench-start-'));
  const webPort = await freePort();
  const url = `http://127.0.0.1:${webPort}`;
  log(`start: npm start -- --members ${opts.members} (web ${url}, data ${dir})`);
  const t0 = performance.now();
  // Its own process group: npm, the demo and every child it starts are stopped together.
  const child = spawn(
    'npm',
    [
      'start',
      '--',
      '--dir',
      dir,
      '--port',
      '0',
      '--web-port',
      String(webPort),
      '--members',
      String(opts.members),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let text = '';
  child.stdout!.on('data', (d) => {
    text += String(d);
  });
  child.stderr!.on('data', (d) => {
    text = (text + String(d)).slice(-200_000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    const deadline = t0 + opts.timeoutMs;
    for (let i = 0; !(await answers(`${url}/`)); i++) {
      if (exited || performance.now() > deadline || i > 1_000_000)
        throw new Error(`start: the web app never answered: ${text.slice(-2000)}`);
      await sleep(200);
    }
    figures.start_ready_s = Number(((performance.now() - t0) / 1000).toFixed(1));
    const p = (await (await fetch(`${url}/demo-progress.json`)).json()) as {
      seeding: boolean;
      done?: number;
    };
    figures.start_ready_seeding = p.seeding ? 'true' : 'false';
    log(
      `start: web app answers after ${figures.start_ready_s} s (seeding: ${p.seeding}, ${p.done ?? '-'} txs in)`,
    );
    for (let i = 0; !text.includes('停止：'); i++) {
      if (exited || performance.now() > deadline || i > 1_000_000)
        throw new Error(`start: the history was not written: ${text.slice(-2000)}`);
      await sleep(500);
    }
    figures.start_seeded_s = Number(((performance.now() - t0) / 1000).toFixed(1));
    log(`start: history written after ${figures.start_seeded_s} s`);
    return figures;
  } finally {
    if (!exited && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGINT');
      for (let i = 0; i < 150 && !exited; i++) await sleep(100);
      if (!exited) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
