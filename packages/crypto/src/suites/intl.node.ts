/**
 * The international suite on node:crypto (OpenSSL): SHA-256, Ed25519, AES-256-GCM.
 * Keys are imported from raw bytes by prefixing the fixed DER headers of PKCS#8 / SPKI.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  hash as oneShotHash,
  sign,
  verify,
} from 'node:crypto';
import { concatBytes, fromHex, toHex } from '../bytes.ts';
import { checkLength } from '../errors.ts';
import { SHORT_INPUT_MAX, sha256OneBlockChain, sha256Short } from '../sha256.ts';
import type { KeyPair, Suite } from '../types.ts';
import { ed25519Canonical } from './ed25519-rules.ts';

const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');
const SPKI_PREFIX = fromHex('302a300506032b6570032100');
const EMPTY = new Uint8Array(0);

// PERF: importing a key costs about as much as a verification; signers and validators repeat.
const PUBLIC_CACHE_LIMIT = 1024;
const SECRET_CACHE_LIMIT = 64;
const publicKeys = new Map<string, KeyObject>();
const secretKeys = new Map<string, KeyObject>();

/** The key object cached under `bytes`, made once by `make`; a full cache is emptied first. */
function cachedKey(cache: Map<string, KeyObject>, limit: number, bytes: Uint8Array, make: () => KeyObject) {
  const hex = toHex(bytes);
  let key = cache.get(hex);
  if (key === undefined) {
    key = make();
    if (cache.size >= limit) cache.clear();
    cache.set(hex, key);
  }
  return key;
}

function secretKeyObject(seed: Uint8Array): KeyObject {
  checkLength(seed, 32, 'Ed25519 secret key (seed)');
  return cachedKey(secretKeys, SECRET_CACHE_LIMIT, seed, () =>
    createPrivateKey({ key: Buffer.from(concatBytes(PKCS8_PREFIX, seed)), format: 'der', type: 'pkcs8' }),
  );
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return cachedKey(publicKeys, PUBLIC_CACHE_LIMIT, publicKey, () =>
    createPublicKey({ key: Buffer.from(concatBytes(SPKI_PREFIX, publicKey)), format: 'der', type: 'spki' }),
  );
}

function publicKeyOf(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(secretKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

/** intl on node:crypto. */
export const intlNode: Suite = {
  id: 'intl',
  impl: 'node',
  hashLength: 32,
  // PERF: short inputs (state-tree nodes, key and tagged hashes: most calls) in JavaScript, which
  // is 2–4× faster than a call into node:crypto for them (sha256.ts); longer ones by the one-shot
  // hash (no Hash object), copied out of Node's buffer pool.
  hash: (data) =>
    data.length <= SHORT_INPUT_MAX
      ? sha256Short(data)
      : new Uint8Array(oneShotHash('sha256', data, 'buffer')),
  oneBlockChain: sha256OneBlockChain,
  sign: (secretKey, message) => new Uint8Array(sign(null, message, secretKeyObject(secretKey))),
  verify(publicKey, message, signature) {
    try {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      if (!ed25519Canonical(publicKey, signature)) return false;
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  },
  keyPairFromSeed(seed: Uint8Array): KeyPair {
    checkLength(seed, 32, 'seed');
    return { publicKey: publicKeyOf(seed), secretKey: seed.slice() };
  },
  publicKeyOf,
  aeadKeyLength: 32,
  aeadEncrypt(key, nonce, plaintext, aad = EMPTY) {
    checkLength(key, 32, 'AES-256-GCM key');
    checkLength(nonce, 12, 'AES-256-GCM nonce');
    const c = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    if (aad.length > 0) c.setAAD(aad);
    const head = c.update(plaintext);
    const tail = c.final();
    return concatBytes(head, tail, c.getAuthTag());
  },
  aeadDecrypt(key, nonce, sealed, aad = EMPTY) {
    checkLength(key, 32, 'AES-256-GCM key');
    checkLength(nonce, 12, 'AES-256-GCM nonce');
    if (sealed.length < 16) return null;
    try {
      const d = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      if (aad.length > 0) d.setAAD(aad);
      const head = d.update(sealed.subarray(0, sealed.length - 16));
      return concatBytes(head, d.final());
    } catch {
      return null;
    }
  },
};
