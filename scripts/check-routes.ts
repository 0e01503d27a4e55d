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
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sources, withoutComments } from './check-errors.ts';

/** The package that owns the route table and may spell its paths. */
export const ROUTE_PACKAGE = 'client';

// A quote or backtick, or the close of an interpolation, directly followed by /v1 (then /, ?, or
// the literal's end).
const RAW_PATH = /(?:['"`]|\})\/v1(?=[/?'"`])/g;

/** Problems under `root`: `path:line: what`. */
export function routeProblems(root: string): string[] {
  const problems: string[] = [];
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages).sort()) {
    if (pkg === ROUTE_PACKAGE) continue;
    const src = join(packages, pkg, 'src');
    try {
      if (!statSync(src).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const file of sources(src).sort()) {
      const rel = relative(root, file);
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const m of text.matchAll(RAW_PATH)) {
        const line = text.slice(0, m.index).split('\n').length;
        problems.push(`${rel}:${line}: a raw API path; call it through ROUTES and the SDK (@djchain/client)`);
      }
    }
  }
  return problems;
}

if (import.meta.main) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? (process.argv[i + 1] ?? '.') : new URL('..', import.meta.url).pathname;
  const problems = routeProblems(root);
  if (problems.length > 0) {
    console.error(`route check failed:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('route check: ok (API paths are written only in the route table of @djchain/client)');
}
