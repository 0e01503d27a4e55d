import { DjError } from '@djchain/crypto/browser';

/** Stable error codes of the client package; every failure a caller can act on carries one. */
export const CLIENT_ERROR_CODES = [
  'CLIENT_BAD_ENCODING',
  'CLIENT_CHAIN_MISMATCH',
  'CLIENT_SUITE_MISMATCH',
  'CLIENT_NOT_LINKED',
  'CLIENT_BAD_VALIDATORS',
  'CLIENT_UNTRUSTED_VALIDATORS',
  'CLIENT_COMMIT_SHORT',
  'CLIENT_BAD_SIGNATURE',
  'CLIENT_BAD_COMMIT',
  'CLIENT_HEIGHT_UNKNOWN',
  'CLIENT_BAD_PROOF',
  'CLIENT_BAD_RECEIPT',
  'CLIENT_DOSSIER_MALFORMED',
  'CLIENT_DOSSIER_BROKEN',
  'CLIENT_DOSSIER_UNTRUSTED',
  'CLIENT_KEYSTORE_MALFORMED',
  'CLIENT_KEYSTORE_WEAK_KDF',
  'CLIENT_KEYSTORE_BAD_PASSPHRASE',
  'CLIENT_BAD_TX',
  'CLIENT_TX_REJECTED',
  'CLIENT_HTTP',
  'CLIENT_NETWORK',
  'CLIENT_BAD_RESPONSE',
  'CLIENT_BAD_DATE',
  /** Downloaded attachment content that does not hash (SHA-256) to the hash asked for. */
  'CLIENT_ATTACHMENT_MISMATCH',
] as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** An error value with a stable `code`, a message for people and the details a program needs. */
export class ClientError extends DjError<ClientErrorCode> {
  constructor(code: ClientErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, `${code}: ${message}`, details);
    this.name = 'ClientError';
  }
}

/** True when `e` is a ClientError, optionally with the given code. */
export function isClientError(e: unknown, code?: ClientErrorCode): e is ClientError {
  return e instanceof ClientError && (code === undefined || e.code === code);
}

/**
 * A node answered with an error: `apiCode` is the node's registry code (e.g. TX_NOT_FOUND,
 * TX_WAIT_TIMEOUT, HEIGHT_NOT_FOUND — packages/node/API.md) and `status` the HTTP status.
 */
export class HttpError extends ClientError {
  readonly status: number;
  readonly apiCode: string;

  constructor(status: number, apiCode: string, message: string, details: Record<string, unknown> = {}) {
    super('CLIENT_HTTP', `${apiCode} (${status}): ${message}`, { ...details, status, apiCode });
    this.name = 'HttpError';
    this.status = status;
    this.apiCode = apiCode;
  }
}
