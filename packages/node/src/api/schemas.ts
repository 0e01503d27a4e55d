/**
 * Shared JSON schemas of the API and the documentation each route carries. A route is defined
 * once: fastify validates params, querystring and body and serializes the 200 answer with these
 * schemas, and the OpenAPI document (openapi.ts) is generated from the same route options.
 */
import type { ApiErrorCode } from './errors.ts';

/**
 * Who may call a route (enforced by readers.ts; 'resource' routes check what they read with
 * access.ts): anyone, any signed-in key, a reader of the resource named, or the node's operator
 * (its token, or a direct loopback connection).
 */
export type ReadRule = 'public' | 'signed-in' | 'resource' | 'operator';

/** What a route says about itself beyond its schemas (read by the OpenAPI generator). */
export interface RouteDoc {
  readonly summary: string;
  /** The route's read rule, and in words who may read (shown in the document). */
  readonly read: { readonly rule: ReadRule; readonly who: string };
  readonly description?: string;
  readonly tag: 'chain' | 'transactions' | 'events' | 'operations' | 'documentation' | 'auth';
  /** The registry codes this route answers with besides the common ones (openapi.ts adds those). */
  readonly errors: readonly ApiErrorCode[];
  /**
   * For answers that are not JSON (Prometheus text, HTML, server-sent events): the content type
   * and, for the document only, the schema of what travels (fastify does not serialize these).
   */
  readonly produces?: { readonly type: string; readonly schema: object; readonly description: string };
}

export const hexHash = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: '32-byte hash, lowercase hex',
} as const;
export const base64 = {
  type: 'string',
  description: 'standard padded base64 of canonical CBOR',
} as const;
export const height = { type: 'integer', minimum: 0 } as const;

/** The error envelope every failure answers with. */
export const errorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: true,
      properties: {
        code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]+$' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** A committed or pending transaction (GET /v1/txs/:hash and its /wait). */
export const txStatus = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['pending', 'committed'] },
    height: { type: 'integer', minimum: 1 },
    index: { type: 'integer', minimum: 0 },
    tx: { ...base64, description: 'the signed transaction (its hash is the one asked for)' },
    receipt: base64,
    receiptProof: { ...base64, description: "merkleProofToValue of the receipt's leaf, canonical CBOR" },
    header: base64,
  },
} as const;

export const txHashParams = {
  type: 'object',
  required: ['hash'],
  properties: { hash: hexHash },
} as const;

/** Route options `config` holding the route's documentation. */
export const documented = (doc: RouteDoc) => ({ config: { doc } });
