/**
 * Keystore files (issue 5 "Keys"): a secret key encrypted under a passphrase, the same JSON for
 * the CLI and the web app. Key = scrypt(NFKC UTF-8 passphrase, salt, N, r, p, 32) (RFC 7914; a
 * memory-hard KDF), sealed with AES-256-GCM (NIST SP 800-38D) whose associated data is the
 * canonical CBOR of every other field, so no parameter can be changed unnoticed. Both primitives
 * come from @noble, which runs in browsers. Format: packages/client/README.md.
 */

import {
  encode,
  equalBytes,
  fromHex,
  type KeyPair,
  type Suite,
  type SuiteId,
  toHex,
} from '@djchain/crypto/browser';
import { gcm } from '@noble/ciphers/aes.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { ClientError } from './errors.ts';
import { addressOf } from './tx.ts';

export const KEYSTORE_FORMAT = 'djchain-keystore';
export const KEYSTORE_VERSION = 1;
/**
 * The least scrypt N a keystore is created with unless `allowWeakKdf` (tests only): 2^17 (128 MiB
 * with r = 8) costs an offline guesser about 0.4 s of one core per guess with native scrypt and
 * 0.6–0.7 s in JavaScript (figures: packages/client/README.md).
 */
export const KEYSTORE_MIN_N = 2 ** 17;
/** Files made before the raise (2^15) still open; anything weaker is refused unless a test allows it. */
export const KEYSTORE_OPEN_MIN_N = 2 ** 15;
/** Most memory a file may make the reader spend (128·N·r·p bytes): bounds a hostile file. */
const MAX_SCRYPT_MEMORY = 512 * 1024 * 1024;

export interface KeystoreOptions {
  /** scrypt CPU/memory cost, a power of two ≥ KEYSTORE_MIN_N. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** For tests only: permits N below KEYSTORE_MIN_N. */
  readonly allowWeakKdf?: boolean;
  /** A name for people ("书记 李明"); not secret, but authenticated. */
  readonly label?: string;
}

export const defaultKeystoreOptions: KeystoreOptions = { N: KEYSTORE_MIN_N, r: 8, p: 1 };

export interface KeystoreFile {
  readonly format: typeof KEYSTORE_FORMAT;
  readonly version: typeof KEYSTORE_VERSION;
  readonly suite: SuiteId;
  /** Hex of the public key (suite encoding). */
  readonly publicKey: string;
  /** Hex of the first 20 bytes of the suite hash of the public key: the chain address. */
  readonly address: string;
  readonly label?: string;
  readonly kdf: {
    readonly name: 'scrypt';
    readonly N: number;
    readonly r: number;
    readonly p: number;
    readonly dkLen: 32;
    readonly salt: string;
  };
  readonly cipher: { readonly name: 'aes-256-gcm'; readonly nonce: string };
  /** Hex of the encrypted secret key followed by the 16-byte tag. */
  readonly ciphertext: string;
}

/** scrypt with the keystore's parameters: @noble's (JavaScript, runs in browsers) by default. */
export type ScryptFn = (
  passphrase: Uint8Array,
  salt: Uint8Array,
  params: {
    readonly N: number;
    readonly r: number;
    readonly p: number;
    readonly dkLen: 32;
    readonly maxmem: number;
  },
) => Promise<Uint8Array>;

/**
 * Where randomness and scrypt come from: WebCrypto and @noble by default, in Node and browsers; the
 * CLI injects node:crypto's scrypt (native, off the main thread, so several keystores derive in
 * parallel). Both compute RFC 7914 scrypt; the result is the same.
 */
export interface KeystoreDeps {
  readonly random?: (n: number) => Uint8Array;
  readonly scrypt?: ScryptFn;
}

/** How a keystore is opened. */
export interface OpenKeystoreOptions {
  readonly scrypt?: ScryptFn;
  /** For tests only: opens files with N below KEYSTORE_OPEN_MIN_N. */
  readonly allowWeakKdf?: boolean;
}

const nobleScrypt: ScryptFn = (pass, salt, params) => scryptAsync(pass, salt, params);

const webRandom = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

function bad(message: string, details: Record<string, unknown> = {}): ClientError {
  return new ClientError('CLIENT_KEYSTORE_MALFORMED', message, details);
}

function checkKdf(N: number, r: number, p: number): void {
  const ok = (x: number) => Number.isSafeInteger(x) && x >= 1;
  if (!ok(N) || !ok(r) || !ok(p) || N < 2 || (N & (N - 1)) !== 0)
    throw bad('scrypt N must be a power of two ≥ 2, r and p positive integers', { N, r, p });
  if (128 * N * r * p > MAX_SCRYPT_MEMORY) throw bad('scrypt parameters need too much memory', { N, r, p });
}

/** The authenticated header: every field but the ciphertext, canonically encoded. */
function aad(f: Omit<KeystoreFile, 'ciphertext'>): Uint8Array {
  const { label, ...rest } = f;
  return encode(label === undefined ? { ...rest } : { ...rest, label });
}

function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  kdf: KeystoreFile['kdf'],
  scrypt: ScryptFn = nobleScrypt,
): Promise<Uint8Array> {
  const pass = new TextEncoder().encode(passphrase.normalize('NFKC'));
  return scrypt(pass, salt, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    dkLen: 32,
    maxmem: MAX_SCRYPT_MEMORY + 1024,
  });
}

/** Encrypts `secretKey` under `passphrase`. */
export async function createKeystore(
  suite: Suite,
  secretKey: Uint8Array,
  passphrase: string,
  opts: Partial<KeystoreOptions> = {},
  deps: KeystoreDeps = {},
): Promise<KeystoreFile> {
  const { N, r, p } = { ...defaultKeystoreOptions, ...opts };
  checkKdf(N, r, p);
  if (N < KEYSTORE_MIN_N && !opts.allowWeakKdf)
    throw new ClientError('CLIENT_KEYSTORE_WEAK_KDF', `scrypt N must be at least ${KEYSTORE_MIN_N}`, { N });
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw bad('the passphrase is empty');
  const random = deps.random ?? webRandom;
  const publicKey = suite.publicKeyOf(secretKey);
  const header: Omit<KeystoreFile, 'ciphertext'> = {
    format: KEYSTORE_FORMAT,
    version: KEYSTORE_VERSION,
    suite: suite.id,
    publicKey: toHex(publicKey),
    address: addressOf(suite, publicKey),
    ...(opts.label === undefined ? {} : { label: opts.label }),
    kdf: { name: 'scrypt', N, r, p, dkLen: 32, salt: toHex(random(32)) },
    cipher: { name: 'aes-256-gcm', nonce: toHex(random(12)) },
  };
  const key = await deriveKey(passphrase, fromHex(header.kdf.salt), header.kdf, deps.scrypt);
  const sealed = gcm(key, fromHex(header.cipher.nonce), aad(header)).encrypt(secretKey);
  key.fill(0);
  return { ...header, ciphertext: toHex(sealed) };
}

const HEX = /^(?:[0-9a-f]{2})*$/;

function hexField(v: unknown, what: string, length?: number): string {
  if (typeof v !== 'string' || !HEX.test(v) || (length !== undefined && v.length !== 2 * length))
    throw bad(`${what} must be lowercase hex${length === undefined ? '' : ` of ${length} bytes`}`, {
      field: what,
    });
  return v;
}

function record(v: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`${what} must be an object`);
  for (const k of Object.keys(v))
    if (!keys.includes(k)) throw bad(`${what} has unknown field ${k}`, { field: k });
  return v as Record<string, unknown>;
}

/** Checks a keystore's shape (JSON text or parsed); CLIENT_KEYSTORE_MALFORMED naming the field. */
export function parseKeystore(input: string | unknown): KeystoreFile {
  let v: unknown = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch {
      throw bad('not JSON');
    }
  }
  const o = record(v, 'keystore', [
    'format',
    'version',
    'suite',
    'publicKey',
    'address',
    'label',
    'kdf',
    'cipher',
    'ciphertext',
  ]);
  if (o.format !== KEYSTORE_FORMAT) throw bad(`format must be "${KEYSTORE_FORMAT}"`);
  if (o.version !== KEYSTORE_VERSION) throw bad(`version ${String(o.version)} is not supported`);
  if (o.suite !== 'intl' && o.suite !== 'gm') throw bad('suite must be "intl" or "gm"');
  if (o.label !== undefined && (typeof o.label !== 'string' || o.label.length > 256))
    throw bad('label must be a string of at most 256');
  const kdf = record(o.kdf, 'kdf', ['name', 'N', 'r', 'p', 'dkLen', 'salt']);
  if (kdf.name !== 'scrypt' || kdf.dkLen !== 32) throw bad('kdf must be scrypt with dkLen 32');
  checkKdf(kdf.N as number, kdf.r as number, kdf.p as number);
  const cipher = record(o.cipher, 'cipher', ['name', 'nonce']);
  if (cipher.name !== 'aes-256-gcm') throw bad('cipher must be aes-256-gcm');
  const file: KeystoreFile = {
    format: KEYSTORE_FORMAT,
    version: KEYSTORE_VERSION,
    suite: o.suite,
    publicKey: hexField(o.publicKey, 'publicKey'),
    address: hexField(o.address, 'address', 20),
    ...(o.label === undefined ? {} : { label: o.label as string }),
    kdf: {
      name: 'scrypt',
      N: kdf.N as number,
      r: kdf.r as number,
      p: kdf.p as number,
      dkLen: 32,
      salt: hexField(kdf.salt, 'kdf.salt', 32),
    },
    cipher: { name: 'aes-256-gcm', nonce: hexField(cipher.nonce, 'cipher.nonce', 12) },
    ciphertext: hexField(o.ciphertext, 'ciphertext'),
  };
  if (file.ciphertext.length < 2 * 17) throw bad('ciphertext too short');
  return file;
}

/**
 * Decrypts a keystore for chain suite `suite`. A wrong passphrase — or any changed field, since
 * every field is authenticated — is CLIENT_KEYSTORE_BAD_PASSPHRASE.
 */
export async function openKeystore(
  input: string | unknown,
  passphrase: string,
  suite: Suite,
  opts: OpenKeystoreOptions = {},
): Promise<KeyPair> {
  const file = parseKeystore(input);
  if (file.suite !== suite.id)
    throw new ClientError('CLIENT_SUITE_MISMATCH', `keystore is for suite ${file.suite}, not ${suite.id}`);
  // A file whose KDF is too cheap is refused: its key should be moved to a new keystore rather
  // than kept under a protection an offline guesser breaks cheaply.
  if (file.kdf.N < KEYSTORE_OPEN_MIN_N && !opts.allowWeakKdf)
    throw new ClientError(
      'CLIENT_KEYSTORE_WEAK_KDF',
      `keystore scrypt N ${file.kdf.N} is below ${KEYSTORE_OPEN_MIN_N}: re-encrypt the key`,
      { N: file.kdf.N },
    );
  const { ciphertext, ...header } = file;
  const key = await deriveKey(passphrase, fromHex(file.kdf.salt), file.kdf, opts.scrypt);
  let secretKey: Uint8Array;
  try {
    secretKey = gcm(key, fromHex(file.cipher.nonce), aad(header)).decrypt(fromHex(ciphertext));
  } catch {
    throw new ClientError(
      'CLIENT_KEYSTORE_BAD_PASSPHRASE',
      'wrong passphrase, or the keystore file was altered',
    );
  } finally {
    key.fill(0);
  }
  let publicKey: Uint8Array;
  try {
    publicKey = suite.publicKeyOf(secretKey);
  } catch {
    throw bad('the decrypted key is not a key of this suite');
  }
  if (!equalBytes(publicKey, fromHex(file.publicKey)) || addressOf(suite, publicKey) !== file.address)
    throw bad('the decrypted key does not match the public key or address in the file');
  return { publicKey, secretKey };
}
