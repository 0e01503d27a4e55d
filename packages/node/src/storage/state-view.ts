/** The runtime's StateView over one committed version of the node's state tree. */
import type { StateView } from '@djchain/runtime';
import type { SqliteNodeStore } from '@djchain/state/sqlite';
import type { LatestStateCache } from './latest-cache.ts';

const utf8 = new TextEncoder();
// ignoreBOM: a key starting with U+FEFF keeps it (the default decoder strips it: another key).
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** State keys are strings to the runtime and their UTF-8 bytes to the tree (same order). */
export function keyBytes(key: string): Uint8Array {
  return utf8.encode(key);
}

/**
 * Reads of version `version`. PERF: values come from the flat value table directly (one indexed
 * lookup), not through a walk of the tree, and not through StateTree.get, which would re-read the
 * root record on every call.
 *
 * A view serves one task (a mempool batch, a block, a request): with `cacheReads` it remembers
 * each value it read (PERF: a batch of 1,000 transactions from a few accounts reads each nonce
 * once). A committed version never changes, so the remembered values stay right for its life.
 * Reads of the store's latest version go through the node's `LatestStateCache` too (shared by every
 * view and kept across blocks).
 */
export class StoreView implements StateView {
  private readonly store: SqliteNodeStore;
  readonly version: number;
  private readonly reads: Map<string, Uint8Array | null> | undefined;
  private readonly latest: LatestStateCache | undefined;

  constructor(
    store: SqliteNodeStore,
    version: number,
    opts: { cacheReads?: boolean; latest?: LatestStateCache } = {},
  ) {
    this.store = store;
    this.version = version;
    this.reads = opts.cacheReads ? new Map() : undefined;
    this.latest = opts.latest;
  }

  get(key: string): Uint8Array | undefined {
    if (this.reads === undefined) return this.read(key);
    const hit = this.reads.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const value = this.read(key);
    this.reads.set(key, value ?? null);
    return value;
  }

  private read(key: string): Uint8Array | undefined {
    const load = () => this.store.readValue(utf8.encode(key), this.version);
    return this.latest === undefined
      ? load()
      : this.latest.get(this.version, this.store.versions()?.latest, key, load);
  }

  keys(prefix: string, limit: number): string[] {
    const load = () =>
      this.store.keysWithPrefix(utf8.encode(prefix), this.version, limit).map((k) => fromUtf8.decode(k));
    return this.latest === undefined
      ? load()
      : this.latest.keys(this.version, this.store.versions()?.latest, prefix, limit, load);
  }
}
