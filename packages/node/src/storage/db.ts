/** Opening the node's one sqlite database file with the pragmas crash safety depends on. */
import { DatabaseSync } from 'node:sqlite';

/**
 * Opens (or creates) the database. WAL with synchronous=FULL: every COMMIT fsyncs the WAL, so a
 * committed block or consensus record survives power loss, not only a process crash. The cost is
 * one fsync per transaction, and the node writes one transaction per block (plus one per
 * consensus record), never one per transaction, so it does not limit throughput.
 */
export function openDatabase(file: string, cacheMiB = 128): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec(`PRAGMA cache_size = ${-Math.floor(cacheMiB * 1024)}`);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/** Runs `fn` in one transaction: all of its writes or none. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
