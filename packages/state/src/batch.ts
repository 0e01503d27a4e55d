/**
 * Computing one version from the previous one: the writes, sorted by key hash, descend the
 * 16-ary tree together so each upper node is loaded, rebuilt and hashed once per batch.
 * Nodes are copy-on-write: a changed node is written under (new version, same path) and the old
 * one goes to the stale list, so every retained version stays readable until pruned.
 */
import { StateError } from './errors.ts';
import { bytesEqual, compareBytes, leafHash, nibbleAt, ZERO_HASH } from './hash.ts';
import { type ChildRef, childAt, internalNodeHash, withChildren } from './internal-node.ts';
import type { Hasher, InternalNode, NodeBatch, NodeKey, RootRecord, TreeNode, ValueWrite } from './types.ts';

/** Reads a committed node; throws STATE_NODE_MISSING when the store lacks it. */
export type NodeReader = (version: number, path: string) => TreeNode;

interface Entry {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
}

interface PreparedWrite {
  readonly key: Uint8Array;
  readonly keyHash: Uint8Array;
  readonly value: Uint8Array | null;
  readonly valueHash: Uint8Array | null;
  existed: boolean;
  /** The key held this value already: nothing to store for it. */
  unchanged: boolean;
}

/** A subtree during the batch: empty, one leaf (not yet placed), or an internal node. */
type Sub = null | LeafSub | NodeSub;
interface LeafSub {
  readonly t: 'leaf';
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array;
  /** Where the leaf is stored now, when it already exists. */
  readonly at: NodeKey | null;
  readonly hash?: Uint8Array;
}
interface NodeSub {
  readonly t: 'node';
  readonly version: number;
  readonly hash: Uint8Array;
  readonly node?: InternalNode;
}

const HEX = '0123456789abcdef';
// Two distinct 32-byte key hashes differ within 64 nibbles; deeper means a corrupt store.
const MAX_DEPTH = 64;

/** Sorts by key hash; of several writes to one key the last wins. */
function prepare(hasher: Hasher, writes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>) {
  const items = writes.map(([key, value], index) => {
    if (!(key instanceof Uint8Array) || !(value === null || value instanceof Uint8Array)) {
      throw new StateError('STATE_BAD_INPUT', 'a write is [key: Uint8Array, value: Uint8Array | null]', {
        index,
      });
    }
    return { key, value, index, keyHash: hasher(key) };
  });
  items.sort((a, b) => compareBytes(a.keyHash, b.keyHash) || a.index - b.index);
  const out: PreparedWrite[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const next = items[i + 1];
    if (next && bytesEqual(next.keyHash, it.keyHash)) continue;
    const valueHash = it.value === null ? null : hasher(it.value);
    out.push({
      key: it.key,
      keyHash: it.keyHash,
      value: it.value,
      valueHash,
      existed: false,
      unchanged: false,
    });
  }
  return out;
}

class BatchBuilder {
  readonly nodes: Array<{ key: NodeKey; node: TreeNode }> = [];
  readonly stale: NodeKey[] = [];
  private readonly hasher: Hasher;
  private readonly read: NodeReader;
  private readonly version: number;

  constructor(hasher: Hasher, read: NodeReader, version: number) {
    this.hasher = hasher;
    this.read = read;
    this.version = version;
  }

  /** The subtree at `path` after applying writes[lo, hi) (all under `path`) to `cur`. */
  update(path: string, depth: number, cur: Sub, writes: PreparedWrite[], lo: number, hi: number): Sub {
    if (depth > MAX_DEPTH)
      throw new StateError('STATE_STORE_CORRUPT', 'tree deeper than 64 nibbles', { path });
    if (cur === null) {
      const entries: Entry[] = [];
      for (let i = lo; i < hi; i++) if (writes[i]!.valueHash) entries.push(writes[i] as Entry);
      return this.build(path, depth, entries, 0, entries.length);
    }
    if (cur.t === 'leaf') return this.updateLeaf(path, depth, cur, writes, lo, hi);
    const node = cur.node ?? this.readInternal(cur.version, path);
    const changes: Array<[number, Sub]> = [];
    for (let i = lo; i < hi; ) {
      const nib = nibbleAt(writes[i]!.keyHash, depth);
      let j = i + 1;
      while (j < hi && nibbleAt(writes[j]!.keyHash, depth) === nib) j++;
      const childPath = path + HEX[nib];
      const sub = this.subOf(childAt(node, nib), childPath);
      const res = this.update(childPath, depth + 1, sub, writes, i, j);
      if (res !== sub) changes.push([nib, res]);
      i = j;
    }
    if (changes.length === 0) return cur;
    this.stale.push({ version: cur.version, path });
    let present = node.present;
    for (const [nib, res] of changes) present = res === null ? present & ~(1 << nib) : present | (1 << nib);
    if (present === 0) return null;
    if ((present & (present - 1)) === 0) {
      // One child left: a lone leaf moves up to this path (shortest unique prefix).
      const nib = 31 - Math.clz32(present);
      const changed = changes.find((c) => c[0] === nib);
      const only = changed ? changed[1] : this.subOf(childAt(node, nib), path + HEX[nib]);
      if (only?.t === 'leaf') return only;
    }
    const refs = changes.map(([nib, res]): [number, ChildRef | undefined] => [
      nib,
      res === null ? undefined : this.place(res, path + HEX[nib]),
    ]);
    return this.emit(path, withChildren(this.hasher, node, refs));
  }

  private updateLeaf(
    path: string,
    depth: number,
    cur: LeafSub,
    writes: PreparedWrite[],
    lo: number,
    hi: number,
  ): Sub {
    const entries: Entry[] = [];
    let placed = false;
    let changed = false;
    for (let i = lo; i < hi; i++) {
      const w = writes[i]!;
      const order = compareBytes(cur.keyHash, w.keyHash);
      if (!placed && order < 0) {
        entries.push(cur);
        placed = true;
      }
      if (order === 0) {
        placed = true;
        w.existed = true;
        if (w.valueHash === null || !bytesEqual(w.valueHash, cur.valueHash)) changed = true;
        else w.unchanged = true;
        if (w.valueHash) entries.push(w as Entry);
      } else if (w.valueHash) {
        changed = true;
        entries.push(w as Entry);
      }
    }
    if (!placed) entries.push(cur);
    if (!changed) return cur;
    if (cur.at) this.stale.push(cur.at);
    return this.build(path, depth, entries, 0, entries.length);
  }

  /** A fresh subtree holding entries[lo, hi), sorted by key hash. */
  private build(path: string, depth: number, entries: Entry[], lo: number, hi: number): Sub {
    if (hi === lo) return null;
    const first = entries[lo]!;
    if (hi - lo === 1) return { t: 'leaf', keyHash: first.keyHash, valueHash: first.valueHash, at: null };
    if (depth >= MAX_DEPTH) throw new StateError('STATE_BAD_INPUT', 'two keys share a key hash', { path });
    const refs: Array<[number, ChildRef]> = [];
    for (let i = lo; i < hi; ) {
      const nib = nibbleAt(entries[i]!.keyHash, depth);
      let j = i + 1;
      while (j < hi && nibbleAt(entries[j]!.keyHash, depth) === nib) j++;
      const childPath = path + HEX[nib];
      refs.push([nib, this.place(this.build(childPath, depth + 1, entries, i, j)!, childPath)]);
      i = j;
    }
    return this.emit(path, withChildren(this.hasher, undefined, refs));
  }

  private emit(path: string, node: InternalNode): NodeSub {
    this.nodes.push({ key: { version: this.version, path }, node });
    return { t: 'node', version: this.version, hash: internalNodeHash(this.hasher, node), node };
  }

  /** The child reference for `sub` placed at `path`, writing the leaf there if it moved. */
  place(sub: LeafSub | NodeSub, path: string): ChildRef {
    if (sub.t === 'node') return { version: sub.version, hash: sub.hash, leaf: false };
    const hash = sub.hash ?? leafHash(this.hasher, sub.keyHash, sub.valueHash);
    if (sub.at && sub.at.path === path) return { version: sub.at.version, hash, leaf: true };
    if (sub.at) this.stale.push(sub.at);
    this.nodes.push({
      key: { version: this.version, path },
      node: { kind: 'leaf', keyHash: sub.keyHash, valueHash: sub.valueHash },
    });
    return { version: this.version, hash, leaf: true };
  }

  /** The current subtree behind a child slot; a leaf is read now, since its key hash decides. */
  subOf(child: ChildRef | undefined, path: string): Sub {
    if (!child) return null;
    if (!child.leaf) return { t: 'node', version: child.version, hash: child.hash };
    const leaf = this.read(child.version, path);
    if (leaf.kind !== 'leaf') throw corrupt(child.version, path, 'leaf');
    const at = { version: child.version, path };
    return { t: 'leaf', keyHash: leaf.keyHash, valueHash: leaf.valueHash, at, hash: child.hash };
  }

  private readInternal(version: number, path: string): InternalNode {
    const node = this.read(version, path);
    if (node.kind !== 'internal') throw corrupt(version, path, 'internal');
    return node;
  }
}

function corrupt(version: number, path: string, expected: string): StateError {
  return new StateError('STATE_STORE_CORRUPT', `expected an ${expected} node`, { version, path });
}

/** The result of `applyBatch`: the new root and everything to persist for it. */
export interface BatchResult {
  readonly root: Uint8Array;
  readonly nodeBatch: NodeBatch;
}

/**
 * Version `version` = `base` (the previous version's root) with `writes` applied in key-hash
 * order. Pure apart from `read`: the store is not modified.
 */
export function computeBatch(
  hasher: Hasher,
  read: NodeReader,
  base: RootRecord,
  version: number,
  writes: ReadonlyArray<readonly [Uint8Array, Uint8Array | null]>,
): BatchResult {
  const prepared = prepare(hasher, writes);
  const builder = new BatchBuilder(hasher, read, version);
  let cur: Sub = null;
  if (base.nodeVersion !== null) {
    const node = read(base.nodeVersion, '');
    cur =
      node.kind === 'leaf'
        ? {
            t: 'leaf',
            keyHash: node.keyHash,
            valueHash: node.valueHash,
            at: { version: base.nodeVersion, path: '' },
          }
        : { t: 'node', version: base.nodeVersion, hash: base.hash, node };
  }
  const res = builder.update('', 0, cur, prepared, 0, prepared.length);
  let root: RootRecord;
  if (res === cur) root = base;
  else if (res === null) root = { nodeVersion: null, hash: ZERO_HASH };
  else {
    const ref = builder.place(res, '');
    root = { nodeVersion: ref.version, hash: ref.hash };
  }
  const values: ValueWrite[] = [];
  // Only real changes: neither a value the key held already nor the deletion of an absent key.
  for (const w of prepared) {
    if (w.unchanged || (w.value === null && !w.existed)) continue;
    values.push({ key: w.key, value: w.value });
  }
  return {
    root: root.hash,
    nodeBatch: { version, root, nodes: builder.nodes, stale: builder.stale, values },
  };
}
