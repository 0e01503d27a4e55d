/**
 * The HTTP API (fastify), built by a factory so tests run it through inject() or a real socket.
 * Routes follow the API v1 contract (packages/node/API.md); every error is the JSON envelope
 * `{ error: { code, message, details? } }` with the status from the registry, never a stack trace.
 */
import { createServer, type Server } from 'node:http';
import { API_VERSION, ROUTES } from '@djchain/client/routes';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { DjNode } from '../node.ts';
import { StateReader } from './access.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { chainRoutes } from './chain-routes.ts';
import { disclosureFeedRoute } from './disclosure-feed.ts';
import { docsPage } from './docs-page.ts';
import { dossierRoute } from './dossier-route.ts';
import { ApiError } from './errors.ts';
import { EventHub, type EventsOptions } from './event-hub.ts';
import { eventsRoute } from './events-route.ts';
import { type ConnectionLimits, defaultConnectionLimits, limitConnections, WriteLimiter } from './limits.ts';
import { createMetrics } from './metrics.ts';
import { type CollectedRoute, collectRoutes, openApiDocument } from './openapi.ts';
import { orgRoutes } from './org-routes.ts';
import { portalRoute } from './portal-route.ts';
import { installReaders } from './readers.ts';
import { type Handlers, serveRoutes } from './route.ts';
import { type SessionOptions, Sessions, sameToken } from './sessions.ts';
import { txRoutes } from './tx-routes.ts';

export interface ApiOptions {
  /** Largest request body (bytes). 1000 transactions of a few KiB fit the default. */
  readonly bodyLimit: number;
  /** GET /v1/events: heartbeat, per-client buffer, resume window, client limits. */
  readonly events: Partial<EventsOptions>;
  /** Read sessions: lifetime, table bounds. */
  readonly sessions: Partial<SessionOptions>;
  /**
   * The node operator's bearer token (reads everything, like the node's own disk); `djchain start`
   * writes one to `<dir>/api-token` (0600). Undefined: no operator token.
   */
  readonly operatorToken: string | undefined;
  /** Timeouts, connection caps and the per-client write rate. */
  readonly limits: Partial<ConnectionLimits>;
  /**
   * Take the client address from X-Forwarded-For when the peer is this proxy address (e.g. the web
   * server on 127.0.0.1); otherwise every client behind it shares one budget.
   */
  readonly trustProxy: string | undefined;
}

export const defaultApiOptions: ApiOptions = {
  bodyLimit: 16 * 1024 * 1024,
  events: {},
  sessions: {},
  operatorToken: undefined,
  limits: {},
  trustProxy: undefined,
};

export { API_VERSION };

const TITLE = 'Dangjian Chain node API';

const routesOf = new WeakMap<FastifyInstance, CollectedRoute[]>();

/** The routes of an API built by buildApi, as registered (for the document and its tests). */
export function apiRoutes(app: FastifyInstance): readonly CollectedRoute[] {
  return routesOf.get(app) ?? [];
}

const invalid = (reply: FastifyReply, message: string) =>
  reply.status(400).send(new ApiError('REQUEST_INVALID', message).body());

/** How long a closing server waits for its connections to finish before it cuts them. */
const CLOSE_GRACE_MS = 2000;

export function buildApi(node: DjNode, opts: Partial<ApiOptions> = {}): FastifyInstance {
  const { bodyLimit, events, operatorToken, trustProxy, ...o } = { ...defaultApiOptions, ...opts };
  const limits: ConnectionLimits = { ...defaultConnectionLimits, ...o.limits };
  let server: Server | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit,
    // Slow clients cannot hold a connection: the whole request (headers and body) must arrive in
    // requestTimeoutMs, the headers in headersTimeoutMs; an idle socket closes after idleTimeoutMs.
    serverFactory: (handler) => {
      server = createServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: limits.headersTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: limits.checkIntervalMs,
          maxHeaderSize: 16 * 1024,
        },
        handler,
      );
      server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
      limitConnections(server, limits);
      return server;
    },
    connectionTimeout: limits.idleTimeoutMs,
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    // removeAdditional off: an unknown field is refused (REQUEST_INVALID), not silently dropped.
    ajv: { customOptions: { coerceTypes: true, allErrors: false, removeAdditional: false } },
    // Bad URL encoding and the like: coded like every other refusal.
    frameworkErrors: (err, _req, reply) => invalid(reply, err.message),
    // Requests the HTTP parser refuses never reach a route: answer with the envelope all the same.
    // A connection on which no whole request arrived within the header or request time — a slow
    // client, or one that opened it and stalled, as a busy client process can before it writes —
    // gets 408 REQUEST_TIMEOUT (RFC 9110 §15.5.9): the client may send the request again on a new
    // connection, and the SDK does so once for a read.
    clientErrorHandler: (err: Error & { code?: string }, socket) => {
      if (!socket.writable) return;
      const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const error = timedOut
        ? new ApiError('REQUEST_TIMEOUT')
        : new ApiError('REQUEST_INVALID', `malformed HTTP request (${err.code ?? 'parse error'})`);
      const body = JSON.stringify(error.body());
      socket.end(
        `HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\n` +
          `Content-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  void server;
  const routes = collectRoutes(app);
  routesOf.set(app, routes);
  const state = new StateReader(node);
  const sessions = new Sessions(node.suite, node.app.chainId, o.sessions);
  installReaders(app, state, sessions, operatorToken);
  const writes = new WriteLimiter(limits);
  const operatorHeader = operatorToken === undefined ? undefined : `Bearer ${operatorToken}`;
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'POST' && req.method !== 'DELETE') return;
    // The operator's own tools (bulk import, the demo's writer) are not rate-limited.
    const auth = req.headers.authorization;
    if (operatorHeader !== undefined && typeof auth === 'string' && sameToken(auth, operatorHeader)) return;
    writes.take(req.ip);
  });
  const hub = new EventHub(events, node.app.height());
  const onCommit = hub.onCommit.bind(hub);
  node.events.on('commit', onCommit);
  // Event streams never end by themselves: end them before the server waits for its connections.
  // A connection still open CLOSE_GRACE_MS later is cut: a keep-alive socket the close did not count
  // as idle otherwise held a stopping node for the whole keep-alive timeout (72 s, seen in tests).
  let forceClose: ReturnType<typeof setTimeout> | undefined;
  app.addHook('preClose', async () => {
    node.events.off('commit', onCommit);
    hub.close();
    forceClose = setTimeout(() => server?.closeAllConnections(), CLOSE_GRACE_MS);
    forceClose.unref();
  });
  const metrics = createMetrics(node, hub);
  app.addHook('onClose', async () => {
    clearTimeout(forceClose);
    metrics.stop();
  });

  app.setErrorHandler((err: FastifyError | ApiError, _req, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send(err.body());
    if ((err as FastifyError).validation) {
      return reply.status(400).send(new ApiError('REQUEST_INVALID', err.message).body());
    }
    if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(new ApiError('PAYLOAD_TOO_LARGE', undefined, { limit: bodyLimit }).body());
    }
    const status = (err as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(400).send(new ApiError('REQUEST_INVALID', err.message).body());
    }
    const code = (err as { code?: string }).code;
    if (code === 'ERR_INVALID_STATE' || code === 'NODE_STOPPED') {
      return reply.status(503).send(new ApiError('NODE_UNAVAILABLE').body());
    }
    node.log.error({ code: code ?? 'UNKNOWN' }, 'request failed');
    return reply.status(500).send(new ApiError('INTERNAL').body());
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(new ApiError('ROUTE_NOT_FOUND').body()));

  const handlers: Handlers = {
    healthz: async () => ({ ok: true, height: node.app.height() }),
    metrics: async (_req, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    },
    ...authRoutes(sessions, state),
    ...txRoutes(app, node, state),
    ...chainRoutes(node, state),
    portal: portalRoute(node, state),
    disclosureFeed: disclosureFeedRoute(node, state),
    ...orgRoutes(node, state),
    dossier: dossierRoute(node, state),
    events: eventsRoute(hub, state),
    ...docRoutes(),
    ...attachmentRoutes(app, node, state),
  };
  serveRoutes(app, ROUTES, handlers);
  return app;
}

/** GET /, GET /openapi.json and GET /docs (built once, at the first request). */
function docRoutes(): Pick<Handlers, 'index' | 'openapi' | 'docs'> {
  let doc: Record<string, unknown> | undefined;
  let page: string | undefined;
  const document = () => {
    doc ??= openApiDocument({
      title: TITLE,
      version: API_VERSION,
      description:
        'JSON over HTTP. Objects a client verifies travel as base64 of their canonical CBOR; hashes are ' +
        'lowercase hex; heights start at 1. Every error is `{ error: { code, message, details? } }` ' +
        'with the status of its code in `x-error-registry`.',
    });
    return doc;
  };
  return {
    // The root answers where the documentation is, rather than ROUTE_NOT_FOUND.
    index: async () => ({
      name: TITLE,
      version: API_VERSION,
      docs: '/docs',
      openapi: '/openapi.json',
      health: '/healthz',
    }),
    openapi: async () => document(),
    docs: async (_req, reply) => {
      page ??= docsPage(document());
      return reply.type('text/html; charset=utf-8').send(page);
    },
  };
}
