/**
 * The dues pages above the register in real Chromium against a real node (issue 14): the branch
 * secretary's arrears view names the member from the sealed roster and cites the rule (规定第十三条,
 * 党章第九条); the 党委 secretary acknowledges the branch's remittance from the page (the chain then
 * holds it acknowledged — read with the SDK, not the page) and opens the branch's books month by
 * month down to the payment record. Screenshots at 390 and 1280 px; the common checks (axe, 44 px
 * tap targets, no English in zh-CN) on both views.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe } from 'node:test';
import type { Value } from '@djchain/crypto';
import { browserTests, type Chain, clientOf, NAMES, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('dues books tests');

const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
/** `ym` moved by n months. */
function addMonth(ym: string, n: number): string {
  const i = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const fourAgo = addMonth(month, -4);

describe('dues books and arrears in Chromium', { timeout: 600_000 }, () => {
  const rig = useRig(gate, {
    start: () => startChain(),
    setup: async (chain) => {
      const client = clientOf(chain);
      const send = async (key: keyof Chain['keys'], action: string, params: Value) => {
        const r = await client.send({ module: 'dues', action, params }, chain.keys[key]);
        assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
      };
      const commitment = (m: string) => createHash('sha256').update(`base-${m}`).digest('hex');
      // m-002 (李明) salaried, 30.00 元 from this month; m-005 (刘洋) retired, 25.00 元 from four
      // months ago and unpaid since: four closed months in arrears.
      await send('organizer', 'assess', {
        member: 'm-002',
        group: '在职',
        from: month,
        fen: 3000,
        commitment: commitment('m-002'),
      });
      await send('organizer', 'assess', {
        member: 'm-005',
        group: '离退休',
        from: fourAgo,
        fen: 2500,
        commitment: commitment('m-005'),
      });
      // The clerk records 李明's month and remits it to the 党委.
      await send('clerk', 'recordPayment', {
        id: 'pay-m002',
        member: 'm-002',
        months: [month],
        fen: 3000,
        method: '现金',
      });
      await send('clerk', 'remit', {
        id: 'remit-b1',
        org: 'b1',
        fen: 3000,
        period: `${month.slice(0, 4)}-Q4`,
      });
    },
    timeoutMs: 60_000,
  });

  const signIn = async (account: keyof Chain['keystores']) => {
    await rig.signIn(account);
    await rig.open('dues');
  };

  browserIt('the branch secretary sees the arrears by name, with the rule cited', async () => {
    await signIn('branchSecretary');
    const arrears = rig.page.getByTestId('dues-branch-arrears');
    await arrears.locator('[data-member="m-005"]').getByText(NAMES['m-005']!).waitFor();
    const text = (await arrears.textContent()) ?? '';
    assert.match(text, /连续未交 4 个月/);
    assert.match(text, new RegExp(`${fourAgo}`));
    // The three-month reminder and the six-month rule, each with its source.
    assert.match(text, /已满三个月，应予提醒（《关于中国共产党党费收缴、使用和管理的规定》第十三条）/);
    assert.match(text, /《中国共产党章程》第九条/);
    // The register names people too.
    assert.match(
      (await rig.page.getByTestId('dues-register').textContent()) ?? '',
      new RegExp(NAMES['m-002']!),
    );
    await checkPage(rig.page, 'dues-arrears');
  });

  browserIt("the 党委 secretary acknowledges the branch's remittance and drills into the books", async () => {
    await rig.page.getByRole('button', { name: /^退\s?出$/ }).click();
    await signIn('committeeSecretary');
    const incoming = rig.page.getByTestId('dues-incoming');
    const row = incoming.locator('[data-remittance="remit-b1"]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /第一党支部 上缴 ¥30\.00/);
    await row.getByRole('button', { name: '确认收到' }).click();
    await rig.page.getByRole('button', { name: '确认提交' }).click();
    await incoming.getByText(/已确认收到（第 \d+ 块）/).waitFor();
    // The chain, read with the SDK as the 党委's secretary: acknowledged, counted in its books.
    const reader = clientOf(rig.chain);
    await reader.signIn(rig.chain.keys.committeeSecretary);
    const books = (await reader.query('dues', 'books', { org: 'c1' })).result as {
      received: number;
      held: number;
      remittances: { id: string; status: string }[];
    };
    assert.deepEqual(
      [books.received, books.held, books.remittances.find((r) => r.id === 'remit-b1')?.status],
      [3000, 3000, 'acknowledged'],
    );
    // The books month by month: the 党委's own (received 30.00), then the branch's, down to the record.
    const ledger = rig.page.getByTestId('dues-ledger');
    await ledger.locator('tr', { hasText: month }).getByText('¥30.00').first().waitFor();
    await rig.page.getByTestId('dues-ledger-org').click();
    await rig.page.locator('.ant-select-item-option', { hasText: '第一党支部' }).click();
    const monthRow = ledger.locator('[data-org="b1"] tr', { hasText: month }).first();
    await monthRow.getByText('¥30.00').first().waitFor();
    // collected 30.00, received 0, remitted 30.00, held 0.00: collected = remitted + held.
    assert.match((await monthRow.textContent()) ?? '', /¥30\.00¥0\.00¥30\.00¥0\.00/);
    await monthRow.click();
    const records = ledger.getByTestId('dues-month-records');
    await records.waitFor();
    const recordText = (await records.textContent()) ?? '';
    assert.match(recordText, new RegExp(`${NAMES['m-002']} 交纳 ${month}，¥30\\.00（现金）`));
    assert.match(recordText, /上缴 ¥30\.00（\d{4}-Q4）上级已确认收到/);
    await checkPage(rig.page, 'dues-books');
  });
});
