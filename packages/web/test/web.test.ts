/**
 * The web app in real Chromium against a real node started with the CLI: the public portal shows no
 * personal field; a branch secretary signs in with a keystore file, advances a candidate one step,
 * sees a refused step's cited message; a member's dossier is verified in the browser, exported,
 * verified on the verify page, and a one-byte change is named as the first broken link; a clerk
 * acting on behalf of a member is marked. Screenshots of each page at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { signedVoteToValue, signVote } from '@djchain/ledger';
import { permissionMatrix } from '@djchain/modules';
import type { Locator } from 'playwright-core';
import { postMayPerform, RECRUITMENT_PERMISSIONS } from '../src/app/permissions.ts';
import {
  ACCOUNTS,
  browserTests,
  clientOf,
  SHOTS,
  secondValidatorKey,
  shoot,
  startChain,
  useRig,
  validatorKey,
} from './harness.ts';

const { gate, browserIt } = browserTests('web browser tests');
const text = async (l: Locator) => (await l.textContent()) ?? '';

describe('workbench permissions', () => {
  it('the web copy of who may perform each recruitment action matches the modules', () => {
    const chainSide = Object.fromEntries(
      permissionMatrix()
        .filter((r) => r.module === 'recruitment')
        .map((r) => [r.action, r.permission]),
    );
    assert.deepEqual(RECRUITMENT_PERMISSIONS, chainSide);
  });

  it('a branch secretary may not perform a superior-only step; the committee may', () => {
    const branch = { org: 'b1', post: '书记' };
    const committee = { org: 'c1', post: '书记' };
    assert.equal(postMayPerform('approveAdmission', branch, 'b1', 'c1'), false);
    assert.equal(postMayPerform('approveAdmission', committee, 'b1', 'c1'), true);
    assert.equal(postMayPerform('talk', branch, 'b1', 'c1'), true);
    assert.equal(postMayPerform('talk', committee, 'b1', 'c1'), false);
    assert.equal(postMayPerform('talk', { org: 'b2', post: '书记' }, 'b1', 'c1'), false);
  });
});

describe('web app in Chromium', { timeout: 240_000 }, () => {
  const rig = useRig(gate, { start: () => startChain(), timeoutMs: 30_000 });
  const { open, pageErrors } = rig;

  const signIn = (account: keyof typeof ACCOUNTS, postIndex: number, actingFor?: string) =>
    rig.signIn(account, { postIndex, ...(actingFor ? { actingFor } : {}) });

  browserIt('the public portal shows the organization and no personal field', async () => {
    await open('portal');
    await rig.page.getByTestId('portal').waitFor();
    await rig.page.getByText('东风社区党委').first().waitFor();
    const body = await text(rig.page.locator('body'));
    assert.match(body, /第一党支部/);
    // No member id, key address, public key, date of birth or name of anyone.
    assert.doesNotMatch(body, /m-\d{3}/);
    assert.doesNotMatch(body, /[0-9a-f]{40}/);
    assert.doesNotMatch(body, /1996-03-15|周晓|李明|王芳/);
    const html = await rig.page.content();
    assert.doesNotMatch(html, /m-\d{3}|1996-03-15/);
    await shoot(rig.page, 'portal');
  });

  browserIt('on a phone the menu opens from its button and goes to the chosen page', async () => {
    // The drawer is a chunk of its own (nav-drawer.tsx), fetched after the first render.
    await rig.page.setViewportSize({ width: 390, height: 844 });
    try {
      await open('portal');
      await rig.page.getByTestId('portal').waitFor();
      assert.equal(await rig.page.getByTestId('nav').count(), 0, 'no header menu on a phone');
      await rig.page.getByTestId('nav-open').click();
      await rig.page.getByRole('menuitem', { name: '核验' }).click();
      await rig.page.waitForURL(/#\/verify$/);
      await rig.page.locator('.ant-upload-drag').waitFor();
      await rig.page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    } finally {
      await rig.page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  browserIt('a branch secretary signs in with a keystore file and sees the work to do', async () => {
    await signIn('branchSecretary', 0);
    assert.match(await text(rig.page.getByTestId('session-bar')), /m-002/);
    await rig.page.getByTestId('todo-go-m-101-talk').waitFor();
    await shoot(rig.page, 'workbench');
  });

  browserIt('advances the applicant one step (talk) from the workbench', async () => {
    await rig.page.getByTestId('todo-go-m-101-talk').click();
    await rig.page.getByTestId('step-form').waitFor();
    await rig.page.getByTestId('step-submit').click();
    await rig.page.getByTestId('confirm-submit').click();
    await rig.page.getByTestId('step-done').waitFor({ timeout: 60_000 });
    await shoot(rig.page, 'step-done');
  });

  browserIt('a refused step shows the chain’s coded error with its cited article', async () => {
    // Contact persons before the applicant is named an activist: out of order (细则 step 5 needs step 3).
    await open('recruitment/m-101/assignContacts');
    await rig.page.getByTestId('field-contacts').fill('m-003');
    await rig.page.getByTestId('step-submit').click();
    await rig.page.getByTestId('confirm-submit').click();
    const cite = rig.page.getByTestId('error-cite');
    await cite.waitFor({ timeout: 60_000 });
    assert.match(await text(cite), /《中国共产党发展党员工作细则》第.+条/);
    assert.match(await text(rig.page.getByTestId('error-code')), /RECRUITMENT_OUT_OF_ORDER/);
    await shoot(rig.page, 'step-refused');
  });

  browserIt('the recruitment board, member list and organization tree render', async () => {
    await open('recruitment');
    await rig.page.getByTestId('case-m-101').waitFor();
    // The candidate by name (the sealed roster's, for the branch's secretary), not as m-101.
    await rig.page.getByTestId('stage-applicant').getByText('周晓').waitFor();
    await shoot(rig.page, 'recruitment-board');
    await open('members');
    await rig.page.getByText('m-005').first().waitFor();
    await shoot(rig.page, 'members');
    await open('org');
    await rig.page.getByTestId('org-tree').waitFor();
    await rig.page.getByText('第二党支部').first().waitFor();
    await shoot(rig.page, 'org');
  });

  let dossierFile = '';
  browserIt(
    'the member page shows the history verified in the browser, and exports the dossier',
    async () => {
      await open('member/m-101');
      await rig.page.getByTestId('verified').waitFor({ timeout: 60_000 });
      const timeline = await text(rig.page.getByTestId('timeline'));
      assert.match(timeline, /登记/);
      assert.match(timeline, /发展环节 · 第2步 党组织派人谈话/);
      assert.match(timeline, /区块 \d+/);
      const [download] = await Promise.all([
        rig.page.waitForEvent('download'),
        rig.page.getByTestId('export-dossier').click(),
      ]);
      dossierFile = join(SHOTS, '..', 'dossier-m-101.cbor');
      await download.saveAs(dossierFile);
      assert.ok(readFileSync(dossierFile).length > 100);
      await shoot(rig.page, 'member');
    },
  );

  browserIt(
    'the secretary reads personal fields: the read is committed on chain first, then released for it',
    async () => {
      await rig.page.getByLabel('查看目的').fill('入党材料核对');
      await rig.page.getByTestId('read-profile').click();
      const recorded = rig.page.getByTestId('read-recorded');
      await recorded.waitFor({ timeout: 60_000 });
      await rig.page.getByTestId('released-fields').waitFor({ timeout: 60_000 });
      assert.equal(await text(rig.page.getByTestId('released-name')), '周晓');
      assert.equal(await text(rig.page.getByTestId('released-phone')), '13800000000');
      const height = Number(/区块 (\d+)/.exec(await text(recorded))?.[1]);
      assert.ok(height >= 1, await text(recorded));
      // The chain, not the page: the member's dossier, verified by the light client, holds the read
      // at the height the page names, made by the secretary who clicked, naming the fields released.
      // Read as the branch secretary (a member's history is not public).
      const asSecretary = clientOf(rig.chain);
      await asSecretary.signIn(rig.chain.keys.branchSecretary);
      const { verdict } = await asSecretary.getDossier(`member:${ACCOUNTS.applicant.id}`);
      const reads = verdict.events.filter((e) => e.type === 'member.ProfileRead');
      assert.equal(reads.length, 1);
      const read = reads[0]!;
      assert.equal(read.height, height);
      const data = read.data as Record<string, unknown>;
      assert.equal(data.subject, ACCOUNTS.applicant.id);
      assert.equal(data.by, ACCOUNTS.branchSecretary.id);
      assert.deepEqual(data.fields, ['address', 'birthDate', 'education', 'gender', 'name', 'phone']);
      await shoot(rig.page, 'member-released');
    },
  );

  browserIt(
    'the verify page passes the exported dossier and names the first broken link of a changed one',
    async () => {
      await open('verify');
      await rig.page.locator('input[type=file]').setInputFiles(dossierFile);
      await rig.page.getByTestId('verify-ok').waitFor();
      for (const c of ['FORMAT', 'CHAIN', 'EVENT_HEAD', 'STATE_PROOF', 'TRUST', 'COMMIT'])
        assert.equal(await rig.page.getByTestId(`check-${c}`).getAttribute('data-state'), 'passed');
      await shoot(rig.page, 'verify-ok');

      // One byte changed inside the recorded talk step ("talk" → "tall"): the file still parses, and
      // the event whose contents changed is the first broken link.
      const bytes = readFileSync(dossierFile);
      const at = bytes.indexOf(Buffer.from('talk'));
      assert.ok(at > 0);
      bytes[at + 3] = 'l'.charCodeAt(0);
      const changed = join(SHOTS, '..', 'dossier-m-101-changed.cbor');
      writeFileSync(changed, bytes);
      await rig.page.locator('input[type=file]').setInputFiles(changed);
      await rig.page.getByTestId('verify-broken').waitFor();
      assert.equal(await rig.page.getByTestId('check-EVENT_HEAD').getAttribute('data-state'), 'failed');
      assert.equal(await rig.page.getByTestId('check-COMMIT').getAttribute('data-state'), 'skipped');
      assert.match(
        await text(rig.page.getByTestId('verify-broken')),
        /第一处断裂：记录前后相扣（第 \d+ 条记录）/,
      );
      await shoot(rig.page, 'verify-broken');
    },
  );

  browserIt('the explorer lists blocks and validators', async () => {
    // The node's height before the page loads: the page's newest block is at least that one.
    const height = (await clientOf(rig.chain).status()).height;
    await open('explorer');
    const blocks = rig.page.getByTestId('blocks-table');
    await blocks.waitFor();
    const first = Number(await text(blocks.locator('tr.ant-table-row').first().locator('a').first()));
    assert.ok(first >= height, `first row ${first}, node at ${height}`);
    // The validator card lists the genesis validator: its name, power and public key prefix.
    const genesis = JSON.parse(readFileSync(join(rig.chain.dir, 'genesis.json'), 'utf8'));
    const card = rig.page
      .locator('.ant-card')
      .filter({ has: rig.page.locator('.ant-card-head-title', { hasText: /^验证人$/ }) });
    const rows = card.locator('tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), genesis.validators.length);
    const row = await text(rows.first());
    const v = genesis.validators[0];
    assert.ok(row.includes(v.name), row);
    assert.ok(row.includes(String(v.power)), row);
    assert.ok(row.includes(v.publicKey.slice(0, 10)), row);
    await shoot(rig.page, 'explorer');
  });

  /** A marker on the page's window: still there afterwards means the page was not reloaded. */
  const markNoReload = () => rig.page.evaluate(() => Object.assign(window, { __djNoReload: true }));
  const notReloaded = () =>
    rig.page.evaluate(() => (window as { __djNoReload?: boolean }).__djNoReload === true);
  const latestShown = async () =>
    Number(/(\d+)\s*$/.exec(await text(rig.page.getByTestId('live-height')))?.[1]);

  let evidenceTx = '';
  let evidenceHeight = 0;
  browserIt('the explorer shows new blocks and committed evidence live, without reload', async () => {
    await open('explorer');
    await rig.page.getByTestId('evidence-table').waitFor();
    assert.match(await text(rig.page.getByTestId('evidence-table')), /暂无数据|No data/);
    await markNoReload();
    const before = await latestShown();
    // A real equivocation: the second validator's key signs two different prevotes for one height
    // and round; the running validator submits them (evidence.submit checks both signatures on
    // chain) and the offender is jailed.
    const client = clientOf(rig.chain);
    const key = validatorKey(rig.chain);
    const byz = secondValidatorKey();
    const suite = getSuite('intl');
    const height = (await client.status()).height;
    const base = { type: 'prevote' as const, height, round: 0, time: 0, validator: byz.publicKey };
    const first = signVote(suite, byz.secretKey, rig.chain.chainId, { ...base, blockHash: null });
    const second = signVote(suite, byz.secretKey, rig.chain.chainId, {
      ...base,
      blockHash: new Uint8Array(32).fill(7),
    });
    const r = await client.send(
      {
        module: 'evidence',
        action: 'submit',
        params: { first: signedVoteToValue(first), second: signedVoteToValue(second) },
      },
      key,
      { timeoutMs: 30_000 },
    );
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    evidenceTx = toHex(r.receipt.txHash);
    evidenceHeight = r.height;
    await rig.page.getByTestId('evidence-table').getByText(String(r.height), { exact: true }).waitFor();
    const row = await text(rig.page.getByTestId('evidence-table').locator('tbody'));
    assert.match(row, new RegExp(`${height}.*0.*prevote.*已停权`));
    assert.ok((await latestShown()) > before);
    assert.ok(await notReloaded(), 'the explorer was reloaded');
    await shoot(rig.page, 'explorer-evidence');
  });

  browserIt(
    'the explorer shows the jailed validator with its evidence and a pending re-admission, in Chinese',
    async () => {
      // Jailed in the evidence block: the validators table marks it, the jailed table names the proof.
      const jailedTable = rig.page.getByTestId('jailed-table');
      await jailedTable.waitFor();
      const jailedRow = await text(jailedTable.locator('tbody'));
      assert.match(
        jailedRow,
        // The node's organization by its name (b2 is 第二党支部).
        new RegExp(`第二党支部节点第二党支部1.*${evidenceHeight}.*${evidenceHeight + 2}.*\\d+/0/prevote`),
      );
      assert.match(await text(rig.page.getByTestId('jailed-table')), /停权高度.*投票权归零高度/);
      assert.match(await text(rig.page.getByTestId('validators-table')), /第二党支部节点\s*已停权/);
      // Re-admission is a governed act: the community 党委's 书记 proposes it; it waits for approval.
      const r = await clientOf(rig.chain).send(
        {
          module: 'governance',
          action: 'propose',
          params: {
            op: 'add',
            role: 'validator',
            publicKey: toHex(secondValidatorKey().publicKey),
            org: 'b2',
            power: 1,
            name: '第二党支部节点',
          },
        },
        rig.chain.keys.committeeSecretary,
        { timeoutMs: 30_000 },
      );
      assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
      const changes = rig.page.getByTestId('changes-table');
      await changes.getByText('加入 验证节点 第二党支部节点（第二党支部）').waitFor();
      assert.match(await text(changes), /提议编号.*变更.*已批准.*状态/);
      assert.match(await text(changes.locator('tbody')), /待审批（有效至高度 \d+）/);
      await shoot(rig.page, 'explorer-jailed-pending');
    },
  );

  async function search(q: string) {
    const box = rig.page.getByTestId('explorer-search').locator('input');
    await box.fill(q);
    await box.press('Enter');
  }

  browserIt('the explorer finds a transaction by hash and shows its body and proved receipt', async () => {
    await search(evidenceTx);
    await rig.page.getByTestId('tx-view').waitFor();
    assert.equal(await text(rig.page.getByTestId('tx-action')), '提交双重签名证据 evidence.submit');
    assert.match(await text(rig.page.getByTestId('receipt-status')), /成功/);
    assert.match(await text(rig.page.getByTestId('tx-params')), /预投票/);
    assert.match(
      await text(rig.page.getByTestId('receipt-view')),
      /evidence\.Equivocation|双重签名证据|validator:/,
    );
    await shoot(rig.page, 'explorer-tx');
  });

  browserIt('the explorer finds a block by height and a member by id', async () => {
    // Block bodies are the community committee's (they hold every member's transactions): a
    // branch secretary is refused, the committee secretary reads it.
    await search(String(evidenceHeight));
    await rig.page.getByTestId('coded-error').waitFor();
    assert.match(await text(rig.page.getByTestId('coded-error')), /无权查看/);
    await signIn('committeeSecretary', 0);
    await open('explorer');
    await search(String(evidenceHeight));
    await rig.page.getByTestId('block-view').waitFor();
    await rig.page.getByTestId('block-view').getByText('evidence.submit').waitFor();
    await shoot(rig.page, 'explorer-block');
    await signIn('branchSecretary', 0);
    await open('explorer');
    await search('m-101');
    const events = rig.page.getByTestId('member-events');
    await events.waitFor({ timeout: 60_000 });
    assert.match(await text(events), /recruitment\.StepRecorded/);
    await shoot(rig.page, 'explorer-member');
    await search('m-999');
    await rig.page.getByTestId('member-not-found').waitFor();
  });

  browserIt(
    'an anonymous visitor cannot open a member’s history, through the page or the forwarded API',
    async () => {
      const anon = await rig.browser.context.newPage();
      try {
        await anon.goto(`${rig.web.url}/#/explorer/member/m-101`);
        await anon.getByTestId('coded-error').waitFor();
        assert.match(await text(anon.getByTestId('coded-error')), /请先登录/);
        assert.equal(await anon.getByTestId('member-events').count(), 0);
        const body = await text(anon.locator('body'));
        assert.doesNotMatch(body, /recruitment\.StepRecorded|正式党员|[0-9a-f]{40}/);
        // The same reads straight through the web server's /v1 forwarding.
        for (const path of [
          '/v1/dossier/member%3Am-101',
          `/v1/query/member/member?params=${encodeURIComponent('{"id":"m-101"}')}`,
          `/v1/query/recruitment/process?params=${encodeURIComponent('{"member":"m-101"}')}`,
          '/v1/dossier/org%3Ab1',
        ]) {
          const res = await fetch(`${rig.web.url}${path}`);
          assert.equal(res.status, 401, path);
          assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'AUTH_REQUIRED', path);
        }
        // Public pages still work for the same visitor.
        await anon.goto(`${rig.web.url}/#/portal`);
        await anon.getByTestId('portal').waitFor();
        await anon.getByText('第一党支部').first().waitFor();
      } finally {
        await anon.close();
      }
    },
  );

  browserIt('the workbench refreshes live when a step is recorded elsewhere', async () => {
    await open('workbench');
    await rig.page.getByTestId('todo-go-m-101-nameActivist').waitFor();
    await markNoReload();
    const r = await clientOf(rig.chain).send(
      { module: 'recruitment', action: 'nameActivist', params: { member: 'm-101', source: '党员推荐' } },
      rig.chain.keys.branchSecretary,
      { timeoutMs: 30_000 },
    );
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    await rig.page.getByTestId('todo-go-m-101-nameActivist').waitFor({ state: 'detached' });
    // The next step, 备案 (fileActivist), is the superior 党委's: listed as waiting, never as a link.
    const wait = rig.page.getByTestId('todo-wait-m-101-fileActivist');
    await wait.waitFor();
    assert.match(await text(wait), /等待上级党委/);
    assert.equal(await rig.page.getByTestId('todo-go-m-101-fileActivist').count(), 0);
    assert.ok(await notReloaded(), 'the workbench was reloaded');
    await shoot(rig.page, 'workbench-live');
  });

  browserIt('a clerk acting on behalf of a member is marked on every page', async () => {
    await signIn('clerk', 0, ACCOUNTS.applicant.id);
    const banner = rig.page.getByTestId('acting-banner');
    await banner.waitFor();
    assert.match(await text(banner), /代办.*m-101/);
    await shoot(rig.page, 'acting-on-behalf');
  });

  browserIt('the large-type setting and no uncaught page errors', async () => {
    // Large type: the theme's font sizes grow (base 16 → 20 px), and the choice is remembered.
    const fontSize = () =>
      rig.page.getByTestId('acting-banner').evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    const before = await fontSize();
    await rig.page.getByTestId('large-type').click();
    await rig.page.waitForFunction(
      (b) =>
        Number.parseFloat(getComputedStyle(document.querySelector('[data-testid=acting-banner]')!).fontSize) >
        b,
      before,
    );
    assert.ok((await fontSize()) > before);
    assert.equal(await rig.page.evaluate(() => localStorage.getItem('djchain.largeType')), '1');
    await shoot(rig.page, 'large-type');
    assert.deepEqual(pageErrors, []);
  });
});
