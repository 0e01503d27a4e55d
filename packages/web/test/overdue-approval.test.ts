/**
 * An overdue superior approval, in real Chromium against a real node (issue 13, point 3): the
 * chain starts 663 days ago on a clock this test drives (harness `pastDays`, the demo's replay
 * node), and the applicant's case walks the 2014 chart's steps 1–16 on the dates the demo uses
 * (packages/cli/src/demo/plan-recruitment.ts), each signed by the post that may do it. The branch
 * meeting (step 15) is then 120 days behind today: past the 3 months an approval should come within,
 * inside the 6 months of a special case (细则第二十四条 as the rule set cites it).
 *
 * - the committee secretary's approval form says it is overdue and offers the special case;
 * - without it the form asks for it before anything is sent (the chain would refuse
 *   RECRUITMENT_APPROVAL_OVERDUE; that refusal's way past is forms.test.ts's);
 * - with it the approval is recorded, with the special case, and the case moves on.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { KeyPair } from '@djchain/crypto';
import { addDays, chinaTime } from '@djchain/modules';
import { post } from '@djchain/testkit/community';
import { browserTests, type Chain, clientOf, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web overdue approval tests');

/** The branch meeting is at day 543 of the case (the demo's dates): 120 days before today. */
const PAST_DAYS = 663;
const MEETING_DAY = 543;

describe('an overdue approval in Chromium', { timeout: 900_000 }, () => {
  const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const rig = useRig(gate, {
    start: () =>
      startChain({
        pastDays: PAST_DAYS,
        // The committee's 组织委员 (刘洋, m-005) and 副书记 (郭敏, m-012) sign their steps.
        editGenesis: (g) => {
          const org = g.modules.org as { posts: unknown[] };
          org.posts.push(post('c1', 'm-005', '组织委员', '2024-06-01'));
          org.posts.push(post('c1', 'm-012', '副书记', '2024-06-01'));
        },
      }),
    setup: walkTheCase,
    timeoutMs: 60_000,
  });
  const { open, pageErrors } = rig;

  /** Steps 2–16 of the applicant's case, each on its day of the demo's plan, then back to the wall clock. */
  async function walkTheCase(chain: Chain) {
    const applied = chinaDay(Date.now() - PAST_DAYS * 86_400_000);
    const k = (id: string): KeyPair => chain.memberKeys[id]!;
    const organizer = k('m-003');
    const secretary = k('m-002');
    const c1Secretary = k('m-001');
    const c1Organizer = k('m-005');
    const c1Deputy = k('m-012');
    const contact = k('m-004');
    let n = 0;
    const ref = () => `doc-${String(++n).padStart(4, '0')}`;
    // [day of the case, signer, action, params] — dates and signers as the demo plans them.
    const steps: Array<[number, KeyPair, string, Record<string, unknown>]> = [
      [10, organizer, 'talk', { ref: ref() }],
      [85, organizer, 'nameActivist', { source: '党员推荐' }],
      [95, c1Organizer, 'fileActivist', {}],
      [95, organizer, 'assignContacts', { contacts: ['m-004'] }],
      [205, contact, 'recordAssessment', { ref: ref() }],
      [450, organizer, 'startPublicity', { ref: ref() }],
      [471, organizer, 'nameCandidate', {}],
      [478, c1Organizer, 'fileCandidate', {}],
      [478, organizer, 'setIntroducers', { introducers: ['m-004', 'm-005'] }],
      [498, organizer, 'politicalReview', { passed: true, ref: ref() }],
      [498, c1Organizer, 'recordTraining', { days: 3, ref: ref() }],
      [523, secretary, 'committeeReview', {}],
      [533, c1Secretary, 'preReview', { passed: true, ref: ref() }],
      [533, c1Organizer, 'issueForm', { ref: ref() }],
      // 第一支部: five full members with a vote; four present, all yes (细则第二十条).
      [MEETING_DAY, secretary, 'admissionVote', { ref: ref(), present: 4, yes: 4, no: 0, abstain: 0 }],
      [550, c1Deputy, 'superiorTalk', {}],
    ];
    const client = clientOf(chain);
    for (const [day, key, action, params] of steps) {
      await chain.setClock!(chinaTime(addDays(applied, day), 9));
      const r = await client.send(
        { module: 'recruitment', action, params: { member: 'm-101', ...params } as never },
        key,
        { timeoutMs: 60_000 },
      );
      assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
    }
    await chain.toWallClock!();
  }

  browserIt('the approval form says it is overdue and offers the special case', async () => {
    await rig.signIn('committeeSecretary');
    await open('recruitment/m-101/approveAdmission');
    const form = rig.page.getByTestId('step-form');
    await form.waitFor();
    const notice = rig.page.getByTestId('overdue-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /\d{4}-\d{2}-\d{2}/);
    await rig.page.getByTestId('field-special').waitFor();
    assert.match(
      (
        (await rig.page.locator('[data-testid=deadline-line][data-kind=approval]').textContent()) ?? ''
      ).trim(),
      /^已超期/,
    );
    await checkPage(rig.page, 'overdue-approval-form');
  });

  browserIt('without a special case the form asks for it, and nothing is sent', async () => {
    await rig.page.getByTestId('step-submit').click();
    // The box is required while the approval is overdue: named under the field, no confirmation.
    const special = rig.page.getByTestId('step-form').locator('.ant-form-item-has-error');
    await special.waitFor();
    assert.match((await special.textContent()) ?? '', /特殊情况说明[\s\S]*请填写/);
    assert.equal(await rig.page.getByTestId('confirm-list').count(), 0);
    // The notice names both limits: three months, six in a special case, then only 不予批准.
    assert.match((await rig.page.getByTestId('overdue-notice').textContent()) ?? '', /三个月[\s\S]*六个月/);
    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.committeeSecretary);
    const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
      steps: Record<string, unknown>;
    };
    assert.equal(proc.steps.approveAdmission, undefined);
    await checkPage(rig.page, 'overdue-approval-asks');
  });

  browserIt('with the special case stated, the approval is recorded with it', async () => {
    const special = '申请人所在单位整体搬迁，支部大会材料补正后报批';
    await rig.page.getByTestId('field-special').fill(special);
    await rig.page.getByTestId('step-submit').click();
    const listed = rig.page.getByTestId('confirm-list');
    await listed.waitFor();
    assert.ok(((await listed.textContent()) ?? '').includes(special), 'the confirmation lists it');
    await rig.page.getByTestId('confirm-submit').click();
    await rig.page.getByTestId('step-done').waitFor({ timeout: 120_000 });
    await checkPage(rig.page, 'overdue-approval-done');

    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.committeeSecretary);
    const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
      phase: string;
      steps: { approveAdmission: { on: string; by: string; data: Record<string, unknown> } };
      deadlines: Array<{ kind: string }>;
    };
    assert.equal(proc.steps.approveAdmission.on, chinaDay(Date.now()));
    assert.equal(proc.steps.approveAdmission.by, 'm-001');
    assert.equal(proc.steps.approveAdmission.data.special, special);
    assert.equal(
      proc.deadlines.some((d) => d.kind === 'approval'),
      false,
    );
    assert.deepEqual(pageErrors, []);
  });
});
