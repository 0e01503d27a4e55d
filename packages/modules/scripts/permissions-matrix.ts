/**
 * Writes or checks docs/permissions.md:
 *   node packages/modules/scripts/permissions-matrix.ts --write
 *   node packages/modules/scripts/permissions-matrix.ts --check   (exit 1 on drift)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeMarkdown, renderPermissionMatrix } from '../src/permissions/matrix.ts';

export const MATRIX_PATH = new URL('../../../docs/permissions.md', import.meta.url);

export function readMatrixFile(): string | null {
  try {
    return readFileSync(MATRIX_PATH, 'utf8');
  } catch {
    return null;
  }
}

if (import.meta.main) {
  const text = renderPermissionMatrix();
  if (process.argv.includes('--write')) {
    writeFileSync(MATRIX_PATH, text);
    console.log(`wrote ${MATRIX_PATH.pathname}`);
  } else if (normalizeMarkdown(readMatrixFile() ?? '') !== normalizeMarkdown(text)) {
    console.error('docs/permissions.md is out of date: run with --write');
    process.exit(1);
  } else console.log('docs/permissions.md is up to date');
}
