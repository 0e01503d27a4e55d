import { appendFileSync, closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Appends `line` and a newline to `file` (created owner-only), synced to disk before it returns:
 * the service answers (a commitment that goes on chain next, a field released) only after what it
 * recorded is durable.
 */
export function appendSynced(file: string, line: string): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    appendFileSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
