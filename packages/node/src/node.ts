/**
 * Composition of one node: chain store, application, mempool and consensus driver, with the
 * clock, keys, logs and (for clusters) the transport injected. `openNode(opts, deps)`.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getSuite, type KeyPair, type Suite, toHex } from '@djchain/crypto';
import { type CommitCertificate, validatorIndex } from '@djchain/ledger';
import type { P2PNode } from '@djchain/p2p';
import type { GenesisDoc, ModuleDef } from '@djchain/runtime';
import { Application, type ApplicationOptions, type Executed } from './app/application.ts';
import {
  ConsensusDriver,
  type DriverOptions,
  defaultDriverOptions,
  realTimers,
  type Timers,
} from './consensus/driver.ts';
import { evidenceSubmitter } from './consensus/evidence.ts';
import type { Transport } from './consensus/wire.ts';
import { NodeError } from './errors.ts';
import { type Log, silentLog } from './log.ts';
import { defaultMempoolOptions, Mempool, type MempoolOptions } from './mempool/mempool.ts';
import { AttachmentWire } from './net/attachment-wire.ts';
import { MempoolGossip, type MempoolGossipOptions } from './net/mempool-gossip.ts';
import { P2PTransport } from './net/p2p-transport.ts';
import { nodeRegistry } from './net/registry.ts';
import { type SnapshotLink, SnapshotWire } from './net/snapshot-wire.ts';
import { AttachmentStore, type AttachmentStoreOptions } from './storage/attachment-store.ts';
import { ChainStore } from './storage/chain-store.ts';
import { type DirLock, lockDir } from './storage/dir-lock.ts';
import { DB_FILE } from './storage/files.ts';
import { defaultRetentionOptions, Pruner, type RetentionOptions } from './storage/pruner.ts';
import { openSignerState } from './storage/signer-state.ts';
import { servedSnapshotHeight } from './sync/snapshot-server.ts';
import { byzantineTransport, installCrash, type TestFaults } from './testing/faults.ts';

export interface NodeOptions {
  /** Directory of the node's files; the database is `<dataDir>/chain.db`. */
  readonly dataDir: string;
  readonly genesis: GenesisDoc;
  readonly modules: readonly ModuleDef[];
  readonly mempool: Partial<MempoolOptions>;
  readonly driver: Partial<DriverOptions>;
  /** sqlite page cache (MiB). */
  readonly dbCacheMiB: number;
  /** Mempool gossip batching and seen-cache (with `deps.p2p`). */
  readonly gossip: Partial<MempoolGossipOptions>;
  /** TEST ONLY: broken application variants for the simulator (`ApplicationOptions.unsafe`). */
  readonly appUnsafe?: ApplicationOptions['unsafe'];
  /**
   * The operator confirmed that this key signs nowhere else and accepts a new signer state when
   * `signer-state.json` is missing or unreadable (see README, crash safety). Never by default.
   */
  readonly signerStateReset: boolean;
  /** Which state versions are kept; older ones are pruned in the background after commits. */
  readonly retention: Partial<RetentionOptions>;
  /** The attachment store under `<dataDir>/attachments` (its size limit: config `attachments.maxBytes`). */
  readonly attachments: Partial<AttachmentStoreOptions>;
}

export const defaultNodeOptions = {
  mempool: defaultMempoolOptions,
  driver: defaultDriverOptions,
  dbCacheMiB: 128,
  retention: defaultRetentionOptions,
} as const;

export interface NodeDeps {
  /** This validator's signing key. */
  readonly key: KeyPair;
  readonly transport?: Transport;
  /**
   * The p2p node (identity = this node's key) to run consensus and block sync over, instead of
   * `transport`. Its allowed peers are kept equal to the node registry in state after every block;
   * the caller starts and stops it.
   */
  readonly p2p?: P2PNode;
  /**
   * Without `p2p`: the link snapshots and certified headers are served over (the simulator's
   * network), so that peers starting from a snapshot can take one from this node.
   */
  readonly snapshotLink?: SnapshotLink;
  /** Wall clock in ms (injected so tests and the simulator can drive it). */
  readonly now?: () => number;
  /** Timers for consensus (real ones by default; the simulator injects its scheduler). */
  readonly timers?: Timers;
  readonly log?: Log;
  /** Called when storage fails and the node has stopped (the CLI exits; a supervisor restarts it). */
  readonly onFatal?: (e: unknown) => void;
  /** The directory's lock when the caller took it already (before a snapshot bootstrap); released on close. */
  readonly dirLock?: DirLock;
  /** TEST-ONLY faults (Byzantine votes, self-kill at a storage moment); never in production. */
  readonly testFaults?: TestFaults;
  /**
   * The chain's signature suite when the caller supplies it (default: `getSuite(genesis.suite)`);
   * its id must be the genesis suite's. The simulator passes one whose results of the real
   * functions are remembered across its nodes (each signed vote is verified by every node).
   */
  readonly suite?: Suite;
}

export interface CommitEvent {
  readonly executed: Executed;
  readonly commit: CommitCertificate;
}

/** A running node. `events` emits 'commit' (CommitEvent) after each committed block. */
export interface DjNode {
  readonly suite: Suite;
  readonly nodeId: string;
  readonly app: Application;
  readonly mempool: Mempool;
  readonly driver: ConsensusDriver;
  readonly log: Log;
  readonly events: EventEmitter<{ commit: [CommitEvent] }>;
  /** Mempool gossip, when the node runs over p2p. */
  readonly gossip: MempoolGossip | undefined;
  /** State retention (pruning after commits). */
  readonly pruner: Pruner;
  /** Attachment content kept by this node, and its replication to entitled peers (with p2p). */
  readonly attachments: { readonly store: AttachmentStore; readonly wire: AttachmentWire | undefined };
  /** Stops consensus and closes the database. */
  close(): void;
}

export { DB_FILE };

/** Opens the node's database (creating genesis on first start) and starts consensus. */
export function openNode(
  opts: Partial<NodeOptions> & Pick<NodeOptions, 'dataDir' | 'genesis'>,
  deps: NodeDeps,
): DjNode {
  const suite = deps.suite ?? getSuite(opts.genesis.suite);
  if (suite.id !== opts.genesis.suite) {
    throw new NodeError('NODE_BAD_CONFIG', 'the suite given is not the chain suite', {
      suite: suite.id,
      genesis: opts.genesis.suite,
    });
  }
  const log = deps.log ?? silentLog;
  const now = deps.now ?? (() => Date.now());
  mkdirSync(opts.dataDir, { recursive: true });
  // One process per directory: a second one would sign from its own state (a double sign).
  const lock = deps.dirLock ?? lockDir(opts.dataDir);
  let store: ChainStore;
  try {
    store = new ChainStore({
      file: join(opts.dataDir, DB_FILE),
      suite,
      cacheMiB: opts.dbCacheMiB ?? defaultNodeOptions.dbCacheMiB,
    });
  } catch (e) {
    lock.release();
    throw e;
  }
  let closed = false;
  try {
    if (suite.publicKeyOf(deps.key.secretKey).length !== deps.key.publicKey.length) {
      throw new NodeError('NODE_BAD_KEY', 'the node key does not match the chain suite');
    }
    const hasHistory = store.latestHeight() > 0 || store.loadConsensus() !== undefined;
    const app = new Application(
      {
        suite,
        genesis: opts.genesis,
        modules: opts.modules ?? [],
        ...(opts.appUnsafe ? { unsafe: opts.appUnsafe } : {}),
      },
      { store },
    );
    const nextHeight = app.height() + 1;
    const signer = openSignerState({
      dataDir: opts.dataDir,
      chainId: opts.genesis.chainId,
      validator: toHex(deps.key.publicKey),
      isValidator: validatorIndex(app.validators(nextHeight), deps.key.publicKey) >= 0,
      hasHistory,
      nextHeight,
      reset: opts.signerStateReset ?? false,
    });
    const mempool = new Mempool(opts.mempool ?? {}, { app });
    const events = new EventEmitter<{ commit: [CommitEvent] }>();
    events.setMaxListeners(0);
    const p2pTransport = deps.p2p ? new P2PTransport(deps.p2p, log) : undefined;
    const honest = deps.transport ?? p2pTransport;
    const faults = deps.testFaults;
    if (faults?.crash) installCrash(store, faults.crash);
    const transport =
      faults?.byzantine && honest
        ? byzantineTransport(honest, {
            suite,
            secretKey: deps.key.secretKey,
            chainId: opts.genesis.chainId,
            mode: faults.byzantine,
          })
        : honest;
    // Admission bound to the registry in state: refreshed whenever a block changed it.
    let registry = '';
    const refreshRegistry = () => {
      if (!p2pTransport) return;
      const ids = nodeRegistry(app);
      if (ids.join() === registry) return;
      registry = ids.join();
      p2pTransport.setAllowedPeers(ids);
    };
    refreshRegistry();
    // Serves snapshots and certified headers to peers that start from a snapshot.
    const snapshotLink = deps.p2p ?? deps.snapshotLink;
    const snapshotWire = snapshotLink
      ? new SnapshotWire(
          {},
          {
            p2p: snapshotLink,
            source: { store, suite },
            log,
            ...(deps.timers ? { timers: deps.timers } : {}),
          },
        )
      : undefined;
    const attachmentStore = new AttachmentStore(opts.dataDir, opts.attachments ?? {});
    const attachmentWire = deps.p2p
      ? new AttachmentWire(
          {},
          {
            p2p: deps.p2p,
            app,
            store: attachmentStore,
            selfId: toHex(deps.key.publicKey),
            log,
            query: (module, name, params) => {
              const h = app.height();
              const time = h === 0 ? app.genesis.time : app.store.blocks.getHeader(h)!.time;
              const out = app.executor.query(module, name, params, app.store.view(h), h, time);
              return out.ok ? out.value : null;
            },
          },
        )
      : undefined;
    const gossip = deps.p2p
      ? new MempoolGossip(opts.gossip ?? {}, { p2p: deps.p2p, mempool, app, log })
      : undefined;
    const pruner = new Pruner(opts.retention ?? {}, {
      store,
      log,
      served: () => servedSnapshotHeight(store),
    });
    const clock = deps.timers ?? realTimers;
    // Proposals must fit the transport's frames: the driver checks its block limit against them.
    const driverOptions = deps.p2p
      ? { maxFrameBytes: deps.p2p.options.maxFrameBytes, ...opts.driver }
      : (opts.driver ?? {});
    const node: DjNode = {
      suite,
      pruner,
      nodeId: toHex(deps.key.publicKey),
      app,
      mempool,
      log,
      events,
      gossip,
      attachments: { store: attachmentStore, wire: attachmentWire },
      driver: new ConsensusDriver(driverOptions, {
        app,
        mempool,
        key: deps.key,
        signer,
        ...(transport ? { transport } : {}),
        ...((opts.modules ?? []).some((m) => m.name === 'evidence')
          ? { onEvidence: evidenceSubmitter({ app, mempool, key: deps.key, log }) }
          : {}),
        now,
        ...(deps.timers ? { timers: deps.timers } : {}),
        log,
        onCommit: (executed, commit) => {
          log.info(
            { height: executed.block.header.height, txs: executed.block.txs.length, hash: executed.hashHex },
            'block committed',
          );
          refreshRegistry();
          gossip?.committed(executed.result);
          events.emit('commit', { executed, commit });
          attachmentWire?.afterCommit();
          // After the commit's own work, between consensus steps: one bounded pruning step.
          clock.setImmediate(() => {
            if (!closed) pruner.step();
          });
        },
        onFatal: (e) => {
          log.error({ code: (e as { code?: string }).code ?? 'NODE_FATAL' }, 'consensus stopped');
          node.close();
          deps.onFatal?.(e);
        },
      }),
      close: () => {
        if (closed) return;
        closed = true;
        node.driver.stop();
        gossip?.close();
        snapshotWire?.close();
        attachmentWire?.close();
        void mempool.close();
        store.close();
        lock.release();
      },
    };
    node.driver.start();
    return node;
  } catch (e) {
    if (!closed) {
      store.close();
      lock.release();
    }
    throw e;
  }
}
