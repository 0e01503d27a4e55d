import { DjError } from '@djchain/crypto';

/**
 * Every code a NodeError carries (the API's own codes are in api/errors.ts). A value, so the CLI's
 * message catalog can be checked to hold a text for each; a new code must be added here.
 */
export const NODE_ERROR_CODES = [
  /** Attachment content refused by the store: not a hash, too large, wrong size or hash. */
  'NODE_ATTACHMENT_REFUSED',
  'NODE_ATTACHMENT_TOO_LARGE',
  'NODE_ATTACHMENT_SIZE_MISMATCH',
  'NODE_ATTACHMENT_HASH_MISMATCH',
  /** No peer supplied the content of an attachment this node should hold. */
  'NODE_ATTACHMENT_UNAVAILABLE',
  'NODE_BAD_BLOCK',
  'NODE_BAD_COMMIT',
  'NODE_BAD_CONFIG',
  'NODE_BAD_GENESIS',
  'NODE_BAD_KEY',
  'NODE_BAD_MESSAGE',
  'NODE_BAD_ROUTE',
  'NODE_DIR_LOCKED',
  /** Consensus stopped on an error without a code of its own. */
  'NODE_FATAL',
  'NODE_GENESIS_MISMATCH',
  'NODE_NOT_A_WORKER',
  'NODE_NOT_EXECUTED',
  'NODE_SIGNATURE_MISSING',
  'NODE_SIGNER_STATE_BAD',
  'NODE_SIGNER_STATE_MISSING',
  /** A signer-state record larger than the file's largest slot (SIGNER_STATE_MAX_SLOT_BYTES). */
  'NODE_SIGNER_STATE_TOO_LARGE',
  'NODE_SNAPSHOT_BAD_TRUST',
  'NODE_SNAPSHOT_NOT_EMPTY',
  'NODE_SNAPSHOT_TIMEOUT',
  'NODE_SNAPSHOT_UNAVAILABLE',
  'NODE_STORE_CONFLICT',
  'NODE_STORE_CORRUPT',
  'NODE_TEST_KILLED',
  /** A signature-verification worker exited, or the pool was closed with requests pending. */
  'NODE_VERIFY_UNAVAILABLE',
] as const;

export type NodeErrorCode = (typeof NODE_ERROR_CODES)[number];

/** Errors the node raises to its callers: a stable UPPER_SNAKE code, a message, optional details. */
export class NodeError extends DjError<NodeErrorCode> {
  constructor(code: NodeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'NodeError';
  }
}

export function isNodeError(e: unknown, code?: NodeErrorCode): e is NodeError {
  return e instanceof NodeError && (code === undefined || e.code === code);
}
