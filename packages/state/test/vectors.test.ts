/**
 * The state tree against pinned roots (test/vectors/roots.json, written once by
 * spec/generate-vectors.ts from an independent reference) for SHA-256 and SM3: a changed leaf or
 * node prefix, key hashing or collapsing rule changes these roots and fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { leafHash, toHex } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { StateTree, type Write } from '../src/tree.ts';
import { sha256, sm3, utf8 } from './helpers.ts';

interface Roots {
  emptyRoot: string;
  leaf: { key: string; keyHash: string; hash: string; emptyValueHash: string };
  oneKeyRoot: string;
  twoKeysRoot: string;
  version1Root: string;
  version2Root: string;
}
const file = JSON.parse(readFileSync(new URL('./vectors/roots.json', import.meta.url), 'utf8')) as {
  set: [string, string][];
  deleted: string[];
  changed: [string, string];
  suites: Record<'sha256' | 'sm3', Roots>;
};
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const writes = (set: ReadonlyArray<readonly [string, string]>): Write[] =>
  set.map(([k, v]) => [utf8(k), bytes(v)]);

for (const [id, hasher] of [
  ['sha256', sha256],
  ['sm3', sm3],
] as const) {
  const v = file.suites[id];
  const tree = () => new StateTree({ hasher }, { store: new MemoryNodeStore() });
  describe(`state vectors (${id})`, () => {
    it('a leaf hash: H(0x00 ‖ H(key) ‖ H(value))', () => {
      const [key, value] = file.set[0]!;
      assert.equal(v.leaf.key, key);
      assert.equal(toHex(hasher(utf8(key))), v.leaf.keyHash);
      assert.equal(toHex(leafHash(hasher, bytes(v.leaf.keyHash), hasher(bytes(value)))), v.leaf.hash);
      assert.equal(toHex(hasher(new Uint8Array(0))), v.leaf.emptyValueHash);
    });

    it('roots of no key, one key and two keys', () => {
      const t = tree();
      assert.equal(toHex(t.update(1, [])), v.emptyRoot);
      assert.equal(toHex(tree().update(1, writes(file.set.slice(0, 1)))), v.oneKeyRoot);
      assert.equal(toHex(tree().update(1, writes(file.set.slice(0, 2)))), v.twoKeysRoot);
    });

    it('the root of the fixed key set, then after deletes and a change', () => {
      const t = tree();
      assert.equal(toHex(t.update(1, writes(file.set))), v.version1Root);
      const next: Write[] = [...file.deleted.map((k): Write => [utf8(k), null]), ...writes([file.changed])];
      assert.equal(toHex(t.update(2, next)), v.version2Root);
      assert.equal(toHex(t.root(1)), v.version1Root);
    });
  });
}
