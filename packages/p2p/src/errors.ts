import { DjError } from '@djchain/crypto';

/** Stable error codes of the p2p package; every refused or closed connection carries one. */
export type P2PErrorCode =
  /** A handshake message was malformed, out of order, failed to decrypt or verify. */
  | 'P2P_BAD_HANDSHAKE'
  /** The other side speaks another chain id. */
  | 'P2P_WRONG_CHAIN'
  /** The other side uses another crypto suite. */
  | 'P2P_WRONG_SUITE'
  /** The peer's identity key is not in the allowed set (the node registry). */
  | 'P2P_UNKNOWN_PEER'
  /** The dialed node proved another identity than the one expected for that address. */
  | 'P2P_UNEXPECTED_PEER'
  /** The peer is ourselves (same identity key). */
  | 'P2P_SELF_CONNECT'
  /** The handshake did not finish in time. */
  | 'P2P_HANDSHAKE_TIMEOUT'
  /** Too many unauthenticated connections at once. */
  | 'P2P_TOO_MANY_PENDING'
  /** The other side refused us; `details.remoteCode` holds its (unauthenticated) reason. */
  | 'P2P_REFUSED'
  /** A frame announced more bytes than the maximum frame size. */
  | 'P2P_FRAME_TOO_LARGE'
  /** A frame did not authenticate under the session key (tampered, replayed or reordered). */
  | 'P2P_DECRYPT_FAILED'
  /** A decrypted frame is not a valid message (unknown control type, empty frame). */
  | 'P2P_BAD_FRAME'
  /** The peer did not take our messages fast enough and its send queue overflowed. */
  | 'P2P_SLOW_PEER'
  /** The peer was removed from the allowed set. */
  | 'P2P_PEER_REMOVED'
  /** A second connection to the same peer lost the deterministic tie-break. */
  | 'P2P_DUPLICATE_CONNECTION'
  /** The peer closed the session and said why; `details.remoteCode` holds its reason. */
  | 'P2P_CLOSED_BY_PEER'
  /** The socket closed or failed (reset, refused, ended). */
  | 'P2P_CONNECTION_CLOSED'
  /** The node is stopping or stopped. */
  | 'P2P_STOPPED'
  /** Options or arguments are invalid. */
  | 'P2P_BAD_OPTIONS';

/** An error value with a stable `code` and the context a caller needs to act on it. */
export class P2PError extends DjError<P2PErrorCode> {
  constructor(code: P2PErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'P2PError';
  }
}

/** True when `e` is a P2PError, optionally with the given code. */
export function isP2PError(e: unknown, code?: P2PErrorCode): e is P2PError {
  return e instanceof P2PError && (code === undefined || e.code === code);
}

/** `e` as a P2PError; foreign errors (socket errors) become P2P_CONNECTION_CLOSED. */
export function toP2PError(e: unknown): P2PError {
  if (e instanceof P2PError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const errno = (e as { code?: unknown } | null)?.code;
  return new P2PError('P2P_CONNECTION_CLOSED', message, typeof errno === 'string' ? { errno } : {});
}
