/** Read access to committed state, as the executor needs it; the node adapts its state tree to it. */

/**
 * The state at the previous height. Keys are global (`<module>/<key>`, `acct/…`, `hist/…`, `evt/…`,
 * `sys/…`); values are canonical CBOR. Both methods must be deterministic functions of that state.
 */
export interface StateView {
  get(key: string): Uint8Array | undefined;
  /**
   * Keys starting with `prefix` in ascending code-point order (= UTF-8 byte order), at most
   * `limit`. The authenticated tree hashes keys, so this comes from the node's key index.
   */
  keys(prefix: string, limit: number): string[];
}

/** A write to state: null deletes. Lists of writes are sorted by key (`compareKeys`). */
export type StateWrite = readonly [key: string, value: Uint8Array | null];
