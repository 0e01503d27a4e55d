/**
 * The warning centre beyond the vectors (vectors/warnings.json): who sees which open warnings, that
 * the register is the same on two executors fed the same blocks and after replaying them, and when a
 * member-bound warning is checked (the whole demo history against checking every warning:
 * cli/test/warning-sweep.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import type { ModuleDef } from '@djchain/runtime';
import { allModules, warningsModule } from '../src/index.ts';
import { Chain } from './harness.ts';

const ASSESS = {
  member: 'b1.m2',
  group: '在职',
  from: '2024-02',
  fen: 1500,
  commitment: 'ab'.repeat(32),
};

/** Calendars for b1 and b3 from January, b1.m2 assessed and never paying: warnings at Feb and May closes. */
function scenario(chain: Chain): void {
  chain.ok({
    at: '2024-01-05',
    by: 'b1.sec',
    do: 'orglife.setCalendar',
    params: { org: 'b1', themeDay: 10 },
  });
  chain.ok({ at: '2024-01-06', by: 'c.sec', do: 'orglife.setCalendar', params: { org: 'b3', themeDay: 12 } });
  chain.ok({ at: '2024-02-01', hour: 11, by: 'b1.sec', do: 'dues.assess', params: ASSESS });
  for (const day of ['2024-03-01', '2024-04-01', '2024-05-01']) chain.tick(day);
}

/** Written by hand: each of b1's 12 members behind the study pace (none has an hour), by id. */
const B1_BEHIND_PACE = [
  'study.pace/b1.clerk:2024',
  'study.pace/b1.dep:2024',
  'study.pace/b1.dis:2024',
  'study.pace/b1.m1:2024',
  'study.pace/b1.m2:2024',
  'study.pace/b1.m3:2024',
  'study.pace/b1.m4:2024',
  'study.pace/b1.m5:2024',
  'study.pace/b1.org:2024',
  'study.pace/b1.p1:2024',
  'study.pace/b1.pub:2024',
  'study.pace/b1.sec:2024',
];

const ids = (v: Value) => (v as { id: string }[]).map((w) => w.id);

describe('warning centre: who sees what', () => {
  const chain = new Chain();
  scenario(chain);

  it('a branch sees its own open warnings, in due-date order', () => {
    const own = ids(chain.query('warnings', 'open', { org: 'b1' }));
    // Written by hand: Jan–Apr 主题党日 and 支部委员会 (b1 has 6 committee posts), Q1 党员大会, and
    // b1.m2's arrears (Feb–Apr unpaid, due the end of July).
    assert.deepEqual(own, [
      'orglife.missed/b1:主题党日:2024-01',
      'orglife.missed/b1:支部委员会:2024-01',
      'orglife.missed/b1:主题党日:2024-02',
      'orglife.missed/b1:支部委员会:2024-02',
      'orglife.missed/b1:主题党日:2024-03',
      'orglife.missed/b1:支部党员大会:2024-Q1',
      'orglife.missed/b1:支部委员会:2024-03',
      'orglife.missed/b1:主题党日:2024-04',
      'orglife.missed/b1:支部委员会:2024-04',
      'dues.arrears/b1.m2:2024-02',
      // March's close (in the May 1 block: the index closes a month a block behind dues and orglife):
      // none of b1's 12 members has a study hour, 0 < 32 × 3 → each behind pace, due the year's end.
      ...B1_BEHIND_PACE,
    ]);
  });

  it('the 党委 sees the warnings of every organization below it with subtree, only its own without', () => {
    assert.deepEqual(chain.query('warnings', 'open', { org: 'c1' }), []);
    const all = ids(chain.query('warnings', 'open', { org: 'c1', subtree: true }));
    assert.ok(all.includes('dues.arrears/b1.m2:2024-02'));
    assert.ok(all.includes('orglife.missed/b3:主题党日:2024-04'));
    // b1's ten and b3's five (Jan–Apr 主题党日, the Q1 党员大会: b3 has only a 书记, so no 支部委员会 is owed);
    // study behind pace for every member below (none has an hour): b1 12, b2 8, b3 1 → 15 + 21 = 36.
    assert.equal(all.length, 36);
    // A branch's subtree does not reach a sibling branch.
    assert.ok(
      !ids(chain.query('warnings', 'open', { org: 'b1', subtree: true })).some((i) => i.includes('/b3:')),
    );
  });

  it("a member sees the warnings about them; a post holder those owed by the post's organization", () => {
    assert.deepEqual(ids(chain.query('warnings', 'mine', { member: 'b1.m2' })), [
      'dues.arrears/b1.m2:2024-02',
      'study.pace/b1.m2:2024',
    ]);
    assert.deepEqual(ids(chain.query('warnings', 'mine', { member: 'b1.m3' })), ['study.pace/b1.m3:2024']);
    // b1's 书记 owes all 22 (study is owed by 书记, 组织委员 and 宣传委员); b1's 宣传委员 the 12 of study
    // only (the others name 书记 and 组织委员, or the clerk for dues); the clerk the arrears and their own.
    assert.equal(ids(chain.query('warnings', 'mine', { member: 'b1.sec' })).length, 22);
    assert.deepEqual(ids(chain.query('warnings', 'mine', { member: 'b1.clerk' })), [
      'dues.arrears/b1.m2:2024-02',
      'study.pace/b1.clerk:2024',
    ]);
    assert.deepEqual(ids(chain.query('warnings', 'mine', { member: 'b1.pub' })), B1_BEHIND_PACE);
  });

  it('an unknown organization has no warnings; a bad parameter is refused with WARNINGS_BAD_PARAMS', () => {
    assert.deepEqual(chain.query('warnings', 'open', { org: 'nowhere' }), []);
    assert.throws(
      () => chain.query('warnings', 'open', { org: 'b1', subtree: 'yes' }),
      /WARNINGS_BAD_PARAMS/,
    );
  });
});

describe('warning centre: determinism', () => {
  it('two executors fed the same blocks hold the same register, and replaying the blocks gives it again', () => {
    const first = new Chain();
    const inputs = first.recordBlocks();
    scenario(first);
    const second = new Chain();
    scenario(second);
    const register = (c: Chain) => c.state.entries().filter(([k]) => k.startsWith('warnings/'));
    assert.ok(register(first).length > 20);
    assert.deepEqual(register(second), register(first));
    assert.deepEqual(second.state.entries(), first.state.entries());

    const replay = new Chain();
    replay.applyBlocks(inputs);
    assert.deepEqual(replay.state.entries(), first.state.entries());
  });
});

describe('warning centre: when a member-bound warning is checked', () => {
  const PAY = {
    id: 'pay-m2',
    member: 'b1.m2',
    months: ['2024-02', '2024-03', '2024-04'],
    fen: 4500,
    method: '现金',
  };
  const isOpen = (chain: Chain) =>
    ids(chain.query('warnings', 'open', { org: 'b1' })).includes('dues.arrears/b1.m2:2024-02');
  const closedOn = (chain: Chain) =>
    (chain.query('warnings', 'warning', { id: 'dues.arrears/b1.m2:2024-02' }) as { closedOn: string | null })
      .closedOn;

  it('arrears paid at noon close at the next block start the same day, not only at the next date', () => {
    const chain = new Chain();
    scenario(chain);
    assert.ok(isOpen(chain));
    chain.ok({ at: '2024-05-02', hour: 12, by: 'b1.clerk', do: 'dues.recordPayment', params: PAY });
    assert.ok(isOpen(chain), 'closed at the block start after the payment, not in its block');
    chain.tick('2024-05-02', 13);
    assert.equal(isOpen(chain), false);
  });

  it("after a failed warning hook the member's answer is caught at the next date's full sweep", () => {
    // The warning centre's hook throws in one block (the runtime records HookFailed and keeps none of
    // its writes): the block after it sees no new event of b1.m2 since the block before, so the
    // payment is not looked at again that day; the next date's first block start checks every warning.
    let failAt = -1;
    const wrapped: ModuleDef = {
      ...warningsModule,
      beginBlock(ctx) {
        if (ctx.height === failAt) throw new Error('injected failure');
        warningsModule.beginBlock!(ctx);
      },
    };
    const chain = new Chain(undefined, {
      moduleDefs: allModules.map((m) => (m.name === 'warnings' ? wrapped : m)),
    });
    scenario(chain);
    chain.ok({ at: '2024-05-02', hour: 12, by: 'b1.clerk', do: 'dues.recordPayment', params: PAY });
    failAt = chain.height + 1;
    const failed = chain.tick('2024-05-02', 13);
    assert.ok(
      failed.some((e) => e.type === 'HookFailed' && (e.data as { module: string }).module === 'warnings'),
    );
    chain.tick('2024-05-02', 14);
    assert.ok(isOpen(chain), 'the same day: not checked again');
    chain.tick('2024-05-03', 9);
    assert.equal(isOpen(chain), false);
    assert.equal(closedOn(chain), '2024-05-03');
  });
});

describe('warning centre: study pace is member-bound', () => {
  const pace = 'study.pace/b1.dep:2024';
  const isOpen = (chain: Chain) => ids(chain.query('warnings', 'open', { org: 'b1' })).includes(pace);

  it("a 副书记 not elected again owes a member's pace: their warning closes at the next block start that day", () => {
    const chain = new Chain();
    scenario(chain);
    assert.ok(isOpen(chain));
    // All of b1's 12 members attend. Written by hand: a day of 主题党日 is 8 学时. At the first quarter's pace a member owes
    // 32 × 3 / 12 = 8, a committee member (副书记) 56 × 3 / 12 = 14: still behind after it.
    chain.meeting({
      at: '2024-05-10',
      by: 'b1.sec',
      id: 'b1-td-05',
      org: 'b1',
      kind: '主题党日',
      length: '一天',
      present: B1_BEHIND_PACE.map((id) => id.slice('study.pace/'.length, -':2024'.length)),
    });
    chain.tick('2024-05-10', 12);
    assert.ok(isOpen(chain), 'a cadre with 8 of 14 hours is behind');
    // The 党委 records b1's new committee, a 书记 only: b1.dep's 副书记 post ends (换届), and at a
    // member's target 8 of 8 hours is on pace. The election's event names b1.dep, so the block start
    // after it looks at the warning the same day.
    chain.ok({
      at: '2024-05-10',
      hour: 14,
      by: 'c.sec',
      do: 'org.electCommittee',
      params: { org: 'b1', committee: { 书记: 'b1.sec' } },
    });
    chain.tick('2024-05-10', 15);
    assert.equal(isOpen(chain), false);
    const w = chain.query('warnings', 'warning', { id: pace }) as { closedOn: string; closedBy: string };
    assert.deepEqual([w.closedOn, w.closedBy], ['2024-05-10', 'orglife.hold']);
  });
});
