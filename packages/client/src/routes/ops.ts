/** Route table: the event stream, health, metrics, the documents and the API root's index. */
import { height } from './schemas.ts';
import type { RouteSpec } from './spec.ts';

/** The version of this contract (the OpenAPI document's info.version). */
export const API_VERSION = '1.0.0';

/** Kinds of messages on GET /v1/events a client may ask for. */
export const EVENT_KINDS = ['block', 'event', 'warning'] as const;

const entityEvent = {
  type: 'object',
  required: ['height', 'txIndex', 'module', 'type', 'entities', 'data'],
  properties: {
    height: { type: 'integer' },
    txIndex: { type: 'integer', description: '-1 for events raised by block-start hooks' },
    txHash: { type: 'string', description: 'the transaction that raised it (absent for hooks)' },
    module: { type: 'string' },
    type: { type: 'string' },
    entities: { type: 'array', items: { type: 'string' } },
    data: { description: 'bytes as lowercase hex, big integers as decimal strings' },
  },
} as const;

/** What travels on the stream (for the document: SSE is written by hand, not serialized). */
const streamSchema = {
  description:
    'Each message is `id: <height>-<seq>`, `event: <kind>`, `data: <JSON>`; comment lines are heartbeats.',
  oneOf: [
    {
      title: 'block',
      type: 'object',
      required: ['height', 'hash', 'txCount', 'time'],
      properties: {
        height: { type: 'integer' },
        hash: { type: 'string' },
        txCount: { type: 'integer' },
        time: { type: 'integer', description: 'BFT time, ms since the epoch' },
      },
    },
    { ...entityEvent, title: 'event' },
    { ...entityEvent, title: 'warning' },
    {
      title: 'gap',
      type: 'object',
      required: ['lastEventId', 'oldestKept'],
      properties: { lastEventId: { type: 'string' }, oldestKept: { type: ['string', 'null'] } },
    },
  ],
} as const;

const kinds = EVENT_KINDS.join('|');
const ANYONE = { rule: 'public', who: 'anyone' } as const;

export const opsRoutes = {
  events: {
    method: 'GET',
    path: '/v1/events',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        entity: {
          type: 'string',
          minLength: 1,
          maxLength: 128,
          pattern: '^[^/\\s]+$',
          description: '`event` and `warning` messages naming this entity only, e.g. `member:m1`',
        },
        access_token: {
          type: 'string',
          maxLength: 256,
          description: 'the session token, for EventSource (which cannot send an Authorization header)',
        },
        types: {
          type: 'string',
          pattern: `^(${kinds})(,(${kinds}))*$`,
          description: 'comma-separated kinds to receive (default all): block, event, warning',
        },
      },
    },
    headers: {
      type: 'object',
      properties: {
        'last-event-id': {
          type: 'string',
          maxLength: 32,
          description: 'resume after this id (the browser sends it when it reconnects)',
        },
      },
    },
    produces: { type: 'text/event-stream', schema: streamSchema, description: 'an endless event stream' },
    tag: 'events',
    summary: 'Server-sent events: blocks, entity events and warnings',
    description:
      '`block` on every commit; `event` for each entity event; `warning` for warnings raised by ' +
      'block-start hooks (recruitment deadlines, overdue terms, unanswered transfers). Resumes after ' +
      '`Last-Event-ID` while the node still keeps the messages after it; otherwise a `gap` message ' +
      'comes first. A client that does not read fast enough is disconnected; a stream ends with its session.',
    errors: ['EVENTS_TOO_MANY_CLIENTS', 'EVENTS_CLIENT_LIMIT'],
    read: {
      rule: 'public',
      who:
        'anyone receives `block` messages; `event` and `warning` messages only when the reader may read an ' +
        'entity they name (as GET /v1/dossier); the session token may come as `?access_token=`',
    },
  },
  healthz: {
    method: 'GET',
    path: '/healthz',
    response: {
      type: 'object',
      required: ['ok', 'height'],
      properties: { ok: { type: 'boolean', const: true }, height },
    },
    tag: 'operations',
    summary: 'Liveness and the latest height',
    errors: [],
    read: ANYONE,
  },
  metrics: {
    method: 'GET',
    path: '/metrics',
    produces: { type: 'text/plain', schema: { type: 'string' }, description: 'Prometheus text format 0.0.4' },
    tag: 'operations',
    summary: 'Prometheus metrics',
    description:
      '`djchain_height`, `djchain_mempool_txs`, `djchain_mempool_bytes`, `djchain_block_interval_seconds`, ' +
      '`djchain_committed_txs_total`, event-stream figures, mempool gossip, state reads and listings ' +
      '(and those that went to the database), and the Node runtime (event-loop lag, heap, GC).',
    errors: [],
    read: {
      rule: 'operator',
      who: 'the operator: a direct connection from loopback (not forwarded) or the operator token',
    },
  },
  index: {
    method: 'GET',
    path: '/',
    response: {
      type: 'object',
      required: ['name', 'version', 'docs', 'openapi', 'health'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string', description: 'of this API contract' },
        docs: { type: 'string', const: '/docs' },
        openapi: { type: 'string', const: '/openapi.json' },
        health: { type: 'string', const: '/healthz' },
      },
    },
    tag: 'documentation',
    summary: 'Where the documentation is',
    description: 'A short index: the readable page, the OpenAPI document and the health check.',
    errors: [],
    read: ANYONE,
  },
  openapi: {
    method: 'GET',
    path: '/openapi.json',
    produces: { type: 'application/json', schema: { type: 'object' }, description: 'OpenAPI 3.1.0' },
    tag: 'documentation',
    summary: 'This OpenAPI 3.1 document',
    errors: [],
    read: ANYONE,
  },
  docs: {
    method: 'GET',
    path: '/docs',
    produces: { type: 'text/html', schema: { type: 'string' }, description: 'self-contained HTML' },
    tag: 'documentation',
    summary: 'The document as a readable page',
    errors: [],
    read: ANYONE,
  },
} as const satisfies Record<string, RouteSpec>;
