/** GET /v1/events: server-sent events (`block`, `event`, `warning`, `gap`) from the EventHub. */
import type { RouteHandlerMethod } from 'fastify';
import { canReadEntity, type StateReader } from './access.ts';
import { ApiError } from './errors.ts';
import { EVENT_KINDS, type EventHub, type EventKind, parseEventId } from './event-hub.ts';

/** The handler of GET /v1/events. */
export function eventsRoute(hub: EventHub, state: StateReader): RouteHandlerMethod {
  return (req, reply) => {
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
  };
}
