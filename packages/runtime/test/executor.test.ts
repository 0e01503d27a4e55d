/** The executor with the example module: outcomes, coded failures, nonces and isolation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, toHex } from '@djchain/crypto';
import { txHash } from '@djchain/ledger';
import { accountKey, addressOf, nextNonce } from '../src/index.ts';
import { REMIND_AFTER, WAIT } from './example-module.ts';
import { changedKeys, Harness, keyOf } from './harness.ts';

describe('executeBlock: transactions', () => {
  it('a successful action writes, emits and advances the nonce', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const r = h.block([h.tx(alice, 'apply', { id: '7' })]).receipts[0]!;
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.events, [
      { module: 'demo', type: 'Applied', entities: ['member:7'], data: { id: '7' } },
    ]);
    const addr = addressOf(h.suite, alice.publicKey);
    assert.deepEqual(r.writes, [
      accountKey(addr),
      `demo/due/${String(1 + REMIND_AFTER).padStart(12, '0')}/7`,
      'demo/member/7',
      'evt/member:7/0000000000',
      'hist/member:7',
    ]);
    assert.equal(nextNonce(h.state, addr), 1);
    assert.deepEqual(decode(h.state.get('demo/member/7')!), { status: 'applicant', since: 1, by: addr });
  });

  it('a permission failure is recorded with its code and changes nothing but the nonce', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    h.block([h.tx(alice, 'apply', { id: '7' })]);
    h.block([]);
    const before = h.snapshot();
    const res = h.block([h.tx(alice, 'approve', { id: '7' })]);
    const r = res.receipts[0]!;
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.code, 'DEMO_NOT_PERMITTED');
    assert.deepEqual(r.events, []);
    assert.deepEqual(r.writes, [accountKey(addressOf(h.suite, alice.publicKey))]);
    // Besides the nonce, only the block-start hook's own counter moved.
    assert.deepEqual(changedKeys(before, h.snapshot()), [
      accountKey(addressOf(h.suite, alice.publicKey)),
      'demo/ticks',
    ]);
  });

  it('a verify failure carries the cited rule and its details', () => {
    const h = new Harness();
    h.block([h.tx(keyOf(h.suite, 1), 'apply', { id: '7' })]);
    const r = h.block([h.tx(h.admin, 'approve', { id: '7' })]).receipts[0]!;
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.error, {
      code: 'DEMO_TOO_EARLY',
      message: 'waiting period not over',
      cite: '《中国共产党发展党员工作细则》第十三条',
      details: { earliest: 1 + WAIT },
    });
    assert.equal((decode(h.state.get('demo/member/7')!) as { status: string }).status, 'applicant');
    h.block([]);
    assert.equal(h.block([h.tx(h.admin, 'approve', { id: '7' })]).receipts[0]!.status, 'ok');
  });

  it('a throw in execute discards its writes (RUNTIME_MODULE_FAILED); so does a write in verify', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const res = h.block([h.tx(alice, 'boom', null), h.tx(alice, 'sneaky', null)]);
    assert.deepEqual(
      res.receipts.map((r) => r.error?.code),
      ['RUNTIME_MODULE_FAILED', 'RUNTIME_WRITE_IN_VERIFY'],
    );
    assert.equal(res.receipts[0]!.error?.message, 'demo.boom threw');
    assert.equal(h.state.get('demo/boom'), undefined);
    assert.equal(h.state.get('demo/sneaky'), undefined);
    assert.equal(nextNonce(h.state, addressOf(h.suite, alice.publicKey)), 2);
  });

  it('unknown module, unknown action, bad params fail after the nonce advanced', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const res = h.block([
      h.tx(alice, 'apply', { id: '7' }, { module: 'nope' }),
      h.tx(alice, 'constructor', null),
      h.tx(alice, 'apply', { id: 'x' }),
    ]);
    assert.deepEqual(
      res.receipts.map((r) => r.error?.code),
      ['RUNTIME_UNKNOWN_MODULE', 'RUNTIME_UNKNOWN_ACTION', 'DEMO_BAD_PARAMS'],
    );
    assert.equal(nextNonce(h.state, addressOf(h.suite, alice.publicKey)), 3);
  });

  it('wrong chain, expired, bad signature, replayed or future nonce change nothing at all', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const first = h.tx(alice, 'apply', { id: '1' });
    h.block([first]);
    const good = h.tx(alice, 'apply', { id: '2' });
    const forged = { ...good, signature: new Uint8Array(good.signature).fill(7) };
    const txs = [
      h.tx(alice, 'apply', { id: '3' }, { chainId: 'dj-other', nonce: 1 }),
      h.tx(alice, 'apply', { id: '3' }, { expiry: 1, nonce: 1 }),
      forged,
      first,
      h.tx(alice, 'apply', { id: '3' }, { nonce: 5 }),
    ];
    const before = h.snapshot();
    const res = h.block(txs);
    assert.deepEqual(
      res.receipts.map((r) => r.error?.code),
      [
        'RUNTIME_WRONG_CHAIN',
        'RUNTIME_TX_EXPIRED',
        'RUNTIME_BAD_SIGNATURE',
        'RUNTIME_BAD_NONCE',
        'RUNTIME_BAD_NONCE',
      ],
    );
    for (const r of res.receipts) assert.deepEqual(r.writes, []);
    assert.deepEqual(changedKeys(before, h.snapshot()), ['demo/ticks']);
  });

  it('consecutive nonces of one signer in one block all apply', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const res = h.block([1, 2, 3].map((i) => h.tx(alice, 'apply', { id: String(i) })));
    assert.deepEqual(
      res.receipts.map((r) => r.status),
      ['ok', 'ok', 'ok'],
    );
    assert.equal(h.executor.query('demo', 'count', null, h.state, h.height, 0).ok && 3, 3);
  });

  it('skips signature checks only for transactions the caller verified', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    const tx = h.tx(alice, 'apply', { id: '1' });
    const unsigned = { ...tx, signature: new Uint8Array(64) };
    const hex = toHex(txHash(h.suite, unsigned));
    assert.equal(h.run([unsigned]).receipts[0]!.error?.code, 'RUNTIME_BAD_SIGNATURE');
    assert.equal(h.run([unsigned], h.state, new Set([hex])).receipts[0]!.status, 'ok');
  });

  it('later transactions see earlier ones of the same block', () => {
    const h = new Harness();
    const res = h.block([
      h.tx(keyOf(h.suite, 1), 'apply', { id: '1' }),
      h.tx(keyOf(h.suite, 2), 'apply', { id: '1' }),
    ]);
    assert.equal(res.receipts[1]!.error?.code, 'DEMO_EXISTS');
  });
});
