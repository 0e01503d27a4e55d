/**
 * The node's chain storage: ONE sqlite file holding the block store (`blk_*`), the state tree
 * (`smt_*`) and node metadata (`node_*`). A block's header, transactions, receipts, commit
 * certificate and state nodes are written in one database transaction, so after a crash the file
 * holds either the whole block or none of it.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Suite } from '@djchain/crypto';
import type { StoredBlock } from '@djchain/ledger';
import { SqliteBlockStore } from '@djchain/ledger/sqlite';
import { type StateView, SYS_VALIDATORS_KEY } from '@djchain/runtime';
import { type NodeBatch, type PruneStats, StateError, StateTree } from '@djchain/state';
import { SqliteNodeStore } from '@djchain/state/sqlite';
import { NodeError } from '../errors.ts';
import { inTransaction, openDatabase } from './db.ts';
import { LatestStateCache } from './latest-cache.ts';
import { StoreView } from './state-view.ts';

/**
 * Node tables. Registry of names: never reuse a retired one.
 * - node_meta: name → value (genesis document, chain id).
 * - node_consensus: the consensus machine's last PersistRecord (one row).
 * - node_pending: blocks proposed or validated at a height not yet committed, so a restarted
 *   validator still has the block its lock or its own signed proposal refers to.
 * - node_valsets: `sys/validators` at each pruned state version where it changed, so the
 *   validator set of every height stays known (light clients, header walks, block sync) after
 *   the state of that height is pruned.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS node_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_consensus (id INTEGER PRIMARY KEY CHECK (id = 1), height INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS node_pending (hash BLOB PRIMARY KEY, height INTEGER NOT NULL, block BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS node_valsets (version INTEGER PRIMARY KEY, value BLOB NOT NULL);
`;

export interface ChainStoreOptions {
  /** Path of the database file (':memory:' for tests that need no file). */
  readonly file: string;
  readonly suite: Suite;
  /** sqlite page cache in MiB. */
  readonly cacheMiB?: number;
  /** Decoded state tree nodes kept in memory. */
  readonly cacheNodes?: number;
}

export interface PendingBlock {
  readonly hash: Uint8Array;
  readonly height: number;
  readonly bytes: Uint8Array;
}

export class ChainStore {
  readonly db: DatabaseSync;
  readonly blocks: SqliteBlockStore;
  readonly nodes: SqliteNodeStore;
  readonly tree: StateTree;
  /** Reads of the latest state version, kept across blocks and shared by every view. */
  readonly latest = new LatestStateCache();
  private readonly q: Record<
    | 'getMeta'
    | 'putMeta'
    | 'getRecord'
    | 'putRecord'
    | 'putPending'
    | 'pending'
    | 'dropPending'
    | 'valsetAt'
    | 'putValset',
    StatementSync
  >;

  constructor(opts: ChainStoreOptions) {
    this.db = openDatabase(opts.file, opts.cacheMiB);
    this.db.exec(SCHEMA);
    // One read snapshot for the state versions the node store loads and the block height the check
    // compares them with: a file open in a running node (a replay, a test reading a live
    // validator) may take a block between two separate reads, which looked like a damaged file.
    this.db.exec('BEGIN');
    try {
      this.blocks = new SqliteBlockStore(this.db, opts.suite);
      this.nodes = new SqliteNodeStore({ db: this.db });
      this.checkConsistent();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      this.db.close();
      throw e;
    }
    this.tree = new StateTree(
      { hasher: (d) => opts.suite.hash(d), ...(opts.cacheNodes ? { cacheNodes: opts.cacheNodes } : {}) },
      { store: this.nodes },
    );
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      getMeta: p('SELECT value FROM node_meta WHERE name = ?'),
      putMeta: p('INSERT OR REPLACE INTO node_meta (name, value) VALUES (?, ?)'),
      getRecord: p('SELECT record FROM node_consensus WHERE id = 1'),
      putRecord: p('INSERT OR REPLACE INTO node_consensus (id, height, record) VALUES (1, ?, ?)'),
      putPending: p('INSERT OR IGNORE INTO node_pending (hash, height, block) VALUES (?, ?, ?)'),
      pending: p('SELECT hash, height, block FROM node_pending WHERE height = ? ORDER BY hash'),
      dropPending: p('DELETE FROM node_pending WHERE height <= ?'),
      valsetAt: p('SELECT value FROM node_valsets WHERE version <= ? ORDER BY version DESC LIMIT 1'),
      putValset: p('INSERT OR REPLACE INTO node_valsets (version, value) VALUES (?, ?)'),
    };
  }

  /** Height of the latest committed block (0 when only genesis, or nothing, is stored). */
  latestHeight(): number {
    return this.blocks.latestHeight();
  }

  /** Whether the genesis state (version 0) is stored. */
  hasGenesis(): boolean {
    return this.nodes.versions() !== undefined;
  }

  /**
   * The committed state at `version` (= after block `version`), for the executor and queries.
   * Hold it for one task only: it remembers what it read unless `cacheReads` is false (see
   * StoreView).
   */
  view(version: number, opts: { cacheReads?: boolean } = {}): StateView {
    // The flat value table no longer answers for pruned versions: refuse rather than misread.
    if (version < this.nodes.prunedBefore()) {
      throw new StateError('STATE_VERSION_PRUNED', 'version was pruned', {
        version,
        prunedBefore: this.nodes.prunedBefore(),
      });
    }
    return new StoreView(this.nodes, version, { cacheReads: opts.cacheReads ?? true, latest: this.latest });
  }

  /** Encoded `sys/validators` at state `version`, pruned or not; undefined when not held. */
  validatorSetValue(version: number): Uint8Array | undefined {
    if (version < this.nodes.prunedBefore()) {
      return (this.q.valsetAt.get(version) as { value: Uint8Array } | undefined)?.value;
    }
    const range = this.nodes.versions();
    if (!range || version < range.oldest || version > range.latest) return undefined;
    return this.view(version, { cacheReads: false }).get(SYS_VALIDATORS_KEY);
  }

  /** Versions below this one are pruned (0 when none). */
  prunedBefore(): number {
    return this.nodes.prunedBefore();
  }

  /**
   * Prunes state versions `from`..`to`-1 (from = the oldest held) in one transaction, first
   * recording the validator set of each of them where it changed (node_valsets).
   */
  pruneBefore(to: number): PruneStats {
    const range = this.nodes.versions();
    if (!range || to <= range.oldest) return { nodes: 0, values: 0, versions: 0 };
    let stats: PruneStats = { nodes: 0, values: 0, versions: 0 };
    inTransaction(this.db, () => {
      let last = (this.q.valsetAt.get(range.oldest - 1) as { value: Uint8Array } | undefined)?.value;
      for (let v = range.oldest; v < to; v++) {
        const value = this.view(v, { cacheReads: false }).get(SYS_VALIDATORS_KEY);
        if (value !== undefined && (last === undefined || Buffer.compare(value, last) !== 0)) {
          this.q.putValset.run(v, value);
          last = value;
        }
      }
      stats = this.tree.prune(to);
    });
    return stats;
  }

  getMeta(name: string): string | undefined {
    return (this.q.getMeta.get(name) as { value: string } | undefined)?.value;
  }

  /** Genesis: state version 0 and the metadata, in one transaction. */
  commitGenesis(batch: NodeBatch, meta: Readonly<Record<string, string>>): void {
    if (batch.version !== 0) throw new NodeError('NODE_STORE_CONFLICT', 'genesis is state version 0');
    inTransaction(this.db, () => {
      this.tree.commit(batch);
      for (const [k, v] of Object.entries(meta)) this.q.putMeta.run(k, v);
    });
  }

  /**
   * Block h with its certificate and receipts, and state version h, in ONE transaction; the
   * pending blocks of heights up to h are dropped in it too. PERF: one fsync per block; the
   * executor's tx ids and receipt encodings and the block bytes' transaction spans, when given,
   * are written without recomputing them.
   */
  commitBlock(
    entry: StoredBlock,
    batch: NodeBatch,
    txHashes?: readonly Uint8Array[],
    receiptEncodings?: readonly Uint8Array[],
    txEncodings?: readonly Uint8Array[],
  ): void {
    const h = entry.block.header.height;
    if (batch.version !== h) {
      throw new NodeError('NODE_STORE_CONFLICT', 'state version must equal the block height', {
        height: h,
        version: batch.version,
      });
    }
    try {
      inTransaction(this.db, () => {
        this.blocks.putBlock(entry, txHashes, receiptEncodings, txEncodings);
        this.tree.commit(batch);
        this.q.dropPending.run(h);
      });
    } catch (e) {
      // The tree's node cache and the node store's cached range may now be ahead of the file:
      // the caller must stop and reopen (the driver treats this as fatal).
      this.tree.clearCache();
      this.latest.clear();
      throw e;
    }
    this.latest.advance(h, batch.values);
  }

  /** Makes the consensus record and any new pending blocks durable (one committed transaction). */
  saveConsensus(height: number, record: string, pending: readonly PendingBlock[]): void {
    inTransaction(this.db, () => {
      for (const b of pending) this.q.putPending.run(b.hash, b.height, b.bytes);
      this.q.putRecord.run(height, record);
    });
  }

  loadConsensus(): string | undefined {
    return (this.q.getRecord.get() as { record: string } | undefined)?.record;
  }

  pendingBlocks(height: number): PendingBlock[] {
    return (this.q.pending.all(height) as Array<{ hash: Uint8Array; height: number; block: Uint8Array }>).map(
      (r) => ({ hash: r.hash, height: r.height, bytes: r.block }),
    );
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Blocks and state advance together; anything else means the file was damaged. */
  private checkConsistent(): void {
    const range = this.nodes.versions();
    const latest = this.blocks.latestHeight();
    if (range === undefined) {
      if (latest !== 0) throw new NodeError('NODE_STORE_CORRUPT', 'blocks stored without a genesis state');
      return;
    }
    if (range.latest !== latest) {
      throw new NodeError('NODE_STORE_CORRUPT', 'state version and block height differ', {
        stateVersion: range.latest,
        height: latest,
      });
    }
  }
}
