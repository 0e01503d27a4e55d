import { DjError } from '@djchain/crypto';

/**
 * The ONE registry of API error codes: each code's HTTP status and meaning. Every code is
 * documented in packages/node/API.md (a test keeps the two in step). `where` says whether the code
 * comes back as an error response or inside `results[]` of POST /v1/txs (those are the mempool's
 * and the runtime's admission codes; module parameter codes, prefixed by module, appear there too).
 */
export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
  readonly where: 'response' | 'txResult';
}

export const API_ERRORS = {
  REQUEST_INVALID: {
    status: 400,
    message: 'the request does not match the route’s schema',
    where: 'response',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    message: 'no whole request arrived in time on this connection; it is closed: send the request again',
    where: 'response',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'the request body is too large', where: 'response' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route', where: 'response' },
  TX_NOT_FOUND: {
    status: 404,
    message: 'the transaction is neither pending nor committed',
    where: 'response',
  },
  TX_WAIT_TIMEOUT: { status: 408, message: 'the transaction is still pending', where: 'response' },
  HEIGHT_NOT_FOUND: { status: 404, message: 'no block at this height', where: 'response' },
  STATE_VERSION_PRUNED: { status: 410, message: 'the state of this height was pruned', where: 'response' },
  QUERY_NOT_FOUND: { status: 404, message: 'no such module or query', where: 'response' },
  QUERY_FAILED: { status: 422, message: 'the query failed', where: 'response' },
  ENTITY_NOT_FOUND: { status: 404, message: 'no history for this entity at this height', where: 'response' },
  EVENTS_TOO_MANY_CLIENTS: {
    status: 503,
    message: 'the node serves its maximum of event streams',
    where: 'response',
  },
  AUTH_REQUIRED: { status: 401, message: 'sign in to read this (POST /v1/auth/session)', where: 'response' },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    message: 'the session token is unknown or has expired: sign in again',
    where: 'response',
  },
  AUTH_CHALLENGE_UNKNOWN: {
    status: 401,
    message: 'the challenge is unknown, used or expired',
    where: 'response',
  },
  AUTH_SIGNATURE_INVALID: {
    status: 401,
    message: 'the signature over the challenge does not verify',
    where: 'response',
  },
  AUTH_TOO_MANY: {
    status: 429,
    message: 'too many open challenges or sessions for this client or this node',
    where: 'response',
  },
  READ_FORBIDDEN: { status: 403, message: 'this reader may not read this', where: 'response' },
  RATE_LIMITED: {
    status: 429,
    message: 'too many requests from this client, retry later',
    where: 'response',
  },
  EVENTS_CLIENT_LIMIT: {
    status: 429,
    message: 'this client holds its maximum of event streams',
    where: 'response',
  },
  ATTACHMENT_NOT_FOUND: {
    status: 404,
    message: 'no attachment with this hash is registered on chain (attachment.register)',
    where: 'response',
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    message: 'the attachment is larger than this node accepts (config attachments.maxBytes)',
    where: 'response',
  },
  ATTACHMENT_SIZE_MISMATCH: {
    status: 422,
    message: 'the content is not the size registered on chain',
    where: 'response',
  },
  ATTACHMENT_HASH_MISMATCH: {
    status: 422,
    message: 'the content does not hash (SHA-256) to the hash registered on chain',
    where: 'response',
  },
  ATTACHMENT_WRONG_NODE: {
    status: 409,
    message:
      'the organization running this node may not keep this attachment: upload it at a node of an entitled organization',
    where: 'response',
  },
  ATTACHMENT_UNAVAILABLE: {
    status: 503,
    message: 'this node does not hold the content yet and no peer supplied it: upload it, or retry later',
    where: 'response',
  },
  NODE_UNAVAILABLE: { status: 503, message: 'the node is stopping or stopped', where: 'response' },
  INTERNAL: { status: 500, message: 'internal error', where: 'response' },
  TX_MALFORMED: { status: 400, message: 'not a canonical transaction in base64', where: 'txResult' },
  MEMPOOL_TX_TOO_LARGE: {
    status: 413,
    message: 'transaction is larger than the node accepts',
    where: 'txResult',
  },
  MEMPOOL_DUPLICATE: { status: 409, message: 'transaction is already pending', where: 'txResult' },
  MEMPOOL_NONCE_TAKEN: {
    status: 409,
    message: 'another pending transaction has this nonce',
    where: 'txResult',
  },
  MEMPOOL_NONCE_TOO_FAR: { status: 409, message: 'nonce too far above the next nonce', where: 'txResult' },
  MEMPOOL_FULL: { status: 503, message: 'mempool full, retry later', where: 'txResult' },
  MEMPOOL_NEW_KEY_LIMIT: {
    status: 429,
    message: 'an unregistered key has the most pending transactions it may',
    where: 'txResult',
  },
  RUNTIME_WRONG_CHAIN: { status: 400, message: 'transaction is for another chain', where: 'txResult' },
  RUNTIME_TX_EXPIRED: { status: 400, message: 'transaction expired', where: 'txResult' },
  RUNTIME_BAD_SIGNATURE: { status: 400, message: 'signature does not verify', where: 'txResult' },
  RUNTIME_NONCE_USED: { status: 409, message: 'nonce already used', where: 'txResult' },
  RUNTIME_UNKNOWN_MODULE: { status: 400, message: 'no such module', where: 'txResult' },
  RUNTIME_UNKNOWN_ACTION: { status: 400, message: 'no such action', where: 'txResult' },
  RUNTIME_UNKNOWN_SIGNER: {
    status: 403,
    message: 'the signer is not a registered account',
    where: 'txResult',
  },
  RUNTIME_MODULE_FAILED: {
    status: 400,
    message: 'the module failed to parse the parameters',
    where: 'txResult',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error the API answers with: `{ error: { code, message, details? } }` and the registry status. */
export class ApiError extends DjError<ApiErrorCode> {
  readonly status: number;
  /** Whether details were given: an empty object is still sent when a caller passed one. */
  readonly #hasDetails: boolean;

  constructor(code: ApiErrorCode, message?: string, details?: Record<string, unknown>) {
    super(code, message ?? API_ERRORS[code].message, details);
    this.name = 'ApiError';
    this.status = API_ERRORS[code].status;
    this.#hasDetails = details !== undefined;
  }

  body(): { error: { code: string; message: string; details?: Readonly<Record<string, unknown>> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.#hasDetails ? { details: this.details } : {}),
      },
    };
  }
}
