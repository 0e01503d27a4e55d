/**
 * Transaction and receipt roots: RFC 6962 structure, proofs that verify, tampering that does not.
 * Pinned roots and audit paths of both suites: vectors.test.ts (test/vectors/merkle.json).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { concatBytes } from '@djchain/crypto';
import fc from 'fast-check';
import { merkleLeafHash, merkleProof, merkleRoot, verifyMerkleProof } from '../src/index.ts';
import { bytesArb, intl, suites } from './helpers.ts';

const leavesArb = fc.uniqueArray(bytesArb(32), { minLength: 1, maxLength: 40, selector: (b) => b.join() });

describe('merkle roots', () => {
  it('match the RFC 6962 definition on small trees (SHA-256 written out here)', () => {
    const s = intl;
    const [a, b, c] = [1, 2, 3].map((i) => new Uint8Array(32).fill(i)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    // Independent of src: leaf H(0x00 ‖ d), node H(0x01 ‖ l ‖ r), empty H("").
    const sha = (...parts: Uint8Array[]) =>
      new Uint8Array(
        createHash('sha256')
          .update(concatBytes(...parts))
          .digest(),
      );
    const leaf = (d: Uint8Array) => sha(new Uint8Array([0]), d);
    const node = (l: Uint8Array, r: Uint8Array) => sha(new Uint8Array([1]), l, r);
    assert.deepEqual(merkleRoot(s, []), sha());
    assert.deepEqual(merkleRoot(s, [a]), leaf(a));
    assert.deepEqual(merkleRoot(s, [a, b]), node(leaf(a), leaf(b)));
    assert.deepEqual(merkleRoot(s, [a, b, c]), node(node(leaf(a), leaf(b)), leaf(c)));
  });

  for (const suite of suites) {
    it(`every leaf's proof verifies and any change fails (${suite.id})`, () => {
      fc.assert(
        fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, pick, bit) => {
          const root = merkleRoot(suite, leaves);
          const index = pick % leaves.length;
          const proof = merkleProof(suite, leaves, index);
          assert.equal(verifyMerkleProof(suite, root, leaves[index]!, proof), true);
          const leaf = leaves[index]!.slice();
          leaf[bit % 32] = leaf[bit % 32]! ^ 1;
          assert.equal(verifyMerkleProof(suite, root, leaf, proof), false);
          if (leaves.length > 1) {
            assert.equal(
              verifyMerkleProof(suite, root, leaves[index]!, {
                ...proof,
                index: (index + 1) % leaves.length,
              }),
              false,
            );
            const path = proof.path.map((p) => p.slice());
            const hit = path[bit % path.length]!;
            hit[0] = hit[0]! ^ 1;
            assert.equal(verifyMerkleProof(suite, root, leaves[index]!, { ...proof, path }), false);
            assert.equal(
              verifyMerkleProof(suite, root, leaves[index]!, { ...proof, path: proof.path.slice(1) }),
              false,
            );
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it('a leaf cannot pose as an inner node', () => {
    const s = intl;
    const leaves = [1, 2].map((i) => new Uint8Array(32).fill(i));
    const root = merkleRoot(s, leaves);
    const inner = concatBytes(merkleLeafHash(s, leaves[0]!), merkleLeafHash(s, leaves[1]!));
    assert.equal(verifyMerkleProof(s, root, inner, { index: 0, size: 1, path: [] }), false);
  });

  it('out-of-range proofs are refused', () => {
    assert.throws(() => merkleProof(intl, [new Uint8Array(32)], 1), /LEDGER_BAD_PROOF/);
    assert.equal(
      verifyMerkleProof(intl, new Uint8Array(32), new Uint8Array(32), { index: 2, size: 2, path: [] }),
      false,
    );
  });
});
