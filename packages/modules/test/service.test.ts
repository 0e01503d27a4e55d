/**
 * The service centre beyond the vectors: the list queries (a provider's to-do, a resident's
 * requests, the dispatch board, the public monthly figures, a provider's served statement), the
 * genesis section's checks and its deadlines in force. Expectations written by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { Chain, type Step } from './harness.ts';
import { runPath } from './paths.ts';

const E1 = 'e1'.repeat(32);

function centre(service?: Value): Chain {
  const chain = new Chain(undefined, service === undefined ? {} : { modules: { service } });
  runPath(chain, 'service');
  return chain;
}

function ok(chain: Chain, s: Step): void {
  const r = chain.step(s).receipt;
  assert.equal(r.status, 'ok', `${s.do}: ${JSON.stringify(r.error)}`);
}

const ids = (v: Value) => (v as { id?: string; order?: string }[]).map((o) => o.id ?? o.order);

/** o1 confirmed (meal, rated 5), o2 done (law), o3 dispatched to b1.m1, o4 ordered, o5 cancelled. */
function history(chain: Chain): void {
  let h = 8;
  const at = (by: string, action: string, params: Value, day = '2025-03-02') =>
    ok(chain, { at: day, hour: h++, by, do: `service.${action}`, params });
  at('r1', 'order', { id: 'o1', org: 'c1', item: 'meal' });
  at('c.clerk', 'dispatch', { order: 'o1', provider: 'member:b1.m1' });
  at('b1.m1', 'accept', { order: 'o1' });
  at('b1.m1', 'complete', { order: 'o1', evidence: E1 });
  at('r1', 'confirm', { order: 'o1', rating: 5 });
  at('r2', 'order', { id: 'o2', org: 'c1', item: 'law' });
  at('c.clerk', 'dispatch', { order: 'o2', provider: 'resident:res-v' });
  at('rv', 'accept', { order: 'o2' });
  at('rv', 'complete', { order: 'o2', evidence: E1 });
  at('r1', 'order', { id: 'o3', org: 'c1', need: '想请人帮忙换灯泡' });
  at('c.clerk', 'dispatch', { order: 'o3', provider: 'member:b1.m1' });
  at('r1', 'order', { id: 'o4', org: 'c1', item: 'meal' });
  at('r2', 'order', { id: 'o5', org: 'c1', item: 'law' });
  at('r2', 'cancel', { order: 'o5', reason: '不需要了' });
}

describe('service lists', () => {
  const chain = centre();
  history(chain);

  it("a provider's to-do puts open orders first (dispatched, accepted, done), then the rest", () => {
    assert.deepEqual(ids(chain.query('service', 'todo', { account: 'member:b1.m1' })), ['o3', 'o1']);
    assert.deepEqual(ids(chain.query('service', 'todo', { account: 'resident:res-v' })), ['o2']);
  });

  it("a resident's requests are theirs only", () => {
    assert.deepEqual(ids(chain.query('service', 'ordersOf', { resident: 'res-1' })), ['o1', 'o3', 'o4']);
    assert.deepEqual(ids(chain.query('service', 'ordersOf', { resident: 'res-2' })), ['o2', 'o5']);
  });

  it('the board holds the open orders (confirmed and cancelled ones have left it)', () => {
    assert.deepEqual(ids(chain.query('service', 'board', {})), ['o2', 'o3', 'o4']);
  });

  it('the public figures count confirmed services only, per month and kind, with no ids', () => {
    assert.deepEqual(chain.query('service', 'stats', {}), [
      { month: '2025-03', kind: '助老助餐', orders: 1, ratingSum: 5 },
    ]);
  });

  it("a provider's served statement lists confirmed services only (o2 is done, not yet confirmed)", () => {
    assert.deepEqual(chain.query('service', 'served', { account: 'resident:res-v' }), []);
    assert.deepEqual(chain.query('service', 'served', { account: 'member:b1.m1' }), [
      {
        order: 'o1',
        kind: '助老助餐',
        item: 'meal',
        doneOn: '2025-03-02',
        confirmedOn: '2025-03-02',
        minutes: 60,
        rating: 5,
        evidence: E1,
      },
    ]);
  });

  it('the menu shows each item’s open orders against its capacity', () => {
    const menu = chain.query('service', 'menu', {}) as { id: string; active: number }[];
    assert.deepEqual(
      menu.map((i) => [i.id, i.active]),
      [
        ['cert', 0],
        ['law', 0],
        ['meal', 1],
        ['repair', 0],
      ],
    );
  });
});

describe('service genesis (the community’s own rules)', () => {
  it('a bad section is refused with a message naming the field', () => {
    for (const bad of [{ dispatchWithinDays: -1 }, { maxMinutes: 0 }, { foo: 1 }, [1]] as Value[])
      assert.throws(() => centre(bad), /service genesis/);
  });

  it('dispatchWithinDays 3: an order of 03-02 escalates on 03-06, not before', () => {
    const chain = centre({ dispatchWithinDays: 3 });
    ok(chain, {
      at: '2025-03-02',
      by: 'r1',
      do: 'service.order',
      params: { id: 'o1', org: 'c1', item: 'meal', grid: 'grid-1' },
    });
    assert.deepEqual(
      chain.tick('2025-03-05').filter((e) => e.type === 'service.Escalated'),
      [],
    );
    const e = chain.tick('2025-03-06').filter((x) => x.type === 'service.Escalated');
    assert.equal(e.length, 1);
    assert.equal((e[0]!.data as { due: string }).due, '2025-03-05');
    assert.deepEqual(chain.query('service', 'params', {}), {
      dispatchWithinDays: 3,
      acceptWithinDays: 2,
      doneWithinDays: 7,
      confirmWithinDays: 7,
      committeeAfterDays: 3,
      maxMinutes: 480,
    });
  });
});
