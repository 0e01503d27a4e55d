/** GET /v1/events: server-sent events (`block`, `event`, `warning`, `gap`) from the EventHub. */
import type { FastifyInstance } from 'fastify';
import { canReadEntity, type StateReader } from './access.ts';
import { ApiError } from './errors.ts';
import { EVENT_KINDS, type EventHub, type EventKind, parseEventId } from './event-hub.ts';
import { documented } from './schemas.ts';

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
};

export function eventsRoute(app: FastifyInstance, hub: EventHub, state: StateReader): void {
  app.get(
    '/v1/events',
    {
      schema: {
        querystring: {
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
              pattern: `^(${EVENT_KINDS.join('|')})(,(${EVENT_KINDS.join('|')}))*$`,
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
      },
      ...documented({
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
        produces: { type: 'text/event-stream', schema: streamSchema, description: 'an endless event stream' },
      }),
    },
    (req, reply) => {
      const q = req.query as { entity?: string; types?: string };
      const lastEventId = req.headers['last-event-id'] as string | undefined;
      if (lastEventId !== undefined && !parseEventId(lastEventId))
        throw new ApiError('REQUEST_INVALID', 'Last-Event-ID must be <height>-<seq>');
      if (hub.full()) throw new ApiError('EVENTS_TOO_MANY_CLIENTS');
      const reader = req.djReader;
      if (reader.staleToken) throw new ApiError('AUTH_SESSION_EXPIRED');
      if (hub.fullFor(reader.client)) throw new ApiError('EVENTS_CLIENT_LIMIT');
      const canSee = (entities: readonly string[]) => {
        const scope = reader.scope();
        return entities.some((e) => canReadEntity(scope, state, e));
      };
      const kinds = new Set((q.types ?? EVENT_KINDS.join(',')).split(',') as EventKind[]);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const detach = hub.attach(res, { kinds, entity: q.entity, canSee }, lastEventId, {
        client: reader.client,
        expiresAt: reader.session?.expiresAt,
      });
      res.on('close', detach);
    },
  );
}
