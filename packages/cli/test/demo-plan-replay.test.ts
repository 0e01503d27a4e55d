/**
 * The demo plan replayed in-process through the real runtime Executor and every module (one block per
 * wave of a date, BFT time at 09:00 China time of that date; plan-replay.ts): every planned transaction must succeed,
 * as the 4-process seeding requires (demo.test.ts runs that, slowly). It shows the demo's expulsion —
 * decided by the branch, referred by the 党委, approved by the county commission named in genesis
 * (党章第四十二条) — is accepted by the chain, and that the expelled member ends 出党; and that the
 * dues history's month closes give the warnings, the one open six-month case and the books it plans.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { getSuite, type Value } from '@djchain/crypto';
import { allModules, checkProfile, chinaTime } from '@djchain/modules';
import { generatePlan } from '../src/demo/index.ts';
import { profileSaltOf } from '../src/demo/plan-context.ts';
import { demoProfile, profileBases } from '../src/demo/plan-profiles.ts';
import { replayPlan } from './plan-replay.ts';

test('every transaction of a small demo plan executes ok; the expulsion goes through the county commission', () => {
  const suite = getSuite('intl');
  const plan = generatePlan(suite, { seed: 7, members: 40, today: '2026-11-25' });
  const duesEvents: { type: string; date: string }[] = [];
  const missed: string[] = [];
  const collect = (events: readonly { type: string; data: Value }[]) => {
    for (const e of events)
      if (e.type === 'orglife.ObligationMissed') missed.push((e.data as { kind: string }).kind);
  };
  const replay = replayPlan(plan, {
    modules: allModules,
    onBlock(out, date, batch) {
      for (const e of out.events) if (e.type.startsWith('dues.')) duesEvents.push({ type: e.type, date });
      collect(out.events);
      out.receipts.forEach((r, i) => {
        const t = batch[i]!;
        assert.equal(
          r.status,
          'ok',
          `${date} ${t.module}.${t.action} by ${t.signer}: ${JSON.stringify(r.error)}`,
        );
      });
    },
  });
  const query = replay.query;
  const expulsion = plan.txs.find((t) => t.action === 'approveByCommission');
  assert.ok(expulsion, 'the plan holds an expulsion approved by the commission');
  assert.equal(expulsion.signer, 'commission');
  const expelled = plan.txs.find((t) => t.action === 'decideSanction' && t.params.id === expulsion.params.id)!
    .params.member as string;
  const view = query('member', 'member', { id: expelled }) as { status: string; exitReason: string };
  assert.equal(view.status, '出党');
  assert.equal(view.exitReason, '开除');

  // Dues (issue 14): "today" is 2026-11-25, one more block on that day closes 2026-10.
  const last = replay.block([], chinaTime('2026-11-25', 9));
  collect(last.events);
  for (const e of last.events)
    if (e.type.startsWith('dues.')) duesEvents.push({ type: e.type, date: '2026-11-25' });
  const count = (type: string) => duesEvents.filter((e) => e.type === type).length;
  // One six-month case, open for the 支部大会: the lapse story's 8 unpaid months reach 6 at 2026-08.
  assert.equal(count('dues.LapseCaseOpened'), 1);
  const cases = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].flatMap(
    (org) => (query('dues', 'arrears', { org }) as { rows: { lapseCase: { status: string } | null }[] }).rows,
  );
  assert.deepEqual(
    cases.filter((r) => r.lapseCase !== null).map((r) => r.lapseCase!.status),
    ['open'],
  );
  // Warnings at three months: the case's run, the two in arrears now and the one paid back later
  // (a small community may give two stories to one member; at least three warnings either way).
  assert.ok(count('dues.ArrearsWarning') >= 3, `${count('dues.ArrearsWarning')} warnings`);
  assert.equal(count('dues.ReliefApproved'), 1);
  // The 党委 received the branches' acknowledged remittances and sent one round on, acknowledged above.
  const books = query('dues', 'books', { org: 'c1' }) as {
    received: number;
    remitted: number;
    remittances: { org: string; to: string | null; status: string }[];
  };
  const up = books.remittances.filter((r) => r.org === 'c1');
  assert.deepEqual(
    up.map((r) => [r.to, r.status]),
    [[null, 'acknowledged']],
  );
  assert.ok(books.received > books.remitted && books.remitted > 0);
  assert.ok(
    books.remittances.some((r) => r.org !== 'c1' && r.status === 'sent'),
    'a round to acknowledge',
  );
  // Organizational life (issue 15): the planned misses are warned, the six months' absence opens a case.
  const row = (org: string, kind: string, period: string) =>
    (
      query('orglife', 'obligations', { org, year: 2025 }) as {
        rows: { kind: string; period: string; status: string }[];
      }
    ).rows.find((r) => r.kind === kind && r.period === period)?.status;
  assert.equal(row('b2', '主题党日', '2025-06'), 'missed');
  assert.equal(row('b1', '主题党日', '2025-06'), 'held');
  assert.equal(row('b4', '支部党员大会', '2025-Q3'), 'missed');
  assert.equal(row('b1', '支部党员大会', '2025-Q3'), 'held');
  // Only the intended misses are warned: no 党小组会 (each group's 党小组长 holds it monthly once the
  // group has a member), no 支部委员会 (no demo branch has the 3 committee posts that owe it).
  assert.deepEqual(
    [...new Set(missed)].sort(),
    ['主题党日', '支部党员大会', '谈心谈话'].sort(),
    `warned kinds: ${JSON.stringify(missed)}`,
  );
  assert.equal(missed.filter((k) => k === '主题党日').length, 1, "b2's one month");
  const lapsed = plan.txs.find((t) => (t.attendance?.absent.length ?? 0) > 0)!.attendance!.absent[0]!;
  const life = query('orglife', 'member', { member: lapsed, year: 2026 }) as {
    lapseCase: { status: string; months: string[] } | null;
  };
  assert.deepEqual(
    { status: life.lapseCase?.status, months: life.lapseCase?.months },
    { status: 'open', months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'] },
  );
  // Study (issue 18, plan-study.ts), by hand for seed 7, 40 members. b6 keeps no calendar: its members
  // report a day on the 20th of each quarter's second month (2026: 02, 05, 08, 11, all before 11-25)
  // and the branch confirms it, its 书记 (m-0022, a cadre: 56 学时) two days: 4 × 16 = 64 学时, an
  // ordinary member (m-0030) 4 × 8 = 32 — each on pace at every close. m-0039, b6's last ordinary
  // member, works away and reports nothing in 2026 (2025: 4 × 8). m-0048, admitted on 2026-06-20, has
  // the two days of the 预备党员集中培训 (07-06) besides the meetings.
  const study = (member: string, year: number) =>
    query('study', 'progress', { member, year }) as {
      role: string;
      target: number;
      meetingHours: number;
      individualHours: number;
    };
  assert.deepEqual(
    [study('m-0022', 2026), study('m-0030', 2026)].map((p) => [
      p.role,
      p.target,
      p.meetingHours,
      p.individualHours,
    ]),
    [
      ['cadre', 56, 0, 64],
      ['member', 32, 0, 32],
    ],
  );
  assert.deepEqual([study('m-0039', 2026).individualHours, study('m-0039', 2025).individualHours], [0, 32]);
  assert.equal(study('m-0048', 2026).individualHours, 16);
  // So the open study.pace warnings are the two real ones: the member absent six months (behind from
  // the March close on) and the one working away — no branch without meetings warned as a whole.
  // Under 2026-v4 (from the May adoption) the pace is pro rata for a member who joined in 2026; both
  // were members before 2026, so both owe the whole year's pace and stay warned.
  const pace = (query('warnings', 'open', { org: 'c1', subtree: true }) as { kind: string; member: string }[])
    .filter((w) => w.kind === 'study.pace')
    .map((w) => w.member)
    .sort();
  assert.deepEqual(pace, [lapsed, 'm-0039'].sort());
  assert.equal(lapsed, 'm-0034');
  // The roster-complete check of the index's rule set 2026-v4 (adopted by the 党委 on 2026-05-05, six
  // months back), by hand for seed 7, 40 members: b1's roster on 2026-10-31 is its four genesis post
  // holders (c1 书记 m-0001, registered in b1, and b1's 书记, 组织委员 and 党务工作者 m-0007…m-0009), the
  // imported m-0025 and m-0034 (b1 by the draw of plan-history.ts) and m-0027, transferred in from b4
  // in 2024-08 — seven, its two recruits (m-0041, m-0047) not yet members. Every one of them has their
  // sealed profile's commitment on chain, the post holders from genesis too: 7 of 7, nobody missing
  // (before issue 18's genesis profiles no demo member had one: 0 of 7).
  const october = query('insight', 'period', { org: 'b1', period: '2026-10' }) as {
    rules: string;
    checks: { roster: { owed: number; done: number; missing: unknown[] } };
  };
  assert.equal(october.rules, '2026-v4');
  assert.deepEqual(
    [october.checks.roster.owed, october.checks.roster.done, october.checks.roster.missing],
    [7, 7, []],
  );
  // The post holders' commitments are the ones the vault's sealed profiles open to (plan-profiles.ts,
  // the seeder's sealed.ts): salt and profile check against what the chain holds.
  const bases = profileBases(plan.dues);
  for (const id of ['m-0001', 'm-0007', 'm-0008', 'm-0009']) {
    const m = query('member', 'member', { id }) as { profileCommitment: string; profileRef: string };
    const person = plan.people.find((p) => p.id === id)!;
    assert.equal(m.profileRef, `demo-${id}`);
    assert.ok(
      checkProfile(
        suite,
        m.profileCommitment,
        profileSaltOf(suite, 7, id),
        demoProfile(person, bases.get(id) ?? 0),
      ),
      id,
    );
  }
  // Residents and 四议两公开 (issue 16): twenty residents bound, seven representatives; matter A through
  // all six steps (seven votes: six yes, one abstention), matter B posted after its review with comments.
  assert.equal((query('resident', 'residents', {}) as unknown[]).length, 20);
  assert.equal((query('resident', 'representatives', {}) as unknown[]).length, 7);
  const a = query('resident', 'matter', { id: 'sy-a' }) as {
    status: string;
    rounds: { yes: number; abstain: number; outcome: string }[];
    resolution: { late: boolean };
  };
  assert.equal(a.status, 'done');
  assert.deepEqual(
    a.rounds.map((r) => [r.yes, r.abstain, r.outcome]),
    [[6, 1, 'passed']],
  );
  assert.equal(a.resolution.late, false);
  assert.equal((query('resident', 'matter', { id: 'sy-b' }) as { status: string }).status, 'reviewed');
  assert.equal((query('resident', 'comments', { matter: 'sy-a' }) as unknown[]).length, 3);
  assert.equal((query('resident', 'comments', { matter: 'sy-b' }) as unknown[]).length, 2);
  // 党务公开 (issue 16): every publicity and notice of the plan became an item, none typed by hand.
  const planned = (action: string) => plan.txs.filter((t) => t.action === action).length;
  const items = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].flatMap(
    (org) => query('disclosure', 'ofOrg', { org }) as { item: { kind: string; source: unknown } }[],
  );
  const kinds = (kind: string) => items.filter((i) => i.item.kind === kind && i.item.source !== null).length;
  assert.ok(planned('startPublicity') > 0 && planned('startConversionPublicity') > 0);
  assert.equal(kinds('发展对象公示'), planned('startPublicity'));
  assert.equal(kinds('转正公示'), planned('startConversionPublicity'));
  assert.equal(kinds('党费收缴公示'), planned('publishNotice'));
  assert.equal(planned('publishNotice'), 6, "2025's notice of each branch, on 2026-01-20");
  assert.equal(items.length, kinds('发展对象公示') + kinds('转正公示') + kinds('党费收缴公示'));
  // The notices are in force for each branch's members today; a resident sees the publicities only.
  const b1 = query('disclosure', 'inForce', { scope: 'org', org: 'b1', on: '2026-11-25' }) as {
    items: { kind: string }[];
  };
  assert.ok(b1.items.some((i) => i.kind === '党费收缴公示'));
  const pub = query('disclosure', 'inForce', { scope: 'public', on: '2026-11-25' }) as {
    items: { scope: string }[];
  };
  assert.ok(pub.items.every((i) => i.scope === 'public'));
  // Every item carries its content: a registered attachment whose hash is the SHA-256 of one of the
  // plan's documents (the text the seeder uploads), a public one for a publicity, the branch's for a notice.
  const texts = new Map(
    plan.documents.map((d) => [createHash('sha256').update(d.text, 'utf8').digest('hex'), d.text]),
  );
  assert.equal(texts.size, items.length, 'one document per item');
  for (const { item } of items as unknown as {
    item: { kind: string; org: string; content: string | null };
  }[]) {
    assert.ok(
      item.content !== null && texts.has(item.content),
      `${item.kind} of ${item.org} has its content`,
    );
    const a = query('attachment', 'attachment', { hash: item.content }) as { scope: string; org: string };
    assert.deepEqual([a.scope, a.org], [item.kind === '党费收缴公示' ? 'org' : 'public', item.org]);
    assert.match(
      texts.get(item.content)!,
      new RegExp(`^# .*${item.kind === '党费收缴公示' ? '党费收缴情况公示' : '公示'}`),
    );
  }

  // The service centre's history (issue 17), counts by hand. 40 members → 40 generated orders
  // (plan-service.ts: one per member, at least 24): 2 cancelled (40/25 rounded), 1 refused and
  // dispatched again (40/30), 1 failed (40/50, at least one), 1 dispatched late (40/30), 35 done.
  // With the twenty hand-written ones (16 confirmed, 1 failed, 1 cancelled, 1 dispatched, 1 ordered):
  // confirmed 16 + 35 + 1 + 1 = 53, failed 2, cancelled 3, one dispatched and one ordered still open.
  type Order = {
    id: string;
    status: string;
    provider: string | null;
    minutes: number | null;
    rating: number | null;
    acts: { act: string; late: boolean }[];
    escalations: { level: string }[];
  };
  const orders = plan.residents.flatMap((r) => query('service', 'ordersOf', { resident: r.id }) as Order[]);
  assert.equal(orders.length, 60);
  const byStatus: Record<string, number> = {};
  for (const o of orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  assert.deepEqual(byStatus, { confirmed: 53, failed: 2, cancelled: 3, dispatched: 1, ordered: 1 });
  // Refused first, then dispatched again and done: so-12 and one generated order.
  const refused = orders.filter((o) => o.acts.some((a) => a.act === 'refuse'));
  assert.deepEqual(
    refused.map((o) => [o.acts.filter((a) => a.act === 'dispatch').length, o.status]),
    [
      [2, 'confirmed'],
      [2, 'confirmed'],
    ],
  );
  // Dispatched late (so-07 and one generated, 14 days after the order): flagged late, escalated up to
  // the committee (here blocks run on planned days only, so the grid leader's turn may be skipped).
  const late = orders.filter((o) => o.acts.some((a) => a.act === 'dispatch' && a.late));
  assert.equal(late.length, 2);
  for (const o of late)
    assert.ok(
      o.escalations.some((e) => e.level === 'committee'),
      o.id,
    );
  // Ratings mostly 4–5 (the hand-written: 13 of 16), every rating of 3 or less of the generated with a review.
  const ratings = orders.filter((o) => o.status === 'confirmed').map((o) => o.rating!);
  assert.ok(ratings.filter((r) => r >= 4).length >= 0.8 * ratings.length, `ratings ${ratings.join()}`);
  for (const t of plan.txs.filter((t) => t.action === 'confirm' && String(t.params.order).startsWith('so-h')))
    if ((t.params.rating as number) <= 3)
      assert.equal(typeof t.params.review, 'string', String(t.params.order));
  // The portal's public figures (stats: confirmed per month and kind) add up to the confirmations,
  // and their rating sum to the ratings the residents gave (the plan's confirm acts).
  const stats = query('service', 'stats', {}) as { orders: number; ratingSum: number }[];
  const given = plan.txs.filter((t) => t.module === 'service' && t.action === 'confirm');
  assert.equal(
    stats.reduce((n, s) => n + s.orders, 0),
    53,
  );
  assert.equal(
    stats.reduce((n, s) => n + s.ratingSum, 0),
    given.reduce((n, t) => n + (t.params.rating as number), 0),
  );
  // 双报到 hours come only from confirmed services: each registration's tally is the minutes of the
  // confirmed orders of its accounts, nothing from the failed, cancelled or still open ones.
  const regs = query('service', 'registrations', {}) as {
    id: string;
    accounts: string[];
    served: { orders: number; minutes: number };
  }[];
  assert.equal(regs.length, 12);
  for (const r of regs) {
    const mine = orders.filter((o) => o.status === 'confirmed' && r.accounts.includes(o.provider!));
    assert.deepEqual(
      r.served,
      { orders: mine.length, minutes: mine.reduce((n, o) => n + o.minutes!, 0) },
      r.id,
    );
  }
  assert.ok(regs.filter((r) => r.served.orders > 0).length >= 10, 'most 双报到 members served');
});
