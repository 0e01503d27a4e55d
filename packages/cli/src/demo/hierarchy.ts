/**
 * `djchain demo --hierarchy` (issue 19): chains up the hierarchy on this machine. Three chains, each
 * one validator process (`djchain start`) on 127.0.0.1 — the street's (东风街道党工委) and two
 * communities' (东风社区, 朝阳社区). On the first start, through the SDK and the same functions as
 * `djchain anchor`: the street registers both communities (its 书记 and 组织委员 sign the same
 * registration), 朝阳 registers the street (it keeps its parent's light client, and no light client
 * of another community), 东风's branch releases one member to 朝阳's (`transfer.releaseOut`),
 * 东风's header holding the release is anchored on the street and the street's header holding that
 * anchor on 朝阳, and the member is admitted there with the release and history proved against
 * 东风's header through the street's anchor record (`member.admitTransfer` with `via`, the common
 * ancestor's path; `anchorPath` in commands/anchor.ts), and 朝阳's header is anchored on the
 * street. While it runs: the communities are anchored on the street again every ANCHOR_EVERY_MS, and `djchain index`'s
 * follower keeps the three chains in PGlite (`<dir>/index`), every value verified, serving the
 * dashboards' read-only API on loopback (region.ts); the street's web app (the superior's) forwards
 * /region/* to it, so its 书记 — keystore `<dir>/accounts/street-secretary.json`, passphrase
 * djchain-demo — sees the 辖区看板 at the printed address. Later starts reuse the chains
 * (`hierarchy.json` marks a finished setup); `--reset` starts over.
 *
 * Keys of the people are derived from a public string (demo only, as the community demo's).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addressOf, createKeystore, DjchainClient } from '@djchain/client';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { chinaDate } from '@djchain/modules';
import { anchorPath, registerChild, relayAnchor, transferDossier } from '../commands/anchor.ts';
import { nodeScrypt } from '../commands/scrypt.ts';
import { API_TOKEN_FILE, CONFIG_FILE, loadDir, writeJson } from '../files.ts';
import { type Lang, langOf, t } from '../i18n.ts';
import { openIndexDb } from '../indexer/db.ts';
import { type ChainSource, follow } from '../indexer/follow.ts';
import { serveRegion } from '../indexer/region.ts';
import { initDir } from '../init.ts';
import { NODE_FLAGS } from '../node-flags.ts';
import { DemoError } from './errors.ts';
import { untilStopped } from './index.ts';
import {
  DEMO_KDF,
  DEMO_PASSPHRASE,
  MAIN,
  type Started,
  startChild,
  stopChild,
  WEB_DIST_INDEX,
  WEB_SERVE,
} from './run.ts';

export const DEFAULT_HIERARCHY_DIR = '.djchain/hierarchy';
/** A child is anchored again after this long (the anchor module refuses one within 10 minutes). */
const ANCHOR_EVERY_MS = 11 * 60_000;
const suite = getSuite('intl');
const SINCE = '2021-06-01';

interface ChainSpec {
  readonly dir: string;
  readonly chainId: string;
  readonly name: string;
  readonly community: boolean;
  /** Members of the branch besides the two post holders. */
  readonly members: readonly string[];
}

const STREET: ChainSpec = {
  dir: 'street',
  chainId: 'demo-street',
  name: '东风街道党工委',
  community: false,
  members: [],
};
const EAST: ChainSpec = {
  dir: 'dongfeng',
  chainId: 'demo-dongfeng',
  name: '东风社区党委',
  community: true,
  members: ['df-001', 'df-002', 'df-003'],
};
const WEST: ChainSpec = {
  dir: 'chaoyang',
  chainId: 'demo-chaoyang',
  name: '朝阳社区党委',
  community: true,
  members: ['cy-001', 'cy-002'],
};
const CHAINS = [STREET, EAST, WEST] as const;
/** The member 东风 releases to 朝阳, and the id 朝阳 admits them under. */
const MOVER = { from: 'df-003', to: 'cy-101', transfer: 'df-t-001' } as const;

/** A person's key on one chain, from a public string: demo only. */
function personKey(chain: ChainSpec, member: string): KeyPair {
  const seed = createHash('sha256').update(`djchain-demo-hierarchy/${chain.chainId}/${member}`).digest();
  return suite.keyPairFromSeed(new Uint8Array(seed));
}
/** The mover keeps their own key across chains. */
const moverKey = () => personKey(EAST, MOVER.from);

function genesisModules(c: ChainSpec): { [k: string]: Value } {
  const member = (id: string, key: KeyPair) => ({
    id,
    org: 'b1',
    address: addressOf(suite, key.publicKey),
    status: '正式党员',
    since: '2010-07-01',
  });
  return {
    org: {
      orgs: [
        { id: 'c1', name: c.name, kind: '党委', parent: null, community: c.community, termStart: SINCE },
        { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: SINCE },
      ],
      posts: [
        { org: 'c1', member: 'sec', post: '书记', since: SINCE },
        { org: 'b1', member: 'sec', post: '书记', since: SINCE },
        { org: 'c1', member: 'org', post: '组织委员', since: SINCE },
      ],
    },
    member: {
      members: [
        member('sec', personKey(c, 'sec')),
        member('org', personKey(c, 'org')),
        ...c.members.map((id) => member(id, personKey(c, id))),
      ],
    },
  };
}

export interface HierarchyOptions {
  readonly dir: string;
  readonly reset: boolean;
  readonly lang: Lang;
  /** The street's web app (the 辖区看板); 0: any free port. */
  readonly webPort: number;
}

/** The street 书记's keystore (passphrase DEMO_PASSPHRASE), for signing in to the 辖区看板. */
export const STREET_ACCOUNT = join('accounts', 'street-secretary.json');

export function hierarchyOptions(argv: string[]): HierarchyOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      hierarchy: { type: 'boolean' },
      dir: { type: 'string' },
      reset: { type: 'boolean', default: false },
      lang: { type: 'string' },
      'web-port': { type: 'string', default: '0' },
    },
  });
  const webPort = Number(values['web-port']);
  if (!Number.isInteger(webPort) || webPort < 0 || webPort > 65535)
    throw new DemoError(
      'DEMO_BAD_FLAG',
      `--web-port must be an integer from 0 to 65535 (got ${values['web-port']})`,
      {
        name: 'web-port',
        min: 0,
        max: 65535,
        value: String(values['web-port']),
      },
    );
  return {
    dir: resolve(values.dir ?? DEFAULT_HIERARCHY_DIR),
    reset: values.reset === true,
    lang: langOf(values.lang) ?? 'zh-CN',
    webPort,
  };
}

interface Running {
  readonly spec: ChainSpec;
  readonly node: Started;
  readonly client: DjchainClient;
  readonly genesis: ReturnType<typeof loadDir>['genesis'];
}

/** Writes the three chains' directories (one validator each, the genesis above). */
function initChains(root: string): void {
  const time = Date.now();
  for (const c of CHAINS) {
    const dir = join(root, c.dir);
    initDir({ dir, suite: 'intl', chainId: c.chainId, force: true, time });
    const genesisFile = join(dir, 'genesis.json');
    const genesis = JSON.parse(readFileSync(genesisFile, 'utf8'));
    genesis.modules = genesisModules(c);
    writeFileSync(genesisFile, JSON.stringify(genesis, null, 2));
    const configFile = join(dir, CONFIG_FILE);
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    writeFileSync(configFile, JSON.stringify({ ...config, logLevel: 'warn' }, null, 2));
  }
}

async function startChain(root: string, spec: ChainSpec): Promise<Running> {
  const dir = join(root, spec.dir);
  const node = await startChild(
    process.execPath,
    [...NODE_FLAGS, MAIN, 'start', '--dir', dir, '--port', '0'],
    /(http:\/\/127\.0\.0\.1:\d+)/,
  );
  const { genesis } = loadDir(dir);
  const client = new DjchainClient({
    baseUrl: node.url,
    suite,
    chainId: genesis.chainId,
    trust: { kind: 'genesis', validators: genesis.validators },
    token: readFileSync(join(dir, API_TOKEN_FILE), 'utf8').trim(),
    requestTimeoutMs: 60_000,
  });
  return { spec, node, client, genesis };
}

/** Sends `action` signed by `key` and insists on an ok receipt (the setup cannot go on otherwise). */
async function must(
  client: DjchainClient,
  key: KeyPair,
  module: string,
  action: string,
  params: Value,
): Promise<number> {
  const r = await client.send({ module, action, params } as never, key, { timeoutMs: 120_000 });
  if (r.receipt.status !== 'ok') throw rejected(client, `${module}.${action}`, r.receipt.error?.code);
  return r.height;
}

function rejected(client: DjchainClient, what: string, code: string | undefined): DemoError {
  const reason = `${what} on ${client.chainId}: ${code ?? '?'}`;
  return new DemoError('DEMO_SEED_REJECTED', reason, { reason });
}

/** The first start's acts, in order (see the file comment). */
async function setUp(street: Running, east: Running, west: Running, say: (s: string) => void, lang: Lang) {
  const register = async (parent: Running, child: Running) => {
    // The 书记's registration proposes, the 组织委员's identical one makes it.
    for (const who of ['sec', 'org']) {
      const r = await registerChild(parent.client, personKey(parent.spec, who), {
        chainId: child.genesis.chainId,
        suite: 'intl',
        validators: child.genesis.validators,
        name: child.spec.name,
        intervalMinutes: 30,
      });
      if (r.receipt.status !== 'ok') throw rejected(parent.client, 'anchor.register', r.receipt.error?.code);
    }
    say(t(lang, 'hierRegistered', { parent: parent.spec.name, child: child.spec.name }));
  };
  await register(street, east);
  await register(street, west);
  // 朝阳 keeps its street's light client, not 东风's: the street's anchors prove 东风's headers.
  await register(west, street);
  const released = await must(east.client, personKey(EAST, 'sec'), 'transfer', 'releaseOut', {
    id: MOVER.transfer,
    member: MOVER.from,
    toChain: WEST.chainId,
    to: 'b1',
    reason: '居住地变更',
  });
  // 东风's header holding the release, anchored on the street; the street's header holding that
  // anchor, anchored on 朝阳.
  const up = await relayAnchor(
    east.client,
    street.client,
    personKey(STREET, 'sec'),
    Math.max(released, (await east.client.status()).height),
  );
  if (up.receipt.status !== 'ok') throw rejected(street.client, 'anchor.submit', up.receipt.error?.code);
  const anchoredEvent = up.receipt.events.find((x) => x.type === 'anchor.Anchored');
  const eastHeight = (anchoredEvent?.data as { height?: number } | undefined)?.height ?? '?';
  say(t(lang, 'hierAnchored', { child: EAST.name, parent: STREET.name, height: eastHeight }));
  const streetHeight = Math.max(up.height, (await street.client.status()).height);
  const down = await relayAnchor(street.client, west.client, personKey(WEST, 'sec'), streetHeight);
  if (down.receipt.status !== 'ok') throw rejected(west.client, 'anchor.submit', down.receipt.error?.code);
  say(t(lang, 'hierAnchored', { child: STREET.name, parent: WEST.name, height: streetHeight }));
  const path = await anchorPath([street.client], streetHeight, { chainId: EAST.chainId, suite: 'intl' });
  const dossier = await transferDossier(east.client, MOVER.transfer, MOVER.from, path.height);
  await must(west.client, personKey(WEST, 'sec'), 'member', 'admitTransfer', {
    id: MOVER.to,
    address: addressOf(suite, moverKey().publicKey),
    org: 'b1',
    ...dossier,
    via: path.via,
    viaHeight: path.viaHeight,
    path: path.path,
  });
  say(
    t(lang, 'hierTransferred', {
      from: MOVER.from,
      to: MOVER.to,
      east: EAST.name,
      west: WEST.name,
      street: STREET.name,
      height: path.height,
    }),
  );
}

/** Anchors both communities' latest headers on the street; says what it did or why not. */
async function anchorUp(street: Running, children: readonly Running[], say: (s: string) => void, lang: Lang) {
  for (const child of children) {
    try {
      const r = await relayAnchor(child.client, street.client, personKey(STREET, 'sec'));
      if (r.receipt.status === 'ok') {
        const e = r.receipt.events.find((x) => x.type === 'anchor.Anchored');
        const h = (e?.data as { height?: number } | undefined)?.height ?? '?';
        say(t(lang, 'hierAnchored', { child: child.spec.name, parent: street.spec.name, height: h }));
      } else
        say(t(lang, 'hierAnchorRefused', { child: child.spec.name, code: r.receipt.error?.code ?? '?' }));
    } catch (e) {
      say(t(lang, 'hierAnchorRefused', { child: child.spec.name, code: (e as Error).message }));
    }
  }
}

export interface RunningHierarchy {
  readonly chains: readonly { name: string; chainId: string; url: string; dir: string }[];
  readonly indexDir: string;
  /** The index's dashboards API (loopback). */
  readonly regionUrl: string;
  /** The street's web app forwarding /region/* to it (null: the web app is not built). */
  readonly webUrl: string | null;
  /** Resolves with the reason when a node process exits on its own. */
  readonly childExited: Promise<string>;
  stop(): Promise<void>;
}

export async function runHierarchy(
  opts: HierarchyOptions,
  say: (s: string) => void,
): Promise<RunningHierarchy> {
  const { dir, lang } = opts;
  const marker = join(dir, 'hierarchy.json');
  if (opts.reset || !existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    initChains(dir);
  }
  const started: Running[] = [];
  const webs: Started[] = [];
  const stops: (() => void)[] = [];
  // The indexer ends (its round finished, its database closed) before the nodes it reads go.
  let indexerDone: Promise<void> = Promise.resolve();
  const stop = async () => {
    for (const s of stops.splice(0)) s();
    await Promise.all(webs.map((w) => stopChild(w.child)));
    await indexerDone;
    await Promise.all(started.map((r) => stopChild(r.node.child)));
  };
  try {
    for (const c of CHAINS) started.push(await startChain(dir, c));
    const [street, east, west] = started as [Running, Running, Running];
    for (const r of started)
      say(t(lang, 'hierNode', { name: r.spec.name, chainId: r.spec.chainId, url: r.node.url }));
    if (!existsSync(marker)) {
      await setUp(street, east, west, say, lang);
      // 东风 was anchored on the street just now (the street takes one per 10 minutes of its time).
      await anchorUp(street, [west], say, lang);
      writeFileSync(
        marker,
        `${JSON.stringify({ chains: CHAINS.map((c) => c.chainId), mover: MOVER, on: chinaDate(Date.now()) })}\n`,
      );
    }
    // Anchoring up the hierarchy, again and again while it runs.
    const timer = setInterval(() => void anchorUp(street, [east, west], say, lang), ANCHOR_EVERY_MS);
    stops.push(() => clearInterval(timer));
    // The indexer: the three chains into PGlite, each value verified (djchain index's follower).
    const indexDir = join(dir, 'index');
    const db = await openIndexDb(indexDir);
    const abort = new AbortController();
    const sources: ChainSource[] = started.map((r) => ({
      client: r.client,
      suite,
      chainId: r.spec.chainId,
      api: r.node.url,
      genesis: r.genesis,
    }));
    // The dashboards' API from the indexer's process (PGlite admits one), and the street's web app.
    const region = await serveRegion(db, 0);
    say(t(lang, 'hierRegionApi', { url: region.url }));
    const reported = new Set<string>();
    const following = follow(db, sources, {
      once: false,
      signal: abort.signal,
      // Each chain's first round, then only rounds that indexed something (not every empty block).
      onProgress: (p) => {
        if (reported.has(p.chainId) && p.events === 0 && p.indexValues === 0) return;
        reported.add(p.chainId);
        say(t(lang, 'indexProgress', { ...p }));
      },
    }).catch((e) => say(t(lang, 'hierIndexStopped', { reason: (e as Error).message })));
    stops.push(() => abort.abort());
    indexerDone = following.then(async () => {
      await region.close();
      await db.close();
    });
    const web = await startStreetWeb(dir, street, region.url, opts.webPort, say, lang);
    if (web !== null) webs.push(web);
    const childExited = Promise.race([
      ...started.map((r) => r.node.exited.then((code) => `${r.spec.chainId} (${code})`)),
      ...webs.map((w) => w.exited.then((code) => `web (${code})`)),
    ]);
    return {
      chains: started.map((r) => ({
        name: r.spec.name,
        chainId: r.spec.chainId,
        url: r.node.url,
        dir: join(dir, r.spec.dir),
      })),
      indexDir,
      regionUrl: region.url,
      webUrl: web?.url ?? null,
      childExited,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The street's web app (the superior's), forwarding /region/* to the index, with the street 书记's
 * keystore written beside it on first use; null (and a note) when the web app is not built.
 */
async function startStreetWeb(
  dir: string,
  street: Running,
  regionUrl: string,
  port: number,
  say: (s: string) => void,
  lang: Lang,
): Promise<Started | null> {
  if (!existsSync(WEB_DIST_INDEX)) {
    say(t(lang, 'demoWebNotBuilt'));
    return null;
  }
  const account = join(dir, STREET_ACCOUNT);
  if (!existsSync(account)) {
    mkdirSync(join(dir, 'accounts'), { recursive: true, mode: 0o700 });
    const label = `${STREET.name} 书记 sec`;
    const ks = await createKeystore(
      suite,
      personKey(STREET, 'sec').secretKey,
      DEMO_PASSPHRASE,
      { label, ...DEMO_KDF },
      { scrypt: nodeScrypt },
    );
    writeJson(account, ks, 0o600);
  }
  const web = await startChild(
    process.execPath,
    [
      WEB_SERVE,
      '--node',
      street.node.url,
      '--genesis',
      join(dir, street.spec.dir, 'genesis.json'),
      '--port',
      String(port),
      '--title',
      street.spec.name,
      '--index',
      regionUrl,
    ],
    /(http:\/\/127\.0\.0\.1:\d+)/,
    true,
  );
  say(t(lang, 'hierDashboard', { url: `${web.url}/#/region`, account, passphrase: DEMO_PASSPHRASE }));
  return web;
}

/** The `demo --hierarchy` command: -1 while running (until Ctrl-C), 1 on failure. */
export async function hierarchyMain(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  let opts: HierarchyOptions;
  try {
    opts = hierarchyOptions(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const { lang } = opts;
  out(t(lang, 'hierStarting'));
  let running: RunningHierarchy;
  try {
    running = await runHierarchy(opts, out);
  } catch (e) {
    const err = e as DemoError;
    process.stderr.write(`${t(lang, 'errorPrefix')}[${err.code ?? 'DEMO_FAILED'}] ${err.message}\n`);
    return 1;
  }
  const street = running.chains[0]!;
  out(
    t(lang, 'hierReady', {
      street: street.url,
      index: running.indexDir,
    }),
  );
  return untilStopped(running, lang);
}
