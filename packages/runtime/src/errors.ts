/** Error codes the runtime itself produces (modules add their own, prefixed by module name). */
import { DjError } from '@djchain/crypto';
import type { CodedError } from './types.ts';

/** Every code the runtime produces: the registry other packages (and the CLI's texts) enumerate. */
export const RUNTIME_ERROR_CODES = [
  'RUNTIME_WRONG_CHAIN',
  'RUNTIME_TX_EXPIRED',
  'RUNTIME_BAD_SIGNATURE',
  'RUNTIME_BAD_NONCE',
  'RUNTIME_NONCE_USED',
  'RUNTIME_UNKNOWN_MODULE',
  'RUNTIME_UNKNOWN_ACTION',
  /** Admission: the signer is no account any module registered (and the action is not open). */
  'RUNTIME_UNKNOWN_SIGNER',
  'RUNTIME_UNKNOWN_QUERY',
  'RUNTIME_MODULE_FAILED',
  'RUNTIME_WRITE_IN_VERIFY',
  'RUNTIME_BAD_KEY',
  'RUNTIME_BAD_VALUE',
  'RUNTIME_BAD_EVENT',
  'RUNTIME_QUERY_DEPTH',
  'RUNTIME_BAD_MODULE',
  'RUNTIME_BAD_GENESIS',
  /** A governing module tried to write an unusable validator set or node registry. */
  'RUNTIME_BAD_VALIDATORS',
  /** A caller passed the executor inconsistent input (e.g. a different number of ids than txs). */
  'RUNTIME_BAD_INPUT',
  /** State holds a history head or event the runtime did not write (a corrupt store). */
  'RUNTIME_STORE_CORRUPT',
] as const;

export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

/**
 * Thrown inside module calls when a module breaks the contract (bad key, write during verify…);
 * the executor turns it into the transaction's coded error. Also thrown to callers for misuse
 * (bad module registration, bad genesis).
 */
export class RuntimeError extends DjError<RuntimeErrorCode, { readonly [key: string]: string | number }> {
  constructor(code: RuntimeErrorCode, message: string, details: { [key: string]: string | number } = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'RuntimeError';
  }

  /** The error as a receipt value (message without the code prefix). */
  toCoded(): CodedError {
    const message = this.message.slice(this.code.length + 2);
    return Object.keys(this.details).length > 0
      ? { code: this.code, message, details: this.details }
      : { code: this.code, message };
  }
}

/** A coded error value made by the runtime. */
export function runtimeError(
  code: RuntimeErrorCode,
  message: string,
  details?: { [key: string]: string | number },
): CodedError {
  return details ? { code, message, details } : { code, message };
}
