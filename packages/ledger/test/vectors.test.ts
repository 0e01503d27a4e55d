/**
 * The ledger against pinned vectors (test/vectors/*.json, written once by spec/generate-vectors.ts from
 * an independent reference): encodings, domain-tagged hashes, roots and a commit certificate of
 * both suites. A changed domain tag, field or encoding changes these bytes and fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromHex, getSuite, toHex, type Value } from '@djchain/crypto';
import {
  commitFromValue,
  commitHash,
  decodeTx,
  encodeCommit,
  encodeHeader,
  encodeReceipt,
  encodeTx,
  encodeValidatorSet,
  headerFromValue,
  headerHash,
  merkleProof,
  merkleRoot,
  receiptFromValue,
  receiptHash,
  signTx,
  txFromValue,
  txHash,
  txRoot,
  txSignBytes,
  validatorSetFromValue,
  validatorSetHash,
  verifyCommit,
  verifyMerkleProof,
  verifyTxSignature,
} from '../src/index.ts';
import { fromJson } from './spec/reference.ts';

type Hexed = { value: unknown; encoding: string; hash: string };
interface SuiteVectors {
  keys: { secretKey: string; publicKey: string }[];
  tx: Hexed & { signBytes: string };
  receipts: Hexed[];
  receiptRoot: string;
  txRoot: string;
  validatorSet: Hexed;
  header: Hexed;
  commit: Hexed & { signedPower: number; totalPower: number };
}
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const ledger = read('ledger.json') as { suites: Record<'intl' | 'gm', SuiteVectors> };
const merkle = read('merkle.json') as {
  leaves: string[];
  suites: Record<'intl' | 'gm', { roots: string[]; paths7: string[][] }>;
};
const value = (j: unknown) => fromJson(j) as Value;

for (const id of ['intl', 'gm'] as const) {
  const suite = getSuite(id);
  const v = ledger.suites[id];
  describe(`ledger vectors (${id})`, () => {
    it('the keys: each secret key gives the pinned public key', () => {
      for (const k of v.keys) assert.equal(toHex(suite.publicKeyOf(fromHex(k.secretKey))), k.publicKey);
    });

    it('a transaction: signing bytes, canonical encoding, hash and signature', () => {
      const tx = txFromValue(value(v.tx.value));
      const { signature, ...body } = tx;
      assert.equal(toHex(txSignBytes(body)), v.tx.signBytes);
      assert.equal(toHex(encodeTx(tx)), v.tx.encoding);
      assert.equal(toHex(txHash(suite, tx)), v.tx.hash);
      assert.deepEqual(decodeTx(fromHex(v.tx.encoding)), tx);
      assert.equal(verifyTxSignature(suite, tx), true);
      // Ed25519 is deterministic: the code signs to the very same bytes. SM2 draws k at random.
      if (id === 'intl')
        assert.equal(toHex(signTx(suite, fromHex(v.keys[0]!.secretKey), body).signature), toHex(signature));
      assert.equal(toHex(txRoot(suite, [tx])), v.txRoot);
    });

    it('receipts: encodings, hashes and the receipt root', () => {
      const receipts = v.receipts.map((r) => receiptFromValue(value(r.value)));
      receipts.forEach((r, i) => {
        assert.equal(toHex(encodeReceipt(r)), v.receipts[i]!.encoding);
        assert.equal(toHex(receiptHash(suite, r)), v.receipts[i]!.hash);
      });
      const root = merkleRoot(
        suite,
        receipts.map((r) => receiptHash(suite, r)),
      );
      assert.equal(toHex(root), v.receiptRoot);
    });

    it('a validator set and a header: encodings and hashes', () => {
      const set = validatorSetFromValue(value(v.validatorSet.value));
      assert.equal(toHex(encodeValidatorSet(set)), v.validatorSet.encoding);
      assert.equal(toHex(validatorSetHash(suite, set)), v.validatorSet.hash);
      const header = headerFromValue(value(v.header.value));
      assert.equal(toHex(encodeHeader(header)), v.header.encoding);
      assert.equal(toHex(headerHash(suite, header)), v.header.hash);
    });

    it('a commit certificate: encoding, hash, it verifies; short of 2/3 or one bit off it does not', () => {
      const set = validatorSetFromValue(value(v.validatorSet.value));
      const header = headerFromValue(value(v.header.value));
      const commit = commitFromValue(value(v.commit.value));
      assert.equal(toHex(encodeCommit(commit)), v.commit.encoding);
      assert.equal(toHex(commitHash(suite, commit)), v.commit.hash);
      assert.deepEqual(verifyCommit(suite, set, header, commit), {
        ok: true,
        signedPower: v.commit.signedPower,
        totalPower: v.commit.totalPower,
      });
      const short = { ...commit, precommits: commit.precommits.filter((p) => p.validatorIndex !== 3) };
      assert.equal(verifyCommit(suite, set, header, short).ok, false);
      const sig = commit.precommits[0]!.signature.slice();
      sig[5] = sig[5]! ^ 1;
      const forged = {
        ...commit,
        precommits: [{ ...commit.precommits[0]!, signature: sig }, ...commit.precommits.slice(1)],
      };
      assert.equal(verifyCommit(suite, set, header, forged).ok, false);
    });
  });

  describe(`merkle vectors (${id}, RFC 6962 test leaves)`, () => {
    const leaves = merkle.leaves.map(fromHex);
    const m = merkle.suites[id];
    it('the root of the first n leaves, n = 0..8', () => {
      for (let n = 0; n <= leaves.length; n++)
        assert.equal(toHex(merkleRoot(suite, leaves.slice(0, n))), m.roots[n], `n = ${n}`);
    });
    it('every audit path of the 7-leaf tree, and each verifies', () => {
      const seven = leaves.slice(0, 7);
      for (let i = 0; i < 7; i++) {
        const proof = merkleProof(suite, seven, i);
        assert.deepEqual(proof.path.map(toHex), m.paths7[i], `leaf ${i}`);
        assert.equal(verifyMerkleProof(suite, fromHex(m.roots[7]!), seven[i]!, proof), true);
      }
    });
  });
}
