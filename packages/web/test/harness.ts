/**
 * Test harness of the web tests: a real chain of one running validator made with the CLI (`djchain init`, then
 * a genesis with a community committee, branches, posts and members written by `writeGenesis` —
 * init makes an empty one — then `djchain start` as a child process), keystore files for the demo
 * accounts, the built app served by serveWeb, and Debian's Chromium driven by playwright-core.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { scrypt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { addressOf, createKeystore, DjchainClient, type ScryptFn } from '@djchain/client';
import { fromHex, getSuite, type KeyPair, randomKeyPair, randomSeed, type SuiteId } from '@djchain/crypto';
import { addDays, ageCommitment, ageProof, chinaTime, sealProfile } from '@djchain/modules';
import { communityOrgs, post } from '@djchain/testkit/community';
import {
  DJCHAIN_MAIN,
  djchain,
  patchConfig,
  type Spawned,
  startDjchain,
  startSealedService,
} from '@djchain/testkit/process';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { genesisSet } from '../src/app/chain.ts';
import { configFromGenesisFile, serveWeb, type WebServer } from '../src/server.ts';
import { type BrowserGate, browserGate, gateNotice } from './browser-gate.ts';

/** Debian's Chromium; DJCHAIN_CHROMIUM points elsewhere (a missing path shows how a run without it is counted). */
export const CHROMIUM = process.env.DJCHAIN_CHROMIUM ?? '/usr/bin/chromium';
export const PASSPHRASE = '党建链-test-口令';
/** Native scrypt for making the test keystores (the browser opens them with @noble's). */
export const nativeScrypt: ScryptFn = (pass, salt, o) =>
  new Promise((ok, fail) =>
    scrypt(pass, salt, o.dkLen, { N: o.N, r: o.r, p: o.p, maxmem: o.maxmem }, (e, k) =>
      e ? fail(e) : ok(new Uint8Array(k)),
    ),
  );
export const SHOTS = new URL('../test-output/screenshots/', import.meta.url).pathname;

/** The demo community of the tests: who holds which post, who applies. */
export const ACCOUNTS = {
  committeeSecretary: { id: 'm-001', label: '社区党委书记 王芳' },
  branchSecretary: { id: 'm-002', label: '第一支部书记 李明' },
  organizer: { id: 'm-003', label: '组织委员 赵刚' },
  clerk: { id: 'm-004', label: '党务工作者 陈静' },
  applicant: { id: 'm-101', label: '申请人 周晓' },
  b2Secretary: { id: 'm-011', label: '第二支部书记 孙立' },
  probationer: { id: 'm-006', label: '预备党员 孙伟' },
} as const;

/** The fictional names of the sealed roster (never on chain): the accounts' and a few more. */
export const NAMES: Readonly<Record<string, string>> = {
  'm-001': '王芳',
  'm-002': '李明',
  'm-003': '赵刚',
  'm-004': '陈静',
  'm-005': '刘洋',
  'm-011': '孙立',
  'm-012': '郭敏',
  'm-101': '周晓',
};
const SURNAMES = ['马', '朱', '胡', '林', '罗', '郑', '梁', '谢'];
const GIVEN = ['建华', '秀英', '志强', '玉兰', '海燕', '晓东', '春梅', '国庆'];

/** Member `i` of the extra members (all 正式党员 of b2): id and fictional name. */
export function extraMember(i: number): { id: string; name: string } {
  return {
    id: `m-${String(200 + i).padStart(3, '0')}`,
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!,
  };
}

export const BIRTH_DATE = '1996-03-15';

/**
 * A second validator (第二党支部's node) that never runs: power 1 against the running node's 10, so
 * the running node alone still commits. The tests hold its key to make it equivocate (and be jailed).
 */
export function secondValidatorKey(suite: SuiteId = 'intl'): KeyPair {
  return getSuite(suite).keyPairFromSeed(new Uint8Array(32).fill(0x2b));
}

/** The suite a node directory's genesis names (`djchain init --suite`). */
function suiteOf(nodeDir: string): SuiteId {
  return JSON.parse(readFileSync(join(nodeDir, 'genesis.json'), 'utf8')).suite === 'gm' ? 'gm' : 'intl';
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface Chain {
  readonly dir: string;
  readonly nodeUrl: string;
  readonly keystores: Record<keyof typeof ACCOUNTS, string>;
  readonly keys: Record<keyof typeof ACCOUNTS, KeyPair>;
  readonly chainId: string;
  readonly child: ChildProcess;
  /** Member id → fictional name, as sealed in the operator's roster (startWeb's sealed service). */
  readonly names: Readonly<Record<string, string>>;
  /**
   * Only for a chain started `pastDays` ago: hands the node back to the wall clock and waits for a
   * block of today (its deadline checks run in it).
   */
  readonly toWallClock?: () => Promise<void>;
  /**
   * Only for a chain started `pastDays` ago: moves the node's clock to `ms` (never back) and waits
   * for a block of that time, so the next transactions are dated then.
   */
  readonly setClock?: (ms: number) => Promise<void>;
  /** Every genesis member's key, by member id (the accounts' and the others'). */
  readonly memberKeys: Readonly<Record<string, KeyPair>>;
  stop(): Promise<void>;
}

/**
 * Writes genesis modules into an initialized node directory: 东风社区党委 (c1) with branches b1, b2
 * and a party group, posts, ten full members, and applicant m-101 with an age commitment.
 * Returns the key of each account and the age seed of the applicant.
 */
/** The term the test community's organizations and posts started on. */
const TERM = '2024-06-01';

export function writeGenesis(
  nodeDir: string,
  extraMembers = 0,
): { keys: Record<string, KeyPair>; seed: Uint8Array } {
  const suite = getSuite(suiteOf(nodeDir));
  const file = join(nodeDir, 'genesis.json');
  const g = JSON.parse(readFileSync(file, 'utf8'));
  const keys: Record<string, KeyPair> = {};
  const member = (id: string, org: string, extra: object = {}) => {
    keys[id] = randomKeyPair(suite);
    return { id, org, address: addressOf(suite, keys[id].publicKey), ...extra };
  };
  const seed = randomSeed();
  const members = [
    member('m-001', 'b1', { status: '正式党员', since: '2008-07-01' }),
    member('m-002', 'b1', { status: '正式党员', since: '2010-07-01' }),
    member('m-003', 'b1', { status: '正式党员', since: '2012-07-01' }),
    member('m-004', 'b1', { status: '正式党员', since: '2015-07-01' }),
    member('m-005', 'b1', { status: '正式党员', since: '2016-07-01' }),
    member('m-006', 'b1', { status: '预备党员', since: '2025-12-01', probationEnd: '2026-12-01' }),
    member('m-011', 'b2', { status: '正式党员', since: '2001-07-01' }),
    member('m-012', 'b2', { status: '正式党员', since: '2005-07-01' }),
    member('m-013', 'b2', { status: '正式党员', since: '2019-07-01' }),
    member('m-101', 'b1', { ageCommitment: ageCommitment(suite, seed, BIRTH_DATE) }),
    // A larger roster for the tests that count requests (they must not grow with it).
    ...Array.from({ length: extraMembers }, (_, i) =>
      member(extraMember(i).id, 'b2', { status: '正式党员', since: '2018-07-01' }),
    ),
  ];
  g.modules = {
    org: {
      orgs: communityOrgs(['c1', 'b1', 'b2', 'g1'], TERM),
      posts: [
        post('c1', 'm-001', '书记', TERM),
        post('b1', 'm-002', '书记', TERM),
        post('b1', 'm-003', '组织委员', TERM),
        post('b1', 'm-004', '党务工作者', TERM),
        post('b2', 'm-011', '书记', TERM),
      ],
    },
    member: { members },
    recruitment: { activeVersion: '2014' },
  };
  // The second validator (第二党支部节点) is in the set, never started: the explorer lists it and the
  // evidence test signs with its key. Its power is small enough that the weighted rotation makes it
  // proposer once in 1,001 heights — at 10 to 1 every eleventh height waited out a round for it
  // (3 s propose and 1 s prevote timeouts) with nothing committed.
  g.validators[0].power = 1000;
  g.validators.push({
    publicKey: Buffer.from(secondValidatorKey(suite.id).publicKey).toString('hex'),
    power: 1,
    name: '第二党支部节点',
    orgId: 'b2',
  });
  writeFileSync(file, `${JSON.stringify(g, null, 2)}\n`);
  return { keys, seed };
}

/**
 * Starts the chain and files the applicant's application (step 1, signed by the applicant).
 * `opts.extraMembers` adds members to 第一支部; `opts.editGenesis` may add to the genesis
 * writeGenesis made (e.g. a discipline commission).
 */
export async function startChain(
  opts: {
    extraMembers?: number;
    editGenesis?: (genesis: { modules: Record<string, unknown> }) => void;
    /**
     * Start the chain (and file the application) this many days ago: the node runs on a clock the
     * test drives (the demo's replay node, packages/cli/src/demo/replay-node.ts) from a genesis of
     * that day until `toWallClock` — so a deadline passes without waiting for it.
     */
    pastDays?: number;
    /** The chain's crypto suite (`djchain init --suite`); intl unless given. */
    suite?: SuiteId;
  } = {},
): Promise<Chain> {
  const root = mkdtempSync(join(tmpdir(), 'djweb-'));
  const dir = join(root, 'node');
  const chainId = 'djweb-test';
  const init = djchain(['init', '--dir', dir, '--chain-id', chainId, '--suite', opts.suite ?? 'intl']);
  if (init.status !== 0) throw new Error(`djchain init failed: ${init.stdout} ${init.stderr}`);
  const extra = opts.extraMembers ?? 0;
  const { keys, seed } = writeGenesis(dir, extra);
  const names: Record<string, string> = { ...NAMES };
  for (let i = 0; i < extra; i++) names[extraMember(i).id] = extraMember(i).name;
  if (opts.editGenesis) {
    const file = join(dir, 'genesis.json');
    const g = JSON.parse(readFileSync(file, 'utf8'));
    opts.editGenesis(g);
    writeFileSync(file, `${JSON.stringify(g, null, 2)}\n`);
  }
  const startDay = opts.pastDays === undefined ? null : addDays(chinaToday(), -opts.pastDays);
  if (startDay !== null) {
    const file = join(dir, 'genesis.json');
    const g = JSON.parse(readFileSync(file, 'utf8'));
    g.time = chinaTime(startDay, 9);
    writeFileSync(file, `${JSON.stringify(g, null, 2)}\n`);
  }
  patchConfig(dir, { emptyBlockIntervalMs: 1000, logLevel: 'warn' });
  const suite = getSuite(opts.suite ?? 'intl');
  const keystores = {} as Record<keyof typeof ACCOUNTS, string>;
  const accountKeys = {} as Record<keyof typeof ACCOUNTS, KeyPair>;
  mkdirSync(join(root, 'keys'));
  for (const [name, acc] of Object.entries(ACCOUNTS) as [
    keyof typeof ACCOUNTS,
    { id: string; label: string },
  ][]) {
    const key = keys[acc.id]!;
    accountKeys[name] = key;
    const ks = await createKeystore(
      suite,
      key.secretKey,
      PASSPHRASE,
      // N = 2^15, the least a browser opens (KEYSTORE_OPEN_MIN_N), not 2^17: the browser's JavaScript
      // scrypt runs at every sign-in and unlock, about a hundred times in the suite. Keys made in the
      // browser (管理 · 新建密钥, residents) keep the full strength and are opened at it in admin.test.
      { label: acc.label, N: 2 ** 15, allowWeakKdf: true },
      { scrypt: nativeScrypt },
    );
    keystores[name] = join(root, 'keys', `${acc.id}.json`);
    writeFileSync(keystores[name], JSON.stringify(ks, null, 2));
  }
  const node =
    startDay === null ? await startDjchain(['start', '--dir', dir, '--port', '0']) : await startDriven(dir);
  const { child, url } = node;
  const stop = async () => {
    await node.stop(5000);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const client = clientOf({ dir, nodeUrl: url, chainId });
    const today = startDay ?? chinaToday();
    const proof = ageProof(suite, seed, BIRTH_DATE, today, 18)!;
    const r = await client.send(
      {
        module: 'recruitment',
        action: 'apply',
        params: { member: 'm-101', branch: 'b1', ageProof: proof, ageProofDate: today },
      },
      accountKeys.applicant,
      { timeoutMs: 30_000 },
    );
    if (r.receipt.status !== 'ok') throw new Error(`apply failed: ${JSON.stringify(r.receipt.error)}`);
  } catch (e) {
    await stop();
    throw e;
  }
  const blockOf = async (ms: number) => {
    // A block at or after `ms`: bounded in count and time.
    const client = clientOf({ dir, nodeUrl: url, chainId });
    for (let i = 0; i < 600 && (await client.status()).time < ms; i++)
      await new Promise((r) => setTimeout(r, 100));
  };
  const setClock =
    'setClock' in node
      ? async (ms: number) => {
          await node.setClock(ms);
          await blockOf(ms);
        }
      : undefined;
  const toWallClock =
    'wallClock' in node
      ? async () => {
          await node.wallClock();
          await blockOf(Date.now());
        }
      : undefined;
  return {
    dir,
    nodeUrl: url,
    keystores,
    keys: accountKeys,
    chainId,
    child,
    names,
    stop,
    memberKeys: keys,
    ...(toWallClock ? { toWallClock } : {}),
    ...(setClock ? { setClock } : {}),
  };
}

/** The demo's replay node: `djchain start`'s node on a clock set by this process, from genesis time. */
const REPLAY_NODE = join(dirname(DJCHAIN_MAIN), 'demo', 'replay-node.ts');

async function startDriven(dir: string): Promise<{
  child: ChildProcess;
  url: string;
  wallClock(): Promise<void>;
  setClock(ms: number): Promise<void>;
  stop(graceMs: number): Promise<void>;
}> {
  // Blocks every 30 ms while the test drives the clock (each date's blocks come at once), every
  // second on the wall clock (the browser's part).
  const child = fork(
    REPLAY_NODE,
    ['--dir', dir, '--empty-block-ms', '1000', '--driven-empty-block-ms', '30'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d) => {
    err = (err + String(d)).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const message = <T>(pick: (m: Record<string, unknown>) => T | undefined, ms: number) =>
    new Promise<T>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`replay node: no answer in ${ms} ms: ${err}`)), ms);
      const exit = (c: number | null) => fail(new Error(`replay node exited (${c}): ${err}`));
      const on = (m: Record<string, unknown>) => {
        const v = pick(m);
        if (v === undefined) return;
        clearTimeout(timer);
        child.off('message', on);
        child.off('exit', exit);
        ok(v);
      };
      child.on('message', on);
      child.once('exit', exit);
    });
  const url = await message((m) => (typeof m.ready === 'string' ? m.ready : undefined), 120_000);
  return {
    child,
    url,
    wallClock: async () => {
      const set = message((m) => (m.clockSet === null ? true : undefined), 30_000);
      child.send({ clock: null });
      await set;
    },
    setClock: async (ms) => {
      const set = message((m) => (m.clockSet === ms ? true : undefined), 30_000);
      child.send({ clock: ms });
      await set;
    },
    stop: async (graceMs) => {
      if (child.exitCode !== null) return;
      child.send({ stop: true });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An SDK client of the test chain, its light client trusting the genesis validator set. */
/**
 * The SDK as the page builds it: trusting the genesis set read from /app-config.json (the web
 * server's `configFromGenesisFile`, the page's `genesisSet`), so a field the config drops makes
 * the SDK tests fail as the page would.
 */
export function clientOf(chain: Pick<Chain, 'dir' | 'nodeUrl' | 'chainId'>): DjchainClient {
  const config = configFromGenesisFile(join(chain.dir, 'genesis.json'));
  return new DjchainClient({
    baseUrl: chain.nodeUrl,
    suite: getSuite(config.suite, 'browser'),
    chainId: chain.chainId,
    trust: { kind: 'genesis', validators: genesisSet(config) },
  });
}

/** The validator's own key (key.json written by `djchain init`). */
export function validatorKey(chain: Pick<Chain, 'dir'>): KeyPair {
  const secretKey = fromHex(JSON.parse(readFileSync(join(chain.dir, 'key.json'), 'utf8')).secretKey);
  return { secretKey, publicKey: getSuite(suiteOf(chain.dir)).publicKeyOf(secretKey) };
}

/** The applicant's sealed profile, as `djchain import` would have left it. */
export const APPLICANT_PROFILE = {
  name: '周晓',
  gender: '女',
  birthDate: BIRTH_DATE,
  idNumber: '110105199603150020',
  phone: '13800000000',
  address: '东风社区3号楼',
  education: '大学本科',
  occupation: '社区工作者',
  incomeBase: 0,
};

/**
 * The sealed-data service (`djchain sealed serve`, a real process) with a key store (vault.json v2,
 * packages/cli/src/commands/vault.ts) holding m-101's own key and her sealed profile.
 */
function startSealed(chain: Chain): Promise<Spawned> {
  const suite = getSuite(suiteOf(chain.dir));
  const root = join(chain.dir, '..');
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const keys: Record<string, string> = {};
  const lines: string[] = [];
  let row = 2;
  // m-101's whole profile; the others a name (and nothing else personal) in the roster.
  for (const [id, name] of Object.entries(chain.names)) {
    const key = randomSeed();
    const nonce = randomSeed().slice(0, 12);
    const profile =
      id === 'm-101'
        ? APPLICANT_PROFILE
        : { ...APPLICANT_PROFILE, name, idNumber: '', phone: '', address: '', birthDate: '1970-01-01' };
    // The vault keeps 32 bytes; a suite's profile key is their first aeadKeyLength (vault.ts profileKeyOf).
    const { sealed, commitment } = sealProfile(
      suite,
      key.slice(0, suite.aeadKeyLength),
      nonce,
      id,
      randomSeed(),
      profile,
    );
    keys[id] = hex(key);
    lines.push(
      JSON.stringify({
        member: id,
        row: row++,
        nonce: hex(nonce),
        sealed: hex(sealed),
        commitment,
        ref: 'web-test',
      }),
    );
  }
  writeFileSync(
    join(root, 'vault.json'),
    JSON.stringify({
      format: 'djchain-import-vault',
      version: 2,
      chainId: chain.chainId,
      suite: suite.id,
      salt: hex(randomSeed()),
      keys,
      erased: {},
    }),
    { mode: 0o600 },
  );
  writeFileSync(join(root, 'profiles.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
  return startSealedService({
    vault: join(root, 'vault.json'),
    profiles: join(root, 'profiles.jsonl'),
    api: chain.nodeUrl,
    genesis: join(chain.dir, 'genesis.json'),
    tokenFile: join(chain.dir, 'api-token'),
  });
}

/**
 * The built app for a test file. `npm test` (scripts/run-tests.ts) builds it once for every browser
 * test file and names it in DJCHAIN_TEST_WEB_DIST (read only: no test writes into it). A file run on
 * its own builds its own copy into `fallbackDir`, never into a directory another file serves from
 * (a build empties its output first).
 */
export async function testDist(fallbackDir: string): Promise<string> {
  const shared = process.env.DJCHAIN_TEST_WEB_DIST;
  if (shared) return shared;
  // Imported here, not at the top: Vite is heavy to load, and most runs never build.
  const { buildWeb } = await import('../src/build.ts');
  await buildWeb(fallbackDir);
  return fallbackDir;
}

/** A web server of the tests, with the build it serves. */
export type TestWeb = WebServer & { readonly distDir: string };

export async function startWeb(chain: Chain): Promise<TestWeb> {
  const distDir = await testDist(join(chain.dir, '..', 'dist'));
  const sealed = await startSealed(chain);
  const web = await serveWeb({
    distDir,
    nodeUrl: chain.nodeUrl,
    sealedUrl: sealed.url,
    config: configFromGenesisFile(join(chain.dir, 'genesis.json')),
  });
  return {
    ...web,
    distDir,
    close: async () => {
      await sealed.stop(5000);
      await web.close();
    },
  };
}

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'djweb-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    // As a user who turned animations off: the app then shows lists and dialogs without motion
    // (App.tsx), so a click never lands on a list still sliding in or a dialog still fading out.
    reducedMotion: 'reduce',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.on('page', (p) => journalOf(p));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Under CI the screenshots for people to look at are not written: nobody reads them there, and a
 * full-page capture costs the browser about 0.4 s of CPU (≈ 140 of them in the suite, while the
 * suite's time is capped). The viewport still moves as it does locally, so the journey after a
 * `shoot` runs the same; the screenshot of a failing test is written either way (harness below).
 */
const SHOTS_WRITTEN = process.env.CI !== 'true' || process.env.DJCHAIN_TEST_SHOTS === '1';

/** Full-page screenshots at 390 px (a phone) and 1280 px wide. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300); // layout settles after the resize (not an assertion)
    await shootAt(page, name, width);
  }
}

/** The whole page as it is now, into `<name>-<width>.png` (the viewport already at `width`). */
export async function shootAt(page: Page, name: string, width: number): Promise<void> {
  if (!SHOTS_WRITTEN) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

/**
 * What every browser test file starts with: the gate (browser-gate.ts), its notice printed once,
 * and `browserIt` — a test that runs in Chromium, is counted as skipped with the reason when the
 * browser is missing, and fails under CI then (a skipped describe would not be counted at all).
 */
export function browserTests(what: string): {
  readonly gate: BrowserGate;
  readonly browserIt: (name: string, fn: () => Promise<void>) => void;
} {
  const gate = browserGate(process.env, CHROMIUM);
  const notice = gateNotice(gate, what);
  if (notice) console.log(notice);
  const browserIt = (name: string, fn: () => Promise<void>) => {
    if (gate.run)
      it(name, async () => {
        try {
          await fn();
        } catch (e) {
          await reportOpenPages(name);
          // What the open pages show (dialogs, alerts) goes into the failure itself: CI prints the
          // failing tests' errors at the end, where a journal printed earlier may be cut off.
          const shown = await shownOnOpenPages();
          if (e instanceof Error && shown !== '') {
            throw new Error(`${e.message.split('\n')[0]}\n${shown}`, { cause: e });
          }
          throw e;
        }
      });
    else if (gate.fail) it(name, () => assert.fail(`${gate.reason}; CI requires the browser tests to run`));
    else it(name, { skip: gate.reason }, fn);
  };
  return { gate, browserIt };
}

/** A browser with one page: `pageErrors` collects the page's uncaught errors. */
export interface BrowserPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * What each open page did lately — console lines, failed and unanswered requests — printed with a
 * screenshot when a browser test fails, so that a failure in CI says where the page stood.
 */
interface Journal {
  readonly page: Page;
  readonly lines: string[];
  readonly pending: Map<object, string>;
}
const journals = new Set<Journal>();
const JOURNAL_LINES = 80;

function journalOf(page: Page): Journal {
  const j: Journal = { page, lines: [], pending: new Map() };
  const since = Date.now();
  const note = (line: string) => {
    j.lines.push(`+${((Date.now() - since) / 1000).toFixed(1)}s ${line}`);
    if (j.lines.length > JOURNAL_LINES) j.lines.shift();
  };
  page.on('console', (m) => note(`console.${m.type()} ${m.text().slice(0, 300)}`));
  page.on('pageerror', (e) => note(`pageerror ${e.message.slice(0, 300)}`));
  page.on('request', (r) =>
    j.pending.set(r, `${r.method()} ${r.url()} (+${((Date.now() - since) / 1000).toFixed(1)}s)`),
  );
  page.on('requestfinished', (r) => {
    j.pending.delete(r);
  });
  page.on('requestfailed', (r) => {
    j.pending.delete(r);
    note(`requestfailed ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) note(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('close', () => journals.delete(j));
  journals.add(j);
  return j;
}

/** The visible dialogs and alerts of each open page, a line each (at most 600 characters a page). */
async function shownOnOpenPages(): Promise<string> {
  const out: string[] = [];
  for (const j of journals) {
    try {
      const texts = await j.page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.ant-modal, .ant-alert'))
          .filter((el) => el.getBoundingClientRect().height > 0)
          .map(
            (el) =>
              `[${el.className.includes('ant-modal') ? 'dialog' : 'alert'}] ${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}`,
          ),
      );
      out.push(
        `page ${j.page.url()}: ${texts.length === 0 ? 'no dialog or alert shown' : texts.join(' | ')}`.slice(
          0,
          600,
        ),
      );
    } catch {
      out.push(`page ${j.page.url()}: could not be read`);
    }
  }
  return out.join('\n');
}

async function reportOpenPages(test: string): Promise<void> {
  let i = 0;
  for (const j of journals) {
    const name = `failed-${test.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}-${i++}`;
    try {
      mkdirSync(SHOTS, { recursive: true });
      await j.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, timeout: 10_000 });
    } catch {
      // a page that cannot be drawn any more still has its journal
    }
    console.log(
      [
        `--- page journal of "${test}" (${j.page.url()}), screenshot ${name}.png`,
        ...j.lines,
        ...[...j.pending.values()].map((r) => `unanswered ${r}`),
        '---',
      ].join('\n'),
    );
  }
}

export async function openPage(timeoutMs: number, pageErrors: string[] = []): Promise<BrowserPage> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { ...browser, page, pageErrors };
}

/**
 * Signs the page in with a keystore file: a fresh tab (the session it keeps across a reload,
 * session-store.ts, forgotten, and nothing of the previous journey left open), the passphrase,
 * then post `postIndex` of the key's posts (null: a key without posts, such as the commission's),
 * acting for `actingFor` when given.
 */
export async function signInWith(
  page: Page,
  webUrl: string,
  keystore: string,
  opts: { postIndex?: number | null; actingFor?: string; passphrase?: string } = {},
): Promise<void> {
  const postIndex = opts.postIndex === undefined ? 0 : opts.postIndex;
  await page.goto(`${webUrl}/#/signin`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.locator('input[type=file]').setInputFiles(keystore);
  await page.getByTestId('passphrase').fill(opts.passphrase ?? PASSPHRASE);
  await page.getByTestId('signin-submit').click();
  if (postIndex !== null) {
    await page.getByTestId('post-choice').waitFor();
    await page.getByTestId('post-choice').locator('input[type=radio]').nth(postIndex).check();
    if (opts.actingFor) await page.getByTestId('acting-for').fill(opts.actingFor);
    await page.getByTestId('post-submit').click();
  }
  await page.getByTestId('session-bar').waitFor();
}

/** What a browser test file runs against: a chain, the web app in front of it, one page. */
export interface Rig {
  readonly chain: Chain;
  readonly web: TestWeb;
  readonly browser: BrowserPage;
  readonly page: Page;
}

/**
 * The web app in front of `chain` (startWeb) and a browser with one page (openPage): call it after
 * the chain holds what the pages should find.
 */
export async function startWebPage(chain: Chain, timeoutMs: number, pageErrors?: string[]): Promise<Rig> {
  const web = await startWeb(chain);
  const browser = await openPage(timeoutMs, pageErrors);
  return { chain, web, browser, page: browser.page };
}

/** Closes what startChain and startWebPage started (any part that did start). */
export async function stopRig(rig: Partial<Rig> | undefined): Promise<void> {
  await rig?.browser?.close();
  await rig?.web?.close();
  await rig?.chain?.stop();
}

/** A genesis edit: the running node is the 党委's (c1), so it keeps the attachments of b1 (ATTACHMENT_WRONG_NODE otherwise). */
export function committeeNode(g: { modules: Record<string, unknown> }): void {
  (g as unknown as { validators: { orgId?: string }[] }).validators[0]!.orgId = 'c1';
}

/** A genesis edit: m-004 (陈静) is also the clerk (党务工作者) of the community 党委's service centre. */
export function centreClerk(g: { modules: Record<string, unknown> }): void {
  (g.modules.org as { posts: unknown[] }).posts.push(post('c1', 'm-004', '党务工作者', TERM));
}

/**
 * A keystore of `key` (at the default strength, as made in the browser) written beside the
 * accounts' as keys/`name`.json; returns its path.
 */
export async function writeKeystore(
  chain: Chain,
  key: KeyPair,
  label: string,
  name: string,
): Promise<string> {
  const ks = await createKeystore(
    getSuite(suiteOf(chain.dir)),
    key.secretKey,
    PASSPHRASE,
    { label },
    { scrypt: nativeScrypt },
  );
  const file = join(chain.dir, '..', 'keys', `${name}.json`);
  writeFileSync(file, JSON.stringify(ks));
  return file;
}

/** How a browser describe block's rig starts (useRig). */
export interface RigOptions {
  /** Starts the chain: startChain with this file's options. */
  readonly start: () => Promise<Chain>;
  /** The page's default timeout (a bound against a hang, not a timing check). */
  readonly timeoutMs: number;
  /** What the chain must hold before the web app and the page start. */
  readonly setup?: (chain: Chain) => Promise<void>;
  /** Runs on the page once it is open (a listener, a phone's viewport). */
  readonly onPage?: (page: Page) => Promise<void> | void;
}

/** Sign-in options of signInWith. */
export type SignInOptions = Parameters<typeof signInWith>[3];

/** The rig of a describe block: read its parts inside the tests (they exist once `before` ran). */
export interface UsedRig {
  readonly chain: Chain;
  readonly web: TestWeb;
  /** The browser (for another page of the same context) and its first page. */
  readonly browser: BrowserPage;
  readonly page: Page;
  /** The page's uncaught errors. */
  readonly pageErrors: string[];
  /** Goes to the app's `#/hash`. */
  open(hash: string): Promise<unknown>;
  /** Signs the page (or `opts.page`, another page of the app) in as one of the demo accounts (signInWith). */
  signIn(account: keyof typeof ACCOUNTS, opts?: SignInOptions & { page?: Page }): Promise<void>;
  /** Signs the page (or `opts.page`) in with a keystore file (signInWith). */
  signInFile(keystore: string, opts?: SignInOptions & { page?: Page }): Promise<void>;
}

/**
 * Declares the rig of the describe block it is called in: `before` starts the chain (`start`), runs
 * `setup`, then the web app and a page (startWebPage); `after` stops whatever started. Nothing starts
 * when the gate says the browser tests do not run.
 */
export function useRig(gate: BrowserGate, opts: RigOptions): UsedRig {
  let chain: Chain | undefined;
  let rig: Rig | undefined;
  const pageErrors: string[] = [];
  const started = (): Rig => {
    if (!rig) throw new Error('the rig has not started (read it inside a test)');
    return rig;
  };
  before(async () => {
    if (!gate.run) return;
    chain = await opts.start();
    await opts.setup?.(chain);
    rig = await startWebPage(chain, opts.timeoutMs, pageErrors);
    await opts.onPage?.(rig.page);
  });
  after(() => stopRig({ chain, ...rig }));
  const used: UsedRig = {
    get chain() {
      if (!chain) throw new Error('the chain has not started (read it inside a test)');
      return chain;
    },
    get web() {
      return started().web;
    },
    get browser() {
      return started().browser;
    },
    get page() {
      return started().page;
    },
    pageErrors,
    open: (hash) => used.page.goto(`${used.web.url}/#/${hash}`),
    signIn: (account, o) => used.signInFile(used.chain.keystores[account], o),
    signInFile: (keystore, { page, ...o } = {}) => signInWith(page ?? used.page, used.web.url, keystore, o),
  };
  return used;
}
