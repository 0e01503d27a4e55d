/**
 * Binary Merkle tree over an ordered list (transaction and receipt roots), as RFC 6962 §2.1 with the
 * chain suite's hash: leaf = H(0x00 ‖ d), node = H(0x01 ‖ left ‖ right), the left subtree holding
 * the largest power of two below n leaves, and the empty root H(""). Audit paths as RFC 6962 §2.1.1,
 * checked by the algorithm of RFC 9162 §2.1.3.2.
 */
import { equalBytes, type Suite, type Value } from '@djchain/crypto';
import { LedgerError } from './errors.ts';
import { Fields } from './shape.ts';

/** Proof that `leaf` is at `index` of a list of `size` items. `path`: siblings from the leaf up. */
export interface MerkleProof {
  readonly index: number;
  readonly size: number;
  readonly path: readonly Uint8Array[];
}

// PERF: one reused preimage buffer (a hash keeps no input; a new array past 64 bytes is an
// off-heap allocation each time); a longer preimage gets its own.
const SCRATCH = new Uint8Array(1024);

/** H(prefix ‖ a ‖ b). */
function prefixedHash(suite: Suite, prefix: number, a: Uint8Array, b?: Uint8Array): Uint8Array {
  const n = 1 + a.length + (b?.length ?? 0);
  const buf = n <= SCRATCH.length ? SCRATCH.subarray(0, n) : new Uint8Array(n);
  buf[0] = prefix;
  buf.set(a, 1);
  if (b) buf.set(b, 1 + a.length);
  return suite.hash(buf);
}

export function merkleLeafHash(suite: Suite, data: Uint8Array): Uint8Array {
  return prefixedHash(suite, 0x00, data);
}

function nodeHash(suite: Suite, left: Uint8Array, right: Uint8Array): Uint8Array {
  return prefixedHash(suite, 0x01, left, right);
}

/** Largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subRoot(suite: Suite, hashes: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return hashes[lo]!;
  const k = split(hi - lo);
  return nodeHash(suite, subRoot(suite, hashes, lo, lo + k), subRoot(suite, hashes, lo + k, hi));
}

/** Root over `leaves` in order (each leaf is hashed with the 0x00 prefix). */
export function merkleRoot(suite: Suite, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return suite.hash(new Uint8Array(0));
  return subRoot(
    suite,
    leaves.map((l) => merkleLeafHash(suite, l)),
    0,
    leaves.length,
  );
}

/** The audit path of leaf `index`. */
export function merkleProof(suite: Suite, leaves: readonly Uint8Array[], index: number): MerkleProof {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new LedgerError('LEDGER_BAD_PROOF', 'index out of range', { index, size: leaves.length });
  }
  const hashes = leaves.map((l) => merkleLeafHash(suite, l));
  const path: Uint8Array[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = split(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      path.push(subRoot(suite, hashes, lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      path.push(subRoot(suite, hashes, lo, lo + k));
    }
  };
  walk(index, 0, leaves.length);
  return { index, size: leaves.length, path };
}

/** True when `proof` shows `leaf` at `proof.index` of a list whose root is `root`. */
export function verifyMerkleProof(
  suite: Suite,
  root: Uint8Array,
  leaf: Uint8Array,
  proof: MerkleProof,
): boolean {
  const { index, size, path } = proof;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (path.length > 64) return false;
  let fn = index;
  let sn = size - 1;
  let r = merkleLeafHash(suite, leaf);
  for (const p of path) {
    if (!(p instanceof Uint8Array) || p.length !== 32 || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(suite, p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(suite, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

export function merkleProofToValue(p: MerkleProof): Value {
  return { index: p.index, size: p.size, path: [...p.path] };
}

export function merkleProofFromValue(v: Value): MerkleProof {
  const f: Fields = new Fields('LEDGER_BAD_PROOF', 'merkleProof', v);
  const index = f.uint('index');
  const size = f.uint('size');
  const path = f.byteList('path', 64, 32);
  f.done();
  return { index, size, path };
}
