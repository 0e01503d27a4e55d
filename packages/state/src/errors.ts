import { DjError } from '@djchain/crypto';

/** Stable error codes of the state package. */
export type StateErrorCode =
  | 'STATE_VERSION_PRUNED'
  | 'STATE_VERSION_UNKNOWN'
  | 'STATE_VERSION_CONFLICT'
  | 'STATE_NODE_MISSING'
  | 'STATE_BAD_HASHER'
  | 'STATE_BAD_INPUT'
  | 'STATE_PROOF_MALFORMED'
  | 'STATE_STORE_CORRUPT'
  /** A benchmark's own check failed (bench only). */
  | 'STATE_BENCH_FAILED';

/** An error value with a stable `code` and the context a caller needs to act on it. */
export class StateError extends DjError<StateErrorCode> {
  constructor(code: StateErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'StateError';
  }
}

/** True when `e` is a StateError, optionally with the given code. */
export function isStateError(e: unknown, code?: StateErrorCode): e is StateError {
  return e instanceof StateError && (code === undefined || e.code === code);
}
