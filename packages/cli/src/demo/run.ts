/**
 * `djchain demo` (what `npm start` runs): the demo consortium on 127.0.0.1 with persistent data in
 * `.djchain/demo`. First start: node files, demo keystores, then the history replay (replay-node.ts +
 * seed.ts) and a marker file; every start: `djchain start` as a child process, the web app if it is
 * built, and a stop that ends every child.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { createKeystore, DjchainClient, KEYSTORE_OPEN_MIN_N } from '@djchain/client';
import { getSuite, type SuiteId } from '@djchain/crypto';
import { chinaDate, chinaTime, type IsoDate } from '@djchain/modules';
import { nodeScrypt } from '../commands/scrypt.ts';
import { CONFIG_FILE, GENESIS_FILE, loadDir, writeJson } from '../files.ts';
import { type Lang, t } from '../i18n.ts';
import { initCluster } from '../init.ts';
import { NODE_FLAGS } from '../node-flags.ts';
import { operatorToken } from '../start.ts';
import { DemoError } from './errors.ts';
import { type DemoPlan, generatePlan, personKey, planHash } from './plan.ts';
import { profileSaltOf } from './plan-context.ts';
import { declarationSaltOf } from './plan-declarations.ts';
import { profileBases } from './plan-profiles.ts';
import { DEMO_PROFILES, DEMO_VAULT, writeDemoVault } from './sealed.ts';
import { seedHistory, waitForBlockTime } from './seed.ts';

/** The documented passphrase of every demo keystore (README.md). Demo keys protect nothing real. */
export const DEMO_PASSPHRASE = 'djchain-demo';
export const DEMO_CHAIN_ID = 'djchain-demo';
export const MARKER_FILE = 'seeded.json';
/** While the first start writes the history: { done, total } for the web app's banner (removed after). */
export const PROGRESS_FILE = 'seeding.json';

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
  /** Validator processes of the consortium (the committee first, then general branches and branches). */
  readonly validators: number;
  readonly suite?: SuiteId;
  /** China date the history ends at (default: today); for tests. */
  readonly today?: IsoDate;
  /** Progress and notes, one line or a carriage-return update each. */
  readonly say?: (text: string) => void;
  readonly progress?: (done: number, total: number, date: IsoDate) => void;
  /** Each wave of the history around its submission and commit (seed.ts `onWave`; the bench). */
  readonly onWave?: (phase: 'submit' | 'committed', txs: number) => void;
  /** Language of the notes (default zh-CN). */
  readonly lang?: Lang;
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
  /** Node directory names under nodes/, the committee's first. */
  readonly nodes: readonly string[];
}

export interface RunningDemo {
  readonly dir: string;
  readonly apiUrl: string;
  /** null when the web app is not built (or not asked for). */
  readonly webUrl: string | null;
  readonly webNote: string | null;
  /** The sealed-data service (null for a demo seeded before it existed: --reset adds it). */
  readonly sealedUrl: string | null;
  /** Whether this start seeded the history (false: the data was already there). */
  readonly seededNow: boolean;
  readonly marker: DemoMarker;
  readonly validators: number;
  /** API of every validator's node, the committee's first (= apiUrl). */
  readonly apiUrls: readonly string[];
  readonly accountsDir: string;
  /** Stops every child process. */
  stop(): Promise<void>;
  /** Resolves when a child exits by itself (the node or the web server died). */
  readonly childExited: Promise<string>;
}

export const MAIN = new URL('../main.ts', import.meta.url).pathname;
const REPLAY = new URL('./replay-node.ts', import.meta.url).pathname;

/**
 * The demo keystores' scrypt cost: the least a keystore is opened with (KEYSTORE_OPEN_MIN_N). Their
 * keys derive from the public seed, which anyone can recompute; a real keystore is made at 2^17.
 */
export const DEMO_KDF = { N: KEYSTORE_OPEN_MIN_N, allowWeakKdf: true } as const;
export const WEB_SERVE = new URL('../../../web/src/serve.ts', import.meta.url).pathname;
export const WEB_DIST_INDEX = new URL('../../../web/dist/index.html', import.meta.url).pathname;

export async function runDemo(opts: DemoOptions): Promise<RunningDemo> {
  const say = opts.say ?? (() => {});
  const lang = opts.lang ?? 'zh-CN';
  const dir = resolve(opts.dir);
  const nodesDir = join(dir, 'nodes');
  const markerFile = join(dir, MARKER_FILE);
  const progressFile = join(dir, PROGRESS_FILE);
  if (opts.reset && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    say(t(lang, 'demoWiped', { dir }));
  }
  if (!existsSync(markerFile) && existsSync(dir)) {
    // A first start that did not finish: its chain holds part of the history; start over.
    rmSync(dir, { recursive: true, force: true });
    say(t(lang, 'demoIncomplete'));
  }
  const children: ChildProcess[] = [];
  const exits: Promise<string>[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
  };
  const start = async (nodeUrl: string, nodeDir: string, title: string, seeding: boolean) => {
    const s = await startServices(opts, dir, nodeUrl, nodeDir, title, seeding ? progressFile : null);
    for (const c of s.started) {
      children.push(c.child);
      exits.push(c.exited.then((code) => `${c.what} exited (${code})`));
    }
    return s;
  };
  try {
    let seededNow = false;
    let services: Services | null = null;
    if (!existsSync(markerFile)) {
      // The web app (and the sealed-data service) start as soon as the committee's replay node
      // answers, on the address its `djchain start` will have: the page is there within seconds and
      // says that the history is still being written (issue 20).
      services = await seedFresh(
        opts,
        dir,
        nodesDir,
        markerFile,
        progressFile,
        say,
        async (url, nodeDir, title) => {
          const s = await start(url, nodeDir, title, true);
          if (s.webUrl) say(t(lang, 'demoWebEarly', { url: s.webUrl }));
          return s;
        },
      );
      seededNow = true;
    }
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as DemoMarker;
    const nodeDirs = marker.nodes.map((id) => join(nodesDir, id));
    const nodeDir = nodeDirs[0]!;
    // Every validator as its own `djchain start` process, joined over p2p (config.json of each).
    const nodes = await Promise.all(
      nodeDirs.map((d) =>
        startChild(
          process.execPath,
          [...NODE_FLAGS, MAIN, 'start', '--dir', d],
          /(http:\/\/127\.0\.0\.1:\d+)/,
        ),
      ),
    );
    for (const [i, n] of nodes.entries()) {
      children.push(n.child);
      exits.push(n.exited.then((c) => `node ${marker.nodes[i]} exited (${c})`));
    }
    const node = nodes[0]!;
    if (services === null) services = await start(node.url, nodeDir, marker.orgNames.c1 ?? '党建链', false);
    // The history is complete and the nodes run: the page's banner goes, and writes are accepted.
    rmSync(progressFile, { force: true });
    const { genesis } = loadDir(nodeDir);
    return {
      dir,
      apiUrl: node.url,
      webUrl: services.webUrl,
      webNote: services.webNote,
      sealedUrl: services.sealedUrl,
      seededNow,
      marker,
      validators: genesis.validators.validators.length,
      apiUrls: nodes.map((n) => n.url),
      accountsDir: join(dir, 'accounts'),
      stop,
      childExited: Promise.race(exits),
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface Services {
  readonly started: Array<Started & { readonly what: string }>;
  readonly sealedUrl: string | null;
  readonly webUrl: string | null;
  readonly webNote: string | null;
}

/**
 * The sealed-data service (personal fields only for read records committed on chain) and the web
 * app, in front of the committee's node at `nodeUrl`. `progressFile`: the history is being written
 * (the page shows the banner and refuses writes while the file exists).
 */
async function startServices(
  opts: DemoOptions,
  dir: string,
  nodeUrl: string,
  nodeDir: string,
  title: string,
  progressFile: string | null,
): Promise<Services> {
  const started: Array<Started & { readonly what: string }> = [];
  try {
    let sealedUrl: string | null = null;
    if (existsSync(join(dir, DEMO_VAULT))) {
      const sealed = await startChild(
        process.execPath,
        [
          MAIN,
          'sealed',
          'serve',
          '--vault',
          join(dir, DEMO_VAULT),
          '--profiles',
          join(dir, DEMO_PROFILES),
          '--api',
          nodeUrl,
          '--genesis',
          join(nodeDir, GENESIS_FILE),
          // Beside the node: it checks read records as the node's operator.
          '--token-file',
          join(nodeDir, 'api-token'),
        ],
        /(http:\/\/127\.0\.0\.1:\d+)/,
        true,
      );
      started.push({ ...sealed, what: 'sealed-data service' });
      sealedUrl = sealed.url;
    }
    let webUrl: string | null = null;
    let webNote: string | null = null;
    if (opts.web) {
      if (existsSync(WEB_DIST_INDEX)) {
        const web = await startChild(
          process.execPath,
          [
            WEB_SERVE,
            '--node',
            nodeUrl,
            '--genesis',
            join(nodeDir, GENESIS_FILE),
            '--port',
            String(opts.webPort),
            '--title',
            title,
            ...(sealedUrl ? ['--sealed', sealedUrl] : []),
            ...(progressFile ? ['--progress-file', progressFile] : []),
          ],
          /(http:\/\/127\.0\.0\.1:\d+)/,
          true,
        );
        started.push({ ...web, what: 'web server' });
        webUrl = web.url;
      } else {
        webNote = t(opts.lang ?? 'zh-CN', 'demoWebNotBuilt');
      }
    }
    return { started, sealedUrl, webUrl, webNote };
  } catch (e) {
    await Promise.all(started.map((s) => stopChild(s.child)));
    throw e;
  }
}

/** The consortium file for `djchain init --orgs`: the committee, then general branches and branches. */
async function consortiumFile(plan: DemoPlan, validators: number, suite: SuiteId, apiPort: number) {
  const ids = ['c1', 'g1', 'g2', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6'].slice(0, validators);
  const ports =
    apiPort === 0
      ? await freePorts(2 * ids.length)
      : ids.flatMap((_, i) => [apiPort + 10 * i, apiPort - 1 + 10 * i]);
  return {
    chainId: DEMO_CHAIN_ID,
    suite,
    host: '127.0.0.1',
    organizations: ids.map((id, i) => ({
      id,
      name: plan.orgNames[id] ?? id,
      kind: id === 'c1' ? 'committee' : id.startsWith('g') ? 'generalBranch' : 'branch',
      apiPort: ports[2 * i]!,
      p2pPort: ports[2 * i + 1]!,
    })),
  };
}

/** Free loopback ports (bound then released; for tests that ask for port 0). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((ok) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => ok(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

async function seedFresh(
  opts: DemoOptions,
  dir: string,
  nodesDir: string,
  markerFile: string,
  progressFile: string,
  say: (text: string) => void,
  onNodeUp: (url: string, nodeDir: string, title: string) => Promise<Services>,
): Promise<Services> {
  const suite = getSuite(opts.suite ?? 'intl');
  const today = opts.today ?? chinaDate(Date.now());
  const plan = generatePlan(suite, { seed: opts.seed, members: opts.members, today });
  const hash = planHash(suite, plan);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The cluster helper's `djchain init --orgs`: keys (0600), shared genesis, configs with peers.
  const genesisTime = chinaTime(plan.genesisDate, 9);
  const nodes = initCluster({
    orgs: await consortiumFile(plan, opts.validators, suite.id, opts.apiPort),
    out: nodesDir,
    force: false,
    time: genesisTime,
  });
  // The demo community goes into the shared genesis; the chain starts on the history's first day.
  for (const n of nodes) {
    const g = JSON.parse(readFileSync(join(n.dir, GENESIS_FILE), 'utf8')) as Record<string, unknown>;
    writeJson(join(n.dir, GENESIS_FILE), { ...g, time: genesisTime, modules: plan.genesis });
    const c = JSON.parse(readFileSync(join(n.dir, CONFIG_FILE), 'utf8')) as Record<string, unknown>;
    writeJson(join(n.dir, CONFIG_FILE), { ...c, logLevel: 'warn' });
  }
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
  // Their sealed form, for the sealed-data service the web app reads through.
  // Each member's profile under the plan's salt, so it opens to the commitment on chain (plan-profiles.ts).
  writeDemoVault(
    dir,
    suite,
    DEMO_CHAIN_ID,
    plan.people,
    profileBases(plan.dues),
    plan.residents,
    plan.declarations,
    {
      declaration: (id) => declarationSaltOf(suite, opts.seed, id),
      profile: (member) => profileSaltOf(suite, opts.seed, member),
    },
  );
  const accountsDir = join(dir, 'accounts');
  mkdirSync(accountsDir, { recursive: true, mode: 0o700 });
  // In parallel on the thread pool. The demo keys derive from the public seed, so a slow KDF would
  // protect nothing: the demo keystores take the least the web app opens (N = 2^15, DEMO_KDF), and a
  // demo sign-in on a phone derives in a quarter of the time of a real keystore's 2^17.
  const keystores = await Promise.all(
    plan.accounts.map((a) =>
      createKeystore(
        suite,
        personKey(suite, opts.seed, a.member).secretKey,
        DEMO_PASSPHRASE,
        { label: `${a.label} ${a.member}`, ...DEMO_KDF },
        { scrypt: nodeScrypt },
      ),
    ),
  );
  for (const [i, a] of plan.accounts.entries())
    writeJson(join(accountsDir, `${a.role}.json`), keystores[i], 0o600);
  say(
    t(opts.lang ?? 'zh-CN', 'demoGenerating', {
      people: plan.people.length,
      txs: plan.txs.length,
      from: plan.genesisDate,
      nodes: nodes.length,
      hash: hash.slice(0, 16),
    }),
  );

  // The committee's replay node takes the API port its `djchain start` will have (the web app's upstream).
  const apiPort = (loadDir(nodes[0]!.dir).config as { api: { port: number } }).api.port;
  const replays = nodes.map((n, i) => startReplay(n.dir, i === 0 ? { port: apiPort } : {}));
  let services: Services | null = null;
  try {
    const urls = await Promise.all(replays.map((r) => r.ready));
    const { genesis } = loadDir(nodes[0]!.dir);
    const total = plan.txs.length;
    writeProgress(progressFile, 0, total);
    services = await onNodeUp(urls[0]!, nodes[0]!.dir, plan.orgNames.c1 ?? '党建链');
    // The demo writes the history as the nodes' operator: it reads every receipt and member.
    const client = new DjchainClient({
      baseUrl: urls[0]!,
      suite,
      chainId: genesis.chainId,
      trust: { kind: 'genesis', validators: genesis.validators },
      token: operatorToken(nodes[0]!.dir),
      // A bound against a hang, not a timing check: while a validator executes a block of several
      // hundred dues payments on a loaded two-core machine, its answers waited over 40 s.
      requestTimeoutMs: 120_000,
    });
    // Every validator's clock moves together: BFT time is the median of their precommit times.
    const setClock = async (ms: number | null) => {
      await Promise.all(replays.map((r) => r.setClock(ms)));
    };
    const result = await seedHistory(suite, plan, {
      client,
      setClock,
      onProgress: (done, all, date) => {
        writeProgress(progressFile, done, all);
        opts.progress?.(done, all, date);
      },
      ...(opts.onWave ? { onWave: opts.onWave } : {}),
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
      nodes: nodes.map((n) => n.id),
    };
    await Promise.all(replays.map((r) => stopChild(r.child, { stop: true })));
    writeJson(markerFile, marker);
    return services;
  } catch (e) {
    if (services) await Promise.all(services.started.map((s) => stopChild(s.child)));
    throw e;
  } finally {
    await Promise.all(replays.map((r) => stopChild(r.child)));
  }
}

/** The seeding progress the web server reads (written whole, then renamed: never read half-written). */
function writeProgress(file: string, done: number, total: number): void {
  writeFileSync(`${file}.tmp`, JSON.stringify({ done, total }));
  renameSync(`${file}.tmp`, file);
}

export interface Replay {
  readonly child: ChildProcess;
  readonly ready: Promise<string>;
  setClock(ms: number | null): Promise<void>;
}

export function startReplay(nodeDir: string, opts: { port?: number } = {}): Replay {
  const portArgs = opts.port === undefined ? [] : ['--port', String(opts.port)];
  const child = fork(REPLAY, ['--dir', nodeDir, ...portArgs], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [...process.execArgv, ...NODE_FLAGS],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const ready = new Promise<string>((ok, fail) => {
    child.on('message', (m: { ready?: string }) => m.ready && ok(m.ready));
    child.once('exit', (c) =>
      fail(new DemoError('DEMO_NODE_FAILED', `replay node exited (${c}): ${stderr}`)),
    );
  });
  ready.catch(() => {});
  return {
    child,
    ready,
    setClock: (ms) =>
      new Promise<void>((ok) => {
        const on = (m: { clockSet?: unknown }) => {
          if (m.clockSet === undefined) return;
          child.off('message', on);
          ok();
        };
        child.on('message', on);
        child.send({ clock: ms });
      }),
  };
}

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/**
 * Spawns a child and resolves with the first URL it prints on stdout. `ipc`: with a channel, so the
 * child (the web server, the sealed-data service) can tell when the demo is gone: they start early
 * in a first start, and a demo killed while writing its history must not leave them behind.
 */
export function startChild(cmd: string, args: string[], urlPattern: RegExp, ipc = false): Promise<Started> {
  const child = spawn(cmd, args, {
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
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
export async function stopChild(child: ChildProcess, message?: unknown): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  if (message !== undefined && child.connected) child.send(message as never);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
