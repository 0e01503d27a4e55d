/**
 * What one route of the node's HTTP API is, written once for both sides: the node serves it with
 * these schemas (fastify validates the request and serializes the 200 answer with them) and
 * generates its OpenAPI document from them; the SDK builds the URL from `path` and checks every
 * answer against `response` before decoding it. See ARCHITECTURE.md, "The route table".
 */

/** A JSON Schema (draft 2020-12, the subset listed in check.ts). */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface ObjectSchema {
  readonly type: 'object';
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
}

/**
 * Who may call a route (enforced by the node's readers.ts; 'resource' routes check what they read
 * with access.ts): anyone, any signed-in key, a reader of the resource named, or the node's
 * operator (its token, or a direct loopback connection).
 */
export type ReadRule = 'public' | 'signed-in' | 'resource' | 'operator';

export type RouteTag =
  | 'chain'
  | 'transactions'
  | 'events'
  | 'operations'
  | 'documentation'
  | 'auth'
  | 'attachments'
  | 'disclosure';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** `/v1/txs/:hash`: `:name` segments are the path parameters. */
  readonly path: string;
  readonly params?: ObjectSchema;
  readonly query?: ObjectSchema;
  readonly headers?: ObjectSchema;
  readonly body?: ObjectSchema;
  /**
   * For a body that is not JSON (an attachment's bytes): its content type and what it is. The
   * node streams it to the handler unparsed; the SDK sends bytes.
   */
  readonly consumes?: { readonly type: string; readonly description: string };
  /** The 200 answer when it is JSON. */
  readonly response?: JsonSchema;
  /**
   * For answers that are not JSON (Prometheus text, HTML, server-sent events): the content type
   * and, for the document only, the schema of what travels.
   */
  readonly produces?: { readonly type: string; readonly schema: JsonSchema; readonly description: string };
  readonly summary: string;
  readonly description?: string;
  readonly tag: RouteTag;
  /** The route's read rule, and in words who may read (shown in the document). */
  readonly read: { readonly rule: ReadRule; readonly who: string };
  /**
   * The node's registry codes this route answers with besides the common ones (the node's
   * openapi.ts adds those; a type check in the node keeps these in its registry).
   */
  readonly errors: readonly string[];
}

/** The names of the `:name` segments of a path, as a type. */
export type PathParams<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | PathParams<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** What a call of route R sends: its path parameters (required by type), query and body. */
export type RouteInput<R extends RouteSpec> = ([PathParams<R['path']>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: { readonly [K in PathParams<R['path']>]: string | number } }) & {
  readonly query?: { readonly [name: string]: string | number | undefined };
  readonly body?: unknown;
};

/**
 * The URL path (and query string) of a call: each `:name` segment replaced by its parameter,
 * percent-encoded; query entries that are undefined are left out.
 */
export function routeUrl(
  route: RouteSpec,
  params: { readonly [name: string]: string | number } | undefined,
  query: { readonly [name: string]: string | number | undefined } = {},
): string {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(String(params?.[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
