/**
 * The 国密 suite on node:crypto where OpenSSL 3.5 helps: native SM3, HMAC-SM3 and SM4 (ECB/CTR,
 * under our GCM since there is no sm4-gcm). SM2 runs in ../sm2/sm2.ts (see there why not OpenSSL's).
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { concatBytes } from '../bytes.ts';
import { createGcm } from '../gcm.ts';
import { createSm2, sm2Signing } from '../sm2/sm2.ts';
import { sm3OneBlockChain } from '../sm3.ts';
import type { Suite } from '../types.ts';

const sm3 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sm3').update(data).digest());
const sm2 = createSm2({
  sm3,
  hmacSm3: (key, data) => new Uint8Array(createHmac('sm3', key).update(data).digest()),
});
/** Native SM4 ECB and CTR (exported for the GB/T 32907 block-cipher tests). */
export const sm4Native = {
  ecb(key: Uint8Array, blocks: Uint8Array): Uint8Array {
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    return concatBytes(c.update(blocks), c.final());
  },
  ctr(key: Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array {
    const c = createCipheriv('sm4-ctr', key, counter);
    return concatBytes(c.update(data), c.final());
  },
};
const sm4Gcm = createGcm(sm4Native, 16);

/** gm on node:crypto. */
export const gmNode: Suite = {
  id: 'gm',
  impl: 'node',
  hashLength: 32,
  hash: sm3,
  // The JavaScript compression in a loop: faster than a native call per step for one-block inputs.
  oneBlockChain: sm3OneBlockChain,
  ...sm2Signing(sm2),
  aeadKeyLength: 16,
  aeadEncrypt: sm4Gcm.encrypt,
  aeadDecrypt: sm4Gcm.decrypt,
};

/** The SM2 operations behind gmNode (tests use its Z and fixed-k signing). */
export const sm2Node = sm2;
