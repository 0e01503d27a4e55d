/**
 * The dues page in real Chromium against a real node (issue 14): the clerk of 第一支部 sees her own
 * dues and reports her payment (awaiting the branch), then records two members' cash payments from
 * the month's register in one go; the chain's books (read with the SDK, not the page) show what
 * the page claims. Screenshots at 390 and 1280 px; the page passes the common checks (axe, tap
 * targets, no English in zh-CN).
 *
 * Then credit (信用, issue 18) on the same chain: the clerk asks on 我的信用 (390 px) for a correction
 * of the point her confirmed attendance gave her; the chain holds the request; the branch secretary
 * answers it on 信用更正申请; the clerk sees the answer; 第一支部's credit (the remittance its
 * committee acknowledged) shows on its 运行指数 page with each point's record; marked absent at a
 * second 党课, she asks for the missing point from 我的信用 and the chain holds it as such.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe } from 'node:test';
import type { KeyPair, Value } from '@djchain/crypto';
import { ACCOUNTS, browserTests, clientOf, PASSPHRASE, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('dues page tests');

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const month = today.slice(0, 7);
const year = Number(today.slice(0, 4));

describe('dues page in Chromium', { timeout: 600_000 }, () => {
  const rig = useRig(gate, {
    start: () => startChain(),
    setup: async (chain) => {
      // The branch's organizer assesses five members from this month (the base stays with the
      // branch: only its commitment goes on chain).
      const client = clientOf(chain);
      const assessed: [string, string, number, boolean][] = [
        ['m-002', '在职', 3000, true],
        ['m-003', '在职', 3000, true],
        ['m-004', '在职', 3000, true],
        ['m-005', '离退休', 2500, true],
        ['m-006', '学生', 20, false],
      ];
      for (const [member, group, fen, based] of assessed) {
        const commitment = createHash('sha256').update(`base-${member}`).digest('hex');
        const params: Value = { member, group, from: month, fen, ...(based ? { commitment } : {}) };
        const r = await client.send({ module: 'dues', action: 'assess', params }, chain.keys.organizer);
        assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
      }
    },
    timeoutMs: 30_000,
  });

  browserIt(
    'the clerk sees her dues and reports her payment; the branch register shows it awaiting confirmation',
    async () => {
      await rig.signIn('clerk');
      await rig.open('dues');
      const mine = rig.page.getByTestId('dues-mine');
      await mine.waitFor();
      assert.match((await mine.textContent()) ?? '', /¥30\.00/);
      assert.match((await mine.textContent()) ?? '', /未交/);
      await rig.page.getByTestId('dues-report').getByLabel(new RegExp(month)).check();
      await rig.page.getByTestId('dues-report-submit').click();
      await rig.page.getByRole('button', { name: '确认提交' }).click();
      await rig.page.getByText(/已记录上链/).waitFor();
      // One submission: the button stays off after the chain recorded it.
      assert.equal(await rig.page.getByTestId('dues-report-submit').isDisabled(), true);
      await rig.page.reload();
      await rig.page.getByTestId('dues-register').waitFor();
      // The register names people from the sealed roster; the row carries the member id.
      const row = rig.page
        .getByTestId('dues-register')
        .locator('tr', { has: rig.page.locator(`[data-member="${ACCOUNTS.clerk.id}"]`) });
      assert.match((await row.textContent()) ?? '', new RegExp(rig.chain.names[ACCOUNTS.clerk.id]!));
      assert.match((await row.textContent()) ?? '', /待支部确认/);
      await checkPage(rig.page, 'dues');
      await shoot(rig.page, 'dues-clerk');
    },
  );

  browserIt("the register records two members' payments; the chain's books agree", async () => {
    const register = rig.page.getByTestId('dues-register');
    await register.getByLabel('m-002').check();
    await register.getByLabel('m-005').check();
    await rig.page.getByTestId('dues-record').click();
    await rig.page.getByRole('button', { name: '确认提交' }).click();
    // The page was reloaded in the first journey: the session stayed, the key did not.
    await rig.page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await rig.page.getByTestId('unlock-submit').click();
    await rig.page.getByText('已记录 2 人。').waitFor();
    await rig.page.getByTestId('dues-books').getByText('¥55.00').first().waitFor();
    // Read as the branch's secretary (the books are the branch's and its superiors' to read).
    const reader = clientOf(rig.chain);
    await reader.signIn(rig.chain.keys.branchSecretary);
    const books = (await reader.query('dues', 'books', { org: 'b1' })).result as {
      collected: number;
    };
    // 30.00 (m-002, salaried) + 25.00 (m-005, retired): the reported payment is not yet collected.
    assert.equal(books.collected, 5500);
    const account = (await reader.query('dues', 'account', { member: 'm-002' })).result as {
      months: { month: string; state: string }[];
    };
    assert.equal(account.months.find((m) => m.month === month)?.state, 'paid');
    await shoot(rig.page, 'dues-register-recorded');
  });

  browserIt(
    'the clerk asks for a credit correction at 390 px; the secretary answers it; she sees the answer; the branch credit shows its records',
    async () => {
      // The chain's records behind the points, sent as other devices would: a 党课 of 第一支部 today
      // (every expected member present), the clerk confirming her line; the branch remits what it
      // collected (¥55.00) and the committee acknowledges it.
      const client = clientOf(rig.chain);
      const send = async (module: string, action: string, params: Value, key: KeyPair) => {
        const r = await client.send({ module, action, params }, key);
        assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
      };
      await send(
        'orglife',
        'plan',
        { id: 'b1-lecture', org: 'b1', kind: '党课', date: today },
        rig.chain.keys.organizer,
      );
      await client.signIn(rig.chain.keys.organizer);
      const planned = (await client.query('orglife', 'meeting', { id: 'b1-lecture' })).result as {
        expected: string[];
      };
      await send(
        'orglife',
        'hold',
        { meeting: 'b1-lecture', heldOn: today, present: planned.expected, lecturer: 'm-002' },
        rig.chain.keys.organizer,
      );
      await send(
        'orglife',
        'confirmAttendance',
        { meeting: 'b1-lecture', member: 'm-004' },
        rig.chain.keys.clerk,
      );
      await send(
        'dues',
        'remit',
        { id: 'rem-b1', org: 'b1', fen: 5500, period: month },
        rig.chain.keys.clerk,
      );
      await send('dues', 'acknowledgeRemittance', { id: 'rem-b1' }, rig.chain.keys.committeeSecretary);

      // 我的信用 on a phone: the point of the confirmed attendance, asked about with a reason.
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await rig.open('credit');
      const entry = rig.page.locator('[data-testid=credit-entry][data-record="orglife.meeting/b1-lecture"]');
      await entry.waitFor();
      assert.match((await entry.textContent()) ?? '', /\+1.*参加组织生活（已确认）/);
      await entry.getByTestId('credit-ask').click();
      await entry.getByLabel('理由（至少4个字）').fill('当天会议为党课，记录日期应核对');
      await entry.getByTestId('credit-ask-submit').click();
      // The confirmation lists what will be recorded before the key signs it.
      const confirm = rig.page.getByTestId('credit-ask-confirm');
      await confirm.waitFor();
      const what = (await confirm.textContent()) ?? '';
      assert.match(what, /依据记录：orglife\.meeting\/b1-lecture/);
      assert.match(what, new RegExp(`年度：${year}年`));
      assert.match(what, /理由：当天会议为党课，记录日期应核对/);
      await rig.page.getByRole('button', { name: '确认提交' }).click();
      const asked = entry.locator('[data-testid=credit-correction][data-status=open]');
      await asked.waitFor();
      assert.match((await asked.textContent()) ?? '', /待支部答复/);
      await checkPage(rig.page, 'credit-asked');

      // The chain holds the request as the member stated it.
      const reader = clientOf(rig.chain);
      await reader.signIn(rig.chain.keys.clerk);
      const held = (await reader.query('insight', 'corrections', { member: 'm-004', year })).result as {
        id: string;
      }[];
      assert.equal(held.length, 1);
      const id = held[0]!.id;
      assert.match(id, /^cc-m-004-/);
      assert.deepEqual(held[0], {
        id,
        member: 'm-004',
        org: 'b1',
        year,
        record: 'orglife.meeting/b1-lecture',
        reason: '当天会议为党课，记录日期应核对',
        filedOn: today,
        status: 'open',
        answeredOn: null,
        answer: null,
      });

      // The branch secretary (书记 of 第一支部) answers: refused, with the reason.
      await rig.signIn('branchSecretary');
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await rig.open('credit');
      await rig.page.getByTestId('credit-go-answers').click();
      const request = rig.page.locator(`[data-testid=ca-request][data-id="${id}"]`);
      await request.waitFor();
      const shown = (await request.textContent()) ?? '';
      assert.match(shown, /申请人：陈静（m-004）/);
      assert.match(shown, /orglife\.meeting\/b1-lecture/);
      await checkPage(rig.page, 'credit-answers');
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await request.getByTestId('ca-decision').getByText('不予更正', { exact: true }).click();
      await request.getByLabel(/答复理由/).fill('签到表与会议记录一致，日期无误');
      await request.getByTestId('ca-submit').click();
      const answerConfirm = rig.page.getByTestId('ca-confirm');
      await answerConfirm.waitFor();
      assert.match(
        (await answerConfirm.textContent()) ?? '',
        /陈静.*orglife\.meeting\/b1-lecture.*答复：不予更正/,
      );
      await rig.page.getByRole('button', { name: '确认提交' }).click();
      await rig.page.getByTestId('ca-done').waitFor();
      await request.waitFor({ state: 'detached' });

      const answered = (await reader.query('insight', 'corrections', { member: 'm-004', year })).result;
      assert.deepEqual(answered, [
        {
          id,
          member: 'm-004',
          org: 'b1',
          year,
          record: 'orglife.meeting/b1-lecture',
          reason: '当天会议为党课，记录日期应核对',
          filedOn: today,
          status: 'refused',
          answeredOn: today,
          answer: '签到表与会议记录一致，日期无误',
        },
      ]);

      // 第一支部's credit on its 运行指数 page, each point beside its record: the year's 党课 held
      // (+1, its obligation's period the year) and the remittance its committee acknowledged (+1).
      await rig.open('index/b1');
      const entries = rig.page.getByTestId('org-credit-entry');
      await entries.nth(1).waitFor();
      const rows = await entries.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-record'), e.textContent]),
      );
      assert.equal(rows.length, 2);
      assert.equal(rows[0]![0], 'orglife.meeting/b1-lecture');
      assert.match(
        rows[0]![1]!,
        new RegExp(`^\\+1组织生活按期召开${year}依据记录：orglife\\.meeting/b1-lecture$`),
      );
      assert.equal(rows[1]![0], 'dues.remittance/rem-b1');
      assert.match(
        rows[1]![1]!,
        new RegExp(`^\\+1党费上缴已经上级确认${today}依据记录：dues\\.remittance/rem-b1$`),
      );
      assert.match((await rig.page.getByTestId('org-credit-total').textContent()) ?? '', /合计 2 分/);
      assert.equal(await rig.page.locator('table').count(), 0, 'no table of organizations');
      await checkPage(rig.page, 'org-credit-b1');

      // The clerk sees the answer beside the entry.
      await rig.signIn('clerk');
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await rig.open('credit');
      const answer = rig.page.locator(
        '[data-testid=credit-entry][data-record="orglife.meeting/b1-lecture"] [data-testid=credit-correction][data-status=refused]',
      );
      await answer.waitFor();
      assert.match(
        (await answer.textContent()) ?? '',
        new RegExp(`支部不予更正.*${today} 答复.*答复理由：签到表与会议记录一致，日期无误`),
      );
      await shoot(rig.page, 'credit-answer-seen-390');

      // A point she says is missing: another 党课 of 第一支部 today where she was marked absent
      // (sent as another device would). Her credit page offers to ask for it; the chain holds the
      // request as one about a missing point, listed apart from the entries.
      await send(
        'orglife',
        'plan',
        { id: 'b1-lecture-2', org: 'b1', kind: '党课', date: today },
        rig.chain.keys.organizer,
      );
      const second = (await client.query('orglife', 'meeting', { id: 'b1-lecture-2' })).result as {
        expected: string[];
      };
      await send(
        'orglife',
        'hold',
        {
          meeting: 'b1-lecture-2',
          heldOn: today,
          present: second.expected.filter((m) => m !== 'm-004'),
          absent: ['m-004'],
          lecturer: 'm-002',
        },
        rig.chain.keys.organizer,
      );
      // Away and back: the credit page mounts again and reads the chain anew.
      await rig.open('dues');
      await rig.page.getByTestId('dues-mine').waitFor();
      await rig.open('credit');
      const line = rig.page.locator(
        '[data-testid=credit-missing-meeting][data-record="orglife.meeting/b1-lecture-2"]',
      );
      await line.waitFor();
      assert.match((await line.textContent()) ?? '', new RegExp(`${today} 党课（b1-lecture-2）`));
      await line.getByTestId('credit-missing-ask').click();
      await line.getByLabel('理由（至少4个字）').fill('当天我在场，签到表上有我');
      await line.getByTestId('credit-ask-submit').click();
      const missingConfirm = rig.page.getByTestId('credit-ask-confirm');
      await missingConfirm.waitFor();
      assert.match((await missingConfirm.textContent()) ?? '', /申请补记：orglife\.meeting\/b1-lecture-2/);
      await rig.page.getByRole('button', { name: '确认提交' }).click();
      await rig.page
        .locator(
          '[data-testid=credit-missing-asked][data-record="orglife.meeting/b1-lecture-2"] [data-testid=credit-correction][data-status=open]',
        )
        .waitFor();
      const mine = (await reader.query('insight', 'corrections', { member: 'm-004', year })).result as {
        record: string;
        missing?: boolean;
        status: string;
      }[];
      assert.deepEqual(
        mine.filter((x) => x.missing === true).map((x) => [x.record, x.status]),
        [['orglife.meeting/b1-lecture-2', 'open']],
      );
      await checkPage(rig.page, 'credit-missing');
    },
  );
});
