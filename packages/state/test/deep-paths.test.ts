import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toHex } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { verifyProof } from '../src/proof.ts';
import { StateTree } from '../src/tree.ts';
import { chosenKey, chosenKeyHasher as hasher, referenceRoot } from './helpers.ts';

/** A key hash equal to `base` with bit `bit` flipped. */
function flip(base: Uint8Array, bit: number): Uint8Array {
  const h = base.slice();
  h[bit >> 3]! ^= 0x80 >> (bit & 7);
  return h;
}

describe('keys sharing long prefixes', () => {
  it('keep the reference root and valid proofs down to depth 256, and collapse on delete', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uniqueArray(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }),
        (base, bits) => {
          const tree = new StateTree({ hasher }, { store: new MemoryNodeStore() });
          const hashes = [base, ...bits.map((b) => flip(base, b))];
          const entries = hashes.map((h, i) => [chosenKey(h), Uint8Array.of(i)] as const);
          tree.update(1, entries);
          assert.equal(toHex(tree.root(1)), toHex(referenceRoot(hasher, entries)));
          for (const [k, v] of entries) {
            const proof = tree.prove(k, 1);
            assert.ok(verifyProof(hasher, tree.root(1), k, v, proof));
          }
          const deepest = Math.max(...bits);
          assert.equal(
            tree.prove(chosenKey(base), 1).siblings.length,
            deepest + 1,
            'leaf at its shortest unique prefix',
          );
          // Delete all but the base key: the tree collapses back to a single leaf at the root.
          tree.update(
            2,
            entries.slice(1).map(([k]) => [k, null] as const),
          );
          assert.equal(toHex(tree.root(2)), toHex(referenceRoot(hasher, entries.slice(0, 1))));
          assert.equal(tree.prove(chosenKey(base), 2).siblings.length, 0);
          // Absent neighbours are proven absent at version 2, present at version 1.
          for (const [k, v] of entries.slice(1)) {
            assert.ok(verifyProof(hasher, tree.root(2), k, undefined, tree.prove(k, 2)));
            assert.ok(verifyProof(hasher, tree.root(1), k, v, tree.prove(k, 1)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
