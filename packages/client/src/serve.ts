/**
 * What the two small HTTP servers beside the node share — the sealed-data service
 * (`djchain sealed serve`) and the web server — in Node only (`@djchain/client/serve`; the browser
 * bundle never imports it): listening and closing, and the JSON answer. Here because both may import
 * the client and neither the other (scripts/check-layers.ts).
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server: its URL, and a close that ends the open connections first. */
export interface ListeningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on `host` and `port` (0: any free port); resolves once listening, rejects on a listen error. */
export async function listen(server: Server, host: string, port: number): Promise<ListeningServer> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A JSON answer, never cached nor sniffed; `headers` adds to (or overrides) those. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** The answer to a path or method nobody serves. */
export const NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'not found' } } as const;
/** The answer to a request that failed for a reason the caller must not see (a bug). */
export const INTERNAL = { error: { code: 'INTERNAL', message: 'internal error' } } as const;
