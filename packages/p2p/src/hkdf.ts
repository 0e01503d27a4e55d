/**
 * HMAC (RFC 2104) and HKDF (RFC 5869) over the chain suite's hash, so the gm chain derives its
 * keys with SM3 and the intl chain with SHA-256. Both hashes have a 64-byte block and 32-byte output.
 */
import { concatBytes, type Suite } from '@djchain/crypto';

const BLOCK = 64;
const encoder = new TextEncoder();

/** HMAC-H(key, data) with H the suite hash. */
export function hmac(suite: Suite, key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? suite.hash(key) : key);
  const ipad = new Uint8Array(BLOCK);
  const opad = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    ipad[i] = k[i]! ^ 0x36;
    opad[i] = k[i]! ^ 0x5c;
  }
  return suite.hash(concatBytes(opad, suite.hash(concatBytes(ipad, data))));
}

/** HKDF-Extract(salt, ikm) = HMAC(salt, ikm). */
export function hkdfExtract(suite: Suite, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmac(suite, salt, ikm);
}

/** HKDF-Expand(prk, info, length) with `info` a UTF-8 label; length ≤ 255 × 32. */
export function hkdfExpand(suite: Suite, prk: Uint8Array, info: string, length: number): Uint8Array {
  const infoBytes = encoder.encode(info);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  let filled = 0;
  for (let counter = 1; filled < length; counter++) {
    previous = hmac(suite, prk, concatBytes(previous, infoBytes, Uint8Array.of(counter)));
    out.set(previous.subarray(0, Math.min(previous.length, length - filled)), filled);
    filled += previous.length;
  }
  return out;
}
