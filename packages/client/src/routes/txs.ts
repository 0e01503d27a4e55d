/** Route table: POST /v1/txs, GET /v1/txs/:hash, GET /v1/txs/:hash/wait. */
import { errorEnvelope, hexHash, txHashParams, txStatus } from './schemas.ts';
import type { RouteSpec } from './spec.ts';

/** The longest single wait the API allows (GET /v1/txs/:hash/wait), and its default. */
export const MAX_WAIT_MS = 30_000;
export const DEFAULT_WAIT_MS = 10_000;
/** Transactions in one POST /v1/txs. */
export const MAX_TXS_PER_POST = 1000;

const TX_READ = {
  rule: 'resource',
  who:
    'anyone while pending; committed: its signer, readers of an entity named by each of its events ' +
    '(a member, their branch and above), the community committee and the operator',
} as const;

export const txRoutes = {
  submitTxs: {
    method: 'POST',
    path: '/v1/txs',
    body: {
      type: 'object',
      required: ['txs'],
      additionalProperties: false,
      properties: {
        txs: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_TXS_PER_POST,
          items: { type: 'string', description: 'base64 of a canonical signed transaction' },
        },
      },
    },
    response: {
      type: 'object',
      required: ['results'],
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['accepted'],
            properties: {
              hash: { ...hexHash, description: 'absent when the bytes are not a transaction' },
              accepted: { type: 'boolean' },
              error: {
                ...errorEnvelope.properties.error,
                description: 'a transaction rejection code (see x-error-registry, where: txResult)',
              },
            },
          },
        },
      },
    },
    tag: 'transactions',
    summary: 'Submit 1 to 1000 signed transactions',
    description:
      'Answers 200 with one result per transaction, in order; a refusal is a result with a ' +
      'transaction rejection code, not an error response. Rate-limited per client.',
    errors: ['RATE_LIMITED'],
    read: { rule: 'public', who: 'anyone (a transaction is authorized by its signature and the modules)' },
  },
  tx: {
    method: 'GET',
    path: '/v1/txs/:hash',
    params: txHashParams,
    response: txStatus,
    tag: 'transactions',
    summary: 'A transaction: pending, or committed with its receipt and proof',
    description: "`receiptProof` proves the receipt's leaf in the header's `receiptRoot`.",
    errors: ['TX_NOT_FOUND'],
    read: TX_READ,
  },
  txWait: {
    method: 'GET',
    path: '/v1/txs/:hash/wait',
    params: txHashParams,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS, default: DEFAULT_WAIT_MS },
      },
    },
    response: txStatus,
    tag: 'transactions',
    summary: 'Wait until a transaction is committed',
    description: 'As GET /v1/txs/{hash}, but waits up to `timeoutMs` (at most 30000) for the commit.',
    errors: ['TX_NOT_FOUND', 'TX_WAIT_TIMEOUT'],
    read: TX_READ,
  },
} as const satisfies Record<string, RouteSpec>;
