/**
 * The discipline page (issue 12) in real Chromium against a real node whose genesis names a county
 * discipline commission: the branch decides an expulsion and is refused a sanction of a probationary
 * member (条例第三十六条, the article shown); the 党委 refers the expulsion and is refused the
 * commission's approval (党章第四十二条, shown); the commission signs in with its own keystore and
 * approves; the 党委 then sees the case in force. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { addressOf } from '@djchain/client';
import { getSuite, randomKeyPair } from '@djchain/crypto';
import { browserTests, shoot, startChain, useRig, writeKeystore } from './harness.ts';

const { gate, browserIt } = browserTests('discipline page browser tests');

describe('discipline page in Chromium', { timeout: 300_000 }, () => {
  const suite = getSuite('intl');
  const commissionKey = randomKeyPair(suite);
  let commissionKeystore = '';

  const rig = useRig(gate, {
    start: () =>
      startChain({
        editGenesis: (g) => {
          g.modules.discipline = {
            commission: { name: '东风区纪律检查委员会', address: addressOf(suite, commissionKey.publicKey) },
          };
        },
      }),
    setup: async (chain) => {
      commissionKeystore = await writeKeystore(chain, commissionKey, '东风区纪律检查委员会', 'commission');
    },
    timeoutMs: 60_000,
  });
  const { open } = rig;

  const signIn = (file: string, postIndex: number | null) => rig.signInFile(file, { postIndex });

  async function fill(card: string, values: Record<string, string>) {
    const form = rig.page.getByTestId(`act-${card}`);
    for (const [name, value] of Object.entries(values)) {
      const field = form.getByTestId(`${card}-${name}`);
      if ((await field.getAttribute('class'))?.includes('ant-select')) {
        await field.click();
        await rig.page.locator('.ant-select-dropdown:visible').getByTitle(value, { exact: true }).click();
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
    const result = rig.page.getByTestId(`result-${card}`);
    const before = Number(await result.getAttribute('data-answered'));
    await rig.page.getByTestId(`submit-${card}`).click();
    const answered = rig.page.locator(`[data-testid=result-${card}][data-answered="${before + 1}"]`);
    const invalid = rig.page.getByTestId(`act-${card}`).locator('.ant-form-item-explain-error');
    await answered.or(invalid).first().waitFor({ timeout: 150_000 });
    if ((await answered.count()) === 0)
      assert.fail(`the form refused: ${(await invalid.allTextContents()).join('; ')}`);
    return (await result.textContent()) ?? '';
  }

  browserIt(
    'the branch decides an expulsion; a sanction of a probationary member is refused with 条例第三十六条',
    async () => {
      await signIn(rig.chain.keystores.branchSecretary, 0);
      await open('discipline');
      await rig.page.getByTestId('discipline-page').waitFor();
      await fill('decide', { id: 'x1', member: 'm-005', kind: '开除党籍', resolution: 'res-x1' });
      assert.match(await submit('decide'), /已上链/);
      await fill('decide', { id: 'w1', member: 'm-006', kind: '警告', resolution: 'res-w1' });
      const refused = await submit('decide');
      assert.match(refused, /DISCIPLINE_PROBATIONARY/);
      assert.match(refused, /《中国共产党纪律处分条例》第三十六条/);
      await shoot(rig.page, 'discipline');
    },
  );

  browserIt('the 党委 refers it and may not approve it for the commission (党章第四十二条)', async () => {
    await signIn(rig.chain.keystores.committeeSecretary, 0);
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
      assert.match((await rig.page.getByTestId('session-bar').textContent()) ?? '', /东风区纪律检查委员会/);
      await rig.page.getByTestId('discipline-page').waitFor();
      await fill('commission', { id: 'x1', resolution: 'res-c1' });
      assert.match(await submit('commission'), /已上链/);
      await shoot(rig.page, 'discipline-commission');
      await signIn(rig.chain.keystores.committeeSecretary, 0);
      await open('discipline');
      await rig.page.getByTestId('lookup-member').locator('input').fill('m-005');
      await rig.page.getByTestId('lookup-member').locator('button').click();
      await rig.page.getByTestId('sanction-lookup').getByText('已生效').waitFor();
    },
  );
});
