/**
 * Credit (信用) of organizations and members' correction requests (issue 18): every expected point
 * and record written out by hand below from the scenario, never read from the code under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Step } from './harness.ts';

const code = (chain: Chain, s: Step) => chain.attempt(s).receipt.error?.code ?? 'ok';

type Entry = {
  points: number;
  kind: string;
  org?: string;
  on: string;
  record: string;
  corrections?: unknown[];
};
type Credit = { total: number; entries: Entry[] };

/**
 * 2024: b3 (calendar set on 01-05, 主题党日 on the 12th) holds January's 主题党日 and nothing after.
 * b1 files two 请示 to c1 on 01-10 (due 01-25): q1 answered 01-20, q2 answered 02-01 (late). b1.m1
 * is assessed from January and pays January on 01-15; b1 remits 1000 fen (rem1) to c1, which
 * acknowledges it on 01-17. Blocks run to 2024-04-01 (March closed).
 */
function scenario(): Chain {
  const chain = new Chain();
  chain.ok({
    at: '2024-01-05',
    by: 'c.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b3', themeDay: 12 },
  });
  for (const id of ['q1', 'q2'])
    chain.ok({
      at: '2024-01-10',
      hour: id === 'q1' ? 9 : 10,
      by: 'b1.sec',
      do: 'declaration.fileRequest',
      params: { id, org: 'b1', kind: '请示', title: '关于召开党员大会的请示', document: 'ab'.repeat(32) },
    });
  chain.ok({
    at: '2024-01-11',
    by: 'b1.sec',
    do: 'dues.assess',
    params: { member: 'b1.m1', group: '在职', from: '2024-01', fen: 1500, commitment: 'ab'.repeat(32) },
  });
  chain.meeting({
    at: '2024-01-12',
    by: 'b3.sec',
    id: 'b3-td-01',
    org: 'b3',
    kind: '主题党日',
    length: '一天',
  });
  chain.ok({
    at: '2024-01-15',
    by: 'b1.clerk',
    do: 'dues.recordPayment',
    params: { id: 'pay1', member: 'b1.m1', months: ['2024-01'], fen: 1500, method: '现金' },
  });
  chain.ok({
    at: '2024-01-16',
    by: 'b1.clerk',
    do: 'dues.remit',
    params: { id: 'rem1', org: 'b1', fen: 1000, period: '2024-01' },
  });
  chain.ok({ at: '2024-01-17', by: 'c.sec', do: 'dues.acknowledgeRemittance', params: { id: 'rem1' } });
  chain.ok({
    at: '2024-01-20',
    by: 'c.sec',
    do: 'declaration.answerRequest',
    params: { id: 'q1', outcome: 'approved' },
  });
  chain.ok({
    at: '2024-02-01',
    by: 'c.sec',
    do: 'declaration.answerRequest',
    params: { id: 'q2', outcome: 'approved' },
  });
  for (const d of ['2024-02-02', '2024-03-01', '2024-04-01']) {
    chain.tick(d, 0);
    chain.tick(d, 1);
  }
  return chain;
}

const orgCredit = (chain: Chain, org: string, year: number) =>
  chain.query('insight', 'orgCredit', { org, year }) as unknown as Credit | null;
const credit = (chain: Chain, member: string, year: number) =>
  chain.query('insight', 'credit', { member, year }) as unknown as Credit;

describe('organization credit (信用): from its attested records only, each point with its record', () => {
  const chain = scenario();
  it('b3 in 2024 through March: January 主题党日 held, February and March missed (their warnings), the Q1 党员大会 missed', () => {
    const c = orgCredit(chain, 'b3', 2024)!;
    // In orglife's row order: the kinds as its rules list them (支部党员大会 before 主题党日), then periods.
    assert.deepEqual(c.entries, [
      {
        points: -1,
        kind: 'meetingMissed',
        org: 'b3',
        on: '2024-Q1',
        record: 'orglife.missed/b3:支部党员大会:2024-Q1',
      },
      { points: 1, kind: 'meetingHeld', org: 'b3', on: '2024-01', record: 'orglife.meeting/b3-td-01' },
      {
        points: -1,
        kind: 'meetingMissed',
        org: 'b3',
        on: '2024-02',
        record: 'orglife.missed/b3:主题党日:2024-02',
      },
      {
        points: -1,
        kind: 'meetingMissed',
        org: 'b3',
        on: '2024-03',
        record: 'orglife.missed/b3:主题党日:2024-03',
      },
    ]);
    assert.equal(c.total, -2);
  });
  it('c1 as the superior: q1 answered on time (+1), q2 after its due day (−1); the remittance it received is not its own', () => {
    const c = orgCredit(chain, 'c1', 2024)!;
    assert.deepEqual(c.entries, [
      { points: 1, kind: 'answeredOnTime', org: 'c1', on: '2024-01-20', record: 'declaration.request/q1' },
      { points: -1, kind: 'answeredLate', org: 'c1', on: '2024-02-01', record: 'declaration.request/q2' },
    ]);
    assert.equal(c.total, 0);
  });
  it('b1: no calendar, so nothing judged; its acknowledged remittance (+1); another year is empty; an unknown org is null', () => {
    assert.deepEqual(orgCredit(chain, 'b1', 2024), {
      org: 'b1',
      year: 2024,
      total: 1,
      entries: [{ points: 1, kind: 'remitted', org: 'b1', on: '2024-01-16', record: 'dues.remittance/rem1' }],
    });
    assert.deepEqual(orgCredit(chain, 'b1', 2023)!.entries, []);
    assert.equal(orgCredit(chain, 'nope', 2024), null);
  });
});

describe("credit correction requests: the member's own, answered by their branch", () => {
  const chain = scenario();
  const ask = (by: string, params: Record<string, unknown>, onBehalfOf?: string): Step => ({
    at: '2024-04-02',
    by,
    do: 'insight.requestCreditCorrection',
    params: {
      id: 'cc1',
      member: 'b1.m1',
      year: 2024,
      record: 'dues.month/b1.m1/2024-02',
      reason: '二月党费已交现金',
      ...params,
    },
    ...(onBehalfOf ? { onBehalfOf } : {}),
  });
  const answer = (by: string, params: Record<string, unknown>): Step => ({
    at: '2024-04-03',
    by,
    do: 'insight.answerCreditCorrection',
    params: { id: 'cc1', ...params },
  });

  it('only the member, with a reason, on a record behind a point of their credit', () => {
    // b1.m1 in 2024 through March: January paid on 01-15 (+1), February and March unpaid (−1 each).
    assert.deepEqual(
      credit(chain, 'b1.m1', 2024).entries.map((e) => e.record),
      ['dues.payment/pay1', 'dues.month/b1.m1/2024-02', 'dues.month/b1.m1/2024-03'],
    );
    assert.equal(code(chain, ask('b1.m2', {})), 'INSIGHT_NOT_PERMITTED');
    assert.equal(code(chain, ask('b1.sec', {})), 'INSIGHT_NOT_PERMITTED');
    // Never by proxy: a clerk entering it for the member is refused.
    assert.equal(code(chain, ask('b1.clerk', {}, 'b1.m1')), 'INSIGHT_ON_BEHALF_REFUSED');
    assert.equal(code(chain, ask('b1.m1', { reason: '有误' })), 'INSIGHT_REASON_REQUIRED');
    assert.equal(
      code(chain, ask('b1.m1', { record: 'dues.month/b1.m1/2024-04' })),
      'INSIGHT_NOT_A_CREDIT_RECORD',
    );
    assert.equal(
      code(chain, ask('b1.m1', { record: 'dues.payment/pay1', year: 2023 })),
      'INSIGHT_NOT_A_CREDIT_RECORD',
    );
    chain.ok(ask('b1.m1', {}));
    assert.equal(code(chain, ask('b1.m1', {})), 'INSIGHT_EXISTS');
    // One open request per record: another id about the same month waits for the answer.
    assert.equal(code(chain, ask('b1.m1', { id: 'cc9' })), 'INSIGHT_ALREADY_OPEN');
    // The branch's list of what it has to answer: this one request, open; none for another org.
    assert.deepEqual(chain.query('insight', 'openCorrections', { org: 'b1' }), [
      {
        id: 'cc1',
        member: 'b1.m1',
        org: 'b1',
        year: 2024,
        record: 'dues.month/b1.m1/2024-02',
        reason: '二月党费已交现金',
        filedOn: '2024-04-02',
        status: 'open',
        answeredOn: null,
        answer: null,
      },
    ]);
    assert.deepEqual(chain.query('insight', 'openCorrections', { org: 'b2' }), []);
  });

  it('the branch answers: not the member, a refusal states a reason, once only', () => {
    assert.equal(code(chain, answer('b1.m1', { accepted: true })), 'INSIGHT_NOT_PERMITTED');
    assert.equal(code(chain, answer('c.sec', { accepted: true })), 'INSIGHT_NOT_PERMITTED');
    assert.equal(code(chain, answer('b1.org', { accepted: false })), 'INSIGHT_REASON_REQUIRED');
    assert.equal(code(chain, answer('b1.org', { accepted: false, reason: '无' })), 'INSIGHT_REASON_REQUIRED');
    chain.ok(answer('b1.org', { accepted: false, reason: '账上无二月缴纳记录' }));
    assert.equal(code(chain, answer('b1.sec', { accepted: true })), 'INSIGHT_ALREADY_ANSWERED');
    // An acceptance needs no reason.
    chain.ok({
      ...ask('b1.m1', { id: 'cc2', record: 'dues.month/b1.m1/2024-03', reason: '三月已转账缴纳' }),
      at: '2024-04-04',
    });
    chain.ok({ ...answer('b1.sec', { id: 'cc2', accepted: true }), at: '2024-04-05' });
  });

  it('the credit is unchanged, each request and answer beside the disputed entry; the member’s requests listed', () => {
    const cc1 = {
      id: 'cc1',
      member: 'b1.m1',
      org: 'b1',
      year: 2024,
      record: 'dues.month/b1.m1/2024-02',
      reason: '二月党费已交现金',
      filedOn: '2024-04-02',
      status: 'refused',
      answeredOn: '2024-04-03',
      answer: '账上无二月缴纳记录',
    };
    const cc2 = {
      id: 'cc2',
      member: 'b1.m1',
      org: 'b1',
      year: 2024,
      record: 'dues.month/b1.m1/2024-03',
      reason: '三月已转账缴纳',
      filedOn: '2024-04-04',
      status: 'accepted',
      answeredOn: '2024-04-05',
      answer: null,
    };
    const c = credit(chain, 'b1.m1', 2024);
    assert.deepEqual(c.entries, [
      { points: 1, kind: 'duesOnTime', on: '2024-01', record: 'dues.payment/pay1' },
      {
        points: -1,
        kind: 'duesUnpaid',
        on: '2024-02',
        record: 'dues.month/b1.m1/2024-02',
        corrections: [cc1],
      },
      {
        points: -1,
        kind: 'duesUnpaid',
        on: '2024-03',
        record: 'dues.month/b1.m1/2024-03',
        corrections: [cc2],
      },
    ]);
    // Accepted or not, the points are the records' own: 1 − 1 − 1.
    assert.equal(c.total, -1);
    assert.deepEqual(chain.query('insight', 'corrections', { member: 'b1.m1' }), [cc1, cc2]);
    assert.deepEqual(chain.query('insight', 'corrections', { member: 'b1.m1', year: 2023 }), []);
    // Both answered: nothing left open for the branch.
    assert.deepEqual(chain.query('insight', 'openCorrections', { org: 'b1' }), []);
  });
});

describe('a point the member says is missing: asked at a meeting line of the year without one', () => {
  const chain = scenario();
  // b1's 党课 on 04-02: b1.m1 is expected and marked absent, everyone else present.
  chain.ok({
    at: '2024-04-02',
    by: 'b1.sec',
    do: 'orglife.plan',
    params: { id: 'b1-td-04', org: 'b1', kind: '党课', date: '2024-04-02' },
  });
  const expected = (chain.query('orglife', 'meeting', { id: 'b1-td-04' }) as { expected: string[] }).expected;
  assert.ok(expected.includes('b1.m1'));
  chain.ok({
    at: '2024-04-02',
    hour: 11,
    by: 'b1.sec',
    do: 'orglife.hold',
    params: {
      meeting: 'b1-td-04',
      heldOn: '2024-04-02',
      present: expected.filter((m) => m !== 'b1.m1'),
      absent: ['b1.m1'],
      lecturer: 'b1.sec',
    },
  });
  const ask = (params: Record<string, unknown>): Step => ({
    at: '2024-04-03',
    by: 'b1.m1',
    do: 'insight.requestCreditCorrection',
    params: {
      id: 'mm1',
      member: 'b1.m1',
      year: 2024,
      record: 'orglife.meeting/b1-td-04',
      reason: '当天我在场，签到表有我',
      missing: true,
      ...params,
    },
  });

  it('refused at a record already giving a point, at a meeting without their line, at another kind of record', () => {
    assert.equal(code(chain, ask({ record: 'dues.payment/pay1' })), 'INSIGHT_ALREADY_CREDITED');
    // b3's meeting: b1.m1 has no line there.
    assert.equal(code(chain, ask({ record: 'orglife.meeting/b3-td-01' })), 'INSIGHT_NOT_A_MISSING_RECORD');
    assert.equal(code(chain, ask({ record: 'orglife.meeting/none' })), 'INSIGHT_NOT_A_MISSING_RECORD');
    assert.equal(code(chain, ask({ record: 'dues.month/b1.m1/2024-05' })), 'INSIGHT_NOT_A_MISSING_RECORD');
    // Another year: the line is of 2024.
    assert.equal(code(chain, ask({ year: 2023 })), 'INSIGHT_NOT_A_MISSING_RECORD');
    // Without `missing`, the meeting is no point of the credit.
    assert.equal(code(chain, ask({ missing: false })), 'INSIGHT_NOT_A_CREDIT_RECORD');
  });

  it('recorded as asked about a missing point, answered by the branch, listed apart from the entries', () => {
    chain.ok(ask({}));
    assert.equal(code(chain, ask({ id: 'mm2' })), 'INSIGHT_ALREADY_OPEN');
    const open = {
      id: 'mm1',
      member: 'b1.m1',
      org: 'b1',
      year: 2024,
      record: 'orglife.meeting/b1-td-04',
      reason: '当天我在场，签到表有我',
      filedOn: '2024-04-03',
      status: 'open',
      answeredOn: null,
      answer: null,
      missing: true,
    };
    assert.deepEqual(chain.query('insight', 'openCorrections', { org: 'b1' }), [open]);
    chain.ok({
      at: '2024-04-04',
      by: 'b1.org',
      do: 'insight.answerCreditCorrection',
      params: { id: 'mm1', accepted: true },
    });
    const c = credit(chain, 'b1.m1', 2024) as Credit & { missing: unknown[] };
    // The entries are the records' own (the meeting gives no point until its line is corrected).
    assert.deepEqual(
      c.entries.map((e) => e.record),
      ['dues.payment/pay1', 'dues.month/b1.m1/2024-02', 'dues.month/b1.m1/2024-03'],
    );
    assert.deepEqual(c.missing, [{ ...open, status: 'accepted', answeredOn: '2024-04-04' }]);
  });
});
