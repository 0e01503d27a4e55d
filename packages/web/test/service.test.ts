/**
 * 党群服务 in real Chromium against a real node (issue 17): the centre's clerk has set up a grid, a
 * 双报到 registration and a menu (SDK); on a 390 px phone a resident signs in with their key, orders
 * from the menu and is refused a wish holding a phone number; the clerk dispatches on the board; the
 * 双报到 member, signed in with their resident key, accepts and completes with evidence on their
 * to-do; the resident rates it with one tap; the public figures show the count and average, never a
 * name. What the pages claim is read back with the SDK. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { addressOf, verifyServiceStatement } from '@djchain/client';
import { getSuite, type KeyPair, randomKeyPair, type Value } from '@djchain/crypto';
import type { Page } from 'playwright-core';
import { genesisSet } from '../src/app/chain.ts';
import { configFromGenesisFile } from '../src/server.ts';
import {
  browserTests,
  centreClerk,
  clientOf,
  PASSPHRASE,
  shoot,
  startChain,
  useRig,
  writeKeystore,
} from './harness.ts';

const { gate, browserIt } = browserTests('service centre page tests');
const PHONE = { width: 390, height: 844 };
const EVIDENCE = 'e1'.repeat(32);

describe('the service centre in Chromium on a phone', { timeout: 600_000 }, () => {
  const suite = getSuite('intl');
  const resident: KeyPair = randomKeyPair(suite);
  const volunteer: KeyPair = randomKeyPair(suite);
  const files: Record<string, string> = {};

  const rig = useRig(gate, {
    start: () => startChain({ editGenesis: centreClerk }),
    setup: async (chain) => {
      const client = clientOf(chain);
      const send = async (module: string, action: string, params: Value) => {
        const r = await client.send({ module, action, params }, chain.keys.clerk, { timeoutMs: 30_000 });
        assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
      };
      for (const [id, k] of [
        ['res-1', resident],
        ['res-v', volunteer],
      ] as const) {
        await send('resident', 'bind', {
          id,
          org: 'c1',
          address: addressOf(suite, k.publicKey),
          commitment: 'ab'.repeat(32),
        });
        files[id] = await writeKeystore(chain, k, id, id);
      }
      await send('attachment', 'register', {
        hash: EVIDENCE,
        size: 2048,
        mediaType: 'image/jpeg',
        org: 'c1',
        scope: 'org',
      });
      await send('service', 'setGrid', {
        id: 'grid-1',
        org: 'c1',
        name: '幸福里网格',
        branch: 'b1',
        leader: 'member:m-002',
        members: ['member:m-005', 'resident:res-v'],
        households: 320,
        residents: 860,
      });
      await send('service', 'register', {
        id: 'dsb-1',
        org: 'c1',
        kind: 'member',
        unit: '区税务局',
        accounts: ['resident:res-v'],
        homeOrg: 'tax-chain:b9',
        commitment: '每年为社区提供法律咨询不少于12小时',
        hoursPerYear: 12,
        document: EVIDENCE,
      });
      const item = (
        id: string,
        name: string,
        kind: string,
        provider: string,
        ref: string | null,
        minutes: number,
      ) =>
        send('service', 'setItem', {
          id,
          org: 'c1',
          name,
          kind,
          provider,
          ...(ref ? { providerRef: ref } : {}),
          when: '每周二上午',
          where: '社区党群服务中心',
          capacity: 10,
          minutes,
          open: true,
        });
      await item('law', '法律咨询', '法律咨询', 'unit', 'dsb-1', 45);
      await item('meal', '老年助餐送餐', '助老助餐', 'grid', 'grid-1', 60);
      await item('policy', '政策解读', '政策解读', 'centre', null, 30);
    },
    timeoutMs: 180_000,
  });

  const residentSignIn = async (p: Page, file: string) => {
    await p.getByTestId('rs-file').setInputFiles(file);
    await p.getByTestId('rs-pass').fill(PASSPHRASE);
    await p.getByTestId('rs-open').click();
  };

  browserIt('order → dispatch → accept → done with evidence → rating, and the public figures', async () => {
    const errors: string[] = [];
    rig.page.on('pageerror', (e) => errors.push(e.message));
    // Reads as the community's 书记: orders and registrations are not public.
    const client = clientOf(rig.chain);
    await client.signIn(rig.chain.keys.committeeSecretary);
    // 1. The resident on a phone: signs in, sees the menu, orders 法律咨询; a wish with a phone is refused.
    await rig.page.setViewportSize(PHONE);
    await rig.open('service');
    await rig.page.getByTestId('sv-menu').waitFor();
    await shoot(rig.page, 'service-menu-signed-out');
    await residentSignIn(rig.page, files['res-1']!);
    await rig.page.getByTestId('sv-me').waitFor();
    // A resident is offered the menu, their to-do and the figures: no staff page that would refuse
    // (the clerk below reaches the board through the same button).
    assert.equal(await rig.page.getByRole('button', { name: '派单台' }).count(), 0);
    await rig.page.getByTestId('sv-order-law').click();
    await rig.page.getByTestId('sv-ordered').waitFor();
    const mine = (await client.query('service', 'ordersOf', { resident: 'res-1' })).result as {
      id: string;
      item: string;
    }[];
    assert.deepEqual(
      mine.map((o) => o.item),
      ['law'],
    );
    const id = mine[0]!.id;
    await rig.page.getByTestId(`sv-mine-${id}`).waitFor();
    assert.match((await rig.page.getByTestId(`sv-mine-${id}`).textContent()) ?? '', /待派单/);
    await rig.page.getByTestId('sv-need-text').fill('请打我电话13912345678');
    await rig.page.getByTestId('sv-need-send').click();
    // The refusal itself (the card's hint says 个人信息 too): only then is the send over.
    const refused = rig.page.getByTestId('sv-need').getByTestId('coded-error');
    await refused.waitFor({ timeout: 150_000 });
    assert.match((await refused.textContent()) ?? '', /SERVICE_PERSONAL_DATA/);
    await shoot(rig.page, 'service-resident-ordered');

    // 2a. A second order, sent with the resident's key: the clerk withdraws it on the board below.
    const dup = await client.send(
      { module: 'service', action: 'order', params: { id: 'o-dup', org: 'c1', item: 'policy' } },
      resident,
      { timeoutMs: 30_000 },
    );
    assert.equal(dup.receipt.status, 'ok', JSON.stringify(dup.receipt.error));

    // 2. The clerk (her second post: the community 党委's 党务工作者) dispatches on the board.
    const clerkPage = await rig.browser.context.newPage();
    clerkPage.on('pageerror', (e) => errors.push(e.message));
    await rig.signIn('clerk', { postIndex: 1, page: clerkPage });
    await clerkPage.goto(`${rig.web.url}/#/service`);
    await clerkPage.getByRole('button', { name: '派单台' }).click();
    await clerkPage.getByTestId(`sv-board-${id}`).waitFor();
    await clerkPage.getByTestId(`sv-provider-${id}`).fill('resident:res-v');
    await shoot(clerkPage, 'service-board-dispatch');
    await clerkPage.getByTestId(`sv-dispatch-${id}`).click();
    await clerkPage.locator(`[data-testid="sv-board-${id}"][data-status="dispatched"]`).waitFor();
    // Accounts read as people: the resident by their resident id, no raw account strings.
    const row = (await clerkPage.getByTestId(`sv-board-${id}`).textContent()) ?? '';
    assert.match(row, /居民 res-1 → 居民 res-v/);
    assert.doesNotMatch(row, /resident:/);
    await shoot(clerkPage, 'service-board');
    // 2b. She withdraws the second order with the reason: it leaves the board, its record stays.
    await clerkPage.getByTestId('sv-withdraw-reason-o-dup').fill('重复下单');
    await clerkPage.getByTestId('sv-withdraw-o-dup').click();
    await clerkPage.getByTestId('sv-board-o-dup').waitFor({ state: 'detached' });
    const withdrawn = (await client.query('service', 'order', { id: 'o-dup' })).result as {
      status: string;
      acts: { act: string; reason: string | null }[];
    };
    assert.equal(withdrawn.status, 'cancelled');
    assert.deepEqual(withdrawn.acts.at(-1), {
      ...withdrawn.acts.at(-1),
      act: 'withdraw',
      reason: '重复下单',
    });
    await clerkPage.close();

    // 3. The 双报到 member accepts and completes with the evidence photo's hash, on their phone.
    const vPage = await rig.browser.context.newPage();
    vPage.on('pageerror', (e) => errors.push(e.message));
    await vPage.setViewportSize(PHONE);
    await vPage.goto(`${rig.web.url}/#/resident`);
    await residentSignIn(vPage, files['res-v']!);
    await vPage.getByTestId('resident-bound').waitFor();
    await vPage.goto(`${rig.web.url}/#/service/todo`);
    await vPage.getByTestId(`sv-accept-${id}`).click();
    await vPage.getByTestId(`sv-evidence-${id}`).fill(EVIDENCE);
    await shoot(vPage, 'service-todo');
    await vPage.getByTestId(`sv-complete-${id}`).click();
    await vPage.locator(`[data-testid="sv-todo-${id}"][data-status="done"]`).waitFor();

    // 4. The resident rates it with one tap; the order is confirmed with 5 and the hours count.
    await rig.page.setViewportSize(PHONE);
    await rig.open('service');
    await rig.page.reload();
    await residentSignIn(rig.page, files['res-1']!);
    await rig.page.getByTestId(`sv-rate-${id}`).waitFor();
    await shoot(rig.page, 'service-rate');
    await rig.page.getByTestId(`sv-rate-${id}-5`).click();
    await rig.page.locator(`[data-testid="sv-mine-${id}"][data-status="confirmed"]`).waitFor();
    const order = (await client.query('service', 'order', { id })).result as {
      status: string;
      rating: number;
    };
    assert.deepEqual([order.status, order.rating], ['confirmed', 5]);
    const reg = (await client.query('service', 'registration', { id: 'dsb-1' })).result as {
      served: { orders: number; minutes: number };
    };
    assert.deepEqual(reg.served, { orders: 1, minutes: 45 });

    // 4b. The 双报到 member downloads their statement; the file verifies as the dossier of their account.
    await vPage.goto(`${rig.web.url}/#/resident`);
    await vPage.reload();
    await residentSignIn(vPage, files['res-v']!);
    await vPage.getByTestId('resident-bound').waitFor();
    await vPage.goto(`${rig.web.url}/#/service/todo`);
    const [file] = await Promise.all([
      vPage.waitForEvent('download'),
      vPage.getByTestId('sv-statement-get').click(),
    ]);
    await vPage.getByTestId('sv-statement-done').waitFor();
    assert.match((await vPage.getByTestId('sv-statement-done').textContent()) ?? '', /1 次服务，45 分钟/);
    const saved = join(rig.chain.dir, '..', 'statement.djd');
    await file.saveAs(saved);
    const verdict = verifyServiceStatement(new Uint8Array(readFileSync(saved)), {
      suite,
      chainId: rig.chain.chainId,
      validatorSets: [genesisSet(configFromGenesisFile(join(rig.chain.dir, 'genesis.json')))],
    });
    assert.ok(verdict.ok);
    assert.deepEqual(
      verdict.statement.services.map((s) => [s.order, s.kind, s.minutes, s.rating]),
      [[id, '法律咨询', 45, 5]],
    );
    await shoot(vPage, 'service-statement');
    await vPage.close();

    // 4c. The grid leader (b1's 书记) sees the grid's totals and that nothing of it is late.
    const glPage = await rig.browser.context.newPage();
    glPage.on('pageerror', (e) => errors.push(e.message));
    await rig.signIn('branchSecretary', { page: glPage });
    await glPage.setViewportSize(PHONE);
    await glPage.goto(`${rig.web.url}/#/service/grid`);
    await glPage.getByTestId('sv-grid-overdue-grid-1').waitFor();
    const grid = (await glPage.getByTestId('sv-grid-grid-1').textContent()) ?? '';
    assert.match(grid, /户数320/);
    assert.match(grid, /常住人口860/);
    assert.match(grid, /本网格没有逾期订单/);
    await shoot(glPage, 'service-grid');
    await glPage.close();

    // 5. The public figures, for anyone: one 法律咨询, average 5.0, and no id or name on the page.
    const pub = await rig.browser.context.newPage();
    pub.on('pageerror', (e) => errors.push(e.message));
    await pub.setViewportSize(PHONE);
    await pub.goto(`${rig.web.url}/#/service/figures`);
    await pub.getByTestId('sv-figures').getByText('法律咨询').waitFor();
    const text = (await pub.getByTestId('sv-figures').textContent()) ?? '';
    assert.match(text, /5\.0/);
    assert.ok(!/res-|member:|resident:/.test((await pub.locator('main, body').first().textContent()) ?? ''));
    await shoot(pub, 'service-figures');
    await pub.close();
    assert.deepEqual(errors, []);
  });
});
