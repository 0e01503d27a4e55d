/**
 * The JavaScript a cold load of the app fetches before it can render (issue 20): the entry script
 * and every module it preloads, as the built index.html lists them, gzip-compressed at level 6
 * (what the web server sends). Pages and the chart library are chunks of their own, fetched when
 * their route opens, and are not counted. Read by the bench (`web_initial_js_kb_gz`) and by the
 * test that holds the app to its budget (test/initial-js.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget of issue 20, in KiB of gzip. */
export const INITIAL_JS_BUDGET_KIB = 350;

/**
 * gzip size of the entry script and its modulepreloads in `distDir`: `bytes`, `kb` (KiB rounded, as
 * the bench prints it), and how many files.
 */
export function initialJsKbGz(distDir: string): { kb: number; bytes: number; files: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(distDir, f)), { level: 6 }).length,
    0,
  );
  return { kb: Math.round(bytes / 1024), bytes, files: files.length };
}
