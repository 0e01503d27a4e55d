/**
 * GCM (NIST SP 800-38D) with a 12-byte nonce and 16-byte tag over any 128-bit block cipher given
 * as two primitives, so Node can run SM4-GCM on its native sm4-ecb and sm4-ctr (OpenSSL 3.5 has no
 * sm4-gcm). GHASH is noble-ciphers'.
 */
import { ghash } from '@noble/ciphers/_polyval.js';
import { equalBytes } from './bytes.ts';
import { checkLength } from './errors.ts';

export interface BlockCipherPrimitives {
  /** ECB-encrypts whole 16-byte blocks. */
  ecb(key: Uint8Array, blocks: Uint8Array): Uint8Array;
  /**
   * XORs `data` with the keystream E(ctr), E(ctr+1), … where the counter is a 128-bit big-endian
   * increment. GCM increments only the low 32 bits; the two agree because the counter starts at
   * J0+1 = nonce‖2 and a GCM message has at most 2^32−2 blocks, so the low word never wraps.
   */
  ctr(key: Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array;
}

export interface Aead {
  encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
  decrypt(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null;
}

const EMPTY = new Uint8Array(0);

/** GCM over `prim` for keys of `keyLength` bytes. */
export function createGcm(prim: BlockCipherPrimitives, keyLength: number): Aead {
  /** Returns [H, E(J0)] from one ECB call, and J0+1. */
  const setup = (
    key: Uint8Array,
    nonce: Uint8Array,
  ): { h: Uint8Array; ej0: Uint8Array; ctr1: Uint8Array } => {
    checkLength(key, keyLength, 'AEAD key');
    checkLength(nonce, 12, 'AEAD nonce');
    const blocks = new Uint8Array(32);
    blocks.set(nonce, 16);
    blocks[31] = 1;
    const out = prim.ecb(key, blocks);
    const ctr1 = blocks.slice(16);
    ctr1[15] = 2;
    return { h: out.subarray(0, 16), ej0: out.subarray(16, 32), ctr1 };
  };

  const tag = (h: Uint8Array, ej0: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array => {
    const lengths = new Uint8Array(16);
    const view = new DataView(lengths.buffer);
    view.setBigUint64(0, BigInt(aad.length) * 8n);
    view.setBigUint64(8, BigInt(ct.length) * 8n);
    // GHASH.update pads each call to a whole block, as GCM pads A and C separately.
    const g = ghash.create(h).update(aad).update(ct).update(lengths).digest();
    for (let i = 0; i < 16; i++) g[i] = g[i]! ^ ej0[i]!;
    return g;
  };

  return {
    encrypt(key, nonce, plaintext, aad = EMPTY) {
      const { h, ej0, ctr1 } = setup(key, nonce);
      const ct = plaintext.length === 0 ? EMPTY : prim.ctr(key, ctr1, plaintext);
      const out = new Uint8Array(ct.length + 16);
      out.set(ct);
      out.set(tag(h, ej0, aad, ct), ct.length);
      return out;
    },
    decrypt(key, nonce, sealed, aad = EMPTY) {
      const { h, ej0, ctr1 } = setup(key, nonce);
      if (sealed.length < 16) return null;
      const ct = sealed.subarray(0, sealed.length - 16);
      if (!equalBytes(tag(h, ej0, aad, ct), sealed.subarray(sealed.length - 16))) return null;
      return ct.length === 0 ? new Uint8Array(0) : prim.ctr(key, ctr1, ct);
    },
  };
}
