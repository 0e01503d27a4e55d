/**
 * The OpenAPI 3.1 document, generated from the routes as fastify registered them (their schemas
 * and `config.doc`), so the document cannot drift from what the server validates and answers.
 * OpenAPI 3.1 takes JSON Schema as is, so the route schemas go in unchanged.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { NodeError } from '../errors.ts';
import { API_ERRORS, type ApiErrorCode } from './errors.ts';
import { errorEnvelope, type RouteDoc } from './schemas.ts';

export interface CollectedRoute {
  readonly method: string;
  readonly url: string;
  readonly schema: RouteSchema;
  readonly doc: RouteDoc | undefined;
}

interface ObjectSchema {
  readonly type?: unknown;
  readonly properties?: Readonly<Record<string, Record<string, unknown>>>;
  readonly required?: readonly string[];
}

interface RouteSchema {
  readonly params?: ObjectSchema;
  readonly querystring?: ObjectSchema;
  readonly headers?: ObjectSchema;
  readonly body?: object;
  readonly response?: Readonly<Record<string, object>>;
}

/** Records every route registered after this call (HEAD twins of GET routes are left out). */
export function collectRoutes(app: FastifyInstance): CollectedRoute[] {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: r.url,
        schema: (r.schema ?? {}) as RouteSchema,
        doc: (r.config as { doc?: RouteDoc } | undefined)?.doc,
      });
    }
  });
  return routes;
}

/** `/v1/txs/:hash` → `/v1/txs/{hash}`. */
export const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The codes any route may answer with, besides its own. */
function commonErrors(s: RouteSchema, read: RouteDoc['read']['rule']): ApiErrorCode[] {
  const out: ApiErrorCode[] = [];
  if (read === 'signed-in' || read === 'resource') out.push('AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED');
  if (read === 'resource' || read === 'operator') out.push('READ_FORBIDDEN');
  if (s.params || s.querystring || s.headers || s.body) out.push('REQUEST_INVALID');
  if (s.body) out.push('PAYLOAD_TOO_LARGE');
  out.push('NODE_UNAVAILABLE', 'INTERNAL');
  return out;
}

function parameters(where: 'path' | 'query' | 'header', s: ObjectSchema | undefined): object[] {
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === 'path' || (s.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function errorResponses(codes: readonly ApiErrorCode[]): Record<string, object> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set(codes)) {
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

function operation(r: CollectedRoute): object {
  const doc = r.doc;
  if (!doc) throw new NodeError('NODE_BAD_ROUTE', `route ${r.method} ${r.url} has no config.doc`);
  const s = r.schema;
  const ok = doc.produces
    ? {
        description: doc.produces.description,
        content: { [doc.produces.type]: { schema: doc.produces.schema } },
      }
    : {
        description: 'OK',
        content: { 'application/json': { schema: s.response?.['200'] ?? {} } },
      };
  const params = [
    ...parameters('path', s.params),
    ...parameters('query', s.querystring),
    ...parameters('header', s.headers),
  ];
  return {
    operationId: `${r.method.toLowerCase()}${r.url.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc.summary,
    description: `${doc.description ? `${doc.description}\n\n` : ''}**Who may read:** ${doc.read.who}`,
    'x-read-rule': doc.read.rule,
    ...(doc.read.rule === 'public' ? {} : { security: [{ session: [] }] }),
    tags: [doc.tag],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(s.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } }
      : {}),
    responses: { '200': ok, ...errorResponses([...doc.errors, ...commonErrors(s, doc.read.rule)]) },
  };
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

export function openApiDocument(
  routes: readonly CollectedRoute[],
  info: OpenApiInfo,
): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  const sorted = [...routes].sort((a, b) =>
    a.url === b.url ? a.method.localeCompare(b.method) : a.url < b.url ? -1 : 1,
  );
  for (const r of sorted) {
    const path = openApiPath(r.url);
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
    ],
    paths,
    components: {
      schemas: { Error: errorEnvelope },
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
