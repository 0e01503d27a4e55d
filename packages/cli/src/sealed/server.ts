/**
 * The sealed-data service over HTTP, on 127.0.0.1 by default: `POST /sealed/read` (JSON
 * { tx, signature }, at most 64 KiB) → 200 SealedAnswer, or { error: { code, message, zh } }
 * with the code's status; `GET /sealed/names?org=ID|member=ID` with the reader's node session →
 * { height, names } (names.ts); `GET /healthz`. Requests are answered one field set at a time, bounded in
 * size and time; no answer is cached (no-store). `POST /sealed/import` (JSON { payload, signer,
 * signature }, at most 4 MiB): a roster uploaded in the browser, sealed here (import.ts).
 * `POST /sealed/declare` (JSON { payload, signer, signature }, at most 64 KiB): a member's personal
 * declaration, sealed here; the answer is its commitment (declarations.ts).
 * `POST /sealed/resident-check` (JSON { payload, signer, signature }, at most 64 KiB): the clerk's
 * in-person check of a resident, sealed here; the answer is its commitment (resident-checks.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  SEALED_DECLARE_PATH,
  SEALED_IMPORT_PATH,
  SEALED_READ_PATH,
  SEALED_RESIDENT_CHECK_PATH,
} from '@djchain/client';
import { INTERNAL, type ListeningServer, listen, NOT_FOUND, sendJson as send } from '@djchain/client/serve';
import type { SealedDeclarations } from './declarations.ts';
import { SEALED_ERRORS, SealedError } from './errors.ts';
import type { SealedGate } from './gate.ts';
import type { SealedImport } from './import.ts';
import type { NameReader } from './names.ts';
import type { SealedResidentChecks } from './resident-checks.ts';

/** Names for the signed-in reader's lists (names.ts); the web server forwards it. */
export const SEALED_NAMES_PATH = '/sealed/names';

const MAX_BODY = 64 * 1024;
/** An uploaded roster (at most SEALED_IMPORT_MAX_ROWS rows of text). */
const MAX_IMPORT_BODY = 4 * 1024 * 1024;

export type SealedServer = ListeningServer;

function refuse(res: ServerResponse, e: SealedError): void {
  send(res, e.status, { error: { code: e.code, message: e.message, zh: SEALED_ERRORS[e.code].zh } });
}

function readBody(req: IncomingMessage, max = MAX_BODY): Promise<unknown> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        fail(new SealedError('SEALED_BAD_REQUEST', 'body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('error', () => fail(new SealedError('SEALED_BAD_REQUEST', 'body not received')));
    req.on('end', () => {
      try {
        ok(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        fail(new SealedError('SEALED_BAD_REQUEST', 'body is not JSON'));
      }
    });
  });
}

/** Sends what `work` resolves to (200), its SealedError as a refusal, anything else as a bare 500. */
function answer(res: ServerResponse, work: Promise<unknown>): void {
  work.then(
    (body) => send(res, 200, body),
    (e: unknown) => {
      if (e instanceof SealedError) return refuse(res, e);
      send(res, 500, INTERNAL);
    },
  );
}

export async function serveSealed(
  gate: SealedGate,
  opts: {
    host?: string;
    port?: number;
    names?: NameReader;
    importer?: SealedImport;
    declarations?: SealedDeclarations;
    residentChecks?: SealedResidentChecks;
  } = {},
): Promise<SealedServer> {
  const server = createServer((req, res) => {
    const [path, search] = (req.url ?? '').split('?', 2);
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (req.method === 'GET' && path === SEALED_NAMES_PATH && opts.names) {
      const fwd = req.headers['x-forwarded-for'];
      answer(
        res,
        opts.names.read(
          new URLSearchParams(search ?? ''),
          req.headers.authorization,
          typeof fwd === 'string' ? fwd : undefined,
        ),
      );
      return;
    }
    if (path === SEALED_IMPORT_PATH && req.method === 'POST' && opts.importer) {
      const importer = opts.importer;
      answer(
        res,
        readBody(req, MAX_IMPORT_BODY).then((body) => importer.handle(body)),
      );
      return;
    }
    if (path === SEALED_DECLARE_PATH && req.method === 'POST' && opts.declarations) {
      const declarations = opts.declarations;
      answer(
        res,
        readBody(req).then((body) => declarations.handle(body)),
      );
      return;
    }
    if (path === SEALED_RESIDENT_CHECK_PATH && req.method === 'POST' && opts.residentChecks) {
      const checks = opts.residentChecks;
      answer(
        res,
        readBody(req).then((body) => checks.handle(body)),
      );
      return;
    }
    if (path !== SEALED_READ_PATH || req.method !== 'POST') return send(res, 404, NOT_FOUND);
    answer(
      res,
      readBody(req).then((body) => gate.read(body)),
    );
  });
  // An import seals and commits to age for every row: it may take longer than a read.
  server.requestTimeout = 120_000;
  server.headersTimeout = 10_000;
  server.maxConnections = 64;
  server.on('clientError', (_e, socket) => socket.destroy());
  return listen(server, opts.host ?? '127.0.0.1', opts.port ?? 0);
}
