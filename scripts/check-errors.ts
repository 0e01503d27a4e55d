/**
 * Fails when library code (packages/<pkg>/src) makes an error that is not coded: a class deriving
 * from Error other than the one base, DjError (packages/crypto/src/errors.ts), or a `new Error(`
 * (thrown, rejected or dressed up with Object.assign). Every error carries a stable `code`, a
 * message for people and `details` (ARCHITECTURE.md, "Errors"). Tests and benches may do as they
 * like. Run by `npm run lint`; `node scripts/check-errors.ts --root DIR` checks another tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The one file allowed to extend Error: where DjError is defined. */
export const BASE_FILE = 'packages/crypto/src/errors.ts';

const EXTENDS = /\bextends\s+(?:Type|Range|Syntax|Reference)?Error\b/g;
const NEW_ERROR = /\bnew\s+(?:Type|Range|Syntax|Reference)?Error\s*\(/g;

/** The .ts and .tsx files below `dir` (node_modules and dist left out). */
export function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') sources(full, out);
    } else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

/** The text with comments blanked (lines kept), so a comment that names the pattern is no hit. */
export function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Problems under `root`: `path:line: what`. */
export function errorProblems(root: string): string[] {
  const problems: string[] = [];
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages).sort()) {
    const src = join(packages, pkg, 'src');
    try {
      if (!statSync(src).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const file of sources(src).sort()) {
      const rel = relative(root, file);
      const text = withoutComments(readFileSync(file, 'utf8'));
      const lineOf = (index: number) => text.slice(0, index).split('\n').length;
      if (rel !== BASE_FILE) {
        for (const m of text.matchAll(EXTENDS)) {
          problems.push(`${rel}:${lineOf(m.index)}: extends Error; derive from DjError (@djchain/crypto)`);
        }
      }
      for (const m of text.matchAll(NEW_ERROR)) {
        problems.push(`${rel}:${lineOf(m.index)}: new Error(…) has no code; throw a coded error (a DjError)`);
      }
    }
  }
  return problems;
}

if (import.meta.main) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? (process.argv[i + 1] ?? '.') : new URL('..', import.meta.url).pathname;
  const problems = errorProblems(root);
  if (problems.length > 0) {
    console.error(`error check failed:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log('error check: ok (every error in packages/*/src is a coded DjError)');
}
