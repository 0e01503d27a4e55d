/**
 * An actually overdue recruitment step, in real Chromium against a real node (issue 13, point 3):
 * the chain starts 45 days ago on a clock this test drives (harness `pastDays`: the demo's replay
 * node, the same node as `djchain start`), the application is filed that day, then the node goes back
 * to the wall clock — the talk, due within a month of the application (细则第七条), is 15 days late.
 * No sleeping: the date moves because the node's injected clock does.
 *
 * - the committee secretary's workbench and supervision table show it overdue (to-do, warning,
 *   the per-branch count, the drill-down);
 * - the branch secretary's talk form says it is overdue and offers the stated reason (the way past
 *   RECRUITMENT_TALK_LATE), and the talk is recorded with it — late, with the reason, on chain;
 * - afterwards the overdue count is back to 0.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { browserTests, clientOf, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web overdue tests');

/** Days between the application and today: the talk (within one month) is well past due. */
const PAST_DAYS = 45;

describe('an overdue step in Chromium', { timeout: 600_000 }, () => {
  const rig = useRig(gate, {
    start: () => startChain({ pastDays: PAST_DAYS }),
    setup: (chain) => chain.toWallClock!(),
    timeoutMs: 60_000,
  });
  const { open, signIn, pageErrors } = rig;
  const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

  browserIt('the chain holds the application of 45 days ago, and today is today', async () => {
    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.branchSecretary);
    const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
      steps: { apply: { on: string } };
      deadlines: Array<{ kind: string; due: string }>;
    };
    const today = chinaDay(Date.now());
    const applied = chinaDay(Date.now() - PAST_DAYS * 86_400_000);
    assert.equal(proc.steps.apply.on, applied);
    const talk = proc.deadlines.find((d) => d.kind === 'talk');
    assert.ok(talk && talk.due < today, `talk due ${talk?.due}, today ${today}`);
    assert.equal(chinaDay((await c.status()).time), today);
  });

  browserIt('the workbench and the supervision table show the talk overdue', async () => {
    await signIn('committeeSecretary');
    await open('workbench');
    // The branch's step, so the committee secretary sees it waiting on the branch — overdue.
    const todo = rig.page.locator(
      ':is([data-testid=todo-item], [data-testid=todo-waiting])[data-member=m-101][data-action=talk]',
    );
    await todo.waitFor();
    assert.match((await todo.textContent()) ?? '', /已超期.*周晓.*第2步 党组织派人谈话/);
    const warning = rig.page.locator('[data-testid=warning-item][data-member=m-101][data-kind=talk]');
    assert.match((await warning.textContent()) ?? '', /已超期.*周晓.*谈话期限/);
    assert.equal(
      (await rig.page.getByTestId('branch-row-b1').getByTestId('cell-overdue').textContent())?.trim(),
      '1',
    );
    // The warning centre's own warnings (every module's) for c1 and below: the count the chain
    // gives, and the overdue talk among the first listed.
    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.committeeSecretary);
    const centre = (await c.query('warnings', 'open', { org: 'c1', subtree: true })).result as {
      kind: string;
      member: string | null;
    }[];
    assert.ok(centre.some((w) => w.kind === 'recruitment.deadline' && w.member === 'm-101'));
    const card = rig.page.getByTestId('wb-centre');
    await card.locator('[data-testid=wc-item][data-kind="recruitment.deadline"]').first().waitFor();
    assert.equal(await card.getAttribute('data-count'), String(centre.length));
    assert.match(
      (await card.textContent()) ?? '',
      new RegExp(`预警中心（本组织及下级 ${centre.length} 条）`),
    );
    // On a phone the to-do's text keeps the list's width (the waiting note goes under it).
    await rig.page.setViewportSize({ width: 390, height: 844 });
    const meta = (await todo.locator('.ant-list-item-meta').boundingBox())!;
    const whole = (await rig.page.getByTestId('todo-list').boundingBox())!;
    assert.ok(meta.width > whole.width * 0.8, `to-do text ${meta.width}px of ${whole.width}px`);
    await checkPage(rig.page, 'overdue-workbench');
    await open('supervision');
    const row = rig.page.getByTestId('branch-row-b1');
    await row.waitFor();
    assert.equal((await row.getByTestId('cell-overdue').textContent())?.trim(), '1');
    assert.equal(
      (await rig.page.getByTestId('branch-row-b2').getByTestId('cell-overdue').textContent())?.trim(),
      '0',
    );
    await checkPage(rig.page, 'overdue-supervision');
    await row.click();
    const cases = rig.page.getByTestId('branch-cases');
    await cases.getByText('周晓').waitFor();
    assert.match((await cases.textContent()) ?? '', /已超期 谈话期限/);
    await checkPage(rig.page, 'overdue-supervision-b1');
  });

  browserIt('the talk form offers the stated reason, and the late talk is recorded with it', async () => {
    await signIn('branchSecretary');
    await open('workbench');
    await rig.page.getByTestId('todo-go-m-101-talk').click();
    const form = rig.page.getByTestId('step-form');
    await form.waitFor();
    assert.match(rig.page.url(), /#\/recruitment\/m-101\/talk$/);
    // It says it is overdue, and since when; the reason is asked for on the same form.
    const notice = rig.page.getByTestId('overdue-notice');
    await notice.waitFor();
    const talkDue = (await notice.textContent()) ?? '';
    assert.match(talkDue, /\d{4}-\d{2}-\d{2}/);
    assert.match(talkDue, /逾期原因/);
    await rig.page.getByTestId('field-lateReason').waitFor();
    // The process's deadline line, in words: level, step, date, article.
    assert.match(
      ((await rig.page.locator('[data-testid=deadline-line][data-kind=talk]').textContent()) ?? '').trim(),
      /^已超期\s*党组织派人谈话 · 期限 \d{4}-\d{2}-\d{2} · 《中国共产党发展党员工作细则》第七条$/,
    );
    await checkPage(rig.page, 'overdue-talk-form');
    const today = chinaDay(Date.now());
    const reason = '申请人外出务工，返回社区后即安排谈话';
    await rig.page.getByTestId('field-heldOn').fill(today);
    await rig.page.getByTestId('field-people').fill('m-002');
    await rig.page.getByTestId('field-note').fill('入党动机端正');
    await rig.page.getByTestId('field-lateReason').fill(reason);
    await rig.page.getByTestId('step-submit').click();
    const listed = rig.page.getByTestId('confirm-list');
    await listed.waitFor();
    assert.ok(((await listed.textContent()) ?? '').includes(reason), 'the confirmation lists the reason');
    await rig.page.getByTestId('confirm-submit').click();
    await rig.page.getByTestId('step-done').waitFor({ timeout: 120_000 });
    await checkPage(rig.page, 'overdue-talk-done');

    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.branchSecretary);
    const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
      steps: { talk: { on: string; by: string; data: Record<string, unknown> } };
      deadlines: Array<{ kind: string }>;
    };
    assert.equal(proc.steps.talk.on, today);
    assert.equal(proc.steps.talk.by, 'm-002');
    assert.equal(proc.steps.talk.data.late, true);
    assert.equal(proc.steps.talk.data.lateReason, reason);
    assert.equal(
      proc.deadlines.some((d) => d.kind === 'talk'),
      false,
    );

    // Nothing overdue any more in the branch's table.
    await open('supervision');
    const row = rig.page.getByTestId('branch-row-b1');
    await row.waitFor();
    assert.equal((await row.getByTestId('cell-overdue').textContent())?.trim(), '0');
    assert.deepEqual(pageErrors, []);
  });
});
