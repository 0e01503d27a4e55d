/**
 * A NodeStore in the node's embedded database (node:sqlite), sharing the connection, and so the
 * block's transaction, with the block store. Exported as `@djchain/state/sqlite` so that the
 * browser bundle never loads node:sqlite.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { decodeNode, encodeNode, encodeNodeInto, MAX_NODE_BYTES } from './node-codec.ts';
import type { NodeBatch, NodeKey, NodeStore, PruneStats, RootRecord, TreeNode } from './types.ts';
import { VersionBook } from './version-book.ts';

// Nodes keyed by (version, path): new nodes append at the end of the b-tree. Stale lists are one
// row per version (PERF: one insert per block instead of one per replaced node).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS smt_node (
  version INTEGER NOT NULL, path TEXT NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (version, path)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS smt_root (
  version INTEGER PRIMARY KEY, node_version INTEGER, hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS smt_kv (
  key BLOB NOT NULL, version INTEGER NOT NULL, value BLOB,
  PRIMARY KEY (key, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS smt_stale (
  since INTEGER PRIMARY KEY, nodes BLOB NOT NULL, keys BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS smt_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

const TWO_32 = 2 ** 32;

// PERF: nodes and values are inserted CHUNK rows per statement: a block writes tens of thousands
// of tree nodes, and each `run` has a fixed cost (binding, stepping, resetting) that one
// multi-row INSERT pays once per chunk. 3 parameters per row stays far below SQLite's limit.
const CHUNK = 128;

function multiRowInsert(table: string, columns: string, rows: number): string {
  const one = `(${columns
    .split(',')
    .map(() => '?')
    .join(',')})`;
  return `INSERT INTO ${table} (${columns}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
}

function encodeNodeKeys(keys: readonly NodeKey[]): Uint8Array {
  let size = 0;
  for (const k of keys) size += 9 + k.path.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const k of keys) {
    view.setUint32(at, Math.floor(k.version / TWO_32));
    view.setUint32(at + 4, k.version >>> 0);
    out[at + 8] = k.path.length;
    for (let i = 0; i < k.path.length; i++) out[at + 9 + i] = k.path.charCodeAt(i);
    at += 9 + k.path.length;
  }
  return out;
}

function decodeNodeKeys(bytes: Uint8Array): NodeKey[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: NodeKey[] = [];
  for (let at = 0; at < bytes.length; ) {
    const version = view.getUint32(at) * TWO_32 + view.getUint32(at + 4);
    const len = bytes[at + 8]!;
    out.push({ version, path: String.fromCharCode(...bytes.subarray(at + 9, at + 9 + len)) });
    at += 9 + len;
  }
  return out;
}

/** Keys as: u32 length | key | 1 if the write was a deletion. */
function encodeWrittenKeys(batch: NodeBatch): Uint8Array {
  let size = 0;
  for (const w of batch.values) size += 5 + w.key.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const w of batch.values) {
    view.setUint32(at, w.key.length);
    out.set(w.key, at + 4);
    out[at + 4 + w.key.length] = w.value === null ? 1 : 0;
    at += 5 + w.key.length;
  }
  return out;
}

function* decodeWrittenKeys(bytes: Uint8Array): Generator<{ key: Uint8Array; deleted: boolean }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < bytes.length; ) {
    const len = view.getUint32(at);
    yield { key: bytes.subarray(at + 4, at + 4 + len), deleted: bytes[at + 4 + len] === 1 };
    at += 5 + len;
  }
}

/**
 * Tables smt_node, smt_root, smt_kv, smt_stale, smt_meta in the given database. `write` and
 * `prune` join the caller's open transaction, or run in their own.
 * If a transaction that included `write` is rolled back, make a new store (it caches the range).
 */
export class SqliteNodeStore extends VersionBook implements NodeStore {
  private readonly db: DatabaseSync;
  private readonly q: Record<
    | 'node'
    | 'root'
    | 'value'
    | 'putNode'
    | 'putNodes'
    | 'putRoot'
    | 'putValue'
    | 'putValues'
    | 'putStale'
    | 'staleUpTo'
    | 'delNode'
    | 'delValuesBefore'
    | 'delStale'
    | 'delRoots'
    | 'putMeta'
    | 'keysFrom'
    | 'keysRange',
    StatementSync
  >;

  constructor(deps: { db: DatabaseSync }) {
    super();
    this.db = deps.db;
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      node: p('SELECT data FROM smt_node WHERE version = ? AND path = ?'),
      root: p('SELECT node_version, hash FROM smt_root WHERE version = ?'),
      value: p('SELECT value FROM smt_kv WHERE key = ? AND version <= ? ORDER BY version DESC LIMIT 1'),
      putNode: p('INSERT INTO smt_node (version, path, data) VALUES (?, ?, ?)'),
      putNodes: p(multiRowInsert('smt_node', 'version,path,data', CHUNK)),
      putRoot: p('INSERT INTO smt_root (version, node_version, hash) VALUES (?, ?, ?)'),
      putValue: p('INSERT INTO smt_kv (key, version, value) VALUES (?, ?, ?)'),
      putValues: p(multiRowInsert('smt_kv', 'key,version,value', CHUNK)),
      putStale: p('INSERT INTO smt_stale (since, nodes, keys) VALUES (?, ?, ?)'),
      staleUpTo: p('SELECT since, nodes, keys FROM smt_stale WHERE since <= ? ORDER BY since'),
      delNode: p('DELETE FROM smt_node WHERE version = ? AND path = ?'),
      delValuesBefore: p('DELETE FROM smt_kv WHERE key = ? AND version < ?'),
      delStale: p('DELETE FROM smt_stale WHERE since <= ?'),
      delRoots: p('DELETE FROM smt_root WHERE version < ?'),
      putMeta: p('INSERT OR REPLACE INTO smt_meta (name, value) VALUES (?, ?)'),
      // A key is present at version v when its latest write at or before v is not a deletion.
      keysRange: p(
        `SELECT a.key AS key FROM smt_kv AS a WHERE a.key >= ? AND a.key < ? AND a.value IS NOT NULL
         AND a.version = (SELECT max(b.version) FROM smt_kv AS b WHERE b.key = a.key AND b.version <= ?)
         ORDER BY a.key LIMIT ?`,
      ),
      keysFrom: p(
        `SELECT a.key AS key FROM smt_kv AS a WHERE a.key >= ? AND a.value IS NOT NULL
         AND a.version = (SELECT max(b.version) FROM smt_kv AS b WHERE b.key = a.key AND b.version <= ?)
         ORDER BY a.key LIMIT ?`,
      ),
    };
    const r = this.db.prepare('SELECT min(version) AS lo, max(version) AS hi FROM smt_root').get() as {
      lo: number | null;
      hi: number | null;
    };
    const m = this.db.prepare("SELECT value FROM smt_meta WHERE name = 'pruned_before'").get() as
      | { value: number }
      | undefined;
    this.restoreVersions(
      r.lo === null || r.hi === null ? undefined : { oldest: r.lo, latest: r.hi },
      m?.value ?? 0,
    );
  }

  readNode(version: number, path: string): TreeNode | undefined {
    const row = this.q.node.get(version, path) as { data: Uint8Array } | undefined;
    return row ? decodeNode(row.data) : undefined;
  }

  readRoot(version: number): RootRecord | undefined {
    const row = this.q.root.get(version) as { node_version: number | null; hash: Uint8Array } | undefined;
    return row ? { nodeVersion: row.node_version, hash: row.hash } : undefined;
  }

  readValue(key: Uint8Array, version: number): Uint8Array | undefined {
    const row = this.q.value.get(key, version) as { value: Uint8Array | null } | undefined;
    return row?.value ?? undefined;
  }

  /**
   * Keys starting with `prefix` that hold a value at `version`, in ascending byte order, at most
   * `limit`. Reads the flat value table (the tree hashes keys, so it cannot list them); the
   * runtime's StateView.keys is built on it.
   */
  keysWithPrefix(prefix: Uint8Array, version: number, limit: number): Uint8Array[] {
    const end = prefixEnd(prefix);
    const rows = (
      end === null
        ? this.q.keysFrom.all(prefix, version, limit)
        : this.q.keysRange.all(prefix, end, version, limit)
    ) as Array<{ key: Uint8Array }>;
    return rows.map((r) => r.key);
  }

  write(batch: NodeBatch): void {
    const v = batch.version;
    this.checkNext(v);
    this.transaction(() => {
      this.insertNodes(batch.nodes);
      this.q.putRoot.run(v, batch.root.nodeVersion, batch.root.hash);
      this.insertValues(batch.values, v);
      this.q.putStale.run(v, encodeNodeKeys(batch.stale), encodeWrittenKeys(batch));
    });
    this.wrote(v);
  }

  private insertNodes(nodes: NodeBatch['nodes']): void {
    const params: Array<number | string | Uint8Array> = new Array(3 * CHUNK);
    const full = nodes.length - (nodes.length % CHUNK);
    // One buffer for the encodings of a chunk: sqlite copies a bound blob, so it is reused.
    const scratch = full > 0 ? new Uint8Array(CHUNK * MAX_NODE_BYTES) : undefined;
    for (let i = 0; i < full; i += CHUNK) {
      let at = 0;
      for (let j = 0; j < CHUNK; j++) {
        const { key, node } = nodes[i + j]!;
        const len = encodeNodeInto(node, scratch!, at);
        params[3 * j] = key.version;
        params[3 * j + 1] = key.path;
        params[3 * j + 2] = scratch!.subarray(at, at + len);
        at += len;
      }
      this.q.putNodes.run(...params);
    }
    for (let i = full; i < nodes.length; i++) {
      const { key, node } = nodes[i]!;
      this.q.putNode.run(key.version, key.path, encodeNode(node));
    }
  }

  private insertValues(values: NodeBatch['values'], version: number): void {
    const params: Array<number | Uint8Array | null> = new Array(3 * CHUNK);
    const full = values.length - (values.length % CHUNK);
    for (let i = 0; i < full; i += CHUNK) {
      for (let j = 0; j < CHUNK; j++) {
        const w = values[i + j]!;
        params[3 * j] = w.key;
        params[3 * j + 1] = version;
        params[3 * j + 2] = w.value;
      }
      this.q.putValues.run(...params);
    }
    for (let i = full; i < values.length; i++) this.q.putValue.run(values[i]!.key, version, values[i]!.value);
  }

  /** Rows held: nodes and value versions (counts whole tables: for metrics and tests). */
  stats(): { nodes: number; values: number } {
    const n = this.db.prepare('SELECT count(*) AS n FROM smt_node').get() as { n: number };
    const v = this.db.prepare('SELECT count(*) AS n FROM smt_kv').get() as { n: number };
    return { nodes: n.n, values: v.n };
  }

  prune(beforeVersion: number): PruneStats {
    let nodes = 0;
    let values = 0;
    let versions = 0;
    const latest = this.versions()?.latest ?? beforeVersion;
    const keep = Math.min(beforeVersion, latest);
    this.transaction(() => {
      const rows = this.q.staleUpTo.all(beforeVersion) as Array<{
        since: number;
        nodes: Uint8Array;
        keys: Uint8Array;
      }>;
      for (const row of rows) {
        for (const k of decodeNodeKeys(row.nodes))
          nodes += Number(this.q.delNode.run(k.version, k.path).changes);
        // Writes older than `since` are superseded at a retained version; a deletion at
        // `since` itself reads the same as no entry at all.
        for (const { key, deleted } of decodeWrittenKeys(row.keys)) {
          values += Number(this.q.delValuesBefore.run(key, deleted ? row.since + 1 : row.since).changes);
        }
      }
      this.q.delStale.run(beforeVersion);
      versions = Number(this.q.delRoots.run(keep).changes);
      this.q.putMeta.run('pruned_before', Math.max(this.prunedBefore(), beforeVersion));
    });
    this.prunedTo(beforeVersion);
    return { nodes, values, versions };
  }

  private transaction(fn: () => void): void {
    if (this.db.isTransaction) {
      fn();
      return;
    }
    this.db.exec('BEGIN');
    try {
      fn();
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }
}

/** The smallest byte string above every string starting with `prefix`; null when there is none. */
function prefixEnd(prefix: Uint8Array): Uint8Array | null {
  const end = prefix.slice();
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i]! += 1;
      return end.subarray(0, i + 1);
    }
  }
  return null;
}

/** Pragmas for a database file the state lives in: WAL, normal sync, a page cache of `cacheMiB`. */
export function tuneDatabase(db: DatabaseSync, cacheMiB = 256): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(`PRAGMA cache_size = ${-Math.floor(cacheMiB * 1024)}`);
}
