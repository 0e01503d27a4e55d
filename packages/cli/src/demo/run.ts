/**
 * `djchain demo` (what `npm start` runs): the demo consortium on 127.0.0.1 with persistent data in
 * `.djchain/demo`. First start: node files, demo keystores, then the history replay (replay-node.ts +
 * seed.ts) and a marker file; every start: `djchain start` as a child process, the web app if it is
 * built, and a stop that ends every child.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createKeystore, DjchainClient } from '@djchain/client';
import { getSuite, randomKeyPair, type SuiteId, toHex } from '@djchain/crypto';
import { chinaDate, chinaTime, type IsoDate } from '@djchain/modules';
import { genesisToJson } from '@djchain/node';
import { CONFIG_FILE, defaultConfig, GENESIS_FILE, KEY_FILE, loadDir, writeJson } from '../files.ts';
import { DemoError } from './errors.ts';
import { type DemoPlan, generatePlan, personKey, planHash } from './plan.ts';
import { seedHistory, waitForBlockTime } from './seed.ts';

/** The documented passphrase of every demo keystore (README.md). Demo keys protect nothing real. */
export const DEMO_PASSPHRASE = 'djchain-demo';
export const DEMO_CHAIN_ID = 'djchain-demo';
export const MARKER_FILE = 'seeded.json';

export interface DemoOptions {
  /** Data directory (default .djchain/demo); wiped by `reset`. */
  readonly dir: string;
  readonly members: number;
  readonly seed: number;
  readonly reset: boolean;
  /** API port of the node (0: any free port). */
  readonly apiPort: number;
  readonly webPort: number;
  readonly web: boolean;
  readonly suite?: SuiteId;
  /** China date the history ends at (default: today); for tests. */
  readonly today?: IsoDate;
  /** Progress and notes, one line or a carriage-return update each. */
  readonly say?: (text: string) => void;
  readonly progress?: (done: number, total: number, date: IsoDate) => void;
}

export interface DemoMarker {
  readonly planHash: string;
  readonly seed: number;
  readonly members: number;
  readonly today: IsoDate;
  readonly txs: number;
  readonly days: number;
  readonly height: number;
  readonly cases: DemoPlan['cases'];
  readonly accounts: DemoPlan['accounts'];
  readonly orgNames: DemoPlan['orgNames'];
}

export interface RunningDemo {
  readonly dir: string;
  readonly apiUrl: string;
  /** null when the web app is not built (or not asked for). */
  readonly webUrl: string | null;
  readonly webNote: string | null;
  /** Whether this start seeded the history (false: the data was already there). */
  readonly seededNow: boolean;
  readonly marker: DemoMarker;
  readonly validators: number;
  readonly accountsDir: string;
  /** Stops every child process. */
  stop(): Promise<void>;
  /** Resolves when a child exits by itself (the node or the web server died). */
  readonly childExited: Promise<string>;
}

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const REPLAY = new URL('./replay-node.ts', import.meta.url).pathname;
const WEB_SERVE = new URL('../../../web/src/serve.ts', import.meta.url).pathname;
const WEB_DIST_INDEX = new URL('../../../web/dist/index.html', import.meta.url).pathname;

export async function runDemo(opts: DemoOptions): Promise<RunningDemo> {
  const say = opts.say ?? (() => {});
  const dir = resolve(opts.dir);
  const nodeDir = join(dir, 'node');
  const markerFile = join(dir, MARKER_FILE);
  if (opts.reset && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    say(`已清空演示数据目录 ${dir}`);
  }
  if (!existsSync(markerFile) && existsSync(dir)) {
    // A first start that did not finish: its chain holds part of the history; start over.
    rmSync(dir, { recursive: true, force: true });
    say('上次初始化未完成，已清空后重新开始。');
  }
  let seededNow = false;
  if (!existsSync(markerFile)) {
    await seedFresh(opts, dir, nodeDir, markerFile, say);
    seededNow = true;
  }
  const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as DemoMarker;
  const children: ChildProcess[] = [];
  const exits: Promise<string>[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
  };
  try {
    const node = await startChild(
      process.execPath,
      [MAIN, 'start', '--dir', nodeDir, '--port', String(opts.apiPort)],
      /(http:\/\/127\.0\.0\.1:\d+)/,
    );
    children.push(node.child);
    exits.push(node.exited.then((c) => `node exited (${c})`));
    let webUrl: string | null = null;
    let webNote: string | null = null;
    if (opts.web) {
      if (existsSync(WEB_DIST_INDEX)) {
        const web = await startChild(
          process.execPath,
          [
            WEB_SERVE,
            '--node',
            node.url,
            '--genesis',
            join(nodeDir, GENESIS_FILE),
            '--port',
            String(opts.webPort),
            '--title',
            marker.orgNames.c1 ?? '党建链',
          ],
          /(http:\/\/127\.0\.0\.1:\d+)/,
        );
        children.push(web.child);
        exits.push(web.exited.then((c) => `web server exited (${c})`));
        webUrl = web.url;
      } else {
        webNote = '网页应用尚未构建：先运行 npm run build -w packages/web，再重新执行 npm start。';
      }
    }
    const { genesis } = loadDir(nodeDir);
    return {
      dir,
      apiUrl: node.url,
      webUrl,
      webNote,
      seededNow,
      marker,
      validators: genesis.validators.validators.length,
      accountsDir: join(dir, 'accounts'),
      stop,
      childExited: Promise.race(exits),
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function seedFresh(
  opts: DemoOptions,
  dir: string,
  nodeDir: string,
  markerFile: string,
  say: (text: string) => void,
): Promise<void> {
  const suite = getSuite(opts.suite ?? 'intl');
  const today = opts.today ?? chinaDate(Date.now());
  const plan = generatePlan(suite, { seed: opts.seed, members: opts.members, today });
  const hash = planHash(suite, plan);
  mkdirSync(nodeDir, { recursive: true, mode: 0o700 });
  const key = randomKeyPair(suite);
  writeJson(
    join(nodeDir, KEY_FILE),
    { suite: suite.id, publicKey: toHex(key.publicKey), secretKey: toHex(key.secretKey) },
    0o600,
  );
  writeJson(
    join(nodeDir, GENESIS_FILE),
    genesisToJson({
      chainId: DEMO_CHAIN_ID,
      suite: suite.id,
      // The chain starts on the first day of the history (see README.md: the history replay).
      time: chinaTime(plan.genesisDate, 9),
      validators: {
        validators: [{ publicKey: key.publicKey, power: 1, name: plan.orgNames.c1 ?? 'validator-0' }],
      },
      modules: plan.genesis as never,
    }),
  );
  writeJson(join(nodeDir, CONFIG_FILE), {
    ...defaultConfig,
    api: { host: '127.0.0.1', port: opts.apiPort },
    logLevel: 'warn',
  });
  // The roster: synthetic names and birth dates, off chain only.
  writeJson(
    join(dir, 'roster.json'),
    plan.people.map((p) => ({
      id: p.id,
      name: p.name,
      branch: p.branch,
      post: p.post,
      birthDate: p.birthDate,
    })),
    0o600,
  );
  const accountsDir = join(dir, 'accounts');
  mkdirSync(accountsDir, { recursive: true, mode: 0o700 });
  for (const a of plan.accounts) {
    const ks = await createKeystore(suite, personKey(suite, opts.seed, a.member).secretKey, DEMO_PASSPHRASE, {
      label: `${a.label} ${a.member}`,
    });
    writeJson(join(accountsDir, `${a.role}.json`), ks, 0o600);
  }
  say(
    `生成演示社区：${plan.people.length} 人，${plan.txs.length} 笔历史交易（${plan.genesisDate} 起），计划哈希 ${hash.slice(0, 16)}…`,
  );

  const replay = fork(REPLAY, ['--dir', nodeDir], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  replay.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      replay.on('message', (m: { ready?: string }) => m.ready && ok(m.ready));
      replay.once('exit', (c) =>
        fail(new DemoError('DEMO_NODE_FAILED', `replay node exited (${c}): ${stderr}`)),
      );
    });
    const { genesis } = loadDir(nodeDir);
    const client = new DjchainClient({
      baseUrl: url,
      suite,
      chainId: genesis.chainId,
      trust: { kind: 'genesis', validators: genesis.validators },
    });
    const setClock = (ms: number | null) =>
      new Promise<void>((ok) => {
        const on = (m: { clockSet?: unknown }) => {
          if (m.clockSet === undefined) return;
          replay.off('message', on);
          ok();
        };
        replay.on('message', on);
        replay.send({ clock: ms });
      });
    const result = await seedHistory(suite, plan, {
      client,
      setClock,
      ...(opts.progress ? { onProgress: opts.progress } : {}),
    });
    // Back to the wall clock: the next block is today's, and today's deadline checks run in it.
    await setClock(null);
    const height = await waitForBlockTime(client, Date.now());
    const marker: DemoMarker = {
      planHash: hash,
      seed: opts.seed,
      members: opts.members,
      today,
      txs: result.txs,
      days: result.days,
      height,
      cases: plan.cases,
      accounts: plan.accounts,
      orgNames: plan.orgNames,
    };
    await stopChild(replay, { stop: true });
    writeJson(markerFile, marker);
  } finally {
    await stopChild(replay);
  }
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/** Spawns a child and resolves with the first URL it prints on stdout. */
function startChild(cmd: string, args: string[], urlPattern: RegExp): Promise<Started> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => {
      err = (err + String(d)).slice(-4000);
    });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = urlPattern.exec(out);
      if (m) ok({ child, url: m[1]!, exited });
    });
    child.once('exit', (code) =>
      fail(
        new DemoError('DEMO_NODE_FAILED', `${args[1] ?? cmd} exited (${code}): ${out.trim()} ${err.trim()}`),
      ),
    );
  });
}

/** Stops a child: a polite request first (IPC `message` or SIGTERM), SIGKILL after 10 s. */
async function stopChild(child: ChildProcess, message?: unknown): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (message !== undefined && child.connected) child.send(message as never);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
