/** JSON over fetch with the node's error envelope turned into coded errors. */
import { ClientError, HttpError } from '../errors.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  readonly baseUrl: string;
  /** Per request; a wait request adds its own wait time to this. */
  readonly requestTimeoutMs: number;
  readonly fetch?: FetchLike;
}

export class Transport {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: FetchLike;

  constructor(opts: TransportOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.requestTimeoutMs;
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get(path: string, query: Record<string, string | number | undefined> = {}, extraMs = 0): Promise<unknown> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return this.request('GET', qs ? `${path}?${qs}` : path, undefined, extraMs);
  }

  post(path: string, body: unknown): Promise<unknown> {
    return this.request('POST', path, body, 0);
  }

  private async request(method: string, path: string, body: unknown, extraMs: number): Promise<unknown> {
    const url = this.base + path;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs + extraMs),
      });
    } catch (e) {
      throw new ClientError('CLIENT_NETWORK', `${method} ${path}: ${(e as Error).message}`, { url });
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
