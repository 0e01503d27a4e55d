/**
 * 重大事项申报 and the read trace in real Chromium against a real node and the real sealed-data
 * service (issues 16 and 18): a probationary member declares a personal matter (the content sealed
 * by the service, only the commitment on chain); the branch secretary, as reviewer, opens it — a
 * read without a purpose is refused by the chain and shows nothing; with a purpose the read record
 * is on chain BEFORE the page asks the service (checked when the request leaves the browser), and
 * only then does the content show; the member then sees who read it, when and why.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { DjchainClient } from '@djchain/client';
import { ACCOUNTS, browserTests, clientOf, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web declaration tests');

const TEXT = '本人于本月赴新加坡探亲十天，持因私护照出行，已按规定报批';
const PURPOSE = '年度个人事项核实';

interface ReadEntry {
  readonly what: string;
  readonly reader: string | null;
  readonly ref: string;
  readonly purpose: string;
  readonly height: number;
}

describe('declarations and the read trace in Chromium', { timeout: 300_000 }, () => {
  /** The member's own client: readsOf is read by the member (and the 纪检委员 above). */
  let asMember: DjchainClient;
  let declaration = '';

  const rig = useRig(gate, {
    start: () => startChain(),
    setup: async (chain) => {
      asMember = clientOf(chain);
      await asMember.signIn(chain.keys.probationer);
    },
    timeoutMs: 60_000,
  });
  const { open, pageErrors } = rig;

  const reads = async () =>
    (await asMember.query('declaration', 'readsOf', { member: ACCOUNTS.probationer.id }))
      .result as ReadEntry[];

  browserIt('a member declares: the content goes to the service, the commitment on chain', async () => {
    // A key without posts chooses 以本人身份 (the only choice).
    await rig.signIn('probationer', { postIndex: 0 });
    await open('declarations');
    await rig.page.getByTestId('declare-kind').click();
    await rig.page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('因私出国（境）', { exact: true })
      .click();
    await rig.page.getByTestId('declare-text').fill(TEXT);
    await rig.page.getByTestId('declare-submit').click();
    await rig.page.getByTestId('declare-done').waitFor({ timeout: 60_000 });
    const mine = (await asMember.query('declaration', 'declarationsOf', { member: ACCOUNTS.probationer.id }))
      .result as { id: string; kind: string; step: string; commitment: string }[];
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.kind, '因私出国（境）');
    assert.equal(mine[0]!.step, 'filed');
    assert.match(mine[0]!.commitment, /^[0-9a-f]{64}$/);
    assert.equal(JSON.stringify(mine).includes('新加坡'), false);
    declaration = mine[0]!.id;
    await rig.page.getByTestId(`step-${declaration}`).waitFor();
    await checkPage(rig.page, 'declarations-member');
  });

  browserIt('the reviewer: a read without a purpose is refused and shows nothing', async () => {
    await rig.signIn('branchSecretary', { postIndex: 0 });
    await open('declarations');
    const item = rig.page.getByTestId(`review-${declaration}`);
    await item.waitFor();
    await rig.page.getByTestId(`open-${declaration}`).click();
    await item.getByText('DECLARATION_PURPOSE_REQUIRED').waitFor({ timeout: 60_000 });
    assert.equal(await rig.page.getByTestId(`content-${declaration}`).count(), 0);
    assert.equal(await rig.page.getByTestId(`traced-${declaration}`).count(), 0);
    assert.equal((await rig.page.content()).includes('新加坡'), false);
    assert.deepEqual(await reads(), []);
    await shoot(rig.page, 'declarations-no-purpose');
  });

  browserIt(
    'the reviewer: with a purpose the trace is on chain before the content is asked for and shown',
    async () => {
      // When the page asks the sealed-data service, the chain must already hold the read.
      const atRequest: ReadEntry[][] = [];
      await rig.page.route('**/sealed/read', async (route) => {
        atRequest.push(await reads());
        await route.continue();
      });
      await rig.page.getByTestId(`purpose-${declaration}`).fill(PURPOSE);
      await rig.page.getByTestId(`open-${declaration}`).click();
      const traced = rig.page.getByTestId(`traced-${declaration}`);
      await traced.waitFor({ timeout: 60_000 });
      await rig.page.getByTestId(`content-${declaration}`).waitFor({ timeout: 60_000 });
      await rig.page.unroute('**/sealed/read');
      assert.equal((await rig.page.getByTestId(`content-text-${declaration}`).textContent())?.trim(), TEXT);

      assert.equal(atRequest.length, 1, 'one request to the service');
      const before = atRequest[0]!.filter((e) => e.purpose === PURPOSE);
      assert.equal(before.length, 1, 'the read was on chain when the service was asked');
      const height = Number(/区块 (\d+)/.exec((await traced.textContent()) ?? '')?.[1]);
      assert.deepEqual(
        [before[0]!.what, before[0]!.reader, before[0]!.ref, before[0]!.height],
        ['declaration', ACCOUNTS.branchSecretary.id, declaration, height],
      );
      await checkPage(rig.page, 'declarations-review');
    },
  );

  browserIt('the member sees who read their data, when and why', async () => {
    // A key without posts chooses 以本人身份 (the only choice).
    await rig.signIn('probationer', { postIndex: 0 });
    await open('reads');
    const entry = rig.page.getByTestId('read-entry');
    await entry.first().waitFor();
    assert.equal(await entry.count(), 1);
    assert.match((await entry.first().textContent()) ?? '', new RegExp(PURPOSE));
    // The reader by id: the member may not read other people's names (the node's read rules).
    assert.match((await entry.first().textContent()) ?? '', new RegExp(ACCOUNTS.branchSecretary.id));
    assert.match((await entry.first().textContent()) ?? '', /个人事项申报/);
    await checkPage(rig.page, 'my-reads');
    assert.deepEqual(pageErrors, []);
  });
});
