/**
 * The organizational life pages in real Chromium against a real node (issue 15): the 第一支部
 * secretary fixes the theme day on the branch calendar, records a 支部党员大会 on a 390 px phone
 * (attendance from the roster, one member excused with a reason, one absent, the minutes uploaded
 * as an attachment whose hash goes on chain); a member confirms her own line on her page (学时 as a
 * diagnostic), the clerk confirms another's on the sign-in sheet (marked as such); the 党委's
 * secretary sees every branch and drills down. The chain (read with the SDK, not the page) shows what
 * the pages claim. Screenshots at 390 and 1280 px; every page passes the common checks.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { WebServer } from '../src/server.ts';
import {
  browserTests,
  type Chain,
  clientOf,
  launchBrowser,
  PASSPHRASE,
  shoot,
  startChain,
  startWeb,
} from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('organizational life page tests');

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const MINUTES = '第一支部党员大会记录：学习党章第九条，讨论下季度工作安排。';

describe('organizational life pages in Chromium', { timeout: 900_000 }, () => {
  let chain: Chain;
  let web: WebServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let minutesFile: string;
  let meetingId = '';

  before(async () => {
    if (!gate.run) return;
    // The running node is the 党委's (c1): since h7's ATTACHMENT_WRONG_NODE a node keeps only the
    // attachments its organization may read, and the minutes are b1's (scope org).
    chain = await startChain({
      editGenesis: (g) => {
        (g as unknown as { validators: { orgId?: string }[] }).validators[0]!.orgId = 'c1';
      },
    });
    minutesFile = join(chain.dir, '..', 'minutes.txt');
    writeFileSync(minutesFile, MINUTES);
    web = await startWeb(chain);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
    await chain?.stop();
  });

  const open = (hash: string) => page.goto(`${web.url}/#/${hash}`);
  async function signIn(file: string, postIndex: number | null) {
    await open('signin');
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('passphrase').fill(PASSPHRASE);
    await page.getByTestId('signin-submit').click();
    if (postIndex !== null) {
      await page.getByTestId('post-choice').waitFor();
      await page.getByTestId('post-choice').locator('input[type=radio]').nth(postIndex).check();
      await page.getByTestId('post-submit').click();
    }
    await page.getByTestId('session-bar').waitFor();
  }
  const reader = async () => {
    const c = clientOf(chain);
    await c.signIn(chain.keys.branchSecretary);
    return c;
  };

  browserIt('the secretary fixes the theme day; the calendar shows what is due this month', async () => {
    await signIn(chain.keystores.branchSecretary, 0);
    await open('orglife');
    await page.getByTestId('ol-set-calendar').waitFor();
    await page.locator('#ol-theme-day').fill('15');
    await page.getByTestId('ol-set-calendar').getByRole('button', { name: '确定主题党日' }).click();
    await page.getByText('每月 15 日为主题党日').waitFor();
    const due = (await page.getByTestId('ol-due').textContent()) ?? '';
    // This month's monthly obligation of the branch: 主题党日 (条例第十六条). No 支部委员会: 第一支部
    // has two committee posts (书记, 组织委员), fewer than the 3 a committee needs — the month close
    // warns none, and the calendar shows none due (orglife owesCommitteeMeeting).
    assert.match(due, /主题党日/);
    assert.doesNotMatch(due, /支部委员会/);
    const cal = (await (await reader()).query('orglife', 'obligations', { org: 'b1' })).result as {
      calendar: { themeDay: number; from: string };
    };
    assert.deepEqual(
      { themeDay: cal.calendar.themeDay, from: cal.calendar.from },
      { themeDay: 15, from: today.slice(0, 7) },
    );
  });

  browserIt(
    'on a 390 px phone the secretary records a 支部党员大会 with minutes as an attachment',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('ol-new').click();
      await page.getByTestId('ol-form').waitFor();
      await page.getByTestId('ol-kind').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '支部党员大会' })
        .click();
      await page.locator('#ol-agenda').fill('学习党章第九条；下季度工作安排');
      await page.getByTestId('ol-plan').click();
      await page.getByTestId('ol-attendance').waitFor({ timeout: 180_000 }); // two commits first (the agenda's record, the plan): slow under load
      // The expected attendees come from the roster: 第一支部's six members (not the applicant m-101).
      for (const m of ['m-001', 'm-002', 'm-003', 'm-004', 'm-005', 'm-006'])
        await page.getByTestId(`ol-line-${m}`).waitFor();
      assert.equal(await page.getByTestId('ol-line-m-101').count(), 0);
      await page.getByTestId('ol-line-m-005').getByText('请假').click();
      await page.getByTestId('ol-line-m-005').getByRole('textbox').fill('外出就医');
      await page.getByTestId('ol-line-m-006').getByText('缺席').click();
      await page.getByTestId('ol-minutes').setInputFiles(minutesFile);
      assert.match(
        (await page.getByTestId('ol-counts').textContent()) ?? '',
        /应到 6 人，出席 4 人，请假 1 人，缺席 1 人/,
      );
      await shoot(page, 'orglife-form-filled');
      await page.getByTestId('ol-hold').click();
      await page.getByTestId('ol-held-ok').waitFor({ timeout: 180_000 });
      await checkPage(page, 'orglife-form');

      const c = await reader();
      const ms = (await c.query('orglife', 'meetings', { org: 'b1' })).result as {
        meetings: {
          id: string;
          kind: string;
          status: string;
          agenda: string | null;
          held: {
            on: string;
            quorate: boolean;
            attendance: { member: string; status: string; reason: string | null }[];
            minutes: { hash: string; scope: string };
          };
        }[];
      };
      assert.equal(ms.meetings.length, 1);
      const m = ms.meetings[0]!;
      meetingId = m.id;
      assert.equal(m.kind, '支部党员大会');
      assert.equal(m.status, 'held');
      assert.equal(m.held.on, today);
      assert.deepEqual(m.held.attendance, [
        { member: 'm-001', status: 'present', reason: null },
        { member: 'm-002', status: 'present', reason: null },
        { member: 'm-003', status: 'present', reason: null },
        { member: 'm-004', status: 'present', reason: null },
        { member: 'm-005', status: 'excused', reason: '外出就医' },
        { member: 'm-006', status: 'absent', reason: null },
      ]);
      // Five full members vote (the 预备党员 m-006 does not); four of them present: more than half.
      assert.equal(m.held.quorate, true);
      const sha = createHash('sha256').update(MINUTES).digest('hex');
      assert.deepEqual(m.held.minutes, { hash: sha, scope: 'org' });
      assert.equal(Buffer.from(await c.getAttachment(sha)).toString('utf8'), MINUTES);
      // The agenda's text is an attachment too; only its hash is in the plan.
      assert.equal(m.agenda, createHash('sha256').update('学习党章第九条；下季度工作安排').digest('hex'));
    },
  );

  browserIt('the calendar lists the planned and the held meetings', async () => {
    // A 党课 planned for today, not yet held (through the SDK: the form was shown above).
    const c = await reader();
    const r = await c.send(
      {
        module: 'orglife',
        action: 'plan',
        params: { id: 'mt-lecture', org: 'b1', kind: '党课', date: today, length: '一天' },
      },
      chain.keys.branchSecretary,
    );
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    await open('orglife');
    await page.getByTestId('ol-planned').getByText('党课').waitFor();
    await page.getByTestId('ol-held').getByText('支部党员大会').waitFor();
    await checkPage(page, 'orglife-calendar');
  });

  browserIt('a member confirms her own line on her page; 学时 shown without ranking', async () => {
    await signIn(chain.keystores.probationer, 0);
    await open('mylife');
    await page.getByTestId('ol-study').waitFor();
    const study = (await page.getByTestId('ol-study').textContent()) ?? '';
    // A 支部党员大会 is not a 党课 or 主题党日: no 学时 from it; the member's target is 32 (RULES.md §5).
    assert.match(study, /已累计 0 学时，年度目标 32 学时/);
    // A diagnostic: no place in any order, no check-in streak.
    assert.doesNotMatch(study, /第\s*\d+\s*名|排名第|连续打卡/);
    const line = page.getByTestId(`ol-my-${meetingId}`);
    assert.match((await line.textContent()) ?? '', /缺席/);
    await page.getByTestId(`ol-confirm-${meetingId}`).click();
    await line.getByText('本人确认').waitFor();
    await checkPage(page, 'orglife-member');
  });

  browserIt("the clerk confirms a member's line on the sheet, marked as the clerk's", async () => {
    await signIn(chain.keystores.clerk, 0);
    await open(`orglife/m/${meetingId}`);
    await page.getByTestId('ol-sheet').waitFor();
    await page.getByTestId('ol-confirm-for-m-003').click();
    await page.getByTestId('ol-sheet-m-003').getByText('党务工作者代为确认').waitFor();
    await page.getByTestId('ol-confirm-mine').click();
    await page.getByTestId('ol-sheet-m-004').getByText('本人确认').waitFor();
    await checkPage(page, 'orglife-sheet');
    const m = (await (await reader()).query('orglife', 'meeting', { id: meetingId })).result as {
      confirmations: { member: string; via: string | null; by: string | null }[];
    };
    const by = Object.fromEntries(m.confirmations.map((c) => [c.member, [c.via, c.by]]));
    assert.deepEqual(by['m-003'], ['clerk', 'm-004']);
    assert.deepEqual(by['m-004'], ['self', 'm-004']);
    assert.deepEqual(by['m-006'], ['self', 'm-006']);
    assert.deepEqual(by['m-001'], [null, null]);
  });

  browserIt("the 党委's secretary sees every branch's obligations and drills down", async () => {
    await signIn(chain.keystores.committeeSecretary, 0);
    await open('orglife');
    await page.getByTestId('ol-superior').waitFor();
    await page.getByTestId('ol-branch-b2').waitFor();
    const row = page.getByTestId('ol-superior').locator('tr', { has: page.getByTestId('ol-branch-b1') });
    // 第一支部: one obligation held this year (the quarter's 支部党员大会).
    assert.equal((await row.locator('td').nth(1).textContent())?.trim(), '1');
    assert.match((await page.getByTestId('ol-superior').textContent()) ?? '', /未确定主题党日/);
    await checkPage(page, 'orglife-superior');
    await page.getByTestId('ol-branch-b1').click();
    await page.getByTestId('ol-calendar').waitFor();
    await page.getByTestId('ol-held').getByText('支部党员大会').waitFor();
    await shoot(page, 'orglife-superior-branch');
  });
});
