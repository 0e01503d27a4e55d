/**
 * The discipline page (issue 12) in real Chromium against a real node whose genesis names a county
 * discipline commission: the branch decides an expulsion and is refused a sanction of a probationary
 * member (条例第三十六条, the article shown); the 党委 refers the expulsion and is refused the
 * commission's approval (党章第四十二条, shown); the commission signs in with its own keystore and
 * approves; the 党委 then sees the case in force. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { addressOf, createKeystore } from '@djchain/client';
import { getSuite, randomKeyPair } from '@djchain/crypto';
import type { Page } from 'playwright-core';
import type { WebServer } from '../src/server.ts';
import {
  browserTests,
  type Chain,
  nativeScrypt,
  PASSPHRASE,
  type Rig,
  shoot,
  signInWith,
  startChain,
  startWebPage,
  stopRig,
} from './harness.ts';

const { gate, browserIt } = browserTests('discipline page browser tests');

describe('discipline page in Chromium', { timeout: 300_000 }, () => {
  const suite = getSuite('intl');
  const commissionKey = randomKeyPair(suite);
  let chain: Chain;
  let web: WebServer;
  let rig: Rig | undefined;
  let page: Page;
  let commissionKeystore = '';

  before(async () => {
    if (!gate.run) return;
    chain = await startChain({
      editGenesis: (g) => {
        g.modules.discipline = {
          commission: { name: '东风区纪律检查委员会', address: addressOf(suite, commissionKey.publicKey) },
        };
      },
    });
    const ks = await createKeystore(
      suite,
      commissionKey.secretKey,
      PASSPHRASE,
      { label: '东风区纪律检查委员会' },
      { scrypt: nativeScrypt },
    );
    commissionKeystore = join(chain.dir, '..', 'keys', 'commission.json');
    writeFileSync(commissionKeystore, JSON.stringify(ks));
    rig = await startWebPage(chain, 60_000);
    ({ web, page } = rig);
  });

  after(() => stopRig({ chain, ...rig }));

  const open = (hash: string) => page.goto(`${web.url}/#/${hash}`);

  const signIn = (file: string, postIndex: number | null) => signInWith(page, web.url, file, { postIndex });

  async function fill(card: string, values: Record<string, string>) {
    const form = page.getByTestId(`act-${card}`);
    for (const [name, value] of Object.entries(values)) {
      const field = form.getByTestId(`${card}-${name}`);
      if ((await field.getAttribute('class'))?.includes('ant-select')) {
        await field.click();
        await page.locator('.ant-select-dropdown:visible').getByTitle(value, { exact: true }).click();
        // The choice shows in the box (the list itself is elsewhere in the page).
        await form.getByTestId(`${card}-${name}`).filter({ hasText: value }).waitFor();
      } else await field.fill(value);
    }
  }

  /**
   * Submits the card and returns the answer to THIS submission (the card counts its answers), or
   * fails at once naming the fields the form refused — never the answer to an earlier one.
   */
  async function submit(card: string): Promise<string> {
    const result = page.getByTestId(`result-${card}`);
    const before = Number(await result.getAttribute('data-answered'));
    await page.getByTestId(`submit-${card}`).click();
    const answered = page.locator(`[data-testid=result-${card}][data-answered="${before + 1}"]`);
    const invalid = page.getByTestId(`act-${card}`).locator('.ant-form-item-explain-error');
    await answered.or(invalid).first().waitFor({ timeout: 150_000 });
    if ((await answered.count()) === 0)
      assert.fail(`the form refused: ${(await invalid.allTextContents()).join('; ')}`);
    return (await result.textContent()) ?? '';
  }

  browserIt(
    'the branch decides an expulsion; a sanction of a probationary member is refused with 条例第三十六条',
    async () => {
      await signIn(chain.keystores.branchSecretary, 0);
      await open('discipline');
      await page.getByTestId('discipline-page').waitFor();
      await fill('decide', { id: 'x1', member: 'm-005', kind: '开除党籍', resolution: 'res-x1' });
      assert.match(await submit('decide'), /已上链/);
      await fill('decide', { id: 'w1', member: 'm-006', kind: '警告', resolution: 'res-w1' });
      const refused = await submit('decide');
      assert.match(refused, /DISCIPLINE_PROBATIONARY/);
      assert.match(refused, /《中国共产党纪律处分条例》第三十六条/);
      await shoot(page, 'discipline');
    },
  );

  browserIt('the 党委 refers it and may not approve it for the commission (党章第四十二条)', async () => {
    await signIn(chain.keystores.committeeSecretary, 0);
    await open('discipline');
    await fill('approve', { id: 'x1' });
    assert.match(await submit('approve'), /已上链/);
    await fill('commission', { id: 'x1', resolution: 'res-c1' });
    const refused = await submit('commission');
    assert.match(refused, /DISCIPLINE_NOT_PERMITTED/);
    assert.match(refused, /《中国共产党章程》第四十二条/);
  });

  browserIt(
    'the county commission signs in with its own key and approves; the 党委 sees it in force',
    async () => {
      await signIn(commissionKeystore, null);
      assert.match((await page.getByTestId('session-bar').textContent()) ?? '', /东风区纪律检查委员会/);
      await page.getByTestId('discipline-page').waitFor();
      await fill('commission', { id: 'x1', resolution: 'res-c1' });
      assert.match(await submit('commission'), /已上链/);
      await shoot(page, 'discipline-commission');
      await signIn(chain.keystores.committeeSecretary, 0);
      await open('discipline');
      await page.getByTestId('lookup-member').locator('input').fill('m-005');
      await page.getByTestId('lookup-member').locator('button').click();
      await page.getByTestId('sanction-lookup').getByText('已生效').waitFor();
    },
  );
});
