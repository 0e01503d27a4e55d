import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isStateError } from '../src/errors.ts';
import { ZERO_HASH } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { decodeProof, encodeProof, proofFromJson, proofToJson, verifyProof } from '../src/proof.ts';
import { StateTree } from '../src/tree.ts';
import type { Proof } from '../src/types.ts';
import { sha256, utf8 } from './helpers.ts';

const keyOf = (i: number) => utf8(`member/m${i}`);
const valueAt = (i: number) => utf8(`{"id":${i}}`);

/** A tree holding keys 0..n-1 (one version) and proofs for keys 0..2n-1 (half absent). */
function fixture(n: number) {
  const tree = new StateTree({ hasher: sha256 }, { store: new MemoryNodeStore() });
  const writes = Array.from({ length: n }, (_, i) => [keyOf(i), valueAt(i)] as const);
  const root = tree.update(1, writes);
  const cases = Array.from({ length: 2 * n }, (_, i) => ({
    key: keyOf(i),
    value: i < n ? valueAt(i) : undefined,
    proof: tree.prove(keyOf(i), 1),
  }));
  return { root, cases };
}

const malformed = (e: unknown) => isStateError(e, 'STATE_PROOF_MALFORMED');

describe('proofs', () => {
  const { root, cases } = fixture(40);

  it('verify for present and absent keys, and prove nothing else', () => {
    for (const { key, value, proof } of cases) {
      assert.ok(verifyProof(sha256, root, key, value, proof));
      assert.equal(
        verifyProof(sha256, root, key, value ? undefined : utf8('x'), proof),
        false,
        'wrong value',
      );
      assert.equal(verifyProof(sha256, root, utf8('other'), value, proof), false, 'wrong key');
      const badRoot = root.slice();
      badRoot[31]! ^= 1;
      assert.equal(verifyProof(sha256, badRoot, key, value, proof), false, 'wrong root');
    }
  });

  it('fail when any byte of the encoding is changed', () => {
    // Every byte of every proof, each with an arbitrary non-zero change.
    fc.assert(
      fc.property(fc.nat({ max: cases.length - 1 }), fc.integer({ min: 1, max: 255 }), (c, mask) => {
        const { key, value, proof } = cases[c]!;
        const bytes = encodeProof(proof);
        for (let i = 0; i < bytes.length; i++) {
          const t = bytes.slice();
          t[i]! ^= mask;
          let decoded: Proof;
          try {
            decoded = decodeProof(t);
          } catch (e) {
            assert.ok(malformed(e));
            continue;
          }
          assert.equal(verifyProof(sha256, root, key, value, decoded), false, `byte ${i} ^ ${mask}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('fail when siblings are dropped, added or the leaf is swapped', () => {
    for (const { key, value, proof } of cases) {
      const variants: Proof[] = [
        { siblings: proof.siblings.slice(1), leaf: proof.leaf },
        { siblings: proof.siblings.slice(0, -1), leaf: proof.leaf },
        { siblings: [...proof.siblings, ZERO_HASH], leaf: proof.leaf },
        { siblings: [ZERO_HASH, ...proof.siblings], leaf: proof.leaf },
        { siblings: proof.siblings, leaf: null },
        { siblings: proof.siblings, leaf: cases[0]!.proof.leaf },
      ];
      for (const v of variants) {
        if (v.leaf === proof.leaf && v.siblings === proof.siblings) continue;
        const same = encodeProof(v).join() === encodeProof(proof).join();
        assert.equal(verifyProof(sha256, root, key, value, v), same);
      }
    }
  });

  it('round-trip through bytes and JSON', () => {
    for (const { proof } of cases) {
      assert.deepEqual(decodeProof(encodeProof(proof)), proof);
      const json = JSON.parse(JSON.stringify(proofToJson(proof)));
      assert.deepEqual(proofFromJson(json), proof);
    }
  });

  it('reject malformed encodings with STATE_PROOF_MALFORMED', () => {
    const good = encodeProof(cases[0]!.proof);
    const bad: Uint8Array[] = [
      new Uint8Array(0),
      good.slice(0, good.length - 1),
      Uint8Array.of(...good, 0),
      Uint8Array.of(2, ...good.slice(1)),
      Uint8Array.of(1, 0x01, 0x01, 0), // depth 257
      Uint8Array.of(1, 0, 1, 0x40, 0), // padding bit set
      Uint8Array.of(1, 0, 1, 0x80, ...ZERO_HASH, 0), // zero sibling marked present
      Uint8Array.of(1, 0, 0, 2), // unknown leaf flag
    ];
    for (const b of bad) assert.throws(() => decodeProof(b), malformed);
    const json = proofToJson(cases[0]!.proof);
    for (const j of [
      null,
      {},
      { ...json, siblings: ['zz'] },
      { ...json, siblings: ['0'.repeat(64)] },
      { ...json, siblings: ['A'.repeat(64)] },
      { ...json, leaf: { keyHash: '00', valueHash: '00' } },
    ]) {
      assert.throws(() => proofFromJson(j), malformed);
    }
  });

  it('of the empty tree: every key is absent', () => {
    const tree = new StateTree({ hasher: sha256 }, { store: new MemoryNodeStore() });
    const root = tree.update(0, []);
    const proof = tree.prove(utf8('a'), 0);
    assert.deepEqual(proof, { siblings: [], leaf: null });
    assert.ok(verifyProof(sha256, root, utf8('a'), undefined, proof));
    assert.equal(verifyProof(sha256, root, utf8('a'), utf8('1'), proof), false);
    assert.deepEqual(encodeProof(proof), Uint8Array.of(1, 0, 0, 0));
  });
});
