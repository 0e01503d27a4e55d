/**
 * Who is asking, for every request: the operator (its token), a session (a bearer token from
 * POST /v1/auth/session) or nobody. Each route's `read` rule (the route table's) is enforced here
 * before the handler runs; resource rules ('resource') are checked by the handler with access.ts.
 *
 * The token travels as `Authorization: Bearer <token>`; GET /v1/events also takes
 * `?access_token=<token>` because a browser's EventSource cannot send headers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, OPERATOR, type Scope, type StateReader } from './access.ts';
import { ApiError } from './errors.ts';
import { specOf } from './route.ts';
import { type Session, Sessions, sameToken } from './sessions.ts';

export interface Reader {
  /** The client's address (the peer's; behind a trusted proxy, the one it forwards). */
  readonly client: string;
  readonly session: Session | undefined;
  readonly operator: boolean;
  /** A token was presented but names no live session. */
  readonly staleToken: boolean;
  /** What this reader may read, as of the latest height. */
  scope(): Scope;
}

declare module 'fastify' {
  interface FastifyRequest {
    djReader: Reader;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]{1,256})$/.exec(h);
    return m ? m[1] : h;
  }
  const q = req.query as Record<string, unknown> | undefined;
  const t = q && Object.hasOwn(q, 'access_token') ? q.access_token : undefined;
  return typeof t === 'string' ? t : undefined;
}

export function installReaders(
  app: FastifyInstance,
  state: StateReader,
  sessions: Sessions,
  operatorToken: string | undefined,
): void {
  app.decorateRequest('djReader', undefined as unknown as Reader);
  app.addHook('preValidation', async (req) => {
    const token = tokenOf(req);
    const operator = token !== undefined && operatorToken !== undefined && sameToken(token, operatorToken);
    const session = token === undefined || operator ? undefined : sessions.get(token);
    req.djReader = {
      client: req.ip,
      session,
      operator,
      staleToken: token !== undefined && !operator && session === undefined,
      scope(): Scope {
        if (operator) return OPERATOR;
        if (!session) return ANONYMOUS;
        const height = state.height();
        if (session.cached?.height !== height)
          session.cached = { height, scope: state.scopeOf(session.address) };
        return session.cached.scope;
      },
    };
  });
  app.addHook('preHandler', async (req, reply: FastifyReply) => {
    const spec = specOf(req.routeOptions.config);
    if (!spec) return; // the not-found handler
    const r = req.djReader;
    const rule = spec.read.rule;
    if (rule === 'public') return;
    if (rule === 'operator') {
      if (r.operator) return;
      if (LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined)
        return;
      throw new ApiError('READ_FORBIDDEN', 'operator only: from loopback or with the operator token');
    }
    if (r.staleToken) throw new ApiError('AUTH_SESSION_EXPIRED');
    if (rule === 'signed-in' && !r.operator && !r.session) throw new ApiError('AUTH_REQUIRED');
    void reply;
  });
}

export { Sessions };
