/**
 * Fails when a Markdown table row has another number of cells than its header: an unescaped `|`
 * inside a cell (even inside backticks, as GFM reads it) splits the cell and breaks the table.
 * Run by `npm run lint`. `node scripts/check-tables.ts [files…]` checks the given files only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Cells of a table row: split on `|` not preceded by a backslash, without the outer pipes. */
export function cells(row: string): number {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

/** Problems in one Markdown text: `line N: k cells, the header has h`. */
export function tableProblems(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let header = 0;
  let inFence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || !line.trim().startsWith('|')) {
      header = 0;
      return;
    }
    const n = cells(line);
    if (header === 0) header = n;
    else if (n !== header) out.push(`line ${i + 1}: ${n} cells, the header has ${header}`);
  });
  return out;
}

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) markdownFiles(full, out);
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

if (import.meta.main) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : markdownFiles(root);
  const problems = files.flatMap((f) =>
    tableProblems(readFileSync(f, 'utf8')).map((p) => `${relative(root, f)} ${p}`),
  );
  if (problems.length > 0) {
    console.error(`table check failed (escape | inside a cell as \\|):\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`table check: ok (${files.length} files)`);
}
