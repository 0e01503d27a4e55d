/**
 * The one error base of the code base: every error class derives from DjError (scripts/check-errors.ts
 * fails the lint on any other `extends Error`). `code` is stable UPPER_SNAKE, prefixed by the
 * package or module that raises it, and is what programs and translations key on; `message` is for
 * people and may change; `details` holds what a caller needs to act (never personal data). It lives
 * here because every package imports crypto, browsers included.
 */
export class DjError<
  C extends string = string,
  D extends { readonly [key: string]: unknown } = { readonly [key: string]: unknown },
> extends Error {
  readonly code: C;
  readonly details: Readonly<D>;

  constructor(code: C, message: string, details?: D, options?: ErrorOptions) {
    super(message, options);
    // Set explicitly, not from the class: a minified browser bundle renames classes.
    this.name = 'DjError';
    this.code = code;
    this.details = details ?? ({} as D);
  }
}

/**
 * A caller error in the crypto package (wrong key length, bad hex, unknown suite). Verification
 * never throws: it returns false.
 */
export class CryptoError extends DjError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'CryptoError';
  }
}

/** Throws CRYPTO_BAD_LENGTH unless `bytes` has exactly `length` bytes. */
export function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoError('CRYPTO_BAD_LENGTH', `${what} must be ${length} bytes`);
  }
}
