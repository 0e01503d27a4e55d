/**
 * Web figures (issue 6), in headless Chromium (playwright-core, /usr/bin/chromium) against a real
 * node started with the CLI by the web tests' harness:
 * - dossier_verify_ms_browser: a member's dossier of ≥ 50 real signed events (the genesis
 *   registration and 50 recorded profile reads, each its own signed transaction) dropped on the
 *   app's verify page; the time of the app's own `verifyDossier` call (decode and every check,
 *   read from its User Timing measure), median of 20 runs in one page.
 * - first_paint_ms / first_contentful_paint_ms: Paint Timing of a cold load (fresh browser context,
 *   empty cache) of the workbench route `#/workbench` from the web server on loopback, median of 5.
 *   Keys never persist in the page, so a fresh load of that route paints the shell and its sign-in.
 * - web_initial_js_kb_gz (issue 20): the JavaScript a cold load fetches before the app can render —
 *   the entry script and every module it preloads, as listed in the built index.html — gzip-compressed
 *   (level 6, what the web server sends), in KiB. Pages and the chart library are separate chunks
 *   fetched when their route opens, and are not counted.
 * - web_fcp_slow4g_ms (portal `#/` and workbench `#/workbench`): first contentful paint of a cold
 *   load under Chromium's DevTools "Slow 4G" profile through CDP (562.5 ms latency, 1.6 Mbit/s down,
 *   750 kbit/s up, each × 0.9 as DevTools applies it) and 4× CPU slowdown, median of `loads`. The
 *   first paint is index.html's static shell (app name, 正在加载…); web_app_ready_slow4g_ms_* is when
 *   the app itself has rendered its header, the figure a resident can act on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressOf, buildTx, decodeDossier, signTransaction } from '@djchain/client';
import { getSuite } from '@djchain/crypto';
import { initialJsKbGz } from '@djchain/web';
import { chromium } from 'playwright-core';
import { browserGate, gateNotice } from '../packages/web/test/browser-gate.ts';
import { CHROMIUM, type Chain, clientOf, startChain, startWeb } from '../packages/web/test/harness.ts';

const VERIFY_MEASURE = 'djchain:verify-dossier'; // packages/web/src/app/pages/Verify.tsx
const MEMBER = 'm-002';
const READS = 50;

export interface WebBenchOptions {
  /** Verification runs (median reported). */
  readonly runs: number;
  /** Cold page loads for paint timing (median reported). */
  readonly loads: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (n: number) => Number(n.toFixed(2));

/** DevTools' "Slow 4G" (formerly "Fast 3G"): latency × 3.75, throughput × 0.9. */
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};

/** 50 profile reads of MEMBER by itself, one signed transaction each; returns its dossier bytes. */
async function dossierOf50(chain: Chain, log: (l: string) => void): Promise<Uint8Array> {
  const suite = getSuite('intl');
  const client = clientOf(chain);
  const key = chain.keys.branchSecretary;
  // Reads (receipts, the dossier) as the branch secretary.
  await client.signIn(key);
  const status = await client.status();
  const nonce0 = await client.nextNonce(addressOf(suite, key.publicKey), status.height);
  const signed = Array.from({ length: READS }, (_, i) =>
    signTransaction(
      suite,
      key.secretKey,
      buildTx({
        chainId: chain.chainId,
        module: 'member',
        action: 'recordProfileRead',
        params: { member: MEMBER, purpose: `年度核对 ${i + 1}` },
        signer: key.publicKey,
        nonce: nonce0 + i,
        expiry: status.height + 1000,
      }),
    ),
  );
  const results = await client.submit(signed);
  const refused = results.filter((r) => !r.accepted);
  if (refused.length > 0)
    throw new Error(`web bench: ${refused.length} reads refused: ${JSON.stringify(refused[0])}`);
  for (const s of signed) {
    const r = await client.waitForReceipt(s.hash, 30_000);
    if (r.receipt.status !== 'ok')
      throw new Error(`web bench: read failed: ${JSON.stringify(r.receipt.error)}`);
  }
  const { bytes } = await client.getDossier(`member:${MEMBER}`);
  const events = decodeDossier(bytes).events.length;
  if (events < READS) throw new Error(`web bench: dossier has ${events} events, expected ≥ ${READS}`);
  log(`web: dossier of member:${MEMBER} with ${events} events, ${bytes.length} bytes`);
  return bytes;
}

export async function benchWeb(
  log: (line: string) => void,
  opts: WebBenchOptions,
): Promise<Record<string, number | string>> {
  const gate = browserGate(process.env, CHROMIUM);
  if (!gate.run) {
    // Under CI a missing browser is an error, not a quiet skip (see browser-gate.ts).
    if (gate.fail) throw new Error(`web bench: ${gate.reason}; CI requires the browser figures`);
    log(gateNotice(gate, 'web bench') ?? '');
    return { web_skipped: gate.reason };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'djbench-web-'));
  const chain = await startChain();
  const web = await startWeb(chain).catch(async (e) => {
    await chain.stop();
    throw e;
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const bytes = await dossierOf50(chain, log);
    const events = decodeDossier(bytes).events.length;
    const file = join(tmp, `dossier-${MEMBER}.cbor`);
    writeFileSync(file, bytes);

    // Verification: the same page, the file dropped `runs` times; each run is one measure.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${web.url}/#/verify`);
    const input = page.locator('input[type=file]');
    await input.waitFor({ state: 'attached' });
    for (let i = 0; i < opts.runs; i++) {
      await input.setInputFiles(file);
      await page.waitForFunction(
        ([name, n]) => performance.getEntriesByName(name as string).length >= (n as number),
        [VERIFY_MEASURE, i + 1] as const,
      );
      await page.getByTestId('verify-ok').waitFor();
    }
    const durations = await page.evaluate(
      (name) => performance.getEntriesByName(name).map((e) => e.duration),
      VERIFY_MEASURE,
    );
    await ctx.close();
    if (durations.length !== opts.runs)
      throw new Error(`web bench: ${durations.length} verifications measured, expected ${opts.runs}`);
    log(`web: verify ms ${durations.map((d) => d.toFixed(1)).join(' ')}`);

    // Paint timing of cold loads of the workbench route.
    const fp: number[] = [];
    const fcp: number[] = [];
    for (let i = 0; i < opts.loads; i++) {
      const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const p = await c.newPage();
      await p.goto(`${web.url}/#/workbench`);
      await p.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
        timeout: 30_000,
      });
      const paint = await p.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
      );
      fp.push(paint['first-paint'] ?? Number.NaN);
      fcp.push(paint['first-contentful-paint'] ?? Number.NaN);
      await c.close();
    }
    log(`web: first-paint ms ${fp.map((d) => d.toFixed(1)).join(' ')}`);

    // Cold loads on a throttled mobile link and CPU: the portal, then the workbench.
    const slow: Record<string, number[]> = { portal: [], workbench: [] };
    const ready: Record<string, number[]> = { portal: [], workbench: [] };
    for (const [route, hash] of [
      ['portal', '#/'],
      ['workbench', '#/workbench'],
    ] as const) {
      for (let i = 0; i < opts.loads; i++) {
        const c = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
        const p = await c.newPage();
        // When the app itself has rendered (its header's large-type switch), not only the static shell.
        await p.addInitScript(() => {
          const w = window as unknown as { __appReady?: number };
          new MutationObserver((_, obs) => {
            if (document.querySelector('[data-testid="large-type"]')) {
              w.__appReady = performance.now();
              obs.disconnect();
            }
          }).observe(document, { subtree: true, childList: true });
        });
        const cdp = await c.newCDPSession(p);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await p.goto(`${web.url}/${hash}`, { timeout: 120_000 });
        await p.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint').length > 0,
          null,
          {
            timeout: 120_000,
          },
        );
        slow[route]!.push(
          await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime),
        );
        await p.waitForFunction(
          () => (window as unknown as { __appReady?: number }).__appReady !== undefined,
          null,
          {
            timeout: 120_000,
          },
        );
        ready[route]!.push(await p.evaluate(() => (window as unknown as { __appReady: number }).__appReady));
        await c.close();
      }
      log(
        `web: ${route} on slow 4G: FCP ms ${slow[route]!.map((d) => d.toFixed(0)).join(' ')}, app rendered ms ${ready[route]!.map((d) => d.toFixed(0)).join(' ')}`,
      );
    }
    const initial = initialJsKbGz(join(chain.dir, '..', 'dist'));
    return {
      web_initial_js_kb_gz: initial.kb,
      web_initial_js_files: initial.files,
      web_fcp_slow4g_ms_portal: Math.round(median(slow.portal!)),
      web_fcp_slow4g_ms_workbench: Math.round(median(slow.workbench!)),
      web_fcp_slow4g_ms: Math.round(Math.max(median(slow.portal!), median(slow.workbench!))),
      web_app_ready_slow4g_ms_portal: Math.round(median(ready.portal!)),
      web_app_ready_slow4g_ms_workbench: Math.round(median(ready.workbench!)),
      dossier_verify_ms_browser: round(median(durations)),
      dossier_verify_events: events,
      dossier_verify_runs: durations.length,
      first_paint_ms: round(median(fp)),
      first_contentful_paint_ms: round(median(fcp)),
      first_paint_loads: fp.length,
    };
  } finally {
    await browser.close();
    await web.close();
    await chain.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
