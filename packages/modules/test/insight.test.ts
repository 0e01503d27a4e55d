/**
 * The operation index (insight): each component at period edges, with every expected figure worked
 * out by hand in the comments; the governed rule change; the same records on two executors and after
 * replay; and no query that orders members by a score (国办函〔2026〕12号).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, type Value } from '@djchain/crypto';
import { Executor, type ReadStore } from '@djchain/runtime';
import { allModules, INDEX_RULES, paceMonths } from '../src/index.ts';
import { rulesInForce } from '../src/insight/close.ts';
import { memberKeys } from '../src/member/store.ts';
import { recruitmentKeys } from '../src/recruitment/store.ts';
import { studyCountedFrom } from '../src/study/pace.ts';
import { TRANSFER_REMIND_DAYS } from '../src/transfer/store.ts';
import { CHAIN, Chain, type Step } from './harness.ts';

type Rec = {
  overall: number;
  level: string;
  rules: string;
  branches: string[];
  people: {
    score: number;
    owed: number;
    done: number;
    missing: { member: string; items: string[]; months: string[] }[];
  };
  items: {
    score: number;
    owed: number;
    done: number;
    missing: { kind: string; period: string; warning: string | null }[];
  };
  links: { score: number; owed: number; done: number; missing: { warning: string; member: string | null }[] };
};
const index = (chain: Chain, org: string, period: string) =>
  chain.query('insight', 'period', { org, period }) as unknown as Rec | null;

/**
 * b3 (one member, its 书记 b3.sec: a cadre, study target 56 学时) keeps January: calendar, 主题党日
 * attended (a full day, 8 学时), January's dues paid. Nothing after. b1: an applicant whose talk
 * deadline (2024-04-04) passes. The 党委 adopts the strict rule set on 2024-04-20. b2.m1 (no post:
 * target 32 学时) studies a day in January, confirmed by b2.sec: exactly on the first quarter's pace.
 */
function scenario(chain: Chain): void {
  chain.ok({
    at: '2024-01-05',
    by: 'c.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b3', themeDay: 12 },
  });
  chain.ok({
    at: '2024-01-06',
    by: 'b3.sec',
    do: 'dues.assess',
    params: { member: 'b3.sec', group: '在职', from: '2024-01', fen: 1500, commitment: 'ab'.repeat(32) },
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
    at: '2024-01-13',
    by: 'b2.m1',
    do: 'study.report',
    params: { id: 'st-b2m1', member: 'b2.m1', on: '2024-01-13', topic: '自学党章', days: 1 },
  });
  chain.ok({
    at: '2024-01-14',
    by: 'b2.sec',
    do: 'study.confirm',
    params: { id: 'st-b2m1', accepted: true },
  });
  chain.ok({
    at: '2024-01-15',
    by: 'b3.sec',
    do: 'dues.recordPayment',
    params: { id: 'b3-pay-01', member: 'b3.sec', months: ['2024-01'], fen: 1500, method: '现金' },
  });
}

describe('operation index: period edges', () => {
  const chain = new Chain();
  scenario(chain);

  it('a month is closed once dues and orglife have closed it: not in the first block of the next month, in the one after', () => {
    chain.tick('2024-01-31', 23);
    chain.tick('2024-02-01', 0);
    assert.equal(index(chain, 'b3', '2024-01'), null);
    // The close is state only: no event, so ticks that expect none elsewhere stay silent.
    assert.deepEqual(chain.tick('2024-02-01', 1), []);
    for (const org of ['b1', 'b2', 'b3', 'c1', 'zz']) assert.ok(index(chain, org, '2024-01') !== null, org);
  });

  it('January of b3: everyone accounted for, every item done, no link: 1000 良好', () => {
    const r = index(chain, 'b3', '2024-01')!;
    // people: b3.sec paid January, attended, 8 学时 × 12 = 96 ≥ 56 × 1 → 1 of 1.
    assert.deepEqual([r.people.owed, r.people.done, r.people.score, r.people.missing], [1, 1, 1000, []]);
    // items: the calendar, January's 主题党日 held, the term (ends 2026) → 3 of 3. No committee of 3:
    // no 支部委员会 owed.
    assert.deepEqual([r.items.owed, r.items.done, r.items.score], [3, 3, 1000]);
    assert.deepEqual([r.links.owed, r.links.score], [0, 1000]);
    assert.deepEqual([r.overall, r.level, r.rules, r.branches], [1000, '良好', '2026', ['b3']]);
  });

  it('February of b3: dues unpaid and study behind pace; the 主题党日 missed, naming its warning', () => {
    chain.tick('2024-03-01', 0);
    chain.tick('2024-03-01', 1);
    const r = index(chain, 'b3', '2024-02')!;
    // people: February unpaid; 8 × 12 = 96 < 56 × 2 = 112 → study behind; no meeting for him in
    // February, so organizational life is not missed → 0 of 1.
    assert.deepEqual(r.people.missing, [{ member: 'b3.sec', items: ['dues', 'study'], months: ['2024-02'] }]);
    assert.equal(r.people.score, 0);
    // items: calendar, term done; February's 主题党日 missed → 2 of 3 = 666‰.
    assert.deepEqual([r.items.owed, r.items.done, r.items.score], [3, 2, 666]);
    assert.deepEqual(r.items.missing, [
      { org: 'b3', kind: '主题党日', period: '2024-02', warning: 'orglife.missed/b3:主题党日:2024-02' },
    ]);
    // overall: (40 × 0 + 30 × 666 + 30 × 1000) / 100 = 499.8 → 499, 需关注.
    assert.deepEqual([r.overall, r.level], [499, '需关注']);
  });

  it('the first quarter of b3 closes with March: people over three months, items of the months and the quarter', () => {
    // An applicant in b1 (for the links below), then the quarter's close.
    chain.ok({
      at: '2024-03-01',
      hour: 10,
      by: 'b1.clerk',
      do: 'member.register',
      params: {
        id: 'cand',
        org: 'b1',
        address: '@cand',
        ageCommitment: { $ageCommitment: { seed: 'cand', born: '2000-05-20' } },
      },
    });
    chain.ok({
      at: '2024-03-04',
      by: 'cand',
      do: 'recruitment.apply',
      params: {
        member: 'cand',
        branch: 'b1',
        ageProof: { $ageProof: { seed: 'cand', born: '2000-05-20', on: '2024-03-04' } },
      },
    });
    chain.tick('2024-04-01', 0);
    assert.equal(index(chain, 'b3', '2024-Q1'), null);
    chain.tick('2024-04-01', 1);
    const q = index(chain, 'b3', '2024-Q1')!;
    // people: January 1 of 1, February 0 of 1, March 0 of 1 (unpaid; 96 < 56 × 3) → 1 of 3 = 333‰;
    // b3.sec listed once with both months.
    assert.deepEqual([q.people.owed, q.people.done, q.people.score], [3, 1, 333]);
    assert.deepEqual(q.people.missing, [
      { member: 'b3.sec', items: ['dues', 'study'], months: ['2024-02', '2024-03'] },
    ]);
    // items: calendar; 主题党日 Jan held, Feb and Mar missed; the Q1 党员大会 missed; the term → 3 of 6.
    assert.deepEqual([q.items.owed, q.items.done, q.items.score], [6, 3, 500]);
    assert.deepEqual(
      q.items.missing.map((m) => `${m.kind} ${m.period}`),
      // In the orglife kinds' order (支部党员大会 first), then by period.
      ['支部党员大会 2024-Q1', '主题党日 2024-02', '主题党日 2024-03'],
    );
    // overall: (40 × 333 + 30 × 500 + 30 × 1000) / 100 = 583.2 → 583.
    assert.equal(q.overall, 583);
    assert.ok(index(chain, 'b3', '2024-03') !== null);
    assert.equal(index(chain, 'b3', '2024'), null, 'the year closes only with December');
  });

  it("精准预警 study.pace: the first quarter's close warns those behind pace, not b2.m1 on it; confirmed study closes it", () => {
    const warning = (member: string) =>
      chain.query('warnings', 'warning', { id: `study.pace/${member}:2024` }) as {
        [k: string]: Value;
      } | null;
    // February's close raised none (only March, June and September warn).
    const w = warning('b3.sec')!;
    assert.deepEqual(
      [w.kind, w.level, w.org, w.member, w.due, w.status, w.raisedOn, w.posts, w.resolves, w.cite],
      [
        'study.pace',
        'dueSoon',
        'b3',
        'b3.sec',
        '2024-12-31',
        'open',
        '2024-04-01',
        ['书记', '组织委员', '宣传委员'],
        ['study.confirm', 'orglife.hold'],
        '《中国共产党党员教育管理工作条例》第二十条',
      ],
    );
    // Raised at March's close: 8 学时 (January's 主题党日) × 12 = 96 < 56 × 3 = 168; none confirmed yet.
    assert.deepEqual(w.data, { member: 'b3.sec', year: 2024, elapsed: 3, individualHours: 0 });
    // b2.m1: 8 × 12 = 96 ≥ 32 × 3 = 96, on pace to the hour — no warning.
    assert.equal(warning('b2.m1'), null);
    // Counted by hand: b2 holds 8 members (c.sec, c.dep, c.org, c.pub, c.dis, c.clerk, b2.sec, b2.m1),
    // none with an hour but b2.m1 → 7 warned; b1's 12 members, none with an hour → 12.
    const open = (org: string) =>
      (chain.query('warnings', 'open', { org }) as { kind: string; member: string }[])
        .filter((x) => x.kind === 'study.pace')
        .map((x) => x.member)
        .sort();
    assert.deepEqual(open('b2'), ['b2.sec', 'c.clerk', 'c.dep', 'c.dis', 'c.org', 'c.pub', 'c.sec']);
    assert.equal(open('b1').length, 12);
    // He reports 4 学时: 12 × 12 = 144 < 168, still behind once confirmed.
    const study = (id: string, at: string, hours: number) => {
      chain.ok({
        at,
        by: 'b3.sec',
        do: 'study.report',
        params: { id, member: 'b3.sec', on: at, topic: '自学党章', hours },
      });
      // Nobody confirms their own hours: b3.sec's own confirmation is refused, and b3 has no other
      // committee member, so the 党委 above (c.sec) confirms.
      const self = chain.step({
        at,
        hour: 11,
        by: 'b3.sec',
        do: 'study.confirm',
        params: { id, accepted: true },
      });
      assert.deepEqual([self.receipt.status, self.receipt.error?.code], ['failed', 'STUDY_SELF_CONFIRM']);
      chain.ok({ at, hour: 12, by: 'c.sec', do: 'study.confirm', params: { id, accepted: true } });
    };
    study('st-1', '2024-04-02', 4);
    chain.tick('2024-04-03');
    assert.equal(warning('b3.sec')!.status, 'open');
    // Two hours more: 14 × 12 = 168, on pace to the hour — closed at the next block start, by the confirmation.
    study('st-2', '2024-04-04', 2);
    chain.tick('2024-04-05');
    const closed = warning('b3.sec')!;
    assert.deepEqual(
      [closed.status, closed.closedBy, closed.closedOn],
      ['closed', 'study.confirm', '2024-04-05'],
    );
  });

  it('不掉链: the applicant whose talk is overdue is a broken link of b1, naming the warning; after the talk it holds', () => {
    chain.ok({
      at: '2024-04-20',
      by: 'c.sec',
      do: 'insight.adoptRules',
      params: { org: 'c1', version: '2026-strict', resolution: 'res-index' },
    });
    chain.tick('2024-05-01', 0);
    chain.tick('2024-05-01', 1);
    const april = index(chain, 'b1', '2024-04')!;
    assert.deepEqual([april.links.owed, april.links.done, april.links.score], [1, 0, 0]);
    assert.deepEqual(
      april.links.missing.map((l) => [l.warning, l.member]),
      [['recruitment.deadline/cand:talk:2024-04-04', 'cand']],
    );
    chain.ok({
      at: '2024-05-06',
      by: 'b1.org',
      do: 'recruitment.talk',
      params: { member: 'cand', lateReason: '申请人外出' },
    });
    chain.tick('2024-06-01', 0);
    chain.tick('2024-06-01', 1);
    const may = index(chain, 'b1', '2024-05')!;
    assert.deepEqual([may.links.owed, may.links.done, may.links.score, may.links.missing], [1, 1, 1000, []]);
  });

  it('a rule set adopted by the top 党委 applies from the next close; closed records keep theirs', () => {
    const april = index(chain, 'b3', '2024-04')!;
    // strict: people 0 (unpaid, 14 × 12 = 168 < 56 × 4), items 2 of 3 = 666, links 1000:
    // (35 × 0 + 40 × 666 + 25 × 1000) / 100 = 516.4 → 516; strict levels (950, 800) → 需关注.
    assert.deepEqual([april.rules, april.overall, april.level], ['2026-strict', 516, '需关注']);
    assert.equal(index(chain, 'b3', '2024-02')!.rules, '2026');
    const history = chain.query('insight', 'history', { org: 'b3' }) as { period: string; overall: number }[];
    assert.deepEqual(
      history.map((h) => [h.period, h.overall]),
      [
        ['2024-01', 1000],
        ['2024-02', 499],
        ['2024-03', 499],
        ['2024-04', 516],
        ['2024-05', 516],
      ],
    );
  });

  it('精准预警 study.pace at the June close: a warning still open is judged against the half-year pace, not the quarter it was raised at', () => {
    const warning = (member: string) =>
      chain.query('warnings', 'warning', { id: `study.pace/${member}:2024` }) as {
        [k: string]: Value;
      } | null;
    // b2.sec (书记 of b2: 56 学时), warned at March's close with 0 学时, reports two days (16 学时) in June:
    // 16 × 12 = 192 ≥ 56 × 3 = 168 would meet March's pace, but June's close counts 6 months:
    // 192 < 56 × 6 = 336 — the warning stays open.
    chain.ok({
      at: '2024-06-10',
      by: 'b2.sec',
      do: 'study.report',
      params: { id: 'st-b2sec', member: 'b2.sec', on: '2024-06-10', topic: '自学党章', days: 2 },
    });
    chain.tick('2024-07-01', 0);
    chain.ok({
      at: '2024-07-01',
      hour: 1,
      by: 'c.sec',
      do: 'study.confirm',
      params: { id: 'st-b2sec', accepted: true },
    });
    chain.tick('2024-07-01', 2);
    assert.ok(index(chain, 'b2', '2024-Q2') !== null, 'the second quarter closed');
    const w = warning('b2.sec')!;
    assert.deepEqual(
      [w.status, w.raisedOn, (w.data as { elapsed: number }).elapsed],
      ['open', '2024-04-01', 3],
    );
    // b3.sec's warning closed in April; at June's close he is behind again (14 × 12 = 168 < 336): raised
    // anew, with the 6 学时 of individual study confirmed by then.
    const b3 = warning('b3.sec')!;
    assert.deepEqual(
      [b3.status, b3.raisedOn, b3.data],
      ['open', '2024-07-01', { member: 'b3.sec', year: 2024, elapsed: 6, individualHours: 6 }],
    );
    // b2.m1 (8 学时, 96 < 32 × 6 = 192) is behind now: warned for the first time.
    assert.equal(warning('b2.m1')!.raisedOn, '2024-07-01');
  });

  it('the 党委 sums its branches: 不漏人 over every member below it', () => {
    const r = index(chain, 'c1', '2024-01')!;
    assert.deepEqual(r.branches, ['b1', 'b2', 'b3']);
    // b1: 12 members, b2: 8 (the 党委's six post holders, b2.sec, b2.m1), b3: 1 → 21; only b3.sec accounted.
    assert.deepEqual([r.people.owed, r.people.done], [21, 1]);
  });
});

describe('不漏人 complete (rule set 2026-v2): nobody out of contact, roster complete', () => {
  type Check = {
    owed: number;
    done: number;
    score: number;
    missing: { member: string; months: string[]; since?: string | null }[];
  };
  type V2 = Rec & { checks?: { contact: Check; roster: Check; transfer?: Check }; transferDays?: number };
  const chain = new Chain();
  const rec = (org: string, period: string) => index(chain, org, period) as V2;
  const ticks = (...days: string[]) => {
    for (const d of days) {
      chain.tick(d, 0);
      chain.tick(d, 1);
    }
  };
  // Genesis 2024-01-02. b3.sec attends b3's 主题党日 of 03-12; b2.m1's study of 02-01 is confirmed;
  // b3.sec and b2.m1 record their sealed profiles; b2.sec's June dues are paid on 06-03; b1 suspends
  // b1.m3 (out of contact since 2023-12-01) on 06-10. Months to May close under 2026; the 党委 adopts
  // 2026-v2 on 06-05, so June on are judged by it.
  chain.ok({
    at: '2024-01-05',
    by: 'c.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b3', themeDay: 12 },
  });
  ticks('2024-02-01');
  chain.ok({
    at: '2024-02-02',
    by: 'b2.m1',
    do: 'study.report',
    params: { id: 'st-v2', member: 'b2.m1', on: '2024-02-01', topic: '自学党章', days: 1 },
  });
  chain.ok({ at: '2024-02-03', by: 'b2.sec', do: 'study.confirm', params: { id: 'st-v2', accepted: true } });
  for (const [m, day] of [
    ['b3.sec', '2024-02-05'],
    ['b2.m1', '2024-02-06'],
  ] as const)
    chain.ok({
      at: day,
      by: m,
      do: 'member.updateProfile',
      params: { member: m, commitment: 'cd'.repeat(32), ref: `profile-${m.replace('.', '-')}` },
    });
  ticks('2024-03-01');
  chain.meeting({
    at: '2024-03-12',
    by: 'b3.sec',
    id: 'b3-td-v2',
    org: 'b3',
    kind: '主题党日',
    length: '一天',
  });
  ticks('2024-04-01', '2024-05-01', '2024-06-01');
  chain.ok({
    at: '2024-06-02',
    by: 'b2.sec',
    do: 'dues.assess',
    params: { member: 'b2.sec', group: '在职', from: '2024-06', fen: 1500, commitment: 'ab'.repeat(32) },
  });
  chain.ok({
    at: '2024-06-03',
    by: 'b2.sec',
    do: 'dues.recordPayment',
    params: { id: 'pay-v2', member: 'b2.sec', months: ['2024-06'], fen: 1500, method: '现金' },
  });
  chain.ok({
    at: '2024-06-05',
    by: 'c.sec',
    do: 'insight.adoptRules',
    params: { org: 'c1', version: '2026-v2', resolution: 'res-v2' },
  });
  chain.ok({
    at: '2024-06-10',
    by: 'b1.sec',
    do: 'member.suspend',
    params: { member: 'b1.m3', lostContactSince: '2023-12-01' },
  });
  // Transfers (组织关系转接) inside the chain, due 30 days after the request (2026-v3): b1.m1 → b3 on
  // 06-11 (due 07-11), accepted 08-10; b1.m2 → b2 on 06-20 (due 07-20), withdrawn on 07-20; b1.m5 → b2
  // on 06-25 (due 07-25), withdrawn on 08-01; b1.m4 → b3 on 07-10 (due 08-09), refused on 08-09. The
  // 党委 adopts 2026-v3 on 07-05: June closed under 2026-v2 on 07-01, July on are judged by 2026-v3.
  const transfer = (at: string, id: string, member: string, to: string) =>
    chain.ok({
      at,
      by: member,
      do: 'transfer.requestTransfer',
      params: { id, member, to, reason: '工作单位变动' },
    });
  transfer('2024-06-11', 'tr-m1', 'b1.m1', 'b3');
  transfer('2024-06-20', 'tr-m2', 'b1.m2', 'b2');
  transfer('2024-06-25', 'tr-m5', 'b1.m5', 'b2');
  ticks('2024-07-01');
  chain.ok({
    at: '2024-07-05',
    by: 'c.sec',
    do: 'insight.adoptRules',
    params: { org: 'c1', version: '2026-v3', resolution: 'res-v3' },
  });
  transfer('2024-07-10', 'tr-m4', 'b1.m4', 'b3');
  chain.ok({ at: '2024-07-20', by: 'b1.m2', do: 'transfer.withdrawTransfer', params: { id: 'tr-m2' } });
  ticks('2024-08-01');
  chain.ok({ at: '2024-08-01', by: 'b1.m5', do: 'transfer.withdrawTransfer', params: { id: 'tr-m5' } });
  chain.ok({
    at: '2024-08-09',
    by: 'b3.sec',
    do: 'transfer.refuseTransfer',
    params: { id: 'tr-m4', reason: '本支部不是其居住地' },
  });
  chain.ok({ at: '2024-08-10', by: 'b3.sec', do: 'transfer.acceptTransfer', params: { id: 'tr-m1' } });
  ticks('2024-09-01');

  it('months closed under 2026 are as they were: no checks, no contact or roster item', () => {
    for (const org of ['b1', 'b2', 'b3', 'c1']) {
      const may = rec(org, '2024-05');
      assert.equal(may.rules, '2026');
      assert.equal(may.checks, undefined, org);
      assert.ok(may.people.missing.every((m) => !m.items.includes('contact') && !m.items.includes('roster')));
    }
  });

  it('June (2026-v2): the six months reach back before genesis, so only the suspension on record counts as out of contact', () => {
    const b1 = rec('b1', '2024-06');
    assert.equal(b1.rules, '2026-v2');
    // b1: 11 on the roster (b1.m3 suspended is not) + b1.m3 held in suspension = 12; only b1.m3 missing.
    assert.deepEqual(
      [b1.checks!.contact.owed, b1.checks!.contact.done, b1.checks!.contact.missing],
      [12, 11, [{ member: 'b1.m3', months: ['2024-06'], since: '2023-12-01' }]],
    );
    // No b1 member has a sealed profile: 0 of 12.
    assert.deepEqual([b1.checks!.roster.owed, b1.checks!.roster.done, b1.checks!.roster.score], [12, 0, 0]);
    // b1.m3 in 不漏人: contact and roster (dues, organizational life and study are not judged while suspended).
    assert.deepEqual(
      b1.people.missing.find((m) => m.member === 'b1.m3'),
      { member: 'b1.m3', items: ['contact', 'roster'], months: ['2024-06'] },
    );
    assert.equal(b1.people.owed, 12);
    // The second quarter: only June judged the checks.
    const q2 = rec('b1', '2024-Q2');
    assert.deepEqual(
      [q2.checks!.contact.owed, q2.checks!.contact.done, q2.checks!.contact.missing.map((m) => m.member)],
      [12, 11, ['b1.m3']],
    );
  });

  it('July: no sign of contact from February to July lists the six of b2 without one; attendance, dues and study each count', () => {
    const b2 = rec('b2', '2024-07');
    // b2: c.sec, c.dep, c.org, c.pub, c.dis, c.clerk, b2.sec, b2.m1. b2.sec paid on 06-03, b2.m1's study
    // of 02-01 is the window's first day → 2 of 8 = 250‰.
    assert.deepEqual(
      [b2.checks!.contact.owed, b2.checks!.contact.done, b2.checks!.contact.score],
      [8, 2, 250],
    );
    assert.deepEqual(
      b2.checks!.contact.missing.map((m) => [m.member, m.since]),
      [
        ['c.clerk', null],
        ['c.dep', null],
        ['c.dis', null],
        ['c.org', null],
        ['c.pub', null],
        ['c.sec', null],
      ],
    );
    // Roster: only b2.m1 recorded a profile → 1 of 8 = 125‰; the other seven listed.
    assert.deepEqual([b2.checks!.roster.owed, b2.checks!.roster.done, b2.checks!.roster.score], [8, 1, 125]);
    assert.deepEqual(
      b2.checks!.roster.missing.map((m) => m.member),
      ['b2.sec', 'c.clerk', 'c.dep', 'c.dis', 'c.org', 'c.pub', 'c.sec'],
    );
    // b3.sec: attended 03-12, profile recorded → both checks hold.
    const b3 = rec('b3', '2024-07');
    assert.deepEqual(
      [b3.checks!.contact.done, b3.checks!.contact.owed, b3.checks!.roster.done, b3.checks!.roster.owed],
      [1, 1, 1, 1],
    );
    // The 党委 sums its branches: contact 0 + 2 + 1 = 3 of 12 + 8 + 1 = 21; roster 0 + 1 + 1 = 2 of 21.
    const c1 = rec('c1', '2024-07');
    assert.deepEqual(
      [c1.checks!.contact.owed, c1.checks!.contact.done, c1.checks!.roster.owed, c1.checks!.roster.done],
      [21, 3, 21, 2],
    );
    assert.equal(c1.checks!.contact.missing.length, 18);
  });

  it('August: the window moves to March–August, and b2.m1 (last sign 02-01) is possibly out of contact', () => {
    const b2 = rec('b2', '2024-08');
    assert.deepEqual(
      b2.checks!.contact.missing.map((m) => m.member),
      ['b2.m1', 'c.clerk', 'c.dep', 'c.dis', 'c.org', 'c.pub', 'c.sec'],
    );
    assert.deepEqual(b2.people.missing.find((m) => m.member === 'b2.m1')!.items.includes('contact'), true);
  });

  it('2026-v3, transfers completed on time: June (2026-v2) has no transfer check; July lists the two waiting past their deadline', () => {
    for (const org of ['b1', 'b3', 'c1']) {
      assert.equal(rec(org, '2024-06').rules, '2026-v2');
      assert.equal(rec(org, '2024-06').checks!.transfer, undefined, org);
      assert.equal(rec(org, '2024-07').rules, '2026-v3');
    }
    // The deadline is the transfer module's (30 days), recorded at the adoption and named by each
    // record judged by it; June, under 2026-v2, judged no transfer and names none.
    const inForce = (
      chain.query('insight', 'rules', {}) as { inForce: { version: string; transferDays: number } }
    ).inForce;
    assert.deepEqual([inForce.version, inForce.transferDays], ['2026-v3', 30]);
    // Recorded on chain by the adoption of 07-05 (insight.adoptRules), not read from the code each close.
    assert.deepEqual(decode(chain.state.get('insight/inForce')!), { version: '2026-v3', transferDays: 30 });
    assert.deepEqual(
      [
        rec('b1', '2024-06').transferDays,
        rec('b1', '2024-07').transferDays,
        rec('c1', '2024-07').transferDays,
      ],
      [undefined, 30, 30],
    );
    const b1 = rec('b1', '2024-07');
    // b1's 12 (11 on the roster + b1.m3 suspended): b1.m1 (due 07-11) and b1.m5 (due 07-25) still wait
    // on 07-31; b1.m2 was withdrawn on its due day (on time); b1.m4 is due only on 08-09 → 10 of 12 = 833‰.
    assert.deepEqual(
      [b1.checks!.transfer!.owed, b1.checks!.transfer!.done, b1.checks!.transfer!.score],
      [12, 10, 833],
    );
    assert.deepEqual(b1.checks!.transfer!.missing, [
      { member: 'b1.m1', months: ['2024-07'], transfer: 'tr-m1', due: '2024-07-11' },
      { member: 'b1.m5', months: ['2024-07'], transfer: 'tr-m5', due: '2024-07-25' },
    ]);
    // In 不漏人 as the item 'transfer'; b1.m2 and b1.m4 have none.
    for (const m of ['b1.m1', 'b1.m5'])
      assert.ok(b1.people.missing.find((p) => p.member === m)!.items.includes('transfer'), m);
    for (const m of ['b1.m2', 'b1.m4'])
      assert.ok(!(b1.people.missing.find((p) => p.member === m)?.items ?? []).includes('transfer'), m);
    // The 党委 sums its branches: 12 + 8 + 1 = 21 owed, the same two missing.
    const c1 = rec('c1', '2024-07');
    assert.deepEqual(
      [
        c1.checks!.transfer!.owed,
        c1.checks!.transfer!.done,
        c1.checks!.transfer!.missing.map((m) => m.member),
      ],
      [21, 19, ['b1.m1', 'b1.m5']],
    );
  });

  it('August: a transfer accepted late counts in the receiving branch; a decision on the first day or the due day does not', () => {
    // b1.m1 waited past 07-11 until its acceptance on 08-10 (08-01 to 08-09 in August): listed by b3,
    // whose roster holds them at the close (b3.sec and b1.m1: 1 of 2 = 500‰).
    const b3 = rec('b3', '2024-08');
    assert.deepEqual(
      [b3.checks!.transfer!.owed, b3.checks!.transfer!.done, b3.checks!.transfer!.score],
      [2, 1, 500],
    );
    assert.deepEqual(b3.checks!.transfer!.missing, [
      { member: 'b1.m1', months: ['2024-08'], transfer: 'tr-m1', due: '2024-07-11' },
    ]);
    // b1.m5 withdrawn on 08-01 (no August day waited), b1.m4 refused on its due day 08-09: b1 has none.
    const b1 = rec('b1', '2024-08');
    assert.deepEqual(
      [b1.checks!.transfer!.owed, b1.checks!.transfer!.done, b1.checks!.transfer!.missing],
      [11, 11, []],
    );
  });
  // Study pace pro-rated (2026-v4, issue 18), on from here: the 党委 adopts 2026-v4 on 2024-09-05, so
  // September on are judged by it. Three members are imported into b3 in 2025 (no post: 32 学时):
  // b3.jan on 01-01, b3.jun on 06-30 (the month's last day), b3.jul on 07-01. Study, each confirmed by
  // b3.sec the next day: b3.jan a day in February and one in November (16 学时 by December); b3.jun two
  // days in July (16); b3.jul a day in October and one in November (16).
  const ticksTo = (...months: string[]) => ticks(...months.map((m) => `${m}-01`));
  const behind = (period: string) =>
    rec('b3', period)
      .people.missing.filter((m) => m.items.includes('study') && m.member.startsWith('b3.j'))
      .map((m) => m.member);
  const warning = (member: string) => chain.query('warnings', 'warning', { id: `study.pace/${member}:2025` });

  it('2026-v4: members joining in 2025 owe the study of the whole months they belong (setup: 2024-09 to 2026-01)', () => {
    chain.ok({
      at: '2024-09-05',
      by: 'c.sec',
      do: 'insight.adoptRules',
      params: { org: 'c1', version: '2026-v4', resolution: 'res-v4' },
    });
    const join = (at: string, id: string) =>
      chain.ok({
        at,
        by: 'c.org',
        do: 'member.importMember',
        params: { id, org: 'b3', address: `@${id}`, status: '正式党员', since: '2015-07-01' },
      });
    const study = (at: string, confirmed: string, member: string, days: number) => {
      const id = `st-${member.replace('.', '-')}-${at}`;
      chain.ok({
        at,
        by: member,
        do: 'study.report',
        params: { id, member, on: at, topic: '自学党章', days },
      });
      chain.ok({ at: confirmed, by: 'b3.sec', do: 'study.confirm', params: { id, accepted: true } });
    };
    ticksTo('2024-10', '2024-11', '2024-12', '2025-01');
    join('2025-01-01', 'b3.jan');
    ticksTo('2025-02');
    study('2025-02-10', '2025-02-11', 'b3.jan', 1);
    ticksTo('2025-03', '2025-04', '2025-05', '2025-06');
    join('2025-06-30', 'b3.jun');
    ticksTo('2025-07');
    join('2025-07-01', 'b3.jul');
    study('2025-07-10', '2025-07-11', 'b3.jun', 2);
    ticksTo('2025-08', '2025-09', '2025-10');
    study('2025-10-10', '2025-10-11', 'b3.jul', 1);
    chain.tick('2025-10-12');
    ticksTo('2025-11');
    study('2025-11-10', '2025-11-11', 'b3.jan', 1);
    study('2025-11-12', '2025-11-13', 'b3.jul', 1);
    ticksTo('2025-12', '2026-01');
    // The months closed before the adoption keep 2026-v3.
    assert.deepEqual([rec('b3', '2024-08').rules, rec('b3', '2024-09').rules], ['2026-v3', '2026-v4']);
  });

  it('June 2025: b3.jan (8 学时, 6 months: 96 < 192) behind and warned; b3.jun, joined on its last day, owes nothing yet', () => {
    // b3.jul is not a member yet on 06-30.
    assert.deepEqual(behind('2025-06'), ['b3.jan']);
    assert.notEqual(warning('b3.jan'), null);
    assert.equal(warning('b3.jun'), null);
  });

  it('September 2025: b3.jul (0 学时, 3 months: 0 < 96) and b3.jan (8, 9 months: 96 < 288) behind, b3.jun (16, 3 months) on pace', () => {
    assert.deepEqual(behind('2025-09'), ['b3.jan', 'b3.jul']);
    // b3.jul's warning, raised at September's close with the day its pace counts from, closes once a
    // day is confirmed (8 × 12 = 96 ≥ 32 × 3, the three months of membership, not the nine of the year).
    const w = warning('b3.jul') as { data: Value; status: string; closedBy: string; closedOn: string };
    assert.deepEqual(w.data, {
      member: 'b3.jul',
      year: 2025,
      elapsed: 9,
      individualHours: 0,
      since: '2025-07-01',
    });
    assert.deepEqual([w.status, w.closedBy, w.closedOn], ['closed', 'study.confirm', '2025-10-12']);
  });

  it('December 2025: 16 学时 are the half year b3.jul and b3.jun owe (192 ≥ 32 × 6), not the year b3.jan owes (192 < 384)', () => {
    assert.deepEqual(behind('2025-12'), ['b3.jan']);
  });
});

describe('study pace pro-rated for members who join in the year (rule set 2026-v4)', () => {
  // 条例第二十条 (RULES.md §5) sets 32 学时 a year; 2026-v4 asks a member who joins in the year only
  // for the whole months they belong: 32 × months / 12 by a month's end, compared in twelfths (hours
  // × 12 against 32 × months), so nothing is rounded. A month counts when they belong from its 1st.
  it('the months owed: all when joined before the year; from the month joined on its 1st, else the next', () => {
    // By hand: joined before the year → every month elapsed (12 at December, 5 at May); on 1 July →
    // July…December = 6, half the year; on 1 January → 12, all of it; on 15 January → 11; on the last
    // day of a month (30 June, 31 July) → from the next month: 6, 5; on 20 July, at September's end →
    // August and September = 2; on 1 August, at July's end → 0; joined after the year → 0.
    assert.deepEqual(
      [
        paceMonths(2025, 12, '2019-03-01'),
        paceMonths(2025, 5, '2024-12-31'),
        paceMonths(2025, 12, '2025-07-01'),
        paceMonths(2025, 12, '2025-01-01'),
        paceMonths(2025, 12, '2025-01-15'),
        paceMonths(2025, 12, '2025-06-30'),
        paceMonths(2025, 12, '2025-07-31'),
        paceMonths(2025, 9, '2025-07-20'),
        paceMonths(2025, 7, '2025-08-01'),
        paceMonths(2025, 12, '2025-12-31'),
      ],
      [12, 5, 6, 12, 11, 6, 5, 2, 0, 0],
    );
  });
  it('the pace counts from the branch meeting admission vote (党章第七条) when there is one, else the registration', () => {
    // Stand-in stores holding one person "x", registered on 2023-03-04 (an applicant then, or an import).
    const stores = (process: unknown) => {
      const of = (key: string, value: unknown) => ({ get: (k: string) => (k === key ? value : undefined) });
      return {
        member: of(memberKeys.member('x'), { id: 'x', registeredOn: '2023-03-04' }) as unknown as ReadStore,
        recruitment: of(recruitmentKeys.process('x'), process) as unknown as ReadStore,
      };
    };
    assert.equal(
      studyCountedFrom(stores({ steps: { admissionVote: { on: '2025-07-01' } } }), 'x'),
      '2025-07-01',
    );
    assert.equal(studyCountedFrom(stores({ steps: {} }), 'x'), '2023-03-04');
    assert.equal(studyCountedFrom(stores(undefined), 'x'), '2023-03-04');
    assert.equal(studyCountedFrom(stores(undefined), 'y'), null);
  });
});

describe("the transfer deadline of 2026-v3: the transfer module's constant, kept as adopted", () => {
  it('2026-v3 reads TRANSFER_REMIND_DAYS (30 days); the rule set in force takes the value recorded at its adoption', () => {
    assert.equal(TRANSFER_REMIND_DAYS, 30);
    assert.equal(INDEX_RULES['2026-v3']!.transferDays, TRANSFER_REMIND_DAYS);
    assert.equal(INDEX_RULES['2026-v4']!.transferDays, TRANSFER_REMIND_DAYS);
    // Stand-in insight stores: a chain that adopted 2026-v3 when the constant was 45 keeps 45; a
    // record for another version, or none (adopted before values were recorded), gives the definition's.
    const store = (entries: { [k: string]: unknown }) => ({ get: (k: string) => entries[k] });
    const days = (entries: { [k: string]: unknown }) => rulesInForce(store(entries)).transferDays;
    assert.equal(days({ version: '2026-v3', inForce: { version: '2026-v3', transferDays: 45 } }), 45);
    assert.equal(days({ version: '2026-v4', inForce: { version: '2026-v3', transferDays: 45 } }), 30);
    assert.equal(days({ version: '2026-v3' }), 30);
    assert.equal(days({ version: '2026-v2', inForce: { version: '2026-v2', transferDays: null } }), null);
    assert.equal(days({}), null);
  });
});

describe('operation index: governance of the rule set', () => {
  it('only the top 党委 书记 adopts a published version', () => {
    const chain = new Chain();
    const refuse = (s: Step, code: string) => assert.equal(chain.step(s).receipt.error?.code, code);
    refuse(
      {
        at: '2024-02-01',
        by: 'b1.sec',
        do: 'insight.adoptRules',
        params: { org: 'c1', version: '2026-strict', resolution: 'r1' },
      },
      'INSIGHT_NOT_PERMITTED',
    );
    refuse(
      {
        at: '2024-02-02',
        by: 'b1.sec',
        do: 'insight.adoptRules',
        params: { org: 'b1', version: '2026-strict', resolution: 'r1' },
      },
      'INSIGHT_NOT_THE_TOP_COMMITTEE',
    );
    refuse(
      {
        at: '2024-02-03',
        by: 'c.sec',
        do: 'insight.adoptRules',
        params: { org: 'c1', version: '2027', resolution: 'r1' },
      },
      'INSIGHT_UNKNOWN_VERSION',
    );
    refuse(
      {
        at: '2024-02-04',
        by: 'c.sec',
        do: 'insight.adoptRules',
        params: { org: 'c1', version: '2026', resolution: 'r1' },
      },
      'INSIGHT_SAME_VERSION',
    );
    const r = chain.step({
      at: '2024-02-05',
      by: 'c.sec',
      do: 'insight.adoptRules',
      params: { org: 'c1', version: '2026-strict', resolution: 'r1' },
    });
    assert.equal(r.receipt.status, 'ok');
    assert.deepEqual(
      r.events.map((e) => e.type),
      ['insight.RulesAdopted'],
    );
    assert.equal(
      (chain.query('insight', 'rules', {}) as { inForce: { version: string } }).inForce.version,
      '2026-strict',
    );
  });
});

describe('operation index: determinism', () => {
  it('two executors fed the same blocks hold the same records, and replaying the blocks gives them again', () => {
    const run = (chain: Chain) => {
      scenario(chain);
      for (const d of ['2024-02-01', '2024-03-01', '2024-04-01']) {
        chain.tick(d, 0);
        chain.tick(d, 1);
      }
    };
    const first = new Chain();
    const inputs = first.recordBlocks();
    run(first);
    const second = new Chain();
    run(second);
    const records = (c: Chain) => c.state.entries().filter(([k]) => k.startsWith('insight/x/'));
    assert.equal(records(first).length, 5 * 4, 'five organizations × (Jan, Feb, Mar, Q1)');
    assert.deepEqual(second.state.entries(), first.state.entries());
    const replay = new Chain();
    replay.applyBlocks(inputs);
    assert.deepEqual(replay.state.entries(), first.state.entries());
  });
});

describe('operation index: no ranking (国办函〔2026〕12号)', () => {
  it('no query of insight or warnings takes a sort or returns members ordered by a score', () => {
    const insight = allModules.find((m) => m.name === 'insight')!;
    const warnings = allModules.find((m) => m.name === 'warnings')!;
    assert.deepEqual(Object.keys(insight.queries).sort(), [
      'corrections',
      'credit',
      'history',
      'openCorrections',
      'orgCredit',
      'period',
      'rules',
    ]);
    assert.deepEqual(Object.keys(warnings.queries).sort(), ['mine', 'open', 'warning']);
    for (const q of [...Object.values(insight.queries), ...Object.values(warnings.queries)]) {
      const shape = (q as unknown as { shape: { [k: string]: Value } }).shape;
      for (const field of Object.keys(shape)) assert.ok(!/sort|order|rank|top|limit/i.test(field), field);
    }
    // Missing persons come in member-id order, each without a figure of their own.
    const chain = new Chain();
    for (const d of ['2024-02-01', '2024-03-01']) {
      chain.tick(d, 0);
      chain.tick(d, 1);
    }
    const r = index(chain, 'c1', '2024-02')!;
    const ids = r.people.missing.map((m) => m.member);
    assert.equal(ids.length, 21);
    assert.deepEqual(ids, [...ids].sort());
    for (const m of r.people.missing)
      assert.deepEqual(Object.keys(m).sort(), ['items', 'member', 'months'], 'no score per member');
  });
});

describe('credit (信用): from attested records only, each point with its record', () => {
  it("b3.sec's 2024 through March: a month paid on time, a confirmed meeting, two months unpaid", () => {
    const chain = new Chain();
    scenario(chain);
    chain.ok({
      at: '2024-01-16',
      by: 'b3.sec',
      do: 'orglife.confirmAttendance',
      params: { meeting: 'b3-td-01', member: 'b3.sec' },
    });
    // A 警告 for b1.m4: decided by b1, approved by the 党委 on 2024-03-05 (its bar runs a year).
    chain.ok({
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'discipline.decideSanction',
      params: { id: 's1', member: 'b1.m4', kind: '警告', resolution: 'res-s1' },
    });
    chain.ok({
      at: '2024-03-05',
      by: 'c.dis',
      do: 'discipline.approveSanction',
      params: { id: 's1', approved: true },
    });
    for (const d of ['2024-02-01', '2024-03-01', '2024-04-01']) {
      chain.tick(d, 0);
      chain.tick(d, 1);
    }
    const credit = (member: string, year: number) =>
      chain.query('insight', 'credit', { member, year }) as unknown as {
        total: number;
        closedMonth: string;
        entries: { points: number; kind: string; on: string; record: string }[];
      };
    const c = credit('b3.sec', 2024);
    assert.equal(c.closedMonth, '2024-03');
    // Written by hand: January paid on 01-15 (+1), February and March unpaid (−1 each), the 主题党日
    // of 01-12 attended and confirmed (+1) → 0.
    assert.deepEqual(c.entries, [
      { points: 1, kind: 'duesOnTime', on: '2024-01', record: 'dues.payment/b3-pay-01' },
      { points: -1, kind: 'duesUnpaid', on: '2024-02', record: 'dues.month/b3.sec/2024-02' },
      { points: -1, kind: 'duesUnpaid', on: '2024-03', record: 'dues.month/b3.sec/2024-03' },
      { points: 1, kind: 'attendanceConfirmed', on: '2024-01-12', record: 'orglife.meeting/b3-td-01' },
    ]);
    assert.equal(c.total, 0);
    // The sanction counts in 2024 and — its bar running to 2025-03-05 — in 2025; not in 2026.
    const sanction = { points: -5, kind: 'sanction', on: '2024-03-05', record: 'discipline.sanction/s1' };
    assert.deepEqual(credit('b1.m4', 2024).entries, [sanction]);
    assert.deepEqual(credit('b1.m4', 2025).entries, [sanction]);
    assert.deepEqual(credit('b1.m4', 2026).entries, []);
  });
});

describe('operation index: a close spread over blocks (issue 18)', () => {
  /** A chain whose close counts `closeBranches` 党支部 per block (the fixture has three: b1, b2, b3). */
  const spread = (closeBranches: number) => new Chain(undefined, { modules: { insight: { closeBranches } } });
  const keys = (chain: Chain, prefix: string) =>
    chain.state
      .entries()
      .map(([k]) => k)
      .filter((k) => k.startsWith(prefix));
  const monthRecords = (chain: Chain, month: string) =>
    keys(chain, 'insight/x/').filter((k) => k.endsWith(`/${month}`));
  const closing = (chain: Chain) => (chain.query('insight', 'rules', {}) as { closing: Value }).closing;

  it('one branch a block: January is written in the third block of its close, nothing of it before; then no partial state', () => {
    const chain = spread(1);
    scenario(chain);
    chain.tick('2024-01-31', 23);
    chain.tick('2024-02-01', 0); // dues and orglife close January
    chain.tick('2024-02-01', 1); // b1
    assert.deepEqual(monthRecords(chain, '2024-01'), []);
    // b1's counts; b2's and b3's rosters taken now (one walk of the members for the whole close).
    assert.deepEqual(keys(chain, 'insight/closing'), [
      'insight/closing',
      'insight/closing/done/b1',
      'insight/closing/todo/b2',
      'insight/closing/todo/b3',
    ]);
    const todo = (b: string) => decode(chain.state.get(`insight/closing/todo/${b}`)!) as { roster: string[] };
    assert.deepEqual(todo('b3'), { roster: ['b3.sec'], suspended: [] });
    assert.deepEqual(todo('b2').roster, [
      'b2.m1',
      'b2.sec',
      'c.clerk',
      'c.dep',
      'c.dis',
      'c.org',
      'c.pub',
      'c.sec',
    ]);
    assert.deepEqual(closing(chain), { month: '2024-01', done: 1, total: 3 });
    // The period is said to be closing, with how far — no half record, for a branch done or not.
    for (const org of ['b1', 'b3', 'c1'])
      assert.deepEqual(index(chain, org, '2024-01'), {
        org,
        period: '2024-01',
        closing: { month: '2024-01', done: 1, total: 3 },
      });
    assert.equal(index(chain, 'b3', '2023-12'), null, 'a period the close does not cover: nothing');
    chain.tick('2024-02-01', 2); // b2
    assert.deepEqual(monthRecords(chain, '2024-01'), []);
    assert.deepEqual(keys(chain, 'insight/closing'), [
      'insight/closing',
      'insight/closing/done/b1',
      'insight/closing/done/b2',
      'insight/closing/todo/b3',
    ]);
    assert.deepEqual(closing(chain), { month: '2024-01', done: 2, total: 3 });
    assert.equal((chain.query('insight', 'rules', {}) as { closed: string }).closed, '2023-12');
    chain.tick('2024-02-01', 3); // b3, the last: every record, then nothing partial
    assert.deepEqual(monthRecords(chain, '2024-01'), [
      'insight/x/b1/2024-01',
      'insight/x/b2/2024-01',
      'insight/x/b3/2024-01',
      'insight/x/c1/2024-01',
      'insight/x/zz/2024-01',
    ]);
    assert.deepEqual(keys(chain, 'insight/closing'), []);
    assert.equal(closing(chain), null);
    assert.equal((chain.query('insight', 'rules', {}) as { closed: string }).closed, '2024-01');
    // The figures worked out by hand above (period edges): b3 1000 良好; the 党委 over 21 members, 1 accounted.
    const b3 = index(chain, 'b3', '2024-01')!;
    assert.deepEqual([b3.people.owed, b3.people.done, b3.items.owed, b3.items.done], [1, 1, 3, 3]);
    assert.deepEqual([b3.overall, b3.level], [1000, '良好']);
    const c1 = index(chain, 'c1', '2024-01')!;
    assert.deepEqual([c1.branches, c1.people.owed, c1.people.done], [['b1', 'b2', 'b3'], 21, 1]);
    const zz = index(chain, 'zz', '2024-01')!;
    assert.deepEqual([zz.branches, zz.people.owed, zz.people.done, zz.overall], [['b3'], 1, 1, 1000]);
  });

  it("the next month's close does not start before the month's is done", () => {
    const chain = spread(1);
    scenario(chain);
    chain.tick('2024-02-01', 0);
    chain.tick('2024-02-01', 1); // January: b1
    // A month later (dues and orglife close February in this block): January goes on, b2.
    chain.tick('2024-03-01', 0);
    assert.deepEqual(closing(chain), { month: '2024-01', done: 2, total: 3 });
    chain.tick('2024-03-01', 1); // January: b3, done
    assert.equal(monthRecords(chain, '2024-01').length, 5);
    assert.deepEqual(monthRecords(chain, '2024-02'), []);
    assert.equal(closing(chain), null);
    chain.tick('2024-03-01', 2); // February: b1
    assert.deepEqual(closing(chain), { month: '2024-02', done: 1, total: 3 });
    chain.tick('2024-03-01', 3);
    assert.deepEqual(monthRecords(chain, '2024-02'), []);
    chain.tick('2024-03-01', 4);
    assert.equal(monthRecords(chain, '2024-02').length, 5);
    // February of b3 as worked out by hand above: 499 需关注.
    assert.deepEqual(
      [index(chain, 'b3', '2024-02')!.overall, index(chain, 'b3', '2024-02')!.level],
      [499, '需关注'],
    );
  });

  it('two blocks of two branches give the records of one block (quarter, study warnings); two executors, a replay and a restart mid-close agree', () => {
    // Each close: the block where dues and orglife close the month, then two for the index; the
    // one-batch chain gets the same blocks (its third is empty of any close).
    const run = (chain: Chain) => {
      scenario(chain);
      for (const d of ['2024-02-01', '2024-03-01', '2024-04-01']) {
        chain.tick(d, 0);
        chain.tick(d, 1);
        chain.tick(d, 2);
      }
    };
    const one = new Chain();
    run(one);
    const two = spread(2);
    const inputs = two.recordBlocks();
    run(two);
    // Every record the same but the height that wrote it (one block later when spread).
    const records = (c: Chain) =>
      keys(c, 'insight/x/').map((k) => {
        const r = c.query('insight', 'period', { org: k.split('/')[2]!, period: k.split('/')[3]! }) as {
          closedAt: number;
        };
        const { closedAt: _, ...rest } = r;
        return [k, rest];
      });
    assert.equal(records(two).length, 5 * 4, 'five organizations × (Jan, Feb, Mar, Q1)');
    assert.deepEqual(records(two), records(one));
    // Hand-counted: b3's first quarter 583 (period edges above).
    assert.equal(index(two, 'b3', '2024-Q1')!.overall, 583);
    // The study-pace warnings of March's close (raised by the batch that counted each branch): the same ones.
    const paced = (c: Chain) =>
      ['b1', 'b2', 'b3'].flatMap((org) =>
        (c.query('warnings', 'open', { org }) as { id: string; kind: string; raisedOn: string }[])
          .filter((w) => w.kind === 'study.pace')
          .map((w) => [w.id, w.raisedOn]),
      );
    assert.equal(paced(two).length, 12 + 7 + 1);
    assert.deepEqual(paced(two), paced(one));
    const second = spread(2);
    run(second);
    assert.deepEqual(second.state.entries(), two.state.entries());
    const replay = spread(2);
    replay.applyBlocks(inputs);
    assert.deepEqual(replay.state.entries(), two.state.entries());
    // A node stopped mid-close (its state holds the cursor) and started again: a fresh executor over that state.
    const restarted = spread(2);
    let k = 0;
    while (keys(restarted, 'insight/closing').length === 0) restarted.applyBlocks([inputs[k++]!]);
    assert.deepEqual(keys(restarted, 'insight/closing'), [
      'insight/closing',
      'insight/closing/done/b1',
      'insight/closing/done/b2',
      'insight/closing/todo/b3',
    ]);
    const fresh = new Executor({ chainId: CHAIN, suite: restarted.suite, modules: allModules });
    for (const input of inputs.slice(k))
      restarted.state.apply(fresh.executeBlock(input, restarted.state).writes);
    assert.deepEqual(restarted.state.entries(), two.state.entries());
  });

  it('a rule set adopted while a month closes applies from the next month: the month keeps the one it began with', () => {
    const chain = spread(1);
    scenario(chain);
    chain.tick('2024-02-01', 0);
    chain.tick('2024-02-01', 1); // January: b1, under 2026
    chain.ok({
      at: '2024-02-01',
      hour: 2, // January: b2 at this block's start, then the adoption
      by: 'c.sec',
      do: 'insight.adoptRules',
      params: { org: 'c1', version: '2026-strict', resolution: 'res-index' },
    });
    chain.tick('2024-02-01', 3); // January: b3 and the records
    for (const org of ['b1', 'b2', 'b3', 'c1', 'zz'])
      assert.equal(index(chain, org, '2024-01')!.rules, '2026', org);
    chain.tick('2024-03-01', 0);
    for (const h of [1, 2, 3]) chain.tick('2024-03-01', h);
    assert.equal(index(chain, 'b3', '2024-02')!.rules, '2026-strict');
  });

  it('the genesis takes a whole number of branches per block, at least one', () => {
    assert.throws(() => spread(0), /closeBranches/);
  });
});
