/**
 * HKDF (RFC 5869) over the chain suite's hash, so the gm chain derives its keys with SM3 and the
 * intl chain with SHA-256: node:crypto's `hkdfSync` (OpenSSL, which has both hashes) rather than a
 * hand-written HMAC. p2p runs only in the node, never in a browser, so no JavaScript fallback is
 * needed. Tests: RFC 5869 vectors (SHA-256) and HMAC-SM3 by its RFC 2104 definition.
 */
import { hkdfSync } from 'node:crypto';
import type { Suite } from '@djchain/crypto';

const DIGEST = { intl: 'sha256', gm: 'sm3' } as const;

/** HKDF-Expand(HKDF-Extract(salt, ikm), info, length); `info` a UTF-8 label or bytes. */
export function hkdf(
  suite: Suite,
  salt: Uint8Array,
  ikm: Uint8Array,
  info: string | Uint8Array,
  length: number,
): Uint8Array {
  return new Uint8Array(hkdfSync(DIGEST[suite.id], ikm, salt, info, length));
}
