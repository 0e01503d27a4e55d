import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { isStateError } from '../src/errors.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { encodeProof, verifyProof } from '../src/proof.ts';
import { SqliteNodeStore, tuneDatabase } from '../src/sqlite-store.ts';
import { StateTree, type Write } from '../src/tree.ts';
import { sm3, utf8 } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'djchain-state-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic writes for version v: inserts, updates and deletions over 60 keys. */
function writesAt(v: number): Write[] {
  const out: Write[] = [];
  for (let i = 0; i < 20; i++) {
    const k = (v * 7 + i * 13) % 60;
    out.push([utf8(`org/b${k}`), (v + i) % 5 === 0 ? null : utf8(`v${v}.${i}`)]);
  }
  return out;
}

function open(file: string) {
  const db = new DatabaseSync(file);
  tuneDatabase(db, 8);
  const tree = new StateTree({ hasher: sm3 }, { store: new SqliteNodeStore({ db }) });
  return { db, tree };
}

describe('sqlite persistence', () => {
  it('serves the same roots, values and proofs after close and reopen, and continues', () => {
    const file = join(dir, 'reopen.db');
    const mem = new StateTree({ hasher: sm3 }, { store: new MemoryNodeStore() });
    const a = open(file);
    for (let v = 1; v <= 6; v++) {
      a.tree.update(v, writesAt(v));
      mem.update(v, writesAt(v));
    }
    a.tree.prune(3);
    const keys = Array.from({ length: 60 }, (_, k) => utf8(`org/b${k}`));
    const snapshot = (t: StateTree) =>
      [3, 4, 5, 6].map((v) => ({
        root: t.root(v),
        values: keys.map((k) => t.get(k, v)),
        proofs: keys.map((k) => encodeProof(t.prove(k, v))),
      }));
    const before = snapshot(a.tree);
    a.db.close();

    const b = open(file);
    assert.deepEqual(snapshot(b.tree), before);
    assert.deepEqual(b.tree.versions(), { oldest: 3, latest: 6 });
    assert.throws(
      () => b.tree.root(2),
      (e) => isStateError(e, 'STATE_VERSION_PRUNED'),
    );
    for (let v = 3; v <= 6; v++) {
      assert.deepEqual(b.tree.root(v), mem.root(v), 'same roots as the memory store');
      keys.forEach((k) => {
        assert.ok(verifyProof(sm3, b.tree.root(v), k, b.tree.get(k, v), b.tree.prove(k, v)));
      });
    }
    assert.deepEqual(b.tree.update(7, writesAt(7)), mem.update(7, writesAt(7)));
    b.db.close();
  });

  it("joins the caller's transaction: a rollback drops the version with the caller's rows", () => {
    const file = join(dir, 'txn.db');
    const a = open(file);
    a.db.exec('CREATE TABLE block (height INTEGER PRIMARY KEY)');
    const r1 = a.tree.update(1, writesAt(1));
    const { nodeBatch } = a.tree.applyBatch(2, writesAt(2));
    a.db.exec('BEGIN');
    a.db.prepare('INSERT INTO block (height) VALUES (2)').run();
    a.tree.commit(nodeBatch);
    a.db.exec('ROLLBACK');
    a.db.close();
    const b = open(file);
    assert.deepEqual(b.tree.versions(), { oldest: 1, latest: 1 });
    assert.deepEqual(b.tree.root(1), r1);
    assert.equal(b.db.prepare('SELECT count(*) AS n FROM block').get()?.n, 0);
    b.db.close();
  });
  it('writes batches of several insert chunks (hundreds of nodes and values) that read back after reopen', () => {
    const file = join(dir, 'chunks.db');
    const mem = new StateTree({ hasher: sm3 }, { store: new MemoryNodeStore() });
    const a = open(file);
    // 1,000 keys then 300 of them again: both batches span several 128-row chunks plus a rest.
    const first: Write[] = Array.from({ length: 1000 }, (_, i) => [utf8(`big/${i}`), utf8(`a${i}`)]);
    const second: Write[] = Array.from({ length: 300 }, (_, i) => [
      utf8(`big/${i * 3}`),
      i % 7 ? utf8(`b${i}`) : null,
    ]);
    const n1 = a.tree.applyBatch(1, first).nodeBatch;
    assert.ok(n1.nodes.length > 2 * 128 && n1.values.length > 2 * 128);
    a.tree.commit(n1);
    mem.update(1, first);
    assert.deepEqual(a.tree.update(2, second), mem.update(2, second));
    const rows = a.db.prepare('SELECT count(*) AS n FROM smt_node WHERE version = 1').get()?.n;
    assert.equal(rows, n1.nodes.length);
    a.db.close();
    const b = open(file);
    for (let i = 0; i < 1000; i += 37) {
      const k = utf8(`big/${i}`);
      assert.deepEqual(b.tree.get(k, 2), mem.get(k, 2));
      assert.ok(verifyProof(sm3, b.tree.root(2), k, b.tree.get(k, 2), b.tree.prove(k, 2)));
    }
    assert.deepEqual(b.tree.update(3, writesAt(3)), mem.update(3, writesAt(3)));
    b.db.close();
  });
});
