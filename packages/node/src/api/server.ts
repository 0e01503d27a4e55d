/**
 * The HTTP API (fastify), built by a factory so tests run it through inject() or a real socket.
 * Routes follow the API v1 contract (packages/node/API.md); every error is the JSON envelope
 * `{ error: { code, message, details? } }` with the status from the registry, never a stack trace.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { DjNode } from '../node.ts';
import { chainRoutes } from './chain-routes.ts';
import { dossierRoute } from './dossier-route.ts';
import { ApiError } from './errors.ts';
import { createMetrics } from './metrics.ts';
import { txRoutes } from './tx-routes.ts';

export interface ApiOptions {
  /** Largest request body (bytes). 1000 transactions of a few KiB fit the default. */
  readonly bodyLimit: number;
}

export const defaultApiOptions: ApiOptions = { bodyLimit: 16 * 1024 * 1024 };

export function buildApi(node: DjNode, opts: Partial<ApiOptions> = {}): FastifyInstance {
  const { bodyLimit } = { ...defaultApiOptions, ...opts };
  const app = Fastify({
    logger: false,
    bodyLimit,
    ajv: { customOptions: { coerceTypes: true, allErrors: false } },
  });
  const metrics = createMetrics(node);
  app.addHook('onClose', async () => metrics.stop());

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

  app.get('/healthz', async () => ({ ok: true, height: node.app.height() }));
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  txRoutes(app, node);
  chainRoutes(app, node);
  dossierRoute(app, node);
  return app;
}
