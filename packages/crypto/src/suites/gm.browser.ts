/**
 * The 国密 suite in JavaScript: SM3 (./sm3.ts on noble-hashes), SM2 (../sm2/sm2.ts on
 * noble-curves), SM4-GCM from sm-crypto-v2. No node: imports, so a bundler can load it.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sm4 } from 'sm-crypto-v2';
import { checkLength } from '../errors.ts';
import { createSm2, sm2Signing } from '../sm2/sm2.ts';
import { sm3, sm3OneBlockChain } from '../sm3.ts';
import type { Suite } from '../types.ts';

const EMPTY = new Uint8Array(0);
const sm2 = createSm2({ sm3: (d) => sm3(d), hmacSm3: (key, data) => hmac(sm3, key, data) });

function aeadArgs(key: Uint8Array, nonce: Uint8Array): void {
  checkLength(key, 16, 'SM4-GCM key');
  checkLength(nonce, 12, 'SM4-GCM nonce');
}

/** gm in JavaScript. */
export const gmBrowser: Suite = {
  id: 'gm',
  impl: 'browser',
  hashLength: 32,
  hash: (data) => sm3(data),
  oneBlockChain: sm3OneBlockChain,
  ...sm2Signing(sm2),
  aeadKeyLength: 16,
  aeadEncrypt(key, nonce, plaintext, aad = EMPTY) {
    aeadArgs(key, nonce);
    const { output, tag } = sm4.encrypt(plaintext, key, {
      mode: 'gcm',
      iv: nonce,
      associatedData: aad,
      output: 'array',
      outputTag: true,
    });
    const out = new Uint8Array(output.length + 16);
    out.set(output);
    out.set(tag!, output.length);
    return out;
  },
  aeadDecrypt(key, nonce, sealed, aad = EMPTY) {
    aeadArgs(key, nonce);
    if (sealed.length < 16) return null;
    try {
      return sm4.decrypt(sealed.subarray(0, sealed.length - 16), key, {
        mode: 'gcm',
        iv: nonce,
        associatedData: aad,
        tag: sealed.subarray(sealed.length - 16),
        output: 'array',
      });
    } catch {
      return null;
    }
  },
};

/** The SM2 operations behind gmBrowser. */
export const sm2Browser = sm2;
