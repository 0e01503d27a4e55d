/**
 * Receipt proofs served from Merkle levels built once per block. PERF: a block's receipts are
 * usually asked for together (every client waiting on its transaction), and building an audit
 * path from the bare leaves hashes the whole tree each time; here a block costs one build, and a
 * proof is a walk up the stored levels.
 */
import { concatBytes, equalBytes, type Suite } from '@djchain/crypto';
import { type MerkleProof, receiptHashOfEncoding } from '@djchain/ledger';
import type { SqliteBlockStore } from '@djchain/ledger/sqlite';

// RFC 6962 §2.1 domain prefixes, as in @djchain/ledger's merkle.ts.
const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);

/**
 * Every level of the RFC 6962 tree over `leaves`, built bottom-up: pairs are hashed left to right
 * and an odd last node moves up unchanged. This is the same tree as the recursive definition (the
 * left subtree holds the largest power of two below n), so roots and audit paths are the ones
 * `merkleRoot` and `merkleProof` give.
 */
export class MerkleLevels {
  private readonly levels: Uint8Array[][];

  constructor(suite: Suite, leaves: readonly Uint8Array[]) {
    let level = leaves.map((l) => suite.hash(concatBytes(LEAF, l)));
    this.levels = [level];
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) {
        next.push(suite.hash(concatBytes(NODE, level[i]!, level[i + 1]!)));
      }
      if (level.length % 2 === 1) next.push(level[level.length - 1]!);
      this.levels.push(next);
      level = next;
    }
    this.emptyRoot = leaves.length === 0 ? suite.hash(new Uint8Array(0)) : undefined;
  }

  private readonly emptyRoot: Uint8Array | undefined;

  get size(): number {
    return this.levels[0]!.length;
  }

  root(): Uint8Array {
    return this.emptyRoot ?? this.levels[this.levels.length - 1]![0]!;
  }

  /** The audit path of leaf `index` (siblings from the leaf up); undefined when out of range. */
  proof(index: number): MerkleProof | undefined {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) return undefined;
    const path: Uint8Array[] = [];
    let m = index;
    for (let d = 0; d < this.levels.length - 1; d++) {
      const level = this.levels[d]!;
      const sibling = m % 2 === 1 ? m - 1 : m + 1;
      // An odd last node has no sibling at this level: it moves up as it is.
      if (sibling < level.length) path.push(level[sibling]!);
      m = Math.floor(m / 2);
    }
    return { index, size: this.size, path };
  }
}

/** Receipt-root levels of recent blocks, least recently used dropped first. */
export class ReceiptProofs {
  private readonly blocks: SqliteBlockStore;
  private readonly suite: Suite;
  private readonly capacity: number;
  private readonly byHeight = new Map<number, MerkleLevels>();
  /** Levels built (not served from the cache), for tests and metrics. */
  builds = 0;

  constructor(blocks: SqliteBlockStore, suite: Suite, capacity = 16) {
    this.blocks = blocks;
    this.suite = suite;
    this.capacity = Math.max(1, capacity);
  }

  /**
   * The proof of receipt `index` of block `height` against `receiptRoot` (the stored header's).
   * Cached levels are used only while their root is that root: if the block at a height is ever
   * replaced (a restored or re-synced store), the levels are built again from what is stored.
   */
  proof(height: number, index: number, receiptRoot: Uint8Array): MerkleProof | undefined {
    let levels = this.byHeight.get(height);
    if (levels !== undefined && equalBytes(levels.root(), receiptRoot)) {
      // Most recently used last in the Map's insertion order.
      this.byHeight.delete(height);
      this.byHeight.set(height, levels);
      return levels.proof(index);
    }
    const encodings = this.blocks.getReceiptEncodings(height);
    if (encodings === undefined) return undefined;
    levels = new MerkleLevels(
      this.suite,
      encodings.map((e) => receiptHashOfEncoding(this.suite, e)),
    );
    this.builds++;
    this.byHeight.delete(height);
    if (this.byHeight.size >= this.capacity) this.byHeight.delete(this.byHeight.keys().next().value!);
    this.byHeight.set(height, levels);
    return levels.proof(index);
  }

  /** Forgets every cached block (e.g. after the store was replaced under a running API). */
  clear(): void {
    this.byHeight.clear();
  }
}
