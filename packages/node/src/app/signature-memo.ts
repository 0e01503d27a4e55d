/**
 * Consensus signatures already found valid, remembered so that the same signature is not checked
 * again (issue 20, round 10). PERF: a validator checks every peer's precommit when it arrives, then
 * the certificate made of those same precommits when it commits the block, then that certificate
 * once more as the next block's `lastCommit` — three checks of one signature. In the demo's
 * workload (small blocks) these were about half of a validator's signature checks.
 *
 * Only a valid verdict is remembered, and only for the exact (public key, message, signature):
 * a check is a pure function of the three, so a remembered one answers as a new check would. An
 * invalid signature is checked every time. Bounded: past `max` entries the oldest are forgotten
 * (checked again when they come back).
 */
import { type Suite, taggedHash, toHex } from '@djchain/crypto';

/** Domain of the memo's keys (never on chain or the wire: only this process compares them). */
const MEMO_TAG = 'djchain/node/verified-signature/v1';

export class SignatureMemo {
  /** The suite to check consensus signatures with: `verify` consults and fills the memo. */
  readonly suite: Suite;
  /** Checks answered from the memo (for tests and metrics). */
  hits = 0;
  readonly #base: Suite;
  readonly #max: number;
  /** Keys of valid triples, oldest first (a Set iterates in insertion order). */
  readonly #valid = new Set<string>();

  constructor(base: Suite, max = 16_384) {
    this.#base = base;
    this.#max = max;
    this.suite = {
      ...base,
      verify: (publicKey, message, signature) => this.#verify(publicKey, message, signature),
    };
  }

  #verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    // Length-prefixed parts: no other triple has the same preimage.
    const key = toHex(taggedHash(this.#base, MEMO_TAG, publicKey, message, signature));
    if (this.#valid.has(key)) {
      this.hits++;
      return true;
    }
    if (!this.#base.verify(publicKey, message, signature)) return false;
    this.#valid.add(key);
    if (this.#valid.size > this.#max) {
      const oldest = this.#valid.values().next().value;
      if (oldest !== undefined) this.#valid.delete(oldest);
    }
    return true;
  }
}
