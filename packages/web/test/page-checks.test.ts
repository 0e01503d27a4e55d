/**
 * The page checks themselves (page-checks.ts), in Chromium on hand-written pages. The no-English
 * check (`englishWords`): ids, hashes, codes and what is marked as code pass; an English word fails,
 * and so does a message key shown raw (a deadline label missing from the table, as the process page
 * once could show). The axe check (`axeViolations`, run in the page itself): grey on white text and
 * a field without a label are reported, the same page made right is not.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserPage, browserTests, openPage } from './harness.ts';
import { axeViolations, englishWords } from './page-checks.ts';

const { gate, browserIt } = browserTests('web page-check tests');

describe('the page checks', { timeout: 120_000 }, () => {
  let browser: BrowserPage | undefined;
  let page: Page;
  before(async () => {
    if (!gate.run) return;
    browser = await openPage(30_000);
    ({ page } = browser);
  });
  after(async () => {
    await browser?.close();
  });
  const words = async (body: string) => {
    await page.setContent(`<!doctype html><html lang="zh-CN"><body>${body}</body></html>`);
    return (await englishWords(page)).sort();
  };

  browserIt('ids, hashes, codes and code elements are not English', async () => {
    assert.deepEqual(
      await words(
        '<p>周晓（m-101）· 第一党支部 b1 · RECRUITMENT_TALK_LATE · 区块 e12f578275…361557</p>' +
          '<p><code>recruitment.talk</code> <span translate="no">member:m-101</span> <span lang="en">English</span></p>',
      ),
      [],
    );
  });

  browserIt('an English word is', async () => {
    assert.deepEqual(await words('<p>已超期 Talk · 期限 2026-11-20</p>'), ['Talk']);
  });

  browserIt('a message key shown raw is: a label missing from the table', async () => {
    assert.deepEqual(await words('<p>已超期 dl_talk · 期限 2026-11-20</p>'), ['dl_talk']);
    assert.deepEqual(await words('<p>ev:member.Left · act:org.create</p>'), [
      'act:org.create',
      'ev:member.Left',
    ]);
  });

  browserIt('axe reports low contrast and an unlabelled field, and passes the page made right', async () => {
    const page_ = (main: string) =>
      page.setContent(
        `<!doctype html><html lang="zh-CN"><head><title>检查</title></head><body><main>${main}</main></body></html>`,
      );
    await page_('<p style="color:#bbb;background:#fff">缴费提醒</p><input type="text">');
    const bad = await axeViolations(page);
    assert.deepEqual(
      bad.map((v) => v.split(' ')[0]),
      ['color-contrast', 'label'],
      bad.join('\n'),
    );
    await page_('<p style="color:#333;background:#fff">缴费提醒</p><label>姓名 <input type="text"></label>');
    assert.deepEqual(await axeViolations(page), []);
  });
});
