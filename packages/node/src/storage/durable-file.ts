/**
 * Writing a small file so that after a crash or power cut it holds either the old or the new
 * contents, never a mix: write a temporary file, fsync it, rename it over the target, fsync the
 * directory (the rename itself must be durable before anything that depends on it happens).
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFileDurably(file: string, contents: string | Uint8Array, mode = 0o600): void {
  // Per process: two processes writing the same file never share (and clobber) a temporary file.
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', mode);
  try {
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
