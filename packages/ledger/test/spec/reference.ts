/**
 * An independent reference for the ledger vectors: canonical CBOR (RFC 8949 §4.2.1 core
 * deterministic encoding), tagged hashes, RFC 6962 Merkle roots and the two signature schemes,
 * written from the README/spec text with node:crypto (SHA-256, Ed25519) and sm-crypto (SM3, SM2)
 * only. It imports nothing from @djchain/*: the vectors it produces pin what the code must output,
 * so a changed domain tag or encoding in src fails the tests instead of moving the expectation.
 */
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import smCrypto from 'sm-crypto';

/** A value: CBOR's data model as the chain uses it (integers only, text-keyed maps). */
export type RValue = null | boolean | number | string | Uint8Array | RValue[] | { [k: string]: RValue };
export type SuiteId = 'intl' | 'gm';

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

/** Major type and argument in the shortest form (RFC 8949 §4.2.1). */
function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  if (n < 0x100000000) return Uint8Array.of(m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const b = new Uint8Array(9);
  b[0] = m | 27;
  new DataView(b.buffer).setBigUint64(1, BigInt(n));
  return b;
}

export function cbor(v: RValue): Uint8Array {
  if (v === null) return Uint8Array.of(0xf6);
  if (v === true) return Uint8Array.of(0xf5);
  if (v === false) return Uint8Array.of(0xf4);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
    return v >= 0 ? head(0, v) : head(1, -1 - v);
  }
  if (typeof v === 'string') {
    const b = utf8(v);
    return cat(head(3, b.length), b);
  }
  if (v instanceof Uint8Array) return cat(head(2, v.length), v);
  if (Array.isArray(v)) return cat(head(4, v.length), ...v.map(cbor));
  // Map keys sorted by the bytewise order of their encodings.
  const entries = Object.entries(v)
    .map(([k, x]) => [cbor(k), cbor(x)] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  return cat(head(5, entries.length), ...entries.flat());
}

export function suiteHash(suite: SuiteId, data: Uint8Array): Uint8Array {
  if (suite === 'intl') return new Uint8Array(createHash('sha256').update(data).digest());
  return unhex(smCrypto.sm3(Array.from(data)));
}

const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** H(u32be(|tag|) ‖ tag ‖ u32be(|part|) ‖ part …) — the crypto package's tagged hash as documented. */
export function taggedHash(suite: SuiteId, tag: string, ...parts: Uint8Array[]): Uint8Array {
  const t = utf8(tag);
  return suiteHash(suite, cat(u32(t.length), t, ...parts.flatMap((p) => [u32(p.length), p])));
}

/** Bytes a signer signs: UTF-8 tag ‖ 0x00 ‖ canonical CBOR body. */
export const signingBytes = (tag: string, body: RValue): Uint8Array =>
  cat(utf8(tag), Uint8Array.of(0), cbor(body));

/** RFC 6962 §2.1 Merkle tree hash: leaf H(0x00 ‖ d), node H(0x01 ‖ l ‖ r), split at the largest power of two below n. */
export function merkleRoot(suite: SuiteId, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return suiteHash(suite, new Uint8Array(0));
  if (leaves.length === 1) return suiteHash(suite, cat(Uint8Array.of(0), leaves[0]!));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return suiteHash(
    suite,
    cat(Uint8Array.of(1), merkleRoot(suite, leaves.slice(0, k)), merkleRoot(suite, leaves.slice(k))),
  );
}

/** RFC 6962 §2.1.1 audit path of leaf m, siblings from the leaf up. */
export function merklePath(suite: SuiteId, leaves: readonly Uint8Array[], m: number): Uint8Array[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...merklePath(suite, leaves.slice(0, k), m), merkleRoot(suite, leaves.slice(k))]
    : [...merklePath(suite, leaves.slice(k), m - k), merkleRoot(suite, leaves.slice(0, k))];
}

export interface RKey {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** intl: the Ed25519 seed is the secret key; gm: the SM2 scalar, public key compressed (02/03 ‖ x). */
export function keyOf(suite: SuiteId, secretKey: Uint8Array): RKey {
  if (suite === 'intl') {
    const der = createPrivateKey({ key: edPkcs8(secretKey), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(der).export({ format: 'der', type: 'spki' });
    return { secretKey, publicKey: new Uint8Array(spki.subarray(spki.length - 32)) };
  }
  const full = unhex(smCrypto.sm2.getPublicKeyFromPrivateKey(hex(secretKey)));
  const y = full.subarray(33, 65);
  return { secretKey, publicKey: cat(Uint8Array.of(y[31]! & 1 ? 3 : 2), full.subarray(1, 33)) };
}

/** intl: Ed25519 (deterministic); gm: SM2 with ID "1234567812345678" over SM3, r ‖ s (random k). */
export function signWith(suite: SuiteId, key: RKey, message: Uint8Array): Uint8Array {
  if (suite === 'intl') {
    const pk = createPrivateKey({ key: edPkcs8(key.secretKey), format: 'der', type: 'pkcs8' });
    return new Uint8Array(sign(null, message, pk));
  }
  const uncompressed = smCrypto.sm2.getPublicKeyFromPrivateKey(hex(key.secretKey));
  return unhex(
    smCrypto.sm2.doSignature(Array.from(message), hex(key.secretKey), {
      hash: true,
      publicKey: uncompressed,
    }),
  );
}

function edPkcs8(seed: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
}

/** JSON form of a value: bytes as { "$bytes": hex }, everything else as is. */
export function toJson(v: RValue): unknown {
  if (v instanceof Uint8Array) return { $bytes: hex(v) };
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

/** Inverse of toJson. */
export function fromJson(j: unknown): RValue {
  if (Array.isArray(j)) return j.map(fromJson);
  if (j !== null && typeof j === 'object') {
    const o = j as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$bytes') return unhex(o.$bytes as string);
    return Object.fromEntries(keys.map((k) => [k, fromJson(o[k])]));
  }
  return j as RValue;
}
