/**
 * The web server: serves the built app (dist/) on 127.0.0.1, forwards the node's API (/v1/*) so the
 * SDK in the page talks to the node from the same origin, forwards /sealed/* (read, names, import,
 * declare, resident-check) to the sealed-data service when one is configured, and serves /app-config.json — the chain
 * id, suite and genesis validator set the page's light client starts its trust from (read from the
 * node's genesis.json by the operator, never from what a node answers); forwards GET /region/* to the
 * index's dashboards API when one is configured, to readers the node lets read a top organization's
 * operation index.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROUTES, routeUrl } from '@djchain/client';
import { INTERNAL, type ListeningServer, listen, NOT_FOUND, sendJson as send } from '@djchain/client/serve';
import { DjError } from '@djchain/crypto';
import type { ValidatorJson } from '@djchain/ledger';
import type { AppConfig } from './app-config.ts';

export const DIST_DIR = new URL('../dist', import.meta.url).pathname;

export type { AppConfig } from './app-config.ts';

export interface WebServerOptions {
  /** The node's API root, e.g. http://127.0.0.1:26657. */
  readonly nodeUrl: string;
  readonly config: AppConfig;
  readonly host?: string;
  readonly port?: number;
  readonly distDir?: string;
  /**
   * The sealed-data service (`djchain sealed serve`), e.g. http://127.0.0.1:26700: `POST
   * /sealed/read`, `POST /sealed/import`, `POST /sealed/declare`, `POST /sealed/resident-check` and
   * `GET /sealed/names` are forwarded to it so the page asks from the same origin. Absent: 503.
   */
  readonly sealedUrl?: string;
  /**
   * The demo's seeding progress file (`npm start` on a first start): while it exists the history is
   * still being written, so GET /demo-progress.json answers its { done, total } for the page's banner
   * and POST /v1/txs is refused (DEMO_SEEDING) — a resident's transaction signed with a demo key
   * would take a nonce the seeder is about to use. Absent (or the file gone): { seeding: false }.
   */
  readonly progressFile?: string;
  /**
   * The index's dashboards API (`djchain index --serve PORT`), e.g. http://127.0.0.1:26800, on this
   * machine only (loopback, else WEB_INDEX_NOT_LOOPBACK): `GET /region/*` is forwarded there for the
   * 辖区看板, to a reader the node lets read a top organization's operation index (its post holders,
   * the operator). Absent: 503 INDEX_NOT_CONFIGURED, and /app-config.json says `region: false`.
   */
  readonly indexUrl?: string;
}

export type WebServer = ListeningServer;

export class WebError extends DjError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'WebError';
  }
}

/** The trust part of a genesis.json file (chainId, suite, validators), for /app-config.json. */
export function configFromGenesisFile(file: string, title?: string): AppConfig {
  let g: { chainId?: unknown; suite?: unknown; validators?: unknown; modules?: { org?: { orgs?: unknown } } };
  try {
    g = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new WebError('WEB_BAD_GENESIS', `${file}: ${(e as Error).message}`);
  }
  if (
    typeof g.chainId !== 'string' ||
    (g.suite !== 'intl' && g.suite !== 'gm') ||
    !Array.isArray(g.validators)
  )
    throw new WebError('WEB_BAD_GENESIS', `${file}: chainId, suite and validators are required`);
  // Every field the chain hashes into validatorsHash, orgId included: a set missing one hashes
  // differently, and the page's light client then refuses the first header it must check
  // adjacently (CLIENT_UNTRUSTED_VALIDATORS at height 1).
  const validators = (g.validators as ValidatorJson[]).map((v) => ({
    publicKey: v.publicKey,
    power: v.power,
    name: v.name,
    ...(typeof v.orgId === 'string' ? { orgId: v.orgId } : {}),
  }));
  const orgs = Array.isArray(g.modules?.org?.orgs)
    ? (g.modules.org.orgs as { id: string; parent: unknown }[])
    : [];
  const rootOrgs = orgs.filter((o) => o.parent === null).map((o) => o.id);
  return { chainId: g.chainId, suite: g.suite, validators, rootOrgs, ...(title ? { title } : {}) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Only the API routes the page uses are forwarded; /metrics stays with the operator.
const FORWARDED = /^\/(v1\/|healthz$)/;

/**
 * Sent with everything this server answers itself. The Vite build has no inline script (one module
 * script from assets/), so scripts are 'self' only; Ant Design injects its CSS-in-JS as <style>
 * elements, hence 'unsafe-inline' for styles alone. No framing by anyone (clickjacking of signing).
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
    "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, body, SECURITY_HEADERS);

const notFound = (res: ServerResponse) => sendJson(res, 404, NOT_FOUND);
const badRequest = (res: ServerResponse, why: string) =>
  sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: why } });

function forward(req: IncomingMessage, res: ServerResponse, node: URL, what = 'node'): void {
  const upstream = request(
    {
      host: node.hostname,
      port: node.port,
      method: req.method,
      path: req.url,
      // The node keys its per-client limits (sessions, streams, writes) by the resident's
      // address, which it takes from here when this server is on its loopback (trustProxy).
      headers: { ...req.headers, host: node.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, ...SECURITY_HEADERS });
      up.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    if (!res.headersSent)
      sendJson(res, 502, {
        error: {
          code: what === 'node' ? 'NODE_UNAVAILABLE' : 'SEALED_UNAVAILABLE',
          message: `${what} unreachable: ${e.message}`,
        },
      });
    else res.destroy();
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

/** The index's URL when it is on this machine (http to 127.0.0.1, ::1 or localhost), else a WebError. */
export function loopbackIndexUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WebError('WEB_INDEX_NOT_LOOPBACK', `${url}: not a URL`);
  }
  if (
    u.protocol !== 'http:' ||
    !['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname) ||
    u.username !== ''
  )
    throw new WebError(
      'WEB_INDEX_NOT_LOOPBACK',
      `${url}: the index must be on this machine (http://127.0.0.1:PORT)`,
    );
  return u;
}

const REGION_PATH = /^\/region\/[a-z]{1,32}$/;

/**
 * Who may see the region's figures: whoever the node lets read the operation index of one of this
 * chain's top organizations (its post holders and the operator; the index is for "the organization
 * itself and those above it", access.ts) — asked of the node with the reader's own session. The
 * index gets neither the session nor any other header.
 */
async function regionReader(
  req: IncomingMessage,
  node: URL,
  rootOrgs: readonly string[],
): Promise<null | { status: number; body: unknown }> {
  const auth = req.headers.authorization;
  if (typeof auth !== 'string' || auth.length === 0)
    return { status: 401, body: { error: { code: 'AUTH_REQUIRED', message: 'sign in to read the region' } } };
  let last: { status: number; body: unknown } = {
    status: 403,
    body: { error: { code: 'READ_FORBIDDEN', message: 'no top organization in this chain' } },
  };
  // Bounded by the genesis's top organizations (usually one).
  for (const org of rootOrgs) {
    const path = routeUrl(
      ROUTES.query,
      { module: 'insight', name: 'history' },
      {
        params: JSON.stringify({ org, every: 'year' }),
      },
    );
    const r = await fetch(new URL(path, node), { headers: { authorization: auth } });
    if (r.ok) {
      await r.body?.cancel();
      return null;
    }
    last = {
      status: r.status,
      body: await r.json().catch(() => ({ error: { code: 'READ_FORBIDDEN', message: '' } })),
    };
  }
  return last;
}

/**
 * GET `target` (path and query) of the index, once the reader is entitled; its status and JSON
 * answer relayed. The target is the request's path and query only, put after the index's origin:
 * never the request line resolved against it (`//host/region/x` would name another host).
 */
async function forwardRegion(
  req: IncomingMessage,
  res: ServerResponse,
  node: URL,
  index: URL,
  rootOrgs: readonly string[],
  target: string,
): Promise<void> {
  let refused: { status: number; body: unknown } | null;
  try {
    refused = await regionReader(req, node, rootOrgs);
  } catch (e) {
    sendJson(res, 502, {
      error: { code: 'NODE_UNAVAILABLE', message: `node unreachable: ${(e as Error).message}` },
    });
    return;
  }
  if (refused !== null) {
    sendJson(res, refused.status, refused.body);
    return;
  }
  try {
    const r = await fetch(`${index.origin}${target}`, { headers: { accept: 'application/json' } });
    sendJson(res, r.status, await r.json());
  } catch (e) {
    sendJson(res, 502, {
      error: { code: 'INDEX_UNAVAILABLE', message: `index unreachable: ${(e as Error).message}` },
    });
  }
}

/**
 * The file under `dist` a request path names, or null. The path is decoded once (a malformed
 * escape is the caller's 400); anything that could climb — a `..` segment, a backslash, a NUL, a
 * `%` left after decoding (double encoding) — is refused rather than cleaned, and the resolved
 * path must still lie inside dist.
 */
function fileOf(dist: string, pathname: string): string | null {
  const decoded = decodeURIComponent(pathname);
  if (/[\\\0%]/.test(decoded)) return null;
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  const file = resolve(dist, `.${decoded}`);
  if (file !== dist && !file.startsWith(`${dist}${sep}`)) return null;
  return file;
}

/** Compressed copies of the built files (they never change while the server runs), by path. */
const gzipped = new Map<string, Buffer>();
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

function serveFile(req: IncomingMessage, res: ServerResponse, dist: string, pathname: string): void {
  let file = fileOf(dist, pathname);
  if (file === null) {
    notFound(res);
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  const hashed = /\/assets\//.test(file);
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  // gzip for text (issue 20: the app's scripts are a third of their size compressed, which is what
  // a resident on a slow mobile link waits for). Compressed once per file, kept in memory.
  if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    let body = gzipped.get(file);
    if (body === undefined) {
      body = gzipSync(readFileSync(file));
      // index.html is not hashed: a rebuild in place must not be answered from the old copy.
      if (hashed) gzipped.set(file, body);
    }
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, headers);
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The demo's seeding progress while its file exists (null: not seeding, or unreadable). */
function seedingProgress(file: string | null): { seeding: true; done: number; total: number } | null {
  if (file === null) return null;
  try {
    const p = JSON.parse(readFileSync(file, 'utf8')) as { done?: unknown; total?: unknown };
    const done = Number.isInteger(p.done) ? (p.done as number) : 0;
    const total = Number.isInteger(p.total) ? (p.total as number) : 0;
    return { seeding: true, done, total };
  } catch {
    // Gone (seeding finished) or caught mid-write: a missing file is the normal end.
    return existsSync(file) ? { seeding: true, done: 0, total: 0 } : null;
  }
}

/** One request; every failure answers (400 for what the client sent wrong), none escapes. */
function handle(
  req: IncomingMessage,
  res: ServerResponse,
  dist: string,
  node: URL,
  sealed: URL | null,
  config: string,
  progressFile: string | null,
  index: URL | null,
  rootOrgs: readonly string[],
): void {
  let pathname: string;
  let search: string;
  try {
    ({ pathname, search } = new URL(req.url ?? '/', 'http://x'));
    decodeURIComponent(pathname);
  } catch {
    badRequest(res, 'malformed request path');
    return;
  }
  if (pathname === '/demo-progress.json') {
    sendJson(res, 200, seedingProgress(progressFile) ?? { seeding: false });
    return;
  }
  if (FORWARDED.test(pathname)) {
    if (
      req.method === 'POST' &&
      pathname === ROUTES.submitTxs.path &&
      seedingProgress(progressFile) !== null
    ) {
      sendJson(res, 503, {
        error: { code: 'DEMO_SEEDING', message: 'the demo history is still being written; try again later' },
      });
      return;
    }
    forward(req, res, node);
    return;
  }
  if (
    pathname === '/sealed/read' ||
    pathname === '/sealed/names' ||
    pathname === '/sealed/import' ||
    pathname === '/sealed/declare' ||
    pathname === '/sealed/resident-check'
  ) {
    // A read record and an upload are POSTed; names are a GET with the reader's node session.
    const method = pathname === '/sealed/names' ? 'GET' : 'POST';
    if (sealed === null)
      sendJson(res, 503, {
        error: { code: 'SEALED_NOT_CONFIGURED', message: 'no sealed-data service behind this web server' },
      });
    else if (req.method !== method)
      sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: req.method ?? '' } });
    else forward(req, res, sealed, 'sealed-data service');
    return;
  }
  if (pathname.startsWith('/region/')) {
    if (req.method !== 'GET')
      sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: req.method ?? '' } });
    else if (index === null)
      sendJson(res, 503, {
        error: { code: 'INDEX_NOT_CONFIGURED', message: 'no index behind this web server (--index URL)' },
      });
    else if (!REGION_PATH.test(pathname)) notFound(res);
    else
      void forwardRegion(req, res, node, index, rootOrgs, `${pathname}${search}`).catch(() => {
        if (!res.headersSent) sendJson(res, 500, INTERNAL);
        else res.destroy();
      });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: req.method ?? '' } });
    return;
  }
  if (pathname === '/app-config.json') {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(config);
    return;
  }
  serveFile(req, res, dist, pathname);
}

/** Starts the web server; resolves with its URL once listening. */
export async function serveWeb(opts: WebServerOptions): Promise<WebServer> {
  const dist = resolve(opts.distDir ?? DIST_DIR);
  if (!existsSync(join(dist, 'index.html')))
    throw new WebError('WEB_NOT_BUILT', `${dist}/index.html is missing: run npm run build -w packages/web`);
  const node = new URL(opts.nodeUrl);
  const sealed = opts.sealedUrl ? new URL(opts.sealedUrl) : null;
  const index = opts.indexUrl ? loopbackIndexUrl(opts.indexUrl) : null;
  const config = JSON.stringify({ ...opts.config, region: index !== null });
  const progressFile = opts.progressFile ?? null;
  const server = createServer((req, res) => {
    try {
      handle(req, res, dist, node, sealed, config, progressFile, index, opts.config.rootOrgs);
    } catch {
      // A bug here must cost one request, never the server (and the demo with it).
      if (!res.headersSent) sendJson(res, 500, INTERNAL);
      else res.destroy();
    }
  });
  // Garbage on the socket (bad request line, oversized headers): answer 400 and close.
  server.on('clientError', (_e, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return listen(server, opts.host ?? '127.0.0.1', opts.port ?? 0);
}
