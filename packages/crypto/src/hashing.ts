/** Hashing of values and domain-separated hashing, shared by ledger, state and client. */
import { encode } from './encoding/encode.ts';
import { utf8Encode } from './encoding/utf8.ts';
import { CryptoError } from './errors.ts';
import type { Suite, Value } from './types.ts';

/** The suite hash of the canonical encoding of `v`. */
export function hashValue(suite: Suite, v: Value): Uint8Array {
  return suite.hash(encode(v));
}

const SCRATCH = new Uint8Array(1024);

function writeU32(out: Uint8Array, offset: number, n: number): void {
  out[offset] = n >>> 24;
  out[offset + 1] = (n >>> 16) & 0xff;
  out[offset + 2] = (n >>> 8) & 0xff;
  out[offset + 3] = n & 0xff;
}

/**
 * H(len(tag) ‖ tag ‖ len(p1) ‖ p1 ‖ … ‖ len(pn) ‖ pn), lengths 4-byte big-endian, tag in UTF-8.
 * Every part is length-prefixed, so distinct (tag, parts) never hash the same input: a leaf hash can
 * not be replayed as a node hash, nor ("ab","c") as ("a","bc").
 */
export function taggedHash(suite: Suite, tag: string, ...parts: Uint8Array[]): Uint8Array {
  const tagBytes = utf8Encode(tag);
  let length = 4 + tagBytes.length;
  for (const p of parts) {
    if (p.length > 0xffffffff) throw new CryptoError('CRYPTO_RANGE', 'part longer than 2^32-1 bytes');
    length += 4 + p.length;
  }
  // PERF: one reused preimage buffer (hashes keep no input; an array past 64 bytes costs an
  // off-heap allocation each time); a longer preimage gets its own.
  const buf = length <= SCRATCH.length ? SCRATCH.subarray(0, length) : new Uint8Array(length);
  writeU32(buf, 0, tagBytes.length);
  buf.set(tagBytes, 4);
  let offset = 4 + tagBytes.length;
  for (const p of parts) {
    writeU32(buf, offset, p.length);
    buf.set(p, offset + 4);
    offset += 4 + p.length;
  }
  return suite.hash(buf);
}
