/** Identifier of a crypto suite, fixed per chain at genesis. */
export type SuiteId = 'intl' | 'gm';

/** A signing key pair. Raw encodings: see each suite's doc. */
export interface KeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/**
 * One crypto suite: the hash, signature and AEAD a chain uses everywhere.
 * - intl: SHA-256, Ed25519 (32-byte public key, 32-byte seed as secret key, 64-byte signature),
 *   AES-256-GCM (32-byte key, 12-byte nonce, 16-byte tag appended).
 * - gm: SM3, SM2 with SM3 and signer ID "1234567812345678" (GM/T 0003; 33-byte compressed public
 *   key, 32-byte secret scalar, 64-byte r||s signature), SM4-GCM (16-byte key, 12-byte nonce,
 *   16-byte tag appended).
 * Implementations never read a clock or a random source except `randomKeyPair`, which the node calls.
 */
export interface Suite {
  readonly id: SuiteId;
  /** Which implementation this is, for diagnostics and benchmarks. */
  readonly impl: 'node' | 'browser';
  readonly hashLength: 32;
  hash(data: Uint8Array): Uint8Array;
  /**
   * H^n(x) with H(x) = hash(head ‖ x), for a 22-byte head and a 32-byte x (54 bytes: one block of
   * SHA-256 and of SM3): the same bytes as calling `hash` n times. PERF: one compression per step
   * with no allocation (the age chain's ~70,000 steps, one-block.ts). CRYPTO_BAD_LENGTH for other
   * lengths, CRYPTO_RANGE for n outside 0..2^20.
   */
  oneBlockChain(head: Uint8Array, x: Uint8Array, n: number): Uint8Array;
  sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** Deterministic key pair from 32 bytes of seed material. */
  keyPairFromSeed(seed: Uint8Array): KeyPair;
  publicKeyOf(secretKey: Uint8Array): Uint8Array;
  readonly aeadKeyLength: number;
  aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array;
  /** Returns null when the tag does not verify. */
  aeadDecrypt(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array | null;
}

/**
 * A value the canonical encoding can carry: no floats (money is integer fen), no undefined.
 * Integers within ±(2^53−1) decode as number, larger ones as bigint. Map keys are strings.
 */
export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly Value[]
  | { readonly [key: string]: Value };
