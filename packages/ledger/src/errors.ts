import { DjError } from '@djchain/crypto';

/** Stable error codes of the ledger package. */
export type LedgerErrorCode =
  | 'LEDGER_BAD_ENCODING'
  | 'LEDGER_BAD_TX'
  | 'LEDGER_BAD_HEADER'
  | 'LEDGER_BAD_BLOCK'
  | 'LEDGER_BAD_VOTE'
  | 'LEDGER_BAD_PROPOSAL'
  | 'LEDGER_BAD_COMMIT'
  | 'LEDGER_BAD_VALIDATORS'
  | 'LEDGER_BAD_RECEIPT'
  | 'LEDGER_BAD_PROOF'
  | 'LEDGER_STORE_CONFLICT'
  | 'LEDGER_STORE_CORRUPT';

/** An error value with a stable `code` and the context a caller needs to act on it. */
export class LedgerError extends DjError<LedgerErrorCode> {
  constructor(code: LedgerErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'LedgerError';
  }
}

/** True when `e` is a LedgerError, optionally with the given code. */
export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}
