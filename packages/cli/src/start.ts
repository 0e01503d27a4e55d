/**
 * `djchain start`: opens the node of a directory, joins its consortium over p2p when config.json
 * has a `p2p` section (written by `djchain init --orgs`), serves the API, and stops cleanly on
 * SIGINT/SIGTERM.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getSuite } from '@djchain/crypto';
import {
  BYZANTINE_MODES,
  type ByzantineMode,
  bootstrapFromPeers,
  buildApi,
  createLog,
  type DirLock,
  type DjNode,
  isEmptyDataDir,
  isNodeError,
  LOCK_FILE,
  lockDir,
  openNode,
  parseCrashSpec,
  SIGNER_STATE_FILE,
  SignerStateFile,
  type TestFaults,
} from '@djchain/node';
import { P2PNode, type PeerAddress } from '@djchain/p2p';
import type { FastifyInstance } from 'fastify';
import { API_TOKEN_FILE, CONFIG_FILE, loadDir, retentionOf, timeoutsOf } from './files.ts';
import { CliError } from './i18n.ts';
import { loadModules } from './modules.ts';

export interface StartArgs {
  readonly dir: string;
  readonly port?: number;
  /** Start an EMPTY directory from a snapshot of the peers (also config.json `snapshotFromPeers`). */
  readonly snapshotFromPeers?: boolean;
  /** The operator confirmed no other process signs with this key (see packages/node/README.md). */
  readonly signerStateReset?: boolean;
  /** TEST-ONLY faults (`--test-byzantine`, DJCHAIN_TEST_CRASH), checked by `testFaultsOf`. */
  readonly testFaults?: TestFaults;
}

/**
 * TEST-ONLY: `--test-byzantine MODE` and DJCHAIN_TEST_CRASH=point:N, refused unless
 * DJCHAIN_TEST_ONLY=1 (for the real-process fault tests; never a production option).
 */
export function testFaultsOf(byzantine: string | undefined, env: NodeJS.ProcessEnv): TestFaults | undefined {
  const crashRaw = env.DJCHAIN_TEST_CRASH;
  if (byzantine === undefined && crashRaw === undefined) return undefined;
  if (env.DJCHAIN_TEST_ONLY !== '1') throw new CliError('CLI_TEST_ONLY', {});
  if (byzantine !== undefined && !BYZANTINE_MODES.includes(byzantine as ByzantineMode))
    throw new CliError('CLI_TEST_ONLY', {});
  const crash = crashRaw === undefined ? undefined : parseCrashSpec(crashRaw);
  if (typeof crash === 'string') throw new CliError('CLI_TEST_ONLY', {});
  return {
    ...(byzantine !== undefined ? { byzantine: byzantine as ByzantineMode } : {}),
    ...(crash !== undefined ? { crash } : {}),
  };
}

export interface Started {
  readonly node: DjNode;
  readonly api: FastifyInstance;
  readonly url: string;
  readonly chainId: string;
  /** The p2p node when the directory belongs to a consortium. */
  readonly p2p: P2PNode | undefined;
  stop(): Promise<void>;
}

/** config.json's `p2p` section: where this node listens and the peers it keeps connected. */
export interface P2PConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly peers: readonly (PeerAddress & { readonly name?: string })[];
}

/** The p2p section checked (null when absent); the problem named by its field otherwise. */
export function p2pConfigOf(raw: unknown): P2PConfig | null | string {
  if (raw === undefined || raw === null) return null;
  const c = raw as Partial<P2PConfig>;
  const port = (p: unknown) => Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 65535;
  if (typeof c.listen?.host !== 'string' || !port(c.listen.port))
    return 'p2p.listen must be { host, port } with port 0 to 65535';
  if (!Array.isArray(c.peers)) return 'p2p.peers must be a list of { host, port, id }';
  for (const [i, p] of c.peers.entries()) {
    if (typeof p?.host !== 'string' || !port(p.port) || (p.id !== undefined && !/^[0-9a-f]+$/.test(p.id)))
      return `p2p.peers[${i}] must be { host, port, id (lowercase hex) }`;
  }
  return c as P2PConfig;
}

/** The directory's lock, or the CLI's message naming the lock file and the fix. */
function takeLock(dir: string): DirLock {
  try {
    return lockDir(dir);
  } catch (e) {
    if (isNodeError(e, 'NODE_DIR_LOCKED'))
      throw new CliError('CLI_DIR_LOCKED', {
        file: join(dir, LOCK_FILE),
        pid: String(e.details?.pid ?? '?'),
        dir,
      });
    throw e;
  }
}

export async function startDir(args: StartArgs, onFatal: (e: unknown) => void): Promise<Started> {
  const loaded = loadDir(args.dir);
  const lock = takeLock(loaded.dir);
  try {
    return await startLocked(args, loaded, lock, onFatal);
  } catch (e) {
    lock.release();
    if (isNodeError(e, 'NODE_SIGNER_STATE_MISSING') || isNodeError(e, 'NODE_SIGNER_STATE_BAD'))
      throw new CliError('CLI_SIGNER_STATE', {
        file: join(loaded.dir, SIGNER_STATE_FILE),
        reason: e.message,
        dir: loaded.dir,
      });
    throw e;
  }
}

async function startLocked(
  args: StartArgs,
  { dir, key, genesis, config }: ReturnType<typeof loadDir>,
  lock: DirLock,
  onFatal: (e: unknown) => void,
): Promise<Started> {
  const p2pConfig = p2pConfigOf((config as { p2p?: unknown }).p2p);
  if (typeof p2pConfig === 'string') {
    throw new CliError('CLI_BAD_FILE', { file: join(dir, CONFIG_FILE), dir, reason: p2pConfig });
  }
  const modules = await loadModules(config.extraModules);
  // Logs go to stderr as JSON lines; stdout is for people.
  const log = createLog(config.logLevel, process.stderr);
  const p2p =
    p2pConfig === null
      ? undefined
      : new P2PNode(
          {
            chainId: genesis.chainId,
            suite: getSuite(genesis.suite),
            identity: key.secretKey,
            listen: p2pConfig.listen,
            peers: p2pConfig.peers.map((p) => ({
              host: p.host,
              port: p.port,
              ...(p.id ? { id: p.id } : {}),
            })),
          },
          {
            log: (event, details) => {
              if (event !== 'handler-error') return;
              log.warn({ event, ...details }, 'p2p');
            },
          },
        );
  const fromPeers = (args.snapshotFromPeers ?? false) || config.snapshotFromPeers;
  let p2pStarted = false;
  const isGenesisValidator = genesis.validators.validators.some(
    (v) => Buffer.compare(Buffer.from(v.publicKey), Buffer.from(key.publicKey)) === 0,
  );
  if (
    fromPeers &&
    isEmptyDataDir(dir) &&
    isGenesisValidator &&
    !args.signerStateReset &&
    !SignerStateFile.exists(dir)
  ) {
    // Refused before downloading anything: a snapshot says nothing of what this key signed.
    throw new CliError('CLI_SIGNER_STATE', {
      file: join(dir, SIGNER_STATE_FILE),
      reason: 'a validator started from a snapshot has no record of what its key signed',
      dir,
    });
  }
  if (fromPeers && p2p && isEmptyDataDir(dir)) {
    // The registry is not known before the state is: admit the genesis validators and nodes.
    const ids = [...genesis.validators.validators, ...(genesis.nodes ?? [])].map((v) =>
      Buffer.from(v.publicKey).toString('hex'),
    );
    p2p.setAllowedPeers(ids);
    await p2p.start();
    p2pStarted = true;
    try {
      const done = await bootstrapFromPeers(
        { dataDir: dir, genesis, ...(config.snapshotTrust ? { trust: config.snapshotTrust } : {}) },
        { p2p, log },
      );
      log.info({ height: done?.height, chunks: done?.stats.chunks }, 'started from a peer snapshot');
    } catch (e) {
      await p2p.stop();
      throw e;
    }
  }
  const node = openNode(
    {
      dataDir: dir,
      genesis,
      modules,
      driver: {
        emptyBlockIntervalMs: config.emptyBlockIntervalMs,
        maxBlockTxs: config.maxBlockTxs,
        timeouts: timeoutsOf(config),
      },
      signerStateReset: args.signerStateReset ?? false,
      retention: retentionOf(config),
      attachments: config.attachments,
    },
    {
      key,
      log,
      onFatal,
      dirLock: lock,
      ...(p2p ? { p2p } : {}),
      ...(args.testFaults ? { testFaults: args.testFaults } : {}),
    },
  );
  // The web server on this machine forwards residents' requests: their address comes in its
  // X-Forwarded-For, so sessions, streams and writes are counted per resident.
  const api = buildApi(node, { operatorToken: operatorToken(dir), trustProxy: '127.0.0.1,::1' });
  const port = args.port ?? config.api.port;
  let url: string;
  try {
    if (p2p && !p2pStarted) await p2p.start();
    url = await api.listen({ host: config.api.host, port });
  } catch (e) {
    node.close();
    await p2p?.stop();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      const busy = (e as { port?: number }).port ?? port;
      throw new CliError('CLI_PORT_IN_USE', { port: busy });
    }
    throw e;
  }
  return {
    node,
    api,
    url,
    chainId: genesis.chainId,
    p2p,
    stop: async () => {
      await api.close();
      await p2p?.stop();
      node.close();
    },
  };
}

/** `<dir>/api-token`: made once (32 random bytes, 0600) and kept, so the operator's tools keep working. */
export function operatorToken(dir: string): string {
  const file = join(dir, API_TOKEN_FILE);
  if (existsSync(file)) {
    const t = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(t)) return t;
  }
  const t = randomBytes(32).toString('base64url');
  writeFileSync(file, `${t}\n`, { mode: 0o600 });
  return t;
}
