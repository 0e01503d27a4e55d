/**
 * The orglife queries a branch calendar and a superior's view are drawn from: each obligation's status
 * per period (held, held late, missed, due, not judged), a member's own year and the overview of
 * which branches are judged. Expectations written by hand for the scenario below.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Step } from './harness.ts';

type Row = { kind: string; period: string; status: string; meetings: string[] };

describe('orglife queries', () => {
  const chain = new Chain();
  const ok = (s: Step) => {
    const r = chain.step(s);
    assert.equal(r.receipt.status, 'ok', `${s.do}: ${JSON.stringify(r.receipt.error)}`);
  };
  const everyone = [
    'b1.clerk',
    'b1.dep',
    'b1.dis',
    'b1.m1',
    'b1.m2',
    'b1.m3',
    'b1.m4',
    'b1.m5',
    'b1.org',
    'b1.p1',
    'b1.pub',
    'b1.sec',
  ];
  // Judged from February: January is not; February's 主题党日 is held; March's is missed, then
  // recorded late in April; April's is still due on 10 April.
  ok({
    at: '2024-01-20',
    by: 'b1.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b1', themeDay: 8, from: '2024-02' },
  });
  ok({
    at: '2024-01-20',
    hour: 11,
    by: 'b2.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b2', themeDay: 8, from: '2024-02' },
  });
  ok({
    at: '2024-02-08',
    by: 'b1.sec',
    do: 'orglife.plan',
    params: { id: 'td2', org: 'b1', kind: '主题党日', date: '2024-02-08' },
  });
  ok({
    at: '2024-02-08',
    hour: 11,
    by: 'b1.sec',
    do: 'orglife.hold',
    params: {
      meeting: 'td2',
      heldOn: '2024-02-08',
      present: everyone.filter((m) => m !== 'b1.m3'),
      absent: ['b1.m3'],
    },
  });
  chain.tick('2024-04-01');
  ok({
    at: '2024-04-02',
    by: 'b1.sec',
    do: 'orglife.plan',
    params: { id: 'td3', org: 'b1', kind: '主题党日', date: '2024-03-08' },
  });
  ok({
    at: '2024-04-02',
    hour: 11,
    by: 'b1.sec',
    do: 'orglife.hold',
    params: { meeting: 'td3', heldOn: '2024-03-08', present: everyone },
  });
  chain.tick('2024-04-10');
  const rows = (chain.query('orglife', 'obligations', { org: 'b1', year: 2024 }) as { rows: Row[] }).rows;
  const row = (kind: string, period: string) => rows.find((r) => r.kind === kind && r.period === period);

  it('each period of each obligation has its status', () => {
    assert.equal(row('主题党日', '2024-01')?.status, 'notJudged');
    assert.deepEqual(row('主题党日', '2024-02'), {
      ...row('主题党日', '2024-02'),
      status: 'held',
      meetings: ['td2'],
    });
    assert.deepEqual(row('主题党日', '2024-03'), {
      ...row('主题党日', '2024-03'),
      status: 'heldLate',
      meetings: ['td3'],
    });
    assert.equal(row('主题党日', '2024-04')?.status, 'due');
    assert.equal(row('支部委员会', '2024-03')?.status, 'missed');
    assert.equal(row('支部党员大会', '2024-Q1')?.status, 'notJudged', 'Q1 began before the calendar month');
    assert.equal(row('支部党员大会', '2024-Q2')?.status, 'due');
    assert.equal(row('党小组会', '2024-03'), undefined, 'a branch holds no 党小组会');
    assert.equal(rows.length, 12 * 2 + 4 + 4, 'two monthly kinds, the quarterly one, four yearly');
  });

  it('a branch without a committee owes no 支部委员会: the query and the month close say the same', () => {
    // b2 has a secretary only (one committee post, fewer than the 3 a committee needs). Its calendar
    // was set on 20 January (judged from February); by 10 April February and March are closed.
    const b2 = (chain.query('orglife', 'obligations', { org: 'b2', year: 2024 }) as { rows: Row[] }).rows;
    const b2row = (kind: string, period: string) => b2.find((r) => r.kind === kind && r.period === period);
    assert.equal(b2row('支部委员会', '2024-03')?.status, 'notOwed');
    assert.equal(b2row('支部委员会', '2024-04')?.status, 'notOwed');
    assert.equal(b2row('主题党日', '2024-03')?.status, 'missed', 'its other obligations are judged');
    assert.equal(row('支部委员会', '2024-04')?.status, 'due', 'b1 has a committee of five');
  });

  it("a member's year lists each meeting with their line", () => {
    const m3 = chain.query('orglife', 'member', { member: 'b1.m3', year: 2024 }) as {
      meetings: { meeting: string; status: string; confirmation: unknown }[];
    };
    assert.deepEqual(
      m3.meetings.map((x) => [x.meeting, x.status, x.confirmation]),
      [
        ['td2', 'absent', null],
        ['td3', 'present', null],
      ],
    );
  });

  it('the superior sees which branches are judged', () => {
    const o = chain.query('orglife', 'overview', { org: 'c1' }) as {
      branches: { org: string; calendar: { from: string } | null }[];
    };
    assert.deepEqual(
      o.branches.map((b) => [b.org, b.calendar?.from ?? null]),
      [
        ['b1', '2024-02'],
        ['b2', '2024-02'],
        ['b3', null],
      ],
    );
  });
});
