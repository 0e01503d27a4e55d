/**
 * The dues month close spread over blocks (issue 20): a large chain judges at most `closeMembers`
 * members a block (genesis `dues.closeMembers`; default 1,000). The totals, the month marked closed
 * and nothing partial left come in the close's last block; every figure and warning is the one a
 * one-block close gives. The fixture's members with an assessment here, in key order: b1.m1, b1.m2,
 * b1.m3, b1.m4, b1.m5, b1.p1, b2.m1 — three chunks of three at `closeMembers` 3.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, type Value } from '@djchain/crypto';
import { Chain } from './harness.ts';

const B1 = ['b1.m1', 'b1.m2', 'b1.m3', 'b1.m4', 'b1.m5', 'b1.p1'];

/** February's books: 50 fen a month for each (农民: no base); b1.m1 and b2.m1 pay February. */
function scenario(chain: Chain): void {
  B1.forEach((member, i) => {
    chain.ok({
      at: '2024-02-01',
      hour: 10 + i,
      by: 'b1.sec',
      do: 'dues.assess',
      params: { member, group: '农民', from: '2024-02', fen: 50 },
    });
  });
  chain.ok({
    at: '2024-02-01',
    hour: 17,
    by: 'b2.sec',
    do: 'dues.assess',
    params: { member: 'b2.m1', group: '农民', from: '2024-02', fen: 50 },
  });
  chain.ok({
    at: '2024-02-02',
    by: 'b1.clerk',
    do: 'dues.recordPayment',
    params: { id: 'p1', member: 'b1.m1', months: ['2024-02'], fen: 50, method: '现金' },
  });
  chain.ok({
    at: '2024-02-02',
    hour: 11,
    by: 'b2.sec',
    do: 'dues.recordPayment',
    params: {
      id: 'p2',
      member: 'b2.m1',
      months: ['2024-02'],
      fen: 50,
      method: '现金',
    },
  });
}

const spread = (closeMembers: number) => new Chain(undefined, { modules: { dues: { closeMembers } } });
const closingKeys = (chain: Chain) =>
  chain.state
    .entries()
    .map(([k]) => k)
    .filter((k) => k.startsWith('dues/closing'));
const closedMonth = (chain: Chain) => decode(chain.state.get('dues/closed')!) as string;
const closedEvents = (events: readonly { type: string; data: Value }[]) =>
  events.filter((e) => e.type === 'dues.MonthClosed').map((e) => e.data);
const warned = (events: readonly { type: string; data: Value }[]) =>
  events
    .filter((e) => e.type === 'dues.ArrearsWarning')
    .map((e) => (e.data as { member: string; months: string[] }).member);

// February by hand: b1 has six members at 50 fen, one paid; b2 one member, paid.
const FEBRUARY = [
  { org: 'b1', month: '2024-02', members: 6, paid: 1, unpaid: 5, dueFen: 300, paidFen: 50 },
  { org: 'b2', month: '2024-02', members: 1, paid: 1, unpaid: 0, dueFen: 50, paidFen: 50 },
];

describe('dues: the month close spread over blocks', () => {
  it('three members a block: February closes in the third block, nothing of it before, nothing left after', () => {
    const chain = spread(3);
    scenario(chain);
    assert.equal(closedMonth(chain), '2024-01');
    // Block 1: the walk of the accounts, the first chunk judged; chunks 2 and 3 wait in state.
    assert.deepEqual(closedEvents(chain.tick('2024-03-01', 0)), []);
    assert.deepEqual(closingKeys(chain), ['dues/closing', 'dues/closing/000001', 'dues/closing/000002']);
    const progress = decode(chain.state.get('dues/closing')!) as {
      month: string;
      chunks: number;
      next: number;
    };
    assert.deepEqual([progress.month, progress.chunks, progress.next], ['2024-02', 3, 1]);
    assert.equal(closedMonth(chain), '2024-01');
    assert.deepEqual(decode(chain.state.get('dues/closing/000002')!), ['b2.m1']);
    assert.deepEqual(closedEvents(chain.tick('2024-03-01', 1)), []);
    assert.deepEqual(closingKeys(chain), ['dues/closing', 'dues/closing/000002']);
    // Block 3: b2.m1, then every organization's totals and the month closed.
    assert.deepEqual(closedEvents(chain.tick('2024-03-01', 2)), FEBRUARY);
    assert.deepEqual(closingKeys(chain), []);
    assert.equal(closedMonth(chain), '2024-02');
    assert.deepEqual(closedEvents(chain.tick('2024-03-01', 3)), []);
  });

  it('a community under the limit closes in one block, with the same totals', () => {
    const chain = new Chain();
    scenario(chain);
    assert.deepEqual(closedEvents(chain.tick('2024-03-01', 0)), FEBRUARY);
    assert.deepEqual(closingKeys(chain), []);
    assert.equal(closedMonth(chain), '2024-02');
  });

  it('the arrears warnings of a spread close are those of a one-block close, each in its chunk’s block', () => {
    const one = new Chain();
    const many = spread(3);
    for (const c of [one, many]) scenario(c);
    for (const month of ['03', '04']) {
      one.tick(`2024-${month}-01`, 0);
      for (let h = 0; h < 3; h++) many.tick(`2024-${month}-01`, h);
    }
    // May 1 closes April: February–April unpaid (three months) for everyone of b1 but b1.m1.
    assert.deepEqual(warned(one.tick('2024-05-01', 0)), ['b1.m2', 'b1.m3', 'b1.m4', 'b1.m5', 'b1.p1']);
    assert.deepEqual(warned(many.tick('2024-05-01', 0)), ['b1.m2', 'b1.m3']);
    assert.deepEqual(warned(many.tick('2024-05-01', 1)), ['b1.m4', 'b1.m5', 'b1.p1']);
    assert.deepEqual(warned(many.tick('2024-05-01', 2)), []);
    for (const c of [one, many]) assert.equal(closedMonth(c), '2024-04');
  });

  it('a member is judged once, as the block reaching them finds them; the next month waits for the one in progress', () => {
    const chain = spread(3);
    scenario(chain);
    const pay = (hour: number, id: string, member: string) =>
      chain.ok({
        at: '2024-03-01',
        hour,
        by: 'b1.clerk',
        do: 'dues.recordPayment',
        params: { id, member, months: ['2024-02'], fen: 50, method: '现金' },
      });
    // Each block's hook runs before its transactions. Block 1 judges b1.m1–m3, then b1.m4 pays
    // February; block 2 judges b1.m4–b1.p1, then b1.m2 (judged unpaid in block 1) pays.
    pay(0, 'p3', 'b1.m4');
    pay(1, 'p4', 'b1.m2');
    assert.equal(closedMonth(chain), '2024-01');
    // A month later: April's first block ends February (b2.m1)…
    const events = chain.tick('2024-04-01', 0);
    const b1 = closedEvents(events).find((t) => (t as { org: string }).org === 'b1') as { paid: number };
    // b1.m1 and b1.m4 paid when judged; b1.m2 paid only after.
    assert.equal(b1.paid, 2);
    assert.equal(closedMonth(chain), '2024-02');
    // … and, two members of its budget left, begins March: seven members, a close over blocks again.
    const progress = decode(chain.state.get('dues/closing')!) as { month: string; next: number };
    assert.deepEqual([progress.month, progress.next], ['2024-03', 1]);
    assert.deepEqual(closedEvents(chain.tick('2024-04-01', 1)), []);
    assert.equal(closedEvents(chain.tick('2024-04-01', 2)).length, 2);
    assert.equal(closedMonth(chain), '2024-03');
    assert.deepEqual(closingKeys(chain), []);
  });

  it('catching up months, a month that overflows the block after another leaves no chunk behind', () => {
    // Ten members a block, seven accounts: on 1 May February closes at once (three of the budget
    // left), March does not fit and is begun in chunks — one chunk of seven — and ends in this block.
    const chain = spread(10);
    scenario(chain);
    const events = chain.tick('2024-05-01', 0);
    assert.deepEqual(
      closedEvents(events).map((t) => (t as { month: string }).month),
      ['2024-02', '2024-02', '2024-03', '2024-03'],
    );
    assert.equal(closedMonth(chain), '2024-03');
    assert.deepEqual(closingKeys(chain), []);
    chain.tick('2024-05-01', 1); // April
    assert.equal(closedMonth(chain), '2024-04');
    assert.deepEqual(closingKeys(chain), []);
  });

  it('a genesis closeMembers outside 1–200,000 is refused', () => {
    assert.throws(() => spread(0), /closeMembers/);
    assert.throws(() => spread(200_001), /closeMembers/);
  });
});

describe('orglife: the month close spread over blocks', () => {
  /** b1, b2 and b3 keep a calendar from February; nobody holds anything, so each misses February. */
  const calendars = (chain: Chain) => {
    for (const [hour, org] of [
      [10, 'b1'],
      [11, 'b2'],
      [12, 'b3'],
    ] as const)
      chain.ok({
        at: '2024-02-05',
        hour,
        by: 'c.sec',
        do: 'orglife.setCalendar',
        params: { org, themeDay: 12 },
      });
  };
  const missed = (events: readonly { type: string; data: Value }[]) =>
    events
      .filter((e) => e.type === 'orglife.ObligationMissed')
      .map((e) => {
        const d = e.data as { org: string; kind: string; period: string };
        return `${d.org} ${d.kind} ${d.period}`;
      });
  const keysOf = (chain: Chain) =>
    chain.state
      .entries()
      .map(([k]) => k)
      .filter((k) => k.startsWith('orglife/closed') || k.startsWith('orglife/closing'));

  it('one branch a block: each branch’s warnings in its own block, the month closed in the last', () => {
    const one = new Chain();
    const many = new Chain(undefined, { modules: { orglife: { closeBranches: 1 } } });
    for (const c of [one, many]) calendars(c);
    const all = missed(one.tick('2024-03-01', 0));
    // By hand: every branch missed February's 主题党日.
    for (const org of ['b1', 'b2', 'b3']) assert.ok(all.includes(`${org} 主题党日 2024-02`), org);
    const first = missed(many.tick('2024-03-01', 0));
    assert.ok(first.includes('b1 主题党日 2024-02'));
    assert.ok(!first.some((w) => w.startsWith('b2 ') || w.startsWith('b3 ')));
    assert.deepEqual(keysOf(many), [
      'orglife/closed',
      'orglife/closing',
      'orglife/closing/b2',
      'orglife/closing/b3',
    ]);
    assert.equal(decode(many.state.get('orglife/closed')!), '2024-01');
    const second = missed(many.tick('2024-03-01', 1));
    assert.ok(second.includes('b2 主题党日 2024-02'));
    assert.ok(!second.some((w) => w.startsWith('b1 ') || w.startsWith('b3 ')));
    const third = missed(many.tick('2024-03-01', 2));
    assert.deepEqual(third, ['b3 主题党日 2024-02']);
    assert.deepEqual(keysOf(many), ['orglife/closed']);
    assert.equal(decode(many.state.get('orglife/closed')!), '2024-02');
    // Together, the warnings of the one-block close, in the same order.
    assert.deepEqual([...first, ...second, ...third], all);
  });

  it('a genesis closeBranches outside 1–10,000 is refused', () => {
    assert.throws(
      () => new Chain(undefined, { modules: { orglife: { closeBranches: 0 } } }),
      /closeBranches/,
    );
  });
});
