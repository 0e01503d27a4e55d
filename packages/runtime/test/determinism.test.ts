/** Same block, same state → same bytes; the order a module writes in does not matter. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode, getSuite, toHex } from '@djchain/crypto';
import { receiptHash } from '@djchain/ledger';
import { MemoryState, type StateView, type StateWrite } from '../src/index.ts';
import { demoModule } from './example-module.ts';
import { Harness, keyOf } from './harness.ts';

const fingerprint = (
  h: Harness,
  r: { writes: StateWrite[]; receipts: Parameters<typeof receiptHash>[1][] },
) => ({
  writes: toHex(encode(r.writes.map(([k, v]) => [k, v]))),
  receipts: r.receipts.map((x) => toHex(receiptHash(h.suite, x))),
});

function scenario(h: Harness) {
  const alice = keyOf(h.suite, 1);
  const bob = keyOf(h.suite, 2);
  return [
    [h.tx(alice, 'apply', { id: '1' }), h.tx(bob, 'apply', { id: '2' }), h.tx(bob, 'boom', null)],
    [h.tx(alice, 'note', null), h.tx(h.admin, 'approve', { id: '1' })],
    [],
    [h.tx(h.admin, 'approve', { id: '2' }), h.tx(alice, 'note', null)],
    [],
  ];
}

describe('determinism', () => {
  for (const id of ['intl', 'gm'] as const) {
    it(`two executions of the same chain give identical writes, receipts and roots (${id})`, () => {
      const a = new Harness({ suite: getSuite(id) });
      const b = new Harness({ suite: getSuite(id) });
      const blocksA = scenario(a);
      const blocksB = scenario(b);
      for (let i = 0; i < blocksA.length; i++) {
        const ra = a.block(blocksA[i]!);
        const rb = b.block(blocksB[i]!);
        assert.deepEqual(fingerprint(a, ra), fingerprint(b, rb));
        assert.deepEqual(ra.receiptRoot, rb.receiptRoot);
        assert.deepEqual(ra.events, rb.events);
      }
      assert.deepEqual(a.state.entries(), b.state.entries());
    });
  }

  it('executing twice over the same view gives the same result and does not touch the view', () => {
    const h = new Harness();
    const txs = scenario(h)[0]!;
    const before = h.snapshot();
    const first = h.run(txs);
    const second = h.run(txs);
    assert.deepEqual(fingerprint(h, first), fingerprint(h, second));
    assert.deepEqual(h.snapshot(), before);
  });

  it('a module writing in another order gives byte-identical writes and receipts', () => {
    const fwd = new Harness({ modules: [demoModule()] });
    const rev = new Harness({ modules: [demoModule({ reverseWrites: true })] });
    const alice = keyOf(fwd.suite, 1);
    const rf = fwd.block([fwd.tx(alice, 'note', null)]);
    const rr = rev.block([rev.tx(alice, 'note', null)]);
    assert.equal(rf.receipts[0]!.status, 'ok');
    assert.deepEqual(fingerprint(fwd, rf), fingerprint(rev, rr));
    // Each key once with its last value: a and d were written, then deleted.
    assert.deepEqual(
      rf.writes.filter(([k]) => k.startsWith('demo/note')),
      [
        ['demo/note/a', null],
        ['demo/note/b', encode('note/b')],
        ['demo/note/c', encode('note/c')],
        ['demo/note/d', null],
      ],
    );
  });

  it('block writes are ascending, each key once, and read nothing the block did not read', () => {
    const h = new Harness();
    const res = h.block([h.tx(keyOf(h.suite, 1), 'note', null)]);
    const keys = res.writes.map(([k]) => k);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(new Set(keys).size, keys.length);
    // The same transaction again over a copy of the state: the note keys are written with the
    // values they hold (the state tree stores nothing for those), and applying the writes changes
    // nothing, so a block is never told apart by whether a write was a rewrite.
    const again = new MemoryState();
    again.apply(h.state.entries());
    const before = again.entries();
    const counting = { reads: [] as string[] };
    const view: StateView = {
      get: (k: string) => {
        counting.reads.push(k);
        return again.get(k);
      },
      keys: (p: string, limit: number) => again.keys(p, limit),
    };
    const rerun = h.run([h.tx(keyOf(h.suite, 1), 'note', null)], view);
    assert.ok(!counting.reads.includes('demo/note/b') && !counting.reads.includes('demo/note/a'));
    const copy = new MemoryState();
    copy.apply(before);
    copy.apply(rerun.writes.filter(([k]) => k.startsWith('demo/note')));
    assert.deepEqual(copy.entries(), before);
  });
});
