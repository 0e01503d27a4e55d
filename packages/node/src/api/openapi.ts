/**
 * The OpenAPI 3.1 document, generated from the route table (@djchain/client/routes) — the same
 * specs the server registers with fastify (route.ts) — so the document cannot drift from what the
 * server validates and answers. OpenAPI 3.1 takes JSON Schema as is, so the schemas go in unchanged.
 */
import { type ObjectSchema, ROUTES, type RouteSpec, schemas } from '@djchain/client/routes';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { API_ERRORS, ApiError, type ApiErrorCode } from './errors.ts';
import { specOf } from './route.ts';

/** A route as fastify registered it (for the tests that hold the server to the table). */
export interface CollectedRoute {
  readonly method: string;
  readonly url: string;
  readonly spec: RouteSpec | undefined;
}

/** Records every route registered after this call (HEAD twins of GET routes are left out). */
export function collectRoutes(app: FastifyInstance): CollectedRoute[] {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, spec: specOf(r.config) });
    }
  });
  return routes;
}

/** `/v1/txs/:hash` → `/v1/txs/{hash}`. */
export const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The codes any route may answer with, besides its own. */
function commonErrors(s: RouteSpec): ApiErrorCode[] {
  const out: ApiErrorCode[] = [];
  const read = s.read.rule;
  if (read === 'signed-in' || read === 'resource') out.push('AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED');
  if (read === 'resource' || read === 'operator') out.push('READ_FORBIDDEN');
  if (s.params || s.query || s.headers || s.body) out.push('REQUEST_INVALID');
  if (s.body) out.push('PAYLOAD_TOO_LARGE');
  // A connection on which no whole request arrived in time (the server's own answer, any route).
  out.push('REQUEST_TIMEOUT', 'NODE_UNAVAILABLE', 'INTERNAL');
  return out;
}

function parameters(where: 'path' | 'query' | 'header', s: ObjectSchema | undefined): object[] {
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, schema]) => {
    const { description, ...rest } = schema as Record<string, unknown>;
    return {
      name,
      in: where,
      required: where === 'path' || (s.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function errorResponses(codes: readonly string[]): Record<string, object> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const c of new Set(codes)) {
    if (!Object.hasOwn(API_ERRORS, c)) throw new ApiError('INTERNAL', `${c} is not in the error registry`);
    const code = c as ApiErrorCode;
    const { status } = API_ERRORS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, object> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const list = byStatus.get(status)!;
    out[String(status)] = {
      description: list.map((c) => `${c}: ${API_ERRORS[c].message}`).join('; '),
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/Error' },
          examples: Object.fromEntries(
            list.map((c) => [c, { value: { error: { code: c, message: API_ERRORS[c].message } } }]),
          ),
        },
      },
    };
  }
  return out;
}

function operation(s: RouteSpec): object {
  const ok = s.produces
    ? { description: s.produces.description, content: { [s.produces.type]: { schema: s.produces.schema } } }
    : { description: 'OK', content: { 'application/json': { schema: s.response ?? {} } } };
  const params = [
    ...parameters('path', s.params),
    ...parameters('query', s.query),
    ...parameters('header', s.headers),
  ];
  return {
    operationId: `${s.method.toLowerCase()}${s.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: s.summary,
    description: `${s.description ? `${s.description}\n\n` : ''}**Who may read:** ${s.read.who}`,
    'x-read-rule': s.read.rule,
    ...(s.read.rule === 'public' ? {} : { security: [{ session: [] }] }),
    tags: [s.tag],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(s.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } }
      : {}),
    ...(s.consumes
      ? {
          requestBody: {
            required: true,
            description: s.consumes.description,
            content: { [s.consumes.type]: { schema: { type: 'string', format: 'binary' } } },
          },
        }
      : {}),
    responses: { '200': ok, ...errorResponses([...s.errors, ...commonErrors(s)]) },
  };
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

/** The document of `routes` (default: the whole route table). */
export function openApiDocument(
  info: OpenApiInfo,
  routes: readonly RouteSpec[] = Object.values(ROUTES),
): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  const sorted = [...routes].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1,
  );
  for (const r of sorted) {
    const path = openApiPath(r.path);
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: operation(r) };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: [
      { name: 'chain', description: 'Headers, blocks, state with proofs, queries, dossiers' },
      { name: 'transactions', description: 'Submit signed transactions and wait for them' },
      { name: 'events', description: 'Server-sent events: blocks, entity events, warnings' },
      { name: 'operations', description: 'Health and metrics' },
      { name: 'documentation', description: 'This document and its page' },
      { name: 'auth', description: 'Read sessions from a signed challenge' },
      { name: 'attachments', description: 'Content kept off chain, addressed by its SHA-256' },
      { name: 'disclosure', description: '党务公开: public items in force as a feed' },
    ],
    paths,
    components: {
      schemas: { Error: schemas.errorEnvelope },
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A session token from POST /v1/auth/session (a signed challenge), or the node operator’s token.',
        },
      },
      responses: {
        ROUTE_NOT_FOUND: errorResponses(['ROUTE_NOT_FOUND'])['404'],
      },
    },
    /** The whole registry, including the transaction rejection codes of POST /v1/txs results. */
    'x-error-registry': Object.entries(API_ERRORS).map(([code, spec]) => ({
      code,
      status: spec.status,
      where: spec.where,
      message: spec.message,
    })),
  };
}
