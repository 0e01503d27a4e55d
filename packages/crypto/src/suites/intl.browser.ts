/**
 * The international suite in JavaScript (noble-hashes, noble-curves, noble-ciphers): no node:
 * imports, so a bundler can load it. Ed25519 verification is cofactorless ([S]B − [k]A compared
 * byte-wise with R), as OpenSSL does, so both implementations accept the same signatures.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, equalBytes } from '../bytes.ts';
import { checkLength } from '../errors.ts';
import { sha256OneBlockChain } from '../sha256.ts';
import type { KeyPair, Suite } from '../types.ts';
import { ed25519Canonical } from './ed25519-rules.ts';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
const EMPTY = new Uint8Array(0);

function scalarLE(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function publicKeyOf(seed: Uint8Array): Uint8Array {
  checkLength(seed, 32, 'Ed25519 secret key (seed)');
  return ed25519.getPublicKey(seed);
}

function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    if (!ed25519Canonical(publicKey, signature)) return false;
    const a = Point.fromBytes(publicKey);
    const r = signature.subarray(0, 32);
    const s = scalarLE(signature.subarray(32));
    const k = scalarLE(sha512(concatBytes(r, publicKey, message))) % L;
    const rCheck = Point.BASE.multiplyUnsafe(s).subtract(a.multiplyUnsafe(k));
    return equalBytes(rCheck.toBytes(), r);
  } catch {
    return false;
  }
}

function aeadArgs(key: Uint8Array, nonce: Uint8Array): void {
  checkLength(key, 32, 'AES-256-GCM key');
  checkLength(nonce, 12, 'AES-256-GCM nonce');
}

/** intl in JavaScript. */
export const intlBrowser: Suite = {
  id: 'intl',
  impl: 'browser',
  hashLength: 32,
  hash: (data) => sha256(data),
  oneBlockChain: sha256OneBlockChain,
  sign(secretKey, message) {
    checkLength(secretKey, 32, 'Ed25519 secret key (seed)');
    return ed25519.sign(message, secretKey);
  },
  verify,
  keyPairFromSeed(seed: Uint8Array): KeyPair {
    return { publicKey: publicKeyOf(seed), secretKey: seed.slice() };
  },
  publicKeyOf,
  aeadKeyLength: 32,
  aeadEncrypt(key, nonce, plaintext, aad = EMPTY) {
    aeadArgs(key, nonce);
    return gcm(key, nonce, aad).encrypt(plaintext);
  },
  aeadDecrypt(key, nonce, sealed, aad = EMPTY) {
    aeadArgs(key, nonce);
    try {
      return gcm(key, nonce, aad).decrypt(sealed);
    } catch {
      return null;
    }
  },
};
