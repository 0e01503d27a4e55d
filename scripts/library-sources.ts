/**
 * What the source checks (check-errors.ts, check-routes.ts) read and how they report: every
 * .ts/.tsx file of packages/<pkg>/src with its comments blanked (a comment may name what a check
 * forbids), and the command-line run that prints the problems and fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The .ts and .tsx files below `dir` (node_modules and dist left out). */
function sources(dir: string, out: string[] = []): string[] {
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

export interface LibraryFile {
  readonly pkg: string;
  /** The path from the root, e.g. packages/web/src/app/chain.ts. */
  readonly rel: string;
  /** The file's text with comments blanked. */
  readonly text: string;
  /** The 1-based line of a character index of `text`. */
  lineOf(index: number): number;
}

/** Every library source file under `root`, package by package, in name order. */
export function* libraryFiles(root: string): Generator<LibraryFile> {
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages).sort()) {
    const src = join(packages, pkg, 'src');
    try {
      if (!statSync(src).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const file of sources(src).sort()) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      yield { pkg, rel: relative(root, file), text, lineOf: (i) => text.slice(0, i).split('\n').length };
    }
  }
}

/**
 * The command line of a check: `--root DIR` (default: this repository) is handed to `problems`;
 * any problem is printed under `name` and the process fails, else `ok` is printed.
 */
export function runCheck(name: string, problems: (root: string) => string[], ok: string): void {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? (process.argv[i + 1] ?? '.') : new URL('..', import.meta.url).pathname;
  const found = problems(root);
  if (found.length > 0) {
    console.error(`${name} failed:\n- ${found.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`${name}: ok (${ok})`);
}
