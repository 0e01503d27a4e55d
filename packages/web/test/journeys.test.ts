/**
 * Role journeys in real Chromium against a real node (test/harness.ts), with the checks every page
 * must pass: axe-core (no serious or critical violation, contrast included), tap targets of at least
 * 44 px, and no English word in the zh-CN page outside ids, hashes and codes. The branch secretary
 * records a talk with its date, people, opinion and minutes (hash on chain, the file kept by the
 * node and fetched back in a fresh browser) after a confirmation, exactly once, across a reload that keeps the session but not the
 * key; the clerk in 代办 mode files a member's paper; the member opens 我的档案 and prints the
 * dossier (PDF) with its verification summary and the QR code of the file's hash.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { toHex } from '@djchain/crypto';
import QRCode from 'qrcode';
import {
  ACCOUNTS,
  browserTests,
  clientOf,
  committeeNode,
  openPage,
  PASSPHRASE,
  SHOTS,
  startChain,
  useRig,
} from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web journey tests');

describe('role journeys in Chromium', { timeout: 600_000 }, () => {
  const rig = useRig(gate, {
    // The node is the 党委's (c1): a node keeps only the attachments its organization may read
    // (ATTACHMENT_WRONG_NODE), and the step documents are b1's, for the person concerned.
    start: () => startChain({ editGenesis: committeeNode }),
    timeoutMs: 30_000,
  });
  const { open, pageErrors } = rig;

  /** The upload's result: its hash shown, or the refusal (then the test fails with its text). */
  const uploaded = async () => {
    await rig.page
      .getByTestId('attachment-hash')
      .or(rig.page.getByTestId('coded-error'))
      .waitFor({ timeout: 120_000 });
    // The refusal's text is read only when there is one: textContent() on a missing element waits
    // for the page's default timeout (30 s) before it fails.
    const refusals = rig.page.getByTestId('coded-error');
    if ((await refusals.count()) > 0) assert.fail((await refusals.first().textContent()) ?? 'coded-error');
  };
  const signIn = (account: keyof typeof ACCOUNTS, postIndex: number, actingFor?: string) =>
    rig.signIn(account, { postIndex, ...(actingFor ? { actingFor } : {}) });

  browserIt('public pages pass the checks: portal, sign-in, verify, explorer', async () => {
    await open('portal');
    await rig.page.getByTestId('portal').waitFor();
    await rig.page.getByText('第一党支部').first().waitFor();
    await checkPage(rig.page, 'portal', { wide: true });
    await open('signin');
    await rig.page.getByTestId('signin-submit').waitFor();
    await checkPage(rig.page, 'signin', { wide: true });
    await open('verify');
    await rig.page.locator('.ant-upload-drag').waitFor();
    await checkPage(rig.page, 'verify', { wide: true });
    await open('explorer');
    await rig.page.getByTestId('blocks-table').locator('tr.ant-table-row').first().waitFor();
    await checkPage(rig.page, 'explorer', { wide: true });
  });

  browserIt('the post choice shows its label; header controls are at least 44 px high', async () => {
    await open('signin');
    await rig.page.locator('input[type=file]').setInputFiles(rig.chain.keystores.branchSecretary);
    await rig.page.getByTestId('passphrase').fill(PASSPHRASE);
    await rig.page.getByTestId('signin-submit').click();
    await rig.page.getByTestId('post-choice').waitFor();
    const first = rig.page.getByTestId('post-choice').locator('.ant-radio-wrapper').first();
    const label = first.locator('span').last();
    assert.match((await label.textContent()) ?? '', /第一党支部|b1/);
    const size = await label.evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 16, `post label font-size ${size}px`);
    await checkPage(rig.page, 'choose-post', { wide: true });
    await rig.page.getByTestId('post-submit').click();
    await rig.page.getByTestId('session-bar').waitFor();
  });

  browserIt('a reload keeps the session for the tab, never the decrypted key', async () => {
    await open('workbench');
    await rig.page.getByTestId('todo-go-m-101-talk').waitFor();
    await rig.page.reload();
    await rig.page.getByTestId('session-bar').waitFor();
    await rig.page.getByTestId('todo-go-m-101-talk').waitFor();
    const kept = await rig.page.evaluate(() => sessionStorage.getItem('djchain.session') ?? '');
    assert.match(kept, /"memberId":"m-002"/);
    const secret = toHex(rig.chain.keys.branchSecretary.secretKey);
    assert.ok(!kept.includes(secret), 'the secret key is in sessionStorage');
    assert.ok(!kept.includes(secret.slice(0, 16)), 'part of the secret key is in sessionStorage');
    assert.match(kept, /"keystore":/); // encrypted, to be opened with the passphrase
    const local = await rig.page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(!local.includes(secret.slice(0, 16)), 'the secret key is in localStorage');
    await checkPage(rig.page, 'workbench', { wide: true });
  });

  let minutesHash = '';
  browserIt(
    'the talk form records date, people, opinion and minutes, after a confirmation, once',
    async () => {
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await open('recruitment/m-101/talk');
      const form = rig.page.getByTestId('step-form');
      await form.waitFor();
      // On a phone the form comes first, its title whole.
      const top = (await form.boundingBox())!.y;
      assert.ok(top < 400, `form starts at ${top}px`);
      const title = rig.page.getByTestId('step-title');
      const cut = await title.evaluate((e) => {
        // Cut: wider than its box, or an ancestor (the card head) clips it with an ellipsis.
        const head = e.closest('.ant-card-head-title') as HTMLElement | null;
        return (
          e.scrollWidth > e.clientWidth + 1 || (head !== null && head.scrollWidth > head.clientWidth + 1)
        );
      });
      assert.equal(cut, false, 'the form title is cut');
      assert.match((await title.textContent()) ?? '', /第2步 党组织派人谈话/);
      // Not overdue: no reason box.
      assert.equal(await rig.page.getByTestId('field-lateReason').count(), 0);
      await rig.page.setViewportSize({ width: 1280, height: 900 });
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      await rig.page.getByTestId('field-heldOn').fill(today);
      await rig.page.getByTestId('field-people').fill('m-002, m-003');
      await rig.page.getByTestId('field-note').fill('入党动机端正，建议列为培养对象');
      const minutes = Buffer.from('谈话记录：2026年 第一党支部 与申请人谈话，入党动机端正。\n');
      minutesHash = createHash('sha256').update(minutes).digest('hex');
      const dir = join(SHOTS, '..');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'talk-minutes.txt'), minutes);
      await form.locator('input[type=file]').setInputFiles(join(dir, 'talk-minutes.txt'));
      // The document goes to the node (attachment.register is signed): after the reload the key
      // is closed, so the passphrase opens it here, once for the upload and the step.
      await rig.page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
      await checkPage(rig.page, 'unlock', { wide: true });
      await rig.page.getByTestId('unlock-submit').click();
      await uploaded();
      await checkPage(rig.page, 'talk-form', { wide: true });
      await rig.page.getByTestId('step-submit').click();
      // The confirmation lists what will be recorded.
      const dialog = rig.page.getByTestId('confirm-list');
      await dialog.waitFor();
      const listed = (await dialog.textContent()) ?? '';
      for (const s of [
        today,
        'm-002、m-003',
        '入党动机端正，建议列为培养对象',
        minutesHash,
        'm-101',
        '第2步',
      ])
        assert.ok(listed.includes(s), `confirmation lacks ${s}: ${listed}`);
      await checkPage(rig.page, 'talk-confirm', { wide: true });
      await rig.page.getByTestId('confirm-submit').click();
      await rig.page.getByTestId('step-done').waitFor({ timeout: 60_000 });
      const button = rig.page.getByTestId('step-submit');
      assert.equal(await button.isDisabled(), true, 'the submit button stays active after success');
      assert.match((await button.textContent()) ?? '', /已提交/);
      // The chain holds what the form said.
      const c = clientOf(rig.chain);
      await c.signIn(rig.chain.keys.branchSecretary);
      const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
        steps: { talk: { on: string; by: string; data: Record<string, unknown> } };
        materials: Record<string, string>;
      };
      const talk = proc.steps.talk;
      assert.equal(talk.by, 'm-002');
      assert.deepEqual(talk.data.people, ['m-002', 'm-003']);
      assert.equal(talk.data.heldOn, today);
      assert.equal(talk.data.note, '入党动机端正，建议列为培养对象');
      assert.equal(talk.data.ref, minutesHash);
      assert.equal(proc.materials.谈话记录, minutesHash);
      // The document reached the node (issue 13: not only this browser's storage): registered with
      // the branch as its organization, readable by the applicant, and its bytes served back.
      const rec = (await c.attachment(minutesHash))!;
      assert.deepEqual(
        { org: rec.org, scope: rec.scope, members: rec.members, size: rec.size },
        { org: 'b1', scope: 'members', members: ['m-101'], size: minutes.length },
      );
      assert.deepEqual(Buffer.from(await c.getAttachment(minutesHash)), minutes);
      await checkPage(rig.page, 'talk-done', { wide: true });

      // A fresh browser (nothing of this one's storage): the organizer signs in, opens the
      // applicant's process and fetches the talk's document back from the node.
      const other = await openPage(60_000);
      try {
        await rig.signIn('organizer', { page: other.page });
        await other.page.goto(`${rig.web.url}/#/recruitment/m-101`);
        const got = other.page.waitForEvent('download');
        await other.page.getByTestId('doc-talk').click();
        const file = await (await got).path();
        assert.deepEqual(readFileSync(file), minutes);
      } finally {
        await other.close();
      }
    },
  );

  browserIt('pages of a signed-in secretary pass the checks', async () => {
    await open('recruitment');
    await rig.page.getByTestId('case-m-101').waitFor();
    await checkPage(rig.page, 'recruitment', { wide: true });
    await open('members');
    await rig.page.getByText('m-005').first().waitFor();
    await checkPage(rig.page, 'members', { wide: true });
    await open('member/m-101');
    await rig.page.getByTestId('verified').waitFor({ timeout: 60_000 });
    // The profile's cards loaded (insight.test.ts drills them down at 390 px).
    await rig.page.getByTestId('member-credit-total').waitFor();
    await rig.page.getByTestId('member-warnings-about').waitFor();
    await checkPage(rig.page, 'member', { wide: true });
    await open('org');
    await rig.page.getByTestId('org-tree').waitFor();
    // 第一支部's profile: counts, index, warnings by level, its roster by name.
    await rig.page.locator('[data-testid=org-member][data-member=m-101]').waitFor();
    await rig.page.getByTestId('org-warning-count').first().waitFor();
    await rig.page.getByTestId('org-suborgs').waitFor();
    await checkPage(rig.page, 'org', { wide: true });
    await open('explorer/member/m-101');
    await rig.page.getByTestId('member-events').waitFor({ timeout: 60_000 });
    await checkPage(rig.page, 'explorer-member', { wide: true });
  });

  browserIt('the clerk in 代办 mode gets 去办理 and files the member’s paper', async () => {
    await signIn('clerk', 0, ACCOUNTS.applicant.id);
    await open('workbench');
    const go = rig.page.getByTestId('todo-go-m-101-addMaterial');
    await go.waitFor();
    await checkPage(rig.page, 'workbench-acting', { wide: true });
    await go.click();
    const form = rig.page.getByTestId('step-form');
    await form.waitFor();
    await rig.page.getByTestId('field-kind').click();
    await rig.page.locator('.ant-select-item-option', { hasText: '思想汇报' }).click();
    const report = join(SHOTS, '..', 'report.txt');
    writeFileSync(report, '思想汇报（第一季度）\n');
    await form.locator('input[type=file]').setInputFiles(report);
    await uploaded();
    await rig.page.getByTestId('step-submit').click();
    await rig.page.getByTestId('confirm-submit').click();
    await rig.page.getByTestId('step-done').waitFor({ timeout: 60_000 });
    const c = clientOf(rig.chain);
    await c.signIn(rig.chain.keys.clerk);
    const proc = (await c.query('recruitment', 'process', { member: 'm-101' })).result as {
      materials: Record<string, string>;
    };
    assert.equal(
      proc.materials.思想汇报,
      createHash('sha256').update('思想汇报（第一季度）\n').digest('hex'),
    );
  });

  browserIt('a member opens 我的档案 and prints the dossier with its summary and QR code', async () => {
    await signIn('applicant', 0);
    await rig.page.getByRole('menuitem', { name: '我的档案' }).click();
    await rig.page.getByTestId('verified').waitFor({ timeout: 60_000 });
    assert.match(rig.page.url(), /#\/member\/m-101$/);
    await rig.page.getByTestId('print-dossier').click();
    const sheet = rig.page.getByTestId('dossier-print');
    await sheet.waitFor({ timeout: 60_000 });
    // Her own name and her branch's, not codes.
    await sheet.getByText('党员档案 周晓（m-101）').waitFor();
    assert.match((await sheet.textContent()) ?? '', /所在组织\s*第一党支部/);
    assert.match(
      (await rig.page.getByTestId('print-summary').textContent()) ?? '',
      /全部检查通过：member:m-101，\d+ 条记录，区块 \d+/,
    );
    const hash = ((await rig.page.getByTestId('print-hash').textContent()) ?? '').trim();
    assert.match(hash, /^[0-9a-f]{64}$/);
    // The QR code holds the hash: its dark modules are those of the hash's QR symbol.
    const qr = rig.page.getByTestId('dossier-qr');
    assert.equal(await qr.getAttribute('data-qr-text'), hash);
    const symbol = QRCode.create(hash, { errorCorrectionLevel: 'M' });
    const dark = [...symbol.modules.data].filter((b) => b === 1).length;
    assert.equal(Number(await qr.getAttribute('data-qr-dark')), dark);
    // The hash is the exported file's: download it and hash it here.
    const [download] = await Promise.all([
      rig.page.waitForEvent('download'),
      rig.page.getByRole('button', { name: /导出/ }).click(),
    ]);
    const file = join(SHOTS, '..', 'dossier-print.cbor');
    await download.saveAs(file);
    const { readFileSync } = await import('node:fs');
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), hash);
    await checkPage(rig.page, 'dossier-print', { wide: true });
    // Print to PDF: the app's header and buttons are left out, the summary and QR code stay.
    await rig.page.emulateMedia({ media: 'print' });
    assert.equal(await rig.page.locator('header').isVisible(), false);
    assert.equal(await rig.page.getByTestId('print-now').isVisible(), false);
    assert.equal(await qr.isVisible(), true);
    const pdf = await rig.page.pdf({ format: 'A4', printBackground: true });
    await rig.page.emulateMedia({ media: 'screen' });
    writeFileSync(join(SHOTS, '..', 'dossier-m-101.pdf'), pdf);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 5000, `pdf of ${pdf.length} bytes`);
    assert.deepEqual(pageErrors, []);
  });
});
