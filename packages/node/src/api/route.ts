/**
 * Serving the route table (@djchain/client/routes, ARCHITECTURE.md "The route table"): each route
 * registered with fastify under its own schemas — params, querystring, headers and body validated,
 * the 200 answer serialized — and its spec in `config.route` (read rule for readers.ts, the
 * document for openapi.ts). A handler is given per route id; a route without one, or a handler
 * for no route, fails the build.
 */
import { ROUTES, type RouteId, type RouteSpec } from '@djchain/client/routes';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { ApiError, type ApiErrorCode } from './errors.ts';

/** Compile time: the codes each route names are codes of this node's registry. */
const registered: { readonly [K in RouteId]: { readonly errors: readonly ApiErrorCode[] } } = ROUTES;
void registered;

/** One handler per route of a table. */
export type Handlers<T extends Record<string, RouteSpec> = typeof ROUTES> = {
  readonly [K in keyof T]: RouteHandlerMethod;
};

/** The fastify schema of a route. */
export function fastifySchema(r: RouteSpec): Record<string, unknown> {
  return {
    ...(r.params ? { params: r.params } : {}),
    ...(r.query ? { querystring: r.query } : {}),
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.body ? { body: r.body } : {}),
    ...(r.response ? { response: { 200: r.response } } : {}),
  };
}

/** The spec of the route a request matched (undefined for the not-found handler). */
export function specOf(config: unknown): RouteSpec | undefined {
  return (config as { route?: RouteSpec } | undefined)?.route;
}

/** Registers every route of `table` with its handler. */
export function serveRoutes<T extends Record<string, RouteSpec>>(
  app: FastifyInstance,
  table: T,
  handlers: Handlers<T>,
): void {
  for (const id of Object.keys(handlers))
    if (!Object.hasOwn(table, id))
      throw new ApiError('INTERNAL', `a handler for ${id}, a route not in the table`);
  for (const [id, spec] of Object.entries(table)) {
    const handler = Object.hasOwn(handlers, id) ? handlers[id as keyof T] : undefined;
    if (typeof handler !== 'function') throw new ApiError('INTERNAL', `route ${id} has no handler`);
    app.route({
      method: spec.method,
      url: spec.path,
      schema: fastifySchema(spec),
      config: { route: spec },
      handler,
    });
  }
}
