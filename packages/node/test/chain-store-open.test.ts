/**
 * Opening a chain.db that a running node keeps writing (a replay, a test reading a live validator):
 * the state versions and the block height ChainStore compares come from one read snapshot, so a
 * block committed while it opens is not taken for a damaged file (NODE_STORE_CORRUPT). The block
 * lands, through a second connection, exactly between the two reads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { SqliteBlockStore } from '@djchain/ledger/sqlite';
import { ChainStore } from '../src/storage/chain-store.ts';

const suite = getSuite('intl', 'node');

/** Block `h` and state version `h` in one transaction of `db` (rows only: what the check reads). */
function commitRows(db: DatabaseSync, h: number): void {
  db.exec('BEGIN IMMEDIATE');
  db.prepare('INSERT INTO smt_root (version, node_version, hash) VALUES (?, NULL, ?)').run(
    h,
    new Uint8Array(32),
  );
  db.prepare(
    'INSERT INTO blk_block (height, hash, header, last_commit, commit_cert, tx_count) VALUES (?, ?, ?, NULL, ?, 0)',
  ).run(h, new Uint8Array(32).fill(h), new Uint8Array(1), new Uint8Array(1));
  db.exec('COMMIT');
}

test('a block committed between the reads of an opening ChainStore: one snapshot, no false corruption', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'djnode-open-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'chain.db');
  new ChainStore({ file, suite }).close(); // the tables
  const writer = new DatabaseSync(file);
  t.after(() => writer.close());
  commitRows(writer, 1);

  // The other process's next block lands when the opening store asks for the block height.
  const original = SqliteBlockStore.prototype.latestHeight;
  let landed = false;
  SqliteBlockStore.prototype.latestHeight = function (this: SqliteBlockStore) {
    if (!landed) {
      landed = true;
      commitRows(writer, 2);
    }
    return original.call(this);
  };
  t.after(() => {
    SqliteBlockStore.prototype.latestHeight = original;
  });

  const opened = new ChainStore({ file, suite });
  assert.ok(landed, 'the block landed while the store opened');
  opened.close();
  // Opened again: the later snapshot, as consistent.
  const again = new ChainStore({ file, suite });
  assert.equal(again.latestHeight(), 2);
  again.close();
});
