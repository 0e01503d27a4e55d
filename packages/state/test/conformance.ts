/**
 * One conformance suite for every NodeStore implementation (memory, sqlite): the tree over the
 * store must agree with a naive Map model and the reference root, and its proofs must verify.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isStateError } from '../src/errors.ts';
import { toHex, ZERO_HASH } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { verifyProof } from '../src/proof.ts';
import { StateTree } from '../src/tree.ts';
import type { Hasher, NodeStore } from '../src/types.ts';
import { referenceRoot, suites, utf8 } from './helpers.ts';

/** Makes fresh stores; `reopen` gives a new store over the same data (persistence). */
export interface StoreFactory {
  fresh(): { store: NodeStore & { stats(): { nodes: number; values: number } }; close(): void };
}

/** Distinct nodes reachable from the roots of versions oldest..latest. */
function reachableNodes(store: NodeStore, oldest: number, latest: number): number {
  const seen = new Set<string>();
  const visit = (version: number, path: string) => {
    if (seen.has(`${version}/${path}`)) return;
    seen.add(`${version}/${path}`);
    const node = store.readNode(version, path);
    assert.ok(node, `node ${version}/${path} is stored`);
    if (node.kind === 'internal') {
      for (let i = 0; i < 16; i++)
        if (node.present & (1 << i)) visit(node.versions[i]!, path + i.toString(16));
    }
  };
  for (let v = oldest; v <= latest; v++) {
    const root = store.readRoot(v);
    if (root?.nodeVersion != null) visit(root.nodeVersion, '');
  }
  return seen.size;
}

const KEYS = 24;
const keyOf = (i: number) => `member/m${i}`;
const op = fc.record({
  k: fc.nat({ max: KEYS - 1 }),
  del: fc.boolean(),
  v: fc.uint8Array({ maxLength: 6 }),
});
const scenario = fc.array(fc.record({ ops: fc.array(op, { maxLength: 20 }), prune: fc.boolean() }), {
  minLength: 1,
  maxLength: 6,
});

function freshRoot(hasher: Hasher, model: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tree = new StateTree({ hasher }, { store: new MemoryNodeStore() });
  return tree.update(
    0,
    [...model].map(([k, v]) => [utf8(k), v] as const),
  );
}

/** Everything the tree must agree with the model on, at one version. */
function checkVersion(
  hasher: Hasher,
  tree: StateTree,
  version: number,
  model: ReadonlyMap<string, Uint8Array>,
) {
  const root = tree.root(version);
  assert.equal(toHex(root), toHex(referenceRoot(hasher, model)), `root of version ${version}`);
  for (let i = 0; i < KEYS; i++) {
    const key = utf8(keyOf(i));
    const value = model.get(keyOf(i));
    assert.deepEqual(tree.get(key, version), value, `get ${keyOf(i)} at ${version}`);
    const proof = tree.prove(key, version);
    assert.ok(verifyProof(hasher, root, key, value, proof), `proof of ${keyOf(i)} at ${version}`);
    // The same proof must not prove anything else.
    const other = value === undefined ? new Uint8Array([1]) : undefined;
    assert.equal(verifyProof(hasher, root, key, other, proof), false, 'wrong value');
    if (value) assert.equal(verifyProof(hasher, root, key, Uint8Array.of(...value, 0), proof), false);
  }
}

export function storeConformance(name: string, factory: StoreFactory): void {
  for (const [suite, hasher] of suites) {
    describe(`${name} store, ${suite}`, () => {
      it('agrees with a Map model over random operation sequences, with pruning', () => {
        fc.assert(
          fc.property(scenario, fc.nat({ max: 3 }), (blocks, start) => {
            const { store, close } = factory.fresh();
            try {
              const tree = new StateTree({ hasher, cacheNodes: 64 }, { store });
              const model = new Map<string, Uint8Array>();
              const snapshots = new Map<number, Map<string, Uint8Array>>();
              let oldest = start;
              blocks.forEach((block, b) => {
                const version = start + b;
                const writes = block.ops.map((o) => [utf8(keyOf(o.k)), o.del ? null : o.v] as const);
                for (const o of block.ops) {
                  if (o.del) model.delete(keyOf(o.k));
                  else model.set(keyOf(o.k), o.v);
                }
                const { root, nodeBatch } = tree.applyBatch(version, writes);
                tree.commit(nodeBatch);
                snapshots.set(version, new Map(model));
                assert.equal(
                  toHex(root),
                  toHex(freshRoot(hasher, model)),
                  'same root as a tree built at once',
                );
                if (block.prune && version > oldest) {
                  oldest = version - 1;
                  tree.prune(oldest);
                  // Pruning keeps exactly what the retained versions reach: no leak, no loss.
                  assert.equal(store.stats().nodes, reachableNodes(store, oldest, version));
                }
                for (const [v, snap] of snapshots) {
                  if (v >= oldest) checkVersion(hasher, tree, v, snap);
                  else
                    assert.throws(
                      () => tree.prove(utf8(keyOf(0)), v),
                      (e) => isStateError(e, 'STATE_VERSION_PRUNED'),
                    );
                }
              });
            } finally {
              close();
            }
          }),
          { numRuns: 40 },
        );
      });

      it('applyBatch leaves the store untouched and is independent of write order', () => {
        fc.assert(
          fc.property(
            fc.array(op, { minLength: 1, maxLength: 30 }),
            fc.array(op, { maxLength: 30 }),
            (first, second) => {
              const { store, close } = factory.fresh();
              try {
                const tree = new StateTree({ hasher }, { store });
                const toWrites = (ops: typeof first) =>
                  ops.map((o) => [utf8(keyOf(o.k)), o.del ? null : o.v] as const);
                tree.update(1, toWrites(first));
                // Writes to distinct keys in any order give the same root.
                const last = new Map(second.map((o) => [o.k, o]));
                const distinct = toWrites([...last.values()]);
                const a = tree.applyBatch(2, distinct);
                const b = tree.applyBatch(2, distinct.slice().reverse());
                assert.deepEqual(a.root, b.root);
                assert.deepEqual(store.versions(), { oldest: 1, latest: 1 }, 'applyBatch did not write');
                tree.commit(b.nodeBatch);
                assert.deepEqual(tree.root(2), a.root);
              } finally {
                close();
              }
            },
          ),
          { numRuns: 30 },
        );
      });
    });
  }

  describe(`${name} store: versions and errors`, () => {
    const [, hasher] = suites[0]!;
    it('an empty batch or deleting absent keys keeps the root and writes no node', () => {
      const { store, close } = factory.fresh();
      const tree = new StateTree({ hasher }, { store });
      assert.deepEqual(tree.update(0, []), ZERO_HASH);
      const r1 = tree.update(1, [[utf8('a'), utf8('1')]]);
      const r2 = tree.applyBatch(2, [[utf8('b'), null]]);
      assert.deepEqual(r2.root, r1);
      assert.equal(r2.nodeBatch.nodes.length, 0);
      assert.equal(r2.nodeBatch.values.length, 0, 'deleting an absent key is not a value change');
      tree.commit(r2.nodeBatch);
      assert.deepEqual(tree.update(3, []), r1);
      assert.deepEqual(tree.get(utf8('a'), 3), utf8('1'));
      close();
    });

    it('setting keys to the values they hold keeps the root and stores only the real changes', () => {
      const { store, close } = factory.fresh();
      const tree = new StateTree({ hasher }, { store });
      const r1 = tree.update(1, [
        [utf8('a'), utf8('1')],
        [utf8('b'), utf8('2')],
        [utf8('c'), utf8('3')],
      ]);
      const same = tree.applyBatch(2, [
        [utf8('a'), utf8('1')],
        [utf8('c'), utf8('3')],
      ]);
      assert.deepEqual(same.root, r1);
      assert.equal(same.nodeBatch.nodes.length, 0);
      assert.equal(same.nodeBatch.values.length, 0, 'a value the key held is not a change');
      tree.commit(same.nodeBatch);
      // Mixed with real changes in one batch (a rewrite beside a changed key under the same
      // node), only the changed key and the deleted one are stored.
      const mixed = tree.applyBatch(3, [
        [utf8('a'), utf8('1')],
        [utf8('b'), utf8('20')],
        [utf8('c'), null],
        [utf8('z'), null],
      ]);
      const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
      const stored = mixed.nodeBatch.values.map((w) => `${text(w.key)}=${text(w.value)}`).sort();
      assert.deepEqual(stored, ['b=20', 'c=null']);
      close();
    });

    it('rejects versions out of order, unknown and pruned versions with coded errors', () => {
      const { store, close } = factory.fresh();
      const tree = new StateTree({ hasher }, { store });
      assert.throws(
        () => tree.root(0),
        (e) => isStateError(e, 'STATE_VERSION_UNKNOWN'),
      );
      tree.update(5, [[utf8('a'), utf8('1')]]);
      tree.update(6, [[utf8('a'), utf8('2')]]);
      tree.update(7, [[utf8('a'), null]]);
      assert.throws(
        () => tree.applyBatch(7, []),
        (e) => isStateError(e, 'STATE_VERSION_CONFLICT'),
      );
      assert.throws(
        () => tree.applyBatch(9, []),
        (e) => isStateError(e, 'STATE_VERSION_CONFLICT'),
      );
      assert.throws(
        () => tree.root(8),
        (e) => isStateError(e, 'STATE_VERSION_UNKNOWN'),
      );
      assert.throws(
        () => tree.prune(8),
        (e) => isStateError(e, 'STATE_BAD_INPUT'),
      );
      const stats = tree.prune(7);
      assert.deepEqual(stats.versions, 2);
      assert.ok(stats.nodes >= 2, 'the replaced leaves are gone');
      assert.equal(stats.values, 3, 'both old values and the tombstone are gone');
      assert.throws(
        () => tree.get(utf8('a'), 6),
        (e) => isStateError(e, 'STATE_VERSION_PRUNED'),
      );
      assert.throws(
        () => tree.root(5),
        (e) => isStateError(e, 'STATE_VERSION_PRUNED'),
      );
      assert.equal(tree.get(utf8('a'), 7), undefined);
      assert.deepEqual(tree.root(7), ZERO_HASH);
      assert.deepEqual(tree.versions(), { oldest: 7, latest: 7 });
      close();
    });
  });
}
