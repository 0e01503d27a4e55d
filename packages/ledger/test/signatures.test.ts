/** Transaction and vote signatures, commit certificates and BFT time, in both suites. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Suite } from '@djchain/crypto';
import {
  type CommitSig,
  commitTime,
  type Header,
  headerHash,
  makeCommit,
  signCommit,
  signTx,
  signVote,
  type Transaction,
  txHash,
  txSignBytes,
  verifyCommit,
  verifyTxSignature,
  verifyVoteSignature,
  voteSignBytes,
} from '../src/index.ts';
import { keyOf, suites, validatorsOf } from './helpers.ts';

const flip = (b: Uint8Array, i = 0): Uint8Array => {
  const out = b.slice();
  out[i] = out[i]! ^ 1;
  return out;
};

function header(suite: Suite, height = 5): Header {
  const z = new Uint8Array(32);
  return {
    chainId: 'dj-test',
    height,
    time: 1_700_000_000_000,
    prevHash: z,
    lastCommitHash: z,
    txRoot: z,
    receiptRoot: z,
    stateRoot: z,
    validatorsHash: z,
    nextValidatorsHash: z,
    proposer: keyOf(suite, 0).publicKey,
  };
}

/** Precommits for `h` by validators `who` (indices), each at time base + index. */
function precommits(suite: Suite, h: Header, who: number[], powers: number[], round = 0): CommitSig[] {
  const { keys } = validatorsOf(suite, powers);
  const blockHash = headerHash(suite, h);
  return who.map((i) => {
    const time = 1000 + i;
    const v = signVote(suite, keys[i]!.secretKey, h.chainId, {
      type: 'precommit',
      height: h.height,
      round,
      blockHash,
      time,
      validator: keys[i]!.publicKey,
    });
    return { validatorIndex: i, time, signature: v.signature };
  });
}

for (const suite of suites) {
  describe(`signatures (${suite.id})`, () => {
    const key = keyOf(suite, 9);
    const body = {
      chainId: 'dj-test',
      module: 'member',
      action: 'register',
      params: { name: '张三' },
      signer: key.publicKey,
      nonce: 0,
      expiry: 100,
    };

    it('a signed transaction verifies; any tampering does not', () => {
      const tx = signTx(suite, key.secretKey, body);
      assert.equal(verifyTxSignature(suite, tx), true);
      assert.equal(verifyTxSignature(suite, { ...tx, signature: flip(tx.signature) }), false);
      assert.equal(verifyTxSignature(suite, { ...tx, nonce: 1 }), false);
      assert.equal(verifyTxSignature(suite, { ...tx, params: { name: '李四' } }), false);
      assert.equal(verifyTxSignature(suite, { ...tx, onBehalfOf: '00'.repeat(20) }), false);
      assert.equal(verifyTxSignature(suite, { ...tx, signer: keyOf(suite, 8).publicKey }), false);
    });

    it('sign bytes are domain-tagged and exclude the signature; the hash includes it', () => {
      const tx = signTx(suite, key.secretKey, body);
      const bytes = txSignBytes(tx);
      assert.equal(new TextDecoder().decode(bytes.subarray(0, 14)), 'djchain/tx/v1\0');
      const resigned: Transaction = { ...tx, signature: new Uint8Array(64) };
      assert.deepEqual(txSignBytes(resigned), bytes);
      assert.notDeepEqual(txHash(suite, tx), txHash(suite, { ...tx, signature: flip(tx.signature) }));
    });

    it('signing with a key other than the signer is refused', () => {
      assert.throws(() => signTx(suite, keyOf(suite, 1).secretKey, body), /LEDGER_BAD_TX/);
    });

    it('votes bind the chain id', () => {
      const v = signVote(suite, key.secretKey, 'dj-test', {
        type: 'prevote',
        height: 3,
        round: 1,
        blockHash: null,
        time: 5,
        validator: key.publicKey,
      });
      assert.equal(verifyVoteSignature(suite, 'dj-test', v), true);
      assert.equal(verifyVoteSignature(suite, 'dj-other', v), false);
      assert.equal(verifyVoteSignature(suite, 'dj-test', { ...v, round: 2 }), false);
      assert.notDeepEqual(voteSignBytes('a', v), voteSignBytes('b', v));
    });

    describe('verifyCommit', () => {
      const powers = [1, 1, 1];
      const { set } = validatorsOf(suite, powers);
      const h = header(suite);
      const hash = headerHash(suite, h);

      it('more than 2/3 of power passes', () => {
        const c = makeCommit(h.height, 0, hash, precommits(suite, h, [0, 1, 2], powers));
        const r = verifyCommit(suite, set, h, c);
        assert.ok(r.ok);
        assert.equal(r.signedPower, 3);
      });

      it('signCommit: the keys given, indexed in the set, sorted; the same certificate as signed vote by vote', () => {
        const { keys } = validatorsOf(suite, powers);
        // Given out of order; times as the reference precommits above (1000 + index), round 2.
        const c = signCommit(suite, h.chainId, h, [keys[2]!, keys[0]!, keys[1]!], set, {
          round: 2,
          time: (i) => 1000 + i,
        });
        assert.deepEqual(c, makeCommit(h.height, 2, hash, precommits(suite, h, [0, 1, 2], powers, 2)));
        assert.deepEqual(
          c.precommits.map((p) => p.validatorIndex),
          [0, 1, 2],
        );
        assert.equal(c.round, 2);
        assert.ok(verifyCommit(suite, set, h, c).ok);
        // By default round 0, half a second after the header, for every signer.
        const d = signCommit(suite, h.chainId, h, keys, set);
        assert.equal(d.round, 0);
        assert.deepEqual(
          d.precommits.map((p) => p.time),
          [h.time + 500, h.time + 500, h.time + 500],
        );
        assert.ok(verifyCommit(suite, set, h, d).ok);
        // Signed on another chain id, the certificate does not verify for this header.
        assert.equal(verifyCommit(suite, set, h, signCommit(suite, 'dj-other', h, keys, set)).ok, false);
      });

      it('exactly 2/3 of power fails', () => {
        const c = makeCommit(h.height, 0, hash, precommits(suite, h, [0, 1], powers));
        const r = verifyCommit(suite, set, h, c);
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.error.code, 'LEDGER_BAD_COMMIT');
      });

      it('weighted power decides, not the number of signers', () => {
        const weighted = [5, 1, 1, 2];
        const w = validatorsOf(suite, weighted).set;
        // 6 of 9 is exactly 2/3: fails; 7 of 9 passes.
        assert.equal(
          verifyCommit(suite, w, h, makeCommit(h.height, 0, hash, precommits(suite, h, [0, 1], weighted))).ok,
          false,
        );
        assert.equal(
          verifyCommit(suite, w, h, makeCommit(h.height, 0, hash, precommits(suite, h, [0, 3], weighted))).ok,
          true,
        );
      });

      it('a duplicated signature counts once', () => {
        const sigs = precommits(suite, h, [0, 1], powers);
        const c = { height: h.height, round: 0, blockHash: hash, precommits: [...sigs, sigs[1]!, sigs[1]!] };
        assert.equal(verifyCommit(suite, set, h, c).ok, false);
      });

      it('a tampered signature, block, height, round or unknown index fails', () => {
        const sigs = precommits(suite, h, [0, 1, 2], powers);
        const c = makeCommit(h.height, 0, hash, sigs);
        const tampered = sigs.map((s, i) => (i === 2 ? { ...s, signature: flip(s.signature, 5) } : s));
        assert.equal(verifyCommit(suite, set, h, { ...c, precommits: tampered }).ok, false);
        assert.equal(verifyCommit(suite, set, { ...h, stateRoot: new Uint8Array(32).fill(1) }, c).ok, false);
        assert.equal(verifyCommit(suite, set, h, { ...c, round: 1 }).ok, false);
        assert.equal(verifyCommit(suite, set, h, { ...c, height: 6 }).ok, false);
        const moved = sigs.map((s, i) => (i === 2 ? { ...s, time: s.time + 1 } : s));
        assert.equal(verifyCommit(suite, set, h, { ...c, precommits: moved }).ok, false);
        const unknown = [...sigs, { ...sigs[0]!, validatorIndex: 7 }];
        assert.equal(verifyCommit(suite, set, h, { ...c, precommits: unknown }).ok, false);
      });

      it('a commit signed for another chain fails', () => {
        const c = makeCommit(h.height, 0, hash, precommits(suite, h, [0, 1, 2], powers));
        const other = { ...h, chainId: 'dj-other' };
        assert.equal(
          verifyCommit(suite, set, other, { ...c, blockHash: headerHash(suite, other) }).ok,
          false,
        );
      });
    });
  });
}

describe('commitTime', () => {
  it('is the power-weighted median over the commit, each validator once (as consensus bftTime)', () => {
    const [suite] = suites;
    const sig = (validatorIndex: number, time: number) => ({
      validatorIndex,
      time,
      signature: new Uint8Array(64),
    });
    const c = (sigs: ReturnType<typeof sig>[]) => ({
      height: 1,
      round: 0,
      blockHash: new Uint8Array(32),
      precommits: sigs,
    });
    const weighted = validatorsOf(suite!, [1, 1, 5]).set;
    assert.equal(commitTime(weighted, c([sig(0, 10), sig(1, 20), sig(2, 30)])), 30);
    const equal = validatorsOf(suite!, [1, 1, 1]).set;
    assert.equal(commitTime(equal, c([sig(2, 30), sig(0, 10), sig(1, 20)])), 20);
    assert.equal(commitTime(equal, c([sig(0, 10), sig(1, 20), sig(1, 5), sig(1, 5), sig(2, 30)])), 20);
    assert.throws(() => commitTime(equal, c([sig(0, 10)])), /LEDGER_BAD_COMMIT/);
    // Exactly 2/3 is not a commit.
    assert.throws(() => commitTime(equal, c([sig(0, 10), sig(1, 20)])), /LEDGER_BAD_COMMIT/);
  });

  it('issue 9 fault 3: 2 faulty of 7 stamping the far future in a 5-vote commit do not set the time', () => {
    const [suite] = suites;
    const sig = (validatorIndex: number, time: number) => ({
      validatorIndex,
      time,
      signature: new Uint8Array(64),
    });
    const seven = validatorsOf(suite!, [1, 1, 1, 1, 1, 1, 1]).set;
    const commit = {
      height: 1,
      round: 0,
      blockHash: new Uint8Array(32),
      precommits: [sig(0, 100), sig(1, 110), sig(2, 120), sig(5, 3_600_000), sig(6, 3_600_000)],
    };
    // Half of the commit's 5 is reached at the third time (120); half of the set's 7 needed the
    // fourth, a faulty 3_600_000.
    assert.equal(commitTime(seven, commit), 120);
  });
});
