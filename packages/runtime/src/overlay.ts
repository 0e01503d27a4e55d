/**
 * Pending writes layered over a view: a block's overlay over committed state, a transaction's or
 * hook's overlay over the block's. Discarding an overlay undoes everything its owner wrote.
 */
import { equalBytes } from '@djchain/crypto';
import { compareKeys, keyIndex } from '@djchain/ledger';
import type { StateView, StateWrite } from './view.ts';

export interface OverlayOptions {
  /**
   * Remember the parent's values once read (null: absent). Only for a parent that does not change
   * while the overlay lives, e.g. a block's overlay over a committed version. PERF: a block reads
   * the same nonces and history heads many times.
   */
  readonly cacheReads?: boolean;
}

export class Overlay implements StateView {
  private readonly parent: StateView;
  private readonly changes = new Map<string, Uint8Array | null>();
  /**
   * The changed keys, ascending by compareKeys. PERF: `keys(prefix)` finds its range by binary
   * search instead of scanning every change — a block's overlay holds thousands of changes and
   * each transaction lists a few prefixes.
   */
  private readonly order: string[] = [];
  private readonly reads: Map<string, Uint8Array | null> | undefined;
  /** The parent's key listings by `${limit}/${prefix}`, kept under the same rule as `reads`. */
  private readonly listings: Map<string, readonly string[]> | undefined;

  constructor(parent: StateView, opts: OverlayOptions = {}) {
    this.parent = parent;
    this.reads = opts.cacheReads ? new Map() : undefined;
    this.listings = opts.cacheReads ? new Map() : undefined;
  }

  /**
   * The parent's keys, through the listing cache when there is one. PERF: every transaction's
   * authorization lists the same prefixes (posts, members) of the unchanged committed version.
   */
  private parentKeys(prefix: string, limit: number): readonly string[] {
    if (this.listings === undefined) return this.parent.keys(prefix, limit);
    const key = `${limit}/${prefix}`;
    let hit = this.listings.get(key);
    if (hit === undefined) {
      hit = this.parent.keys(prefix, limit);
      this.listings.set(key, hit);
    }
    return hit;
  }

  get(key: string): Uint8Array | undefined {
    const v = this.changes.get(key);
    if (v !== undefined) return v ?? undefined;
    return this.parentGet(key);
  }

  /** The parent's value, through the read cache when there is one. */
  private parentGet(key: string): Uint8Array | undefined {
    if (this.reads === undefined) return this.parent.get(key);
    const hit = this.reads.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const value = this.parent.get(key);
    this.reads.set(key, value ?? null);
    return value;
  }

  set(key: string, value: Uint8Array): void {
    this.change(key, value);
  }

  delete(key: string): void {
    this.change(key, null);
  }

  private change(key: string, value: Uint8Array | null): void {
    if (!this.changes.has(key)) this.order.splice(this.lowerBound(key), 0, key);
    this.changes.set(key, value);
  }

  /** Index of the first changed key not below `key`. */
  private lowerBound(key: string): number {
    return keyIndex(this.order, key);
  }

  keys(prefix: string, limit: number): string[] {
    // Keys with a prefix are contiguous in key order, starting at the prefix itself.
    const lo = this.lowerBound(prefix);
    let hi = lo;
    let deletions = 0;
    for (; hi < this.order.length && this.order[hi]!.startsWith(prefix); hi++) {
      if (this.changes.get(this.order[hi]!) === null) deletions++;
    }
    // PERF: nothing changed under the prefix (most listings of a transaction): the parent's keys
    // as they are, already ascending, instead of a set of them sorted again.
    if (hi === lo) return this.parentKeys(prefix, limit).slice(0, limit);
    // Each deletion here can hide at most one of the parent's keys: ask for that many more.
    const parent = this.parentKeys(prefix, limit + deletions);
    // PERF: both lists ascend: merged in one pass (a key in both is the change's).
    const out: string[] = [];
    let i = 0;
    let j = lo;
    while (out.length < limit && (i < parent.length || j < hi)) {
      const order = i === parent.length ? 1 : j === hi ? -1 : compareKeys(parent[i]!, this.order[j]!);
      if (order < 0) {
        out.push(parent[i++]!);
        continue;
      }
      if (order === 0) i++;
      const k = this.order[j++]!;
      if (this.changes.get(k) !== null) out.push(k);
    }
    return out;
  }

  /** Keys this overlay wrote or deleted, ascending. */
  touched(): string[] {
    return [...this.order];
  }

  /** Moves this overlay's changes into `target` (normally the overlay it sits on). */
  mergeInto(target: Overlay): void {
    for (const k of this.order) target.change(k, this.changes.get(k) ?? null);
  }

  /**
   * Every key this overlay wrote or deleted, ascending, with its last value (null: deleted),
   * without reading the parent: a key set to the value it had, or deleted while absent, is
   * included. PERF: a block's overlay compared each written key with committed state, a database
   * read for every key written without being read first (a new event, a new record); the state
   * tree compares each write with the leaf it already reads and keeps only real changes.
   */
  changed(): StateWrite[] {
    return this.order.map((key): StateWrite => [key, this.changes.get(key)!]);
  }

  /** Net changes against the parent, sorted: unchanged values and deletions of absent keys left out. */
  netWrites(): StateWrite[] {
    const out: StateWrite[] = [];
    for (const key of this.touched()) {
      const value = this.changes.get(key)!;
      const before = this.parentGet(key);
      if (value === null ? before === undefined : before !== undefined && equalBytes(before, value)) continue;
      out.push([key, value]);
    }
    return out;
  }
}
