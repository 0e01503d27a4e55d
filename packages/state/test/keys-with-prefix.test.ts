/** keysWithPrefix on both stores: present keys at a version, byte order, deletions, limits. */
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { SqliteNodeStore } from '../src/sqlite-store.ts';
import { StateTree } from '../src/tree.ts';
import type { NodeStore } from '../src/types.ts';
import { sha256 } from './helpers.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
type Lister = NodeStore & { keysWithPrefix(p: Uint8Array, v: number, limit: number): Uint8Array[] };

const stores: Array<[string, () => Lister]> = [
  ['memory', () => new MemoryNodeStore()],
  ['sqlite', () => new SqliteNodeStore({ db: new DatabaseSync(':memory:') })],
];

for (const [name, make] of stores) {
  test(`${name}: keysWithPrefix lists present keys at each version in byte order`, () => {
    const store = make();
    const tree = new StateTree({ hasher: sha256 }, { store });
    const w = (k: string, v: string | null) => [enc.encode(k), v === null ? null : enc.encode(v)] as const;
    tree.update(0, [w('a/2', 'x'), w('a/1', 'x'), w('b/1', 'x'), w('a\u00ff', 'x')]);
    tree.update(1, [w('a/1', null), w('a/3', 'y')]);
    tree.update(2, [w('a/1', 'z')]);
    const list = (p: string, v: number, limit = 100) =>
      store.keysWithPrefix(enc.encode(p), v, limit).map((k) => dec.decode(k));
    assert.deepEqual(list('a/', 0), ['a/1', 'a/2']);
    assert.deepEqual(list('a/', 1), ['a/2', 'a/3']);
    assert.deepEqual(list('a/', 2), ['a/1', 'a/2', 'a/3']);
    assert.deepEqual(list('a/', 2, 2), ['a/1', 'a/2']);
    assert.deepEqual(list('a', 0), ['a/1', 'a/2', 'a\u00ff']);
    assert.deepEqual(list('', 1), ['a/2', 'a/3', 'a\u00ff', 'b/1']);
    assert.deepEqual(list('c', 2), []);
  });

  test(`${name}: keysWithPrefix handles a prefix of 0xff bytes`, () => {
    const store = make();
    const tree = new StateTree({ hasher: sha256 }, { store });
    tree.update(0, [
      [new Uint8Array([0xff, 0xff]), enc.encode('v')],
      [new Uint8Array([0xff]), enc.encode('v')],
      [new Uint8Array([0xfe]), enc.encode('v')],
    ]);
    const got = store.keysWithPrefix(new Uint8Array([0xff]), 0, 10);
    assert.deepEqual(
      got.map((k) => [...k]),
      [[0xff], [0xff, 0xff]],
    );
  });
}
