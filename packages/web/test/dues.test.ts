/**
 * The dues page in real Chromium against a real node (issue 14): the clerk of 第一支部 sees her own
 * dues and reports her payment (awaiting the branch), then records two members' cash payments from
 * the month's register in one go; the chain's books (read with the SDK, not the page) show what
 * the page claims. Screenshots at 390 and 1280 px; the page passes the common checks (axe, tap
 * targets, no English in zh-CN).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe } from 'node:test';
import type { Value } from '@djchain/crypto';
import type { Page } from 'playwright-core';
import type { WebServer } from '../src/server.ts';
import {
  ACCOUNTS,
  browserTests,
  type Chain,
  clientOf,
  PASSPHRASE,
  type Rig,
  shoot,
  signInWith,
  startChain,
  startWebPage,
  stopRig,
} from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('dues page tests');

const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe('dues page in Chromium', { timeout: 600_000 }, () => {
  let chain: Chain;
  let web: WebServer;
  let rig: Rig | undefined;
  let page: Page;

  before(async () => {
    if (!gate.run) return;
    chain = await startChain();
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
    rig = await startWebPage(chain, 30_000);
    ({ web, page } = rig);
  });
  after(() => stopRig({ chain, ...rig }));

  browserIt(
    'the clerk sees her dues and reports her payment; the branch register shows it awaiting confirmation',
    async () => {
      await signInWith(page, web.url, chain.keystores.clerk);
      await page.goto(`${web.url}/#/dues`);
      const mine = page.getByTestId('dues-mine');
      await mine.waitFor();
      assert.match((await mine.textContent()) ?? '', /¥30\.00/);
      assert.match((await mine.textContent()) ?? '', /未交/);
      await page.getByTestId('dues-report').getByLabel(new RegExp(month)).check();
      await page.getByTestId('dues-report-submit').click();
      await page.getByRole('button', { name: '确认提交' }).click();
      await page.getByText(/已记录上链/).waitFor();
      // One submission: the button stays off after the chain recorded it.
      assert.equal(await page.getByTestId('dues-report-submit').isDisabled(), true);
      await page.reload();
      await page.getByTestId('dues-register').waitFor();
      const row = page.getByTestId('dues-register').locator('tr', { hasText: ACCOUNTS.clerk.id });
      assert.match((await row.textContent()) ?? '', /待支部确认/);
      await checkPage(page, 'dues');
      await shoot(page, 'dues-clerk');
    },
  );

  browserIt("the register records two members' payments; the chain's books agree", async () => {
    const register = page.getByTestId('dues-register');
    await register.getByLabel('m-002').check();
    await register.getByLabel('m-005').check();
    await page.getByTestId('dues-record').click();
    await page.getByRole('button', { name: '确认提交' }).click();
    // The page was reloaded in the first journey: the session stayed, the key did not.
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.getByTestId('unlock-submit').click();
    await page.getByText('已记录 2 人。').waitFor();
    await page.getByTestId('dues-books').getByText('¥55.00').first().waitFor();
    // Read as the branch's secretary (the books are the branch's and its superiors' to read).
    const reader = clientOf(chain);
    await reader.signIn(chain.keys.branchSecretary);
    const books = (await reader.query('dues', 'books', { org: 'b1' })).result as {
      collected: number;
    };
    // 30.00 (m-002, salaried) + 25.00 (m-005, retired): the reported payment is not yet collected.
    assert.equal(books.collected, 5500);
    const account = (await reader.query('dues', 'account', { member: 'm-002' })).result as {
      months: { month: string; state: string }[];
    };
    assert.equal(account.months.find((m) => m.month === month)?.state, 'paid');
    await shoot(page, 'dues-register-recorded');
  });
});
