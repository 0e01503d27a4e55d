/**
 * One process per node directory: `node.lock`, created exclusively (O_EXCL) and holding the pid.
 * Two processes on one directory would each sign with the same key from their own consensus state
 * — a double sign — and write the same database. A lock left by a process that no longer exists
 * (killed with SIGKILL, power cut) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NodeError } from '../errors.ts';

export const LOCK_FILE = 'node.lock';

export interface DirLock {
  readonly file: string;
  /** Removes the lock file (only if it still holds our pid). Idempotent. */
  release(): void;
}

/** Takes the directory's lock or throws `NODE_DIR_LOCKED` naming the file and the holder's pid. */
export function lockDir(dir: string, pid = process.pid): DirLock {
  const file = join(dir, LOCK_FILE);
  // Bounded: one takeover of a stale lock, then one more try.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        file,
        release: () => {
          if (released) return;
          released = true;
          if (holderOf(file) === pid) unlinkSync(file);
        },
      };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    const holder = holderOf(file);
    if (holder !== undefined && isAlive(holder)) {
      throw new NodeError('NODE_DIR_LOCKED', `${file} is held by the running process ${holder}`, {
        file,
        pid: holder,
      });
    }
    // Stale (dead pid, or unreadable contents from a crash while writing it): take it over.
    try {
      unlinkSync(file);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
    }
  }
  throw new NodeError('NODE_DIR_LOCKED', `${file} could not be taken`, { file });
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user — alive.
    return (e as { code?: string }).code === 'EPERM';
  }
}
