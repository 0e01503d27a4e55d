/**
 * The first `npm start` serves the page while the demo history is still being written (issue 20):
 * in real Chromium against a real node, a web server given a progress file shows the banner
 * 正在生成演示数据… n/N with the figures from the file, updates it, and once the file is gone says
 * the data is complete (with a reload button). Without a progress file there is no banner.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { configFromGenesisFile, serveWeb, type WebServer } from '../src/server.ts';
import { type BrowserPage, browserTests, type Chain, openPage, startChain, testDist } from './harness.ts';

const { gate, browserIt } = browserTests('web seeding banner tests');

describe('the demo seeding banner in Chromium', { timeout: 600_000 }, () => {
  let chain: Chain | undefined;
  let seeding: WebServer | undefined;
  let plain: WebServer | undefined;
  let browser: BrowserPage | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'djweb-seeding-'));
  const progress = join(dir, 'seeding.json');

  before(async () => {
    if (!gate.run) return;
    chain = await startChain();
    const distDir = await testDist(join(dir, 'dist'));
    const config = configFromGenesisFile(join(chain.dir, 'genesis.json'));
    seeding = await serveWeb({ distDir, nodeUrl: chain.nodeUrl, config, progressFile: progress });
    plain = await serveWeb({ distDir, nodeUrl: chain.nodeUrl, config });
    browser = await openPage(60_000);
  });
  after(async () => {
    await browser?.close();
    await seeding?.close();
    await plain?.close();
    await chain?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  browserIt('shows n/N while the history is written, then that it is complete', async () => {
    const page = browser!.page;
    writeFileSync(progress, JSON.stringify({ done: 120, total: 5922 }));
    await page.goto(`${seeding!.url}/#/`);
    const banner = page.getByTestId('seeding-banner');
    await banner.getByText('正在生成演示数据… 120/5922').waitFor();
    assert.match((await banner.textContent()) ?? '', /写入完成前不能提交交易/);
    writeFileSync(progress, JSON.stringify({ done: 3000, total: 5922 }));
    await banner.getByText('正在生成演示数据… 3000/5922').waitFor();
    rmSync(progress);
    await page.getByTestId('seeding-done').getByText('演示数据已生成完毕。').waitFor();
    assert.equal(await banner.count(), 0);
  });

  browserIt('a web server without a progress file shows no banner', async () => {
    const page = browser!.page;
    // The page asked and was told { seeding: false }; the portal rendered; no banner came with it.
    const asked = page.waitForResponse((r) => r.url().endsWith('/demo-progress.json'));
    await page.goto(`${plain!.url}/#/`);
    assert.deepEqual(await (await asked).json(), { seeding: false });
    await page.getByText('公开信息').first().waitFor();
    assert.equal(await page.getByTestId('seeding-banner').count(), 0);
    assert.equal(await page.getByTestId('seeding-done').count(), 0);
  });
});
