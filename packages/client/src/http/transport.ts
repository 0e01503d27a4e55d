/**
 * Calls of the route table's routes over fetch (the SDK's, and exported for callers that read a
 * route before they know the chain, such as the CLI's first status request): the URL built from the route, every answer
 * checked against the route's schema (CLIENT_BAD_RESPONSE otherwise), the node's error envelope
 * turned into coded errors.
 */
import { ClientError, HttpError } from '../errors.ts';
import { schemaProblem } from '../routes/check.ts';
import { type RouteInput, type RouteSpec, routeUrl } from '../routes/spec.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  readonly baseUrl: string;
  /** Per request; a wait request adds its own wait time to this. */
  readonly requestTimeoutMs: number;
  readonly fetch?: FetchLike;
  /** The bearer token to send (a read session or the operator's), if any. */
  readonly token?: () => string | undefined;
  /** Sent with every request besides accept, content type and the token (a forwarded-for). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Called once when the node answers AUTH_SESSION_EXPIRED; resolves true when a new session was
   * opened (the request is then sent again, once).
   */
  readonly renew?: () => Promise<boolean>;
}

export class Transport {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: FetchLike;
  private readonly token: () => string | undefined;
  private readonly renew: (() => Promise<boolean>) | undefined;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(opts: TransportOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.requestTimeoutMs;
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.token = opts.token ?? (() => undefined);
    this.renew = opts.renew;
    this.headers = opts.headers ?? {};
  }

  /**
   * Calls `route`: its answer, checked against the route's response schema (JSON), or the text of
   * a route that `produces` another content type. `extraMs` lengthens the timeout (waits).
   */
  async call<R extends RouteSpec>(route: R, input: RouteInput<R>, extraMs = 0): Promise<unknown> {
    const path = routeUrl(route, input.params, input.query);
    // A route that `consumes` bytes (an attachment) sends them as they are; the others JSON.
    const body = route.method === 'POST' ? (input.body ?? {}) : undefined;
    if (route.consumes !== undefined && !(body instanceof Uint8Array))
      throw new ClientError('CLIENT_BAD_TX', `${route.method} ${route.path}: the body must be bytes`);
    const answer = await this.request(route, path, body, extraMs);
    if (route.response !== undefined) {
      const problem = schemaProblem(route.response, answer);
      if (problem !== null)
        throw new ClientError('CLIENT_BAD_RESPONSE', `${route.method} ${route.path}: ${problem}`, { path });
    }
    return answer;
  }

  private async request(route: RouteSpec, path: string, body: unknown, extraMs: number): Promise<unknown> {
    try {
      return await this.once(route, path, body, extraMs);
    } catch (e) {
      // The node closed the connection before a whole request arrived on it (408 REQUEST_TIMEOUT:
      // a connection this process opened and then stalled on, say): a read is sent again once, on
      // a new connection (RFC 9110 §15.5.9). A write is not repeated here.
      if (e instanceof HttpError && e.apiCode === 'REQUEST_TIMEOUT' && route.method === 'GET')
        return this.once(route, path, body, extraMs);
      if (!(e instanceof HttpError && e.apiCode === 'AUTH_SESSION_EXPIRED' && this.renew)) throw e;
      if (!(await this.renew())) throw e;
      return this.once(route, path, body, extraMs);
    }
  }

  private async once(route: RouteSpec, path: string, body: unknown, extraMs: number): Promise<unknown> {
    const method = route.method;
    const url = this.base + path;
    const token = this.token();
    const auth: Record<string, string> = {
      ...this.headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    let res: Response;
    const bytes = body instanceof Uint8Array ? body : undefined;
    try {
      res = await this.fetchFn(url, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json', ...auth }
            : {
                'content-type': bytes
                  ? (route.consumes?.type ?? 'application/octet-stream')
                  : 'application/json',
                ...auth,
              },
        ...(body === undefined ? {} : { body: (bytes as BodyInit | undefined) ?? JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs + extraMs),
      });
    } catch (e) {
      // fetch says only "fetch failed"; the reason (refused, reset, timed out) is its cause.
      const cause = (e as Error).cause;
      const why =
        cause instanceof Error ? `${(e as Error).message} (${cause.message})` : (e as Error).message;
      throw new ClientError('CLIENT_NETWORK', `${method} ${path}: ${why}`, { url });
    }
    const produced = route.produces?.type ?? 'application/json';
    if (produced !== 'application/json' && res.ok) {
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith(produced))
        throw new ClientError('CLIENT_BAD_RESPONSE', `${method} ${path}: answer is ${type}`, { url });
      // Bytes (an attachment) come back as bytes; the caller verifies them by hash.
      if (produced === 'application/octet-stream') return new Uint8Array(await res.arrayBuffer());
      return res.text();
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ClientError('CLIENT_BAD_RESPONSE', `${method} ${path}: answer is not JSON`, {
        status: res.status,
      });
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
        ?.error;
      const code = typeof err?.code === 'string' ? err.code : 'HTTP_ERROR';
      const message = typeof err?.message === 'string' ? err.message : res.statusText;
      const details =
        typeof err?.details === 'object' && err.details !== null ? { details: err.details } : {};
      throw new HttpError(res.status, code, message, { ...details, path });
    }
    return json;
  }
}
