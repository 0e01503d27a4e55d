/**
 * How the app reads a transaction's answer (src/app/refusal.ts): a failed receipt is never taken
 * for a success, with or without its error; an admission refusal keeps the node's code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admissionRefusal, receiptRefusal } from '../src/app/refusal.ts';

test('a recorded receipt refuses nothing; a failed one refuses with its coded, cited error', () => {
  assert.equal(receiptRefusal({ receipt: { status: 'ok' } }, '已拒绝'), null);
  const error = {
    code: 'DUES_BAD_MONTH',
    message: 'month not assessed',
    cite: '党费规定第五条',
    details: { m: 1 },
  };
  assert.deepEqual(receiptRefusal({ receipt: { status: 'failed', error } }, '已拒绝'), {
    code: 'DUES_BAD_MONTH',
    message: 'month not assessed',
    cite: '党费规定第五条',
    details: { m: 1 },
  });
});

test('a failed receipt without an error is still a refusal (TX_FAILED), never a success', () => {
  assert.deepEqual(receiptRefusal({ receipt: { status: 'failed' } }, '已拒绝'), {
    code: 'TX_FAILED',
    message: '已拒绝',
  });
});

test("admission: accepted refuses nothing; a refusal keeps the node's code; no answer is TX_REJECTED", () => {
  assert.equal(admissionRefusal({ accepted: true }), null);
  assert.deepEqual(admissionRefusal({ accepted: false, error: { code: 'MEMPOOL_FULL', message: 'retry' } }), {
    code: 'MEMPOOL_FULL',
    message: 'retry',
    details: undefined,
  });
  assert.deepEqual(admissionRefusal(undefined), { code: 'TX_REJECTED', message: '' });
});
