import { DjError } from '@djchain/crypto';

/** Error values of snapshot export, verification and import. */

/** Stable codes of snapshot errors. */
export type SnapshotErrorCode =
  /** Bytes that are not a canonical snapshot message. */
  | 'STATE_SNAPSHOT_MALFORMED'
  /** A chunk that does not prove against the expected root. */
  | 'STATE_SNAPSHOT_CHUNK_INVALID'
  /** Chunks or a manifest whose prefixes do not cover the key-hash space exactly once. */
  | 'STATE_SNAPSHOT_INCOMPLETE'
  /** The rebuilt tree's root differs from the expected one (cannot happen with verified chunks). */
  | 'STATE_SNAPSHOT_ROOT_MISMATCH'
  /** An import into a store that already holds versions. */
  | 'STATE_SNAPSHOT_TARGET_NOT_EMPTY'
  /** An export of a version the store does not hold, or without the key listing it needs. */
  | 'STATE_SNAPSHOT_UNAVAILABLE';

/** A snapshot error: stable `code`, message, and the context a caller needs to act on it. */
export class SnapshotError extends DjError<SnapshotErrorCode> {
  constructor(code: SnapshotErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'SnapshotError';
  }
}

/** True when `e` is a SnapshotError, optionally with the given code. */
export function isSnapshotError(e: unknown, code?: SnapshotErrorCode): e is SnapshotError {
  return e instanceof SnapshotError && (code === undefined || e.code === code);
}
