/**
 * What a caller already knows, passed to the executor (PERF paths): the mempool's tx ids, the
 * receipts' encodings handed on to the block store, and the block overlay's read cache. Each
 * gives exactly what the plain path gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '@djchain/crypto';
import { encodeReceipt, txHash } from '@djchain/ledger';
import { MemoryState, Overlay, type StateView } from '../src/index.ts';
import { Harness, keyOf, T0 } from './harness.ts';

function someTxs(h: Harness) {
  const alice = keyOf(h.suite, 1);
  const bob = keyOf(h.suite, 2);
  return [
    h.tx(alice, 'apply', { id: '1' }),
    h.tx(bob, 'apply', { id: '2' }),
    h.tx(alice, 'approve', { id: '2' }), // refused: not permitted
    h.tx(alice, 'apply', { id: '3' }),
  ];
}

describe('executeBlock with the caller’s tx ids', () => {
  it('gives the same result as hashing the transactions itself', () => {
    const h = new Harness();
    const txs = someTxs(h);
    const input = { height: 1, time: T0 + 1000, txs, proposer: keyOf(h.suite, 50).publicKey };
    const plain = h.executor.executeBlock(input, h.state);
    const txIds = txs.map((tx) => toHex(txHash(h.suite, tx)));
    const known = h.executor.executeBlock({ ...input, txIds }, h.state);
    assert.deepEqual(known, plain);
    assert.deepEqual(plain.txHashes.map(toHex), txIds);
  });

  it('refuses ids that do not match the transactions one to one', () => {
    const h = new Harness();
    const txs = someTxs(h);
    const txIds = txs.slice(1).map((tx) => toHex(txHash(h.suite, tx)));
    assert.throws(
      () =>
        h.executor.executeBlock(
          { height: 1, time: T0 + 1000, txs, proposer: keyOf(h.suite, 50).publicKey, txIds },
          h.state,
        ),
      /RUNTIME_BAD_INPUT/,
    );
  });

  it('returns each receipt’s canonical encoding, the bytes its root leaf hashes', () => {
    const h = new Harness();
    const result = h.block(someTxs(h));
    assert.equal(result.receiptBytes.length, result.receipts.length);
    result.receipts.forEach((r, i) => {
      assert.deepEqual(result.receiptBytes[i], encodeReceipt(r));
    });
    assert.ok(result.receipts.some((r) => r.status === 'failed'));
  });
});

/** A view that counts reads per key. */
class CountingView implements StateView {
  readonly reads = new Map<string, number>();
  private readonly inner: StateView;
  constructor(inner: StateView) {
    this.inner = inner;
  }
  get(key: string): Uint8Array | undefined {
    this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    return this.inner.get(key);
  }
  keys(prefix: string, limit: number): string[] {
    return this.inner.keys(prefix, limit);
  }
}

describe('Overlay read cache', () => {
  it('reads each parent key once, present or absent, and computes the same net writes', () => {
    const base = new MemoryState();
    base.apply([
      ['a', new Uint8Array([1])],
      ['b', new Uint8Array([2])],
    ]);
    const run = (cacheReads: boolean) => {
      const view = new CountingView(base);
      const o = new Overlay(view, { cacheReads });
      for (let i = 0; i < 3; i++) {
        o.get('a');
        o.get('missing');
      }
      o.set('a', new Uint8Array([1])); // unchanged: not a net write
      o.set('b', new Uint8Array([3]));
      o.delete('missing'); // deleting an absent key: not a net write
      o.set('c', new Uint8Array([4]));
      return { writes: o.netWrites(), reads: view.reads };
    };
    const cached = run(true);
    const uncached = run(false);
    assert.deepEqual(cached.writes, uncached.writes);
    assert.deepEqual(cached.writes, [
      ['b', new Uint8Array([3])],
      ['c', new Uint8Array([4])],
    ]);
    for (const n of cached.reads.values()) assert.equal(n, 1);
    assert.ok((uncached.reads.get('a') ?? 0) > 1);
  });

  it('a block executed with the cache gives the same writes and roots as over a fresh state', () => {
    const h = new Harness();
    const txs = someTxs(h);
    const input = { height: 1, time: T0 + 1000, txs, proposer: keyOf(h.suite, 50).publicKey };
    const view = new CountingView(h.state);
    const result = h.executor.executeBlock(input, view);
    assert.deepEqual(result, h.executor.executeBlock(input, h.state));
    for (const [key, n] of view.reads) assert.equal(n, 1, `${key} read ${n} times`);
  });
});
