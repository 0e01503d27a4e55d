/**
 * A caller error in the crypto package (wrong key length, bad hex, unknown suite). Verification
 * never throws: it returns false. `code` is stable; messages may change.
 */
export class CryptoError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** Throws CRYPTO_BAD_LENGTH unless `bytes` has exactly `length` bytes. */
export function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoError('CRYPTO_BAD_LENGTH', `${what} must be ${length} bytes`);
  }
}
