/**
 * Fails when product code outside the client package (packages/<pkg>/src, pkg ≠ client) writes a
 * path of the node's API by hand: a string or template literal that starts with `/v1`, or has `/v1`
 * right after an interpolation (`${api}/v1/…`). Every call of the API goes through the route table
 * (`ROUTES` of @djchain/client) and the SDK (`DjchainClient`, `client.call(ROUTES.x, …)`, or its
 * `Transport` before the chain is known), so a path is written once (ARCHITECTURE.md, "The
 * route table"). Comments may name paths; tests may call raw paths (they test the HTTP surface
 * itself, encoded and malformed forms included). Run by `npm run lint`; `--root DIR` checks
 * another tree.
 */
import { libraryFiles, runCheck } from './library-sources.ts';

/** The package that owns the route table and may spell its paths. */
export const ROUTE_PACKAGE = 'client';

// A quote or backtick, or the close of an interpolation, directly followed by /v1 (then /, ?, or
// the literal's end).
const RAW_PATH = /(?:['"`]|\})\/v1(?=[/?'"`])/g;

/** Problems under `root`: `path:line: what`. */
export function routeProblems(root: string): string[] {
  const problems: string[] = [];
  for (const { pkg, rel, text, lineOf } of libraryFiles(root)) {
    if (pkg === ROUTE_PACKAGE) continue;
    for (const m of text.matchAll(RAW_PATH)) {
      problems.push(
        `${rel}:${lineOf(m.index)}: a raw API path; call it through ROUTES and the SDK (@djchain/client)`,
      );
    }
  }
  return problems;
}

if (import.meta.main)
  runCheck('route check', routeProblems, 'API paths are written only in the route table of @djchain/client');
