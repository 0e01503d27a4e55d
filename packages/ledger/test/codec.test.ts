/** Every ledger type survives encode → decode unchanged, and its bytes are canonical. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, type Value } from '@djchain/crypto';
import fc from 'fast-check';
import {
  blockFromValue,
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
  receiptFromValue,
  signedVoteFromValue,
  txFromValue,
  validatorSetFromValue,
} from '../src/index.ts';
import {
  blockArb,
  commitArb,
  headerArb,
  plain,
  receiptArb,
  txArb,
  validatorSetArb,
  valueArb,
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

    it(`${name}: any other value is rejected with ${code} or round-trips`, () => {
      fc.assert(
        fc.property(valueArb, (v: Value) => {
          try {
            const x = (fromValue as (v: Value) => unknown)(v);
            assert.deepEqual(decode(encodeAny(x)), v);
          } catch (e) {
            assert.ok(isLedgerError(e, code), String(e));
          }
        }),
        { numRuns: 200 },
      );
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
        (e: unknown) => isLedgerError(e, 'LEDGER_BAD_TX') && e.context.field === field,
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
});
