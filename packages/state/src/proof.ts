/**
 * Proof verification and encodings. Pure: no IO, runs the same in Node and in browsers.
 * A proof is a binary Merkle path of the sparse Merkle tree over H(key), whatever the node layout.
 */
import { StateError } from './errors.ts';
import {
  bitAt,
  bytesEqual,
  commonPrefixBits,
  fromHex,
  HASH_LENGTH,
  internalHash,
  leafHash,
  toHex,
  ZERO_HASH,
} from './hash.ts';
import type { Hasher, Proof } from './types.ts';

/** Deepest possible path: two distinct 256-bit key hashes differ within 256 bits. */
export const MAX_PROOF_DEPTH = 256;

/**
 * True when `proof` shows that under `root` the key `key` holds `value`, or, with `value`
 * undefined, that `key` is absent. Never throws on malformed input; it returns false.
 */
export function verifyProof(
  hasher: Hasher,
  root: Uint8Array,
  key: Uint8Array,
  value: Uint8Array | undefined,
  proof: Proof,
): boolean {
  try {
    const siblings = proof.siblings;
    if (!Array.isArray(siblings) || siblings.length > MAX_PROOF_DEPTH) return false;
    for (const s of siblings) if (!(s instanceof Uint8Array) || s.length !== HASH_LENGTH) return false;
    const keyHash = hasher(key);
    const depth = siblings.length;
    let h: Uint8Array;
    if (proof.leaf) {
      const { keyHash: lk, valueHash: lv } = proof.leaf;
      if (lk.length !== HASH_LENGTH || lv.length !== HASH_LENGTH) return false;
      if (value !== undefined) {
        if (!bytesEqual(lk, keyHash) || !bytesEqual(lv, hasher(value))) return false;
      } else if (bytesEqual(lk, keyHash) || commonPrefixBits(lk, keyHash) < depth) {
        // Absence by another leaf holds only if that leaf sits on the key's own path.
        return false;
      }
      h = leafHash(hasher, lk, lv);
    } else {
      if (value !== undefined) return false;
      h = ZERO_HASH;
    }
    for (let i = depth - 1; i >= 0; i--) {
      const sib = siblings[i]!;
      h = bitAt(keyHash, i) ? internalHash(hasher, sib, h) : internalHash(hasher, h, sib);
    }
    return bytesEqual(h, root);
  } catch {
    return false;
  }
}

const FORMAT = 1;

/**
 * Bytes: format (1) | depth (u16 BE) | bitmap of non-empty siblings (ceil(depth/8), MSB first) |
 * those siblings (32 bytes each) | 0x00, or 0x01 | leaf key hash | leaf value hash.
 */
export function encodeProof(proof: Proof): Uint8Array {
  const depth = proof.siblings.length;
  const bitmap = new Uint8Array(Math.ceil(depth / 8));
  const full: Uint8Array[] = [];
  proof.siblings.forEach((s, i) => {
    if (!bytesEqual(s, ZERO_HASH)) {
      bitmap[i >> 3]! |= 0x80 >> (i & 7);
      full.push(s);
    }
  });
  const out = new Uint8Array(3 + bitmap.length + full.length * HASH_LENGTH + 1 + (proof.leaf ? 64 : 0));
  out[0] = FORMAT;
  out[1] = depth >> 8;
  out[2] = depth & 0xff;
  out.set(bitmap, 3);
  let at = 3 + bitmap.length;
  for (const s of full) {
    out.set(s, at);
    at += HASH_LENGTH;
  }
  if (proof.leaf) {
    out[at] = 1;
    out.set(proof.leaf.keyHash, at + 1);
    out.set(proof.leaf.valueHash, at + 1 + HASH_LENGTH);
  }
  return out;
}

function malformed(why: string): StateError {
  return new StateError('STATE_PROOF_MALFORMED', why);
}

/** Inverse of `encodeProof`; only the canonical encoding is accepted (STATE_PROOF_MALFORMED). */
export function decodeProof(bytes: Uint8Array): Proof {
  if (!(bytes instanceof Uint8Array) || bytes.length < 4) throw malformed('too short');
  if (bytes[0] !== FORMAT) throw malformed('unknown format');
  const depth = (bytes[1]! << 8) | bytes[2]!;
  if (depth > MAX_PROOF_DEPTH) throw malformed('too deep');
  const bitmapLength = Math.ceil(depth / 8);
  if (bytes.length < 3 + bitmapLength + 1) throw malformed('truncated');
  const bitmap = bytes.subarray(3, 3 + bitmapLength);
  if (depth % 8 !== 0 && (bitmap[bitmapLength - 1]! & (0xff >> (depth % 8))) !== 0) {
    throw malformed('bitmap padding not zero');
  }
  let at = 3 + bitmapLength;
  const siblings: Uint8Array[] = [];
  for (let i = 0; i < depth; i++) {
    if (bitmap[i >> 3]! & (0x80 >> (i & 7))) {
      if (bytes.length < at + HASH_LENGTH) throw malformed('truncated');
      const s = bytes.slice(at, at + HASH_LENGTH);
      if (bytesEqual(s, ZERO_HASH)) throw malformed('empty sibling marked present');
      siblings.push(s);
      at += HASH_LENGTH;
    } else siblings.push(ZERO_HASH);
  }
  const flag = bytes[at];
  if (flag === 0 && bytes.length === at + 1) return { siblings, leaf: null };
  if (flag === 1 && bytes.length === at + 1 + 2 * HASH_LENGTH) {
    const keyHash = bytes.slice(at + 1, at + 1 + HASH_LENGTH);
    const valueHash = bytes.slice(at + 1 + HASH_LENGTH);
    return { siblings, leaf: { keyHash, valueHash } };
  }
  throw malformed('bad leaf section or trailing bytes');
}

/** JSON-safe form of a proof: lowercase hex, null for an empty sibling or no leaf. */
export interface ProofJson {
  readonly siblings: ReadonlyArray<string | null>;
  readonly leaf: { readonly keyHash: string; readonly valueHash: string } | null;
}

/** The JSON-safe form of `proof`. */
export function proofToJson(proof: Proof): ProofJson {
  return {
    siblings: proof.siblings.map((s) => (bytesEqual(s, ZERO_HASH) ? null : toHex(s))),
    leaf: proof.leaf ? { keyHash: toHex(proof.leaf.keyHash), valueHash: toHex(proof.leaf.valueHash) } : null,
  };
}

function hash32(v: unknown, what: string): Uint8Array {
  const b = typeof v === 'string' && v === v.toLowerCase() ? fromHex(v) : undefined;
  if (!b || b.length !== HASH_LENGTH) throw malformed(`${what} is not 64 lowercase hex digits`);
  return b;
}

/** Inverse of `proofToJson`, strict about shapes (STATE_PROOF_MALFORMED). */
export function proofFromJson(json: unknown): Proof {
  const j = json as ProofJson | null;
  if (typeof j !== 'object' || j === null || !Array.isArray(j.siblings))
    throw malformed('not a proof object');
  if (j.siblings.length > MAX_PROOF_DEPTH) throw malformed('too deep');
  const siblings = j.siblings.map((s, i) => {
    if (s === null) return ZERO_HASH;
    const b = hash32(s, `sibling ${i}`);
    if (bytesEqual(b, ZERO_HASH)) throw malformed('empty sibling must be null');
    return b;
  });
  if (j.leaf === null) return { siblings, leaf: null };
  if (typeof j.leaf !== 'object') throw malformed('leaf must be an object or null');
  return {
    siblings,
    leaf: {
      keyHash: hash32(j.leaf.keyHash, 'leaf.keyHash'),
      valueHash: hash32(j.leaf.valueHash, 'leaf.valueHash'),
    },
  };
}
