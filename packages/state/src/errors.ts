/** Stable error codes of the state package. */
export type StateErrorCode =
  | 'STATE_VERSION_PRUNED'
  | 'STATE_VERSION_UNKNOWN'
  | 'STATE_VERSION_CONFLICT'
  | 'STATE_NODE_MISSING'
  | 'STATE_BAD_HASHER'
  | 'STATE_BAD_INPUT'
  | 'STATE_PROOF_MALFORMED'
  | 'STATE_STORE_CORRUPT';

/** An error value with a stable `code` and the context a caller needs to act on it. */
export class StateError extends Error {
  readonly code: StateErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: StateErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = 'StateError';
    this.code = code;
    this.context = context;
  }
}

/** True when `e` is a StateError, optionally with the given code. */
export function isStateError(e: unknown, code?: StateErrorCode): e is StateError {
  return e instanceof StateError && (code === undefined || e.code === code);
}
