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
      openPerResident: 5,
    });
  });
});

/** The refusal's code and details of a step expected to fail. */
function refused(chain: Chain, s: Step): { code: string; details: Value } {
  const r = chain.step(s).receipt;
  assert.equal(r.status, 'failed', `${s.do} was accepted`);
  return { code: r.error!.code, details: (r.error as { details?: Value }).details ?? null };
}

describe('a resident’s active orders are limited (genesis openPerResident, default 5)', () => {
  const need = (id: string, hour: number, by = 'r1', extra: Value = {}, at = '2025-03-02') => ({
    at,
    hour,
    by,
    do: 'service.order',
    params: { id, org: 'c1', need: '想请人帮忙修一下门锁', ...(extra as object) },
  });

  it('the sixth active order of one resident is refused, whoever places it; another resident still orders', () => {
    const chain = centre();
    for (const [i, id] of ['n1', 'n2', 'n3', 'n4', 'n5'].entries()) ok(chain, need(id, 8 + i));
    assert.deepEqual(refused(chain, need('n6', 14)), {
      code: 'SERVICE_TOO_MANY_OPEN',
      details: { resident: 'res-1', open: 5, limit: 5 },
    });
    assert.deepEqual(
      refused(chain, need('n6', 15, 'c.clerk', { forResident: 'res-1' })).code,
      'SERVICE_TOO_MANY_OPEN',
    );
    ok(chain, need('m1', 16, 'r2'));
  });

  it('a place is freed by the resident’s cancel, the centre’s withdrawal and a done service — not by acceptance', () => {
    const chain = centre();
    for (const [i, id] of ['n1', 'n2', 'n3', 'n4', 'n5'].entries()) ok(chain, need(id, 8 + i));
    const at = (hour: number, by: string, action: string, params: Value) =>
      ok(chain, { at: '2025-03-03', hour, by, do: `service.${action}`, params });
    const mine = (id: string, hour: number) => need(id, hour, 'r1', {}, '2025-03-03');
    at(8, 'r1', 'cancel', { order: 'n1', reason: '不需要了' });
    ok(chain, mine('n6', 9));
    assert.equal(refused(chain, mine('n7', 10)).code, 'SERVICE_TOO_MANY_OPEN');
    at(11, 'c.clerk', 'withdraw', { order: 'n2', reason: '重复下单' });
    ok(chain, mine('n7', 12));
    at(13, 'c.clerk', 'dispatch', { order: 'n3', provider: 'member:b1.m1' });
    at(14, 'b1.m1', 'accept', { order: 'n3' });
    assert.equal(refused(chain, mine('n8', 15)).code, 'SERVICE_TOO_MANY_OPEN');
    at(16, 'b1.m1', 'complete', { order: 'n3', evidence: E1, minutes: 30 });
    ok(chain, mine('n8', 17));
    assert.equal(refused(chain, mine('n9', 18)).code, 'SERVICE_TOO_MANY_OPEN');
  });

  it('a genesis sets its own limit (2 here), within 1..20', () => {
    const chain = centre({ openPerResident: 2 });
    ok(chain, need('n1', 8));
    ok(chain, need('n2', 9));
    assert.deepEqual(refused(chain, need('n3', 10)).details, { resident: 'res-1', open: 2, limit: 2 });
    for (const bad of [{ openPerResident: 0 }, { openPerResident: 21 }] as Value[])
      assert.throws(() => centre(bad), /openPerResident/);
  });
});

describe('the board and the escalation scan read the oldest orders first', () => {
  it('an old order of a late-sorting id comes before newer ones of early-sorting ids, and is escalated', () => {
    const chain = centre();
    const wish = (id: string, at: string, hour: number, by: string) =>
      chain.step({ at, hour, by, do: 'service.order', params: { id, org: 'c1', need: '想请人帮忙' } });
    assert.equal(wish('zz-old', '2025-03-02', 9, 'r1').receipt.status, 'ok');
    // The first block of 03-04 runs the day's scan: zz-old (no grid) was due 03-03, to the committee.
    assert.deepEqual(
      chain
        .tick('2025-03-04', 8)
        .filter((x) => x.type === 'service.Escalated')
        .map((x) => [(x.data as { order: string }).order, (x.data as { level: string }).level]),
      [['zz-old', 'committee']],
    );
    assert.equal(wish('aa-new', '2025-03-04', 9, 'r2').receipt.status, 'ok');
    assert.equal(wish('00-new', '2025-03-04', 10, 'r2').receipt.status, 'ok');
    assert.deepEqual(ids(chain.query('service', 'board', {})), ['zz-old', '00-new', 'aa-new']);
  });
});

describe('no self-dealing; bounded orders; a provider’s list is theirs only', () => {
  it('an order is dispatched at most 10 times (after 10 refusals the centre withdraws it); its acts stay bounded', () => {
    const chain = centre();
    let hour = 0;
    const at = (by: string, action: string, params: Value) =>
      ok(chain, { at: '2025-03-02', hour: hour++ % 24, by, do: `service.${action}`, params });
    at('r1', 'order', { id: 'o1', org: 'c1', need: '想请人陪同去医院' });
    for (let i = 0; i < 10; i++) {
      at('c.clerk', 'dispatch', { order: 'o1', provider: 'member:b1.m1' });
      at('b1.m1', 'refuse', { order: 'o1', reason: '当天外出' });
    }
    assert.deepEqual(
      refused(chain, {
        at: '2025-03-02',
        hour: 23,
        by: 'c.clerk',
        do: 'service.dispatch',
        params: { order: 'o1', provider: 'member:b1.m1' },
      }),
      { code: 'SERVICE_TOO_MANY_DISPATCHES', details: { order: 'o1', dispatches: 10, max: 10 } },
    );
    ok(chain, {
      at: '2025-03-03',
      by: 'c.clerk',
      do: 'service.withdraw',
      params: { order: 'o1', reason: '多次派单无人承接' },
    });
    const o = chain.query('service', 'order', { id: 'o1' }) as { status: string; acts: unknown[] };
    assert.equal(o.status, 'cancelled');
    assert.equal(o.acts.length, 22); // order, 10 × (dispatch, refuse), withdraw
  });

  it('a provider the order went away from (refused, dispatched to another) no longer reads it in their to-do', () => {
    const chain = centre();
    ok(chain, {
      at: '2025-03-02',
      hour: 8,
      by: 'r1',
      do: 'service.order',
      params: { id: 'o1', org: 'c1', need: '想请人帮忙换灯泡' },
    });
    ok(chain, {
      at: '2025-03-02',
      hour: 9,
      by: 'c.clerk',
      do: 'service.dispatch',
      params: { order: 'o1', provider: 'member:b1.m1' },
    });
    assert.deepEqual(ids(chain.query('service', 'todo', { account: 'member:b1.m1' })), ['o1']);
    ok(chain, {
      at: '2025-03-02',
      hour: 10,
      by: 'b1.m1',
      do: 'service.refuse',
      params: { order: 'o1', reason: '当天外出' },
    });
    ok(chain, {
      at: '2025-03-02',
      hour: 11,
      by: 'c.clerk',
      do: 'service.dispatch',
      params: { order: 'o1', provider: 'resident:res-v' },
    });
    assert.deepEqual(ids(chain.query('service', 'todo', { account: 'member:b1.m1' })), []);
    assert.deepEqual(ids(chain.query('service', 'todo', { account: 'resident:res-v' })), ['o1']);
  });

  it('a resident bound by another community’s centre cannot order here, nor can a clerk order for them', () => {
    const chain = new Chain(undefined, {
      editGenesis(modules) {
        const org = modules.org as { orgs: Value[]; posts: Value[] };
        org.orgs.push({
          id: 'c2',
          name: '西湖社区党委',
          kind: '党委',
          parent: null,
          termStart: '2023-01-01',
        });
        org.posts.push({ org: 'c2', member: 'b2.m1', post: '党务工作者', since: '2023-01-01' });
      },
    });
    runPath(chain, 'service');
    ok(chain, {
      at: '2025-03-02',
      hour: 8,
      by: 'b2.m1',
      do: 'resident.bind',
      params: { id: 'res-x', org: 'c2', address: '@rx', commitment: 'ab'.repeat(32) },
    });
    assert.deepEqual(
      refused(chain, {
        at: '2025-03-02',
        hour: 9,
        by: 'rx',
        do: 'service.order',
        params: { id: 'x1', org: 'c1', item: 'meal' },
      }),
      { code: 'SERVICE_OTHER_COMMUNITY', details: { resident: 'res-x', org: 'c2' } },
    );
    assert.equal(
      refused(chain, {
        at: '2025-03-02',
        hour: 10,
        by: 'c.clerk',
        do: 'service.order',
        params: { id: 'x1', org: 'c1', item: 'cert', forResident: 'res-x' },
      }).code,
      'SERVICE_OTHER_COMMUNITY',
    );
    ok(chain, {
      at: '2025-03-02',
      hour: 11,
      by: 'r1',
      do: 'service.order',
      params: { id: 'x2', org: 'c1', item: 'meal' },
    });
  });
});
