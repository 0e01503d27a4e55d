/**
 * Fails when library code (packages/<pkg>/src) makes an error that is not coded: a class deriving
 * from Error other than the one base, DjError (packages/crypto/src/errors.ts), or a `new Error(`
 * (thrown, rejected or dressed up with Object.assign). Every error carries a stable `code`, a
 * message for people and `details` (ARCHITECTURE.md, "Errors"). Tests and benches may do as they
 * like. Run by `npm run lint`; `node scripts/check-errors.ts --root DIR` checks another tree.
 */
import { libraryFiles, runCheck } from './library-sources.ts';

/** The one file allowed to extend Error: where DjError is defined. */
export const BASE_FILE = 'packages/crypto/src/errors.ts';

const EXTENDS = /\bextends\s+(?:Type|Range|Syntax|Reference)?Error\b/g;
const NEW_ERROR = /\bnew\s+(?:Type|Range|Syntax|Reference)?Error\s*\(/g;

/** Problems under `root`: `path:line: what`. */
export function errorProblems(root: string): string[] {
  const problems: string[] = [];
  for (const { rel, text, lineOf } of libraryFiles(root)) {
    if (rel !== BASE_FILE) {
      for (const m of text.matchAll(EXTENDS)) {
        problems.push(`${rel}:${lineOf(m.index)}: extends Error; derive from DjError (@djchain/crypto)`);
      }
    }
    for (const m of text.matchAll(NEW_ERROR)) {
      problems.push(`${rel}:${lineOf(m.index)}: new Error(…) has no code; throw a coded error (a DjError)`);
    }
  }
  return problems;
}

if (import.meta.main)
  runCheck('error check', errorProblems, 'every error in packages/*/src is a coded DjError');
