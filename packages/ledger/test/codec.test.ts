/** Every ledger type survives encode → decode unchanged, and its bytes are canonical. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, type Value } from '@djchain/crypto';
import fc from 'fast-check';
import {
  blockFromValue,
  blockTxHashes,
  checkBlockLinks,
  commitFromValue,
  decodeBlock,
  decodeCommit,
  decodeHeader,
  decodeReceipt,
  decodeSignedVote,
  decodeTx,
  decodeValidatorSet,
  encodeBlock,
  encodeCommit,
  encodeHeader,
  encodeReceipt,
  encodeSignedVote,
  encodeTx,
  encodeValidatorSet,
  headerFromValue,
  isLedgerError,
  merkleRoot,
  receiptFromValue,
  signedVoteFromValue,
  txFromValue,
  txHash,
  validatorSetFromValue,
} from '../src/index.ts';
import {
  blockArb,
  commitArb,
  headerArb,
  intl,
  plain,
  receiptArb,
  txArb,
  validatorSetArb,
  voteArb,
} from './helpers.ts';

const cases = [
  ['tx', txArb, encodeTx, decodeTx, txFromValue, 'LEDGER_BAD_TX'],
  ['header', headerArb, encodeHeader, decodeHeader, headerFromValue, 'LEDGER_BAD_HEADER'],
  ['vote', voteArb, encodeSignedVote, decodeSignedVote, signedVoteFromValue, 'LEDGER_BAD_VOTE'],
  ['commit', commitArb, encodeCommit, decodeCommit, commitFromValue, 'LEDGER_BAD_COMMIT'],
  [
    'validator set',
    validatorSetArb,
    encodeValidatorSet,
    decodeValidatorSet,
    validatorSetFromValue,
    'LEDGER_BAD_VALIDATORS',
  ],
  ['receipt', receiptArb, encodeReceipt, decodeReceipt, receiptFromValue, 'LEDGER_BAD_RECEIPT'],
  ['block', blockArb, encodeBlock, decodeBlock, blockFromValue, 'LEDGER_BAD_BLOCK'],
] as const;

/**
 * Per type, hand-picked values a decoder must refuse: [field, value, field named in the error].
 * Fields that hold any value (tx params, event data) have no wrong kind and are not listed.
 */
const WRONG: Record<(typeof cases)[number][0], ReadonlyArray<readonly [string, Value, string?]>> = {
  tx: [
    ['chainId', 7],
    ['chainId', 'c'.repeat(65)],
    ['module', 'Bad-Name'],
    ['action', 3],
    ['signer', new Uint8Array(31)],
    ['nonce', -1],
    ['nonce', 1.5],
    ['expiry', 'soon'],
    ['onBehalfOf', 'ABC'],
    ['signature', new Uint8Array(0)],
  ],
  header: [
    ['chainId', null],
    ['height', 0],
    ['time', -1],
    ['prevHash', new Uint8Array(31)],
    ['lastCommitHash', 'x'],
    ['txRoot', new Uint8Array(33)],
    ['receiptRoot', null],
    ['stateRoot', []],
    ['validatorsHash', 1],
    ['nextValidatorsHash', new Uint8Array(0)],
    ['proposer', 'key'],
  ],
  vote: [
    ['type', 'commit'],
    ['height', -1],
    ['round', 1.5],
    ['blockHash', new Uint8Array(31)],
    ['time', 'now'],
    ['validator', 7],
    ['signature', null],
  ],
  commit: [
    ['height', 'one'],
    ['round', -1],
    ['blockHash', null],
    ['precommits', 'none'],
    ['precommits', [{ validatorIndex: -1, time: 0, signature: new Uint8Array(64) }], 'validatorIndex'],
  ],
  'validator set': [
    ['validators', 'none'],
    ['validators', [{ publicKey: new Uint8Array(32), power: 0, name: 'v' }], 'power'],
    ['validators', [{ publicKey: new Uint8Array(31), power: 1, name: 'v' }], 'publicKey'],
  ],
  receipt: [
    ['txHash', new Uint8Array(31)],
    ['status', 'maybe'],
    ['events', {}],
    ['writes', [1], 'writes[0]'],
    ['writes', ['b', 'a']],
  ],
  block: [
    ['txs', 'none'],
    ['txs', 7],
  ],
};

describe('ledger encodings', () => {
  for (const [name, arb, enc, dec, fromValue, code] of cases) {
    const encodeAny = enc as (x: unknown) => Uint8Array;
    const decodeAny = dec as (b: Uint8Array) => unknown;
    it(`${name}: decode(encode(x)) = x and the bytes are canonical`, () => {
      fc.assert(
        fc.property(arb as fc.Arbitrary<unknown>, (x) => {
          const bytes = encodeAny(x);
          const back = decodeAny(bytes);
          assert.deepEqual(back, plain(x));
          assert.deepEqual(encodeAny(back), bytes);
        }),
        { numRuns: 100 },
      );
    });

    it(`${name}: a field of the wrong kind or size is rejected with ${code}, naming the field`, () => {
      const sample = fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: 1, seed: 11 })[0];
      const v = decode(encodeAny(sample)) as { [k: string]: Value };
      // The unchanged value is accepted, so each rejection below is the changed field's doing.
      assert.deepEqual(decode(encodeAny((fromValue as (v: Value) => unknown)(v))), v);
      const bad = WRONG[name];
      assert.ok(bad.length > 0);
      for (const [field, value, named = field] of bad) {
        assert.throws(
          () => (fromValue as (v: Value) => unknown)({ ...v, [field]: value }),
          (e: unknown) => isLedgerError(e, code) && e.details.field === named,
          `${name}.${field} = ${String(value)}`,
        );
      }
    });

    it(`${name}: an extra field, a missing field or garbage bytes fail with ${code}`, () => {
      const sample = fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: 1, seed: 7 })[0];
      const v = decode(encodeAny(sample)) as { [k: string]: Value };
      const first = Object.keys(v).sort()[0]!;
      const { [first]: _dropped, ...missing } = v;
      for (const bad of [{ ...v, extra: 1 }, missing]) {
        assert.throws(
          () => decodeAny(encode(bad)),
          (e: unknown) => isLedgerError(e, code),
        );
      }
      assert.throws(
        () => decodeAny(new Uint8Array([0xff, 0x00])),
        (e: unknown) => isLedgerError(e, code),
      );
    });
  }

  it('a transaction with a malformed field names it', () => {
    const tx = fc.sample(txArb, { numRuns: 1, seed: 3 })[0]!;
    const v = decode(encodeTx(tx)) as { [k: string]: Value };
    for (const [field, value] of [
      ['nonce', -1],
      ['nonce', 2n ** 60n],
      ['signer', new Uint8Array(3)],
      ['module', 'Bad-Name'],
      ['onBehalfOf', 'XYZ'],
    ] as const) {
      assert.throws(
        () => decodeTx(encode({ ...v, [field]: value })),
        (e: unknown) => isLedgerError(e, 'LEDGER_BAD_TX') && e.details.field === field,
        field,
      );
    }
  });

  it('receipts: status failed requires an error and writes must ascend', () => {
    const base = { txHash: new Uint8Array(32), status: 'failed', events: [], writes: [] };
    assert.throws(
      () => receiptFromValue(base),
      (e: unknown) => isLedgerError(e, 'LEDGER_BAD_RECEIPT'),
    );
    assert.throws(
      () => receiptFromValue({ ...base, status: 'ok', writes: ['b', 'a'] }),
      (e: unknown) => isLedgerError(e, 'LEDGER_BAD_RECEIPT'),
    );
  });

  it("blockTxHashes of a decoded block's bytes are its transactions' ids, in order", () => {
    fc.assert(
      fc.property(blockArb, (block) => {
        const bytes = encodeBlock(block);
        const decoded = decodeBlock(bytes);
        assert.deepEqual(
          blockTxHashes(intl, bytes),
          decoded.txs.map((tx) => txHash(intl, tx)),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('checkBlockLinks with ids given: a wrong or missing id is a txRoot mismatch, never a pass', () => {
    const block = fc.sample(
      blockArb.filter((b) => b.txs.length >= 2),
      { numRuns: 1, seed: 5 },
    )[0]!;
    const fixed = { ...block, header: { ...block.header, txRoot: txRootOf(block) } };
    const ids = blockTxHashes(intl, encodeBlock(fixed));
    const linkOnly = (e: unknown, text: string) =>
      isLedgerError(e, 'LEDGER_BAD_BLOCK') && e.message.includes(text);
    // Only the txRoot is asserted: the arbitrary's links (last commit, zero hashes) may fail after it.
    const txRootPasses = (hashes: Uint8Array[]) => {
      try {
        checkBlockLinks(intl, fixed, hashes);
        return true;
      } catch (e) {
        return !linkOnly(e, 'txRoot') && !linkOnly(e, 'one id per transaction');
      }
    };
    assert.equal(txRootPasses(ids), true);
    assert.equal(txRootPasses([ids[1]!, ids[0]!, ...ids.slice(2)]), false);
    assert.equal(txRootPasses(ids.slice(1)), false);
    assert.equal(txRootPasses([new Uint8Array(32), ...ids.slice(1)]), false);
  });
});

function txRootOf(block: { txs: readonly Parameters<typeof txHash>[1][] }): Uint8Array {
  return merkleRoot(
    intl,
    block.txs.map((tx) => txHash(intl, tx)),
  );
}
