/** The runtime's StateView over one committed version of the node's state tree. */
import type { StateView } from '@djchain/runtime';
import type { SqliteNodeStore } from '@djchain/state/sqlite';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** State keys are strings to the runtime and their UTF-8 bytes to the tree (same order). */
export function keyBytes(key: string): Uint8Array {
  return utf8.encode(key);
}

/**
 * Reads of version `version`. PERF: values come from the flat value table directly (one indexed
 * lookup), not through a walk of the tree, and not through StateTree.get, which would re-read the
 * root record on every call.
 */
export class StoreView implements StateView {
  private readonly store: SqliteNodeStore;
  readonly version: number;

  constructor(store: SqliteNodeStore, version: number) {
    this.store = store;
    this.version = version;
  }

  get(key: string): Uint8Array | undefined {
    return this.store.readValue(utf8.encode(key), this.version);
  }

  keys(prefix: string, limit: number): string[] {
    return this.store.keysWithPrefix(utf8.encode(prefix), this.version, limit).map((k) => fromUtf8.decode(k));
  }
}
