/**
 * The action pages in real Chromium against a real node and the real sealed-data service, one
 * journey per role: the community committee's secretary creates a branch (and is refused a wrong
 * nesting, with the cited article), appoints a clerk and records a 换届; the branch's 组织委员
 * uploads a roster with an error row (named by its row number), then a correct one, imported through
 * the sealed service (personal fields sealed, never on chain) and skipped when uploaded again; a
 * member replaces their own key and signs in with the new file; a lost key is recovered by two
 * people — requested by the branch, refused to the requester as approver, approved from above.
 * Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addressOf } from '@djchain/client';
import { COLUMNS, idCheckChar } from '@djchain/client/roster';
import { getSuite, randomKeyPair } from '@djchain/crypto';
import { permissionMatrix } from '@djchain/modules';
import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { ADMIN_PERMISSIONS, postMayAct, whoMay } from '../src/app/admin-permissions.ts';
import { termEndOf, termState } from '../src/app/terms.ts';
import { type ACCOUNTS, browserTests, clientOf, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('web action-page browser tests');
const text = async (l: Locator) => (await l.textContent()) ?? '';

describe('action permissions', () => {
  it('the web copy of who may perform each org and member action matches the modules', () => {
    const chainSide = Object.fromEntries(
      permissionMatrix()
        .filter((r) => `${r.module}.${r.action}` in ADMIN_PERMISSIONS)
        .map((r) => [`${r.module}.${r.action}`, r.permission]),
    );
    assert.deepEqual(ADMIN_PERMISSIONS, chainSide);
    assert.equal(Object.keys(chainSide).length, 27);
  });

  it('a branch secretary may not elect a committee; the committee above may; words say who', () => {
    assert.equal(postMayAct('org.electCommittee', { org: 'b1', post: '书记' }, 'b1', 'c1'), false);
    assert.equal(postMayAct('org.electCommittee', { org: 'c1', post: '组织委员' }, 'b1', 'c1'), true);
    assert.equal(postMayAct('member.register', { org: 'b1', post: '党务工作者' }, 'b1', 'c1'), true);
    assert.equal(postMayAct('member.importMember', { org: 'b1', post: '组织委员' }, 'b1', 'c1'), false);
    assert.equal(whoMay('org.endPost', 'zh'), '本组织书记；上级党委书记、组织委员');
    assert.equal(whoMay('member.rotateKey', 'zh'), '本人（本人密钥签名）');
  });

  it('a term ends after its years (month ends clamped like the chain) and 换届 is due from that day', () => {
    assert.equal(termEndOf('2021-06-01', 5), '2026-06-01');
    assert.equal(termEndOf('2024-02-29', 3), '2027-02-28');
    assert.equal(termState('2026-06-01', '2026-06-01'), 'overdue');
    assert.equal(termState('2026-06-01', '2026-05-31'), 'dueSoon');
    assert.equal(termState('2026-06-01', '2025-12-01'), 'dueSoon');
    assert.equal(termState('2026-06-01', '2025-11-29'), 'ok');
  });
});

/** A valid 18-digit ID number for a birth date and a sequence (odd: 男, even: 女). */
function idNumber(birth: string, seq: number): string {
  const first17 = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

interface Person {
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string;
  category: string;
  branch: string;
  appliedOn?: string;
}

async function rosterFile(file: string, people: readonly Person[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(COLUMNS.map((c) => c.heading));
  for (const p of people)
    ws.addRow(COLUMNS.map((c) => String((p as unknown as Record<string, string>)[c.key] ?? '')));
  await wb.xlsx.writeFile(file);
}

describe('action pages in Chromium', { timeout: 900_000 }, () => {
  const rig = useRig(gate, { start: () => startChain(), timeoutMs: 60_000 });
  const { open, pageErrors } = rig;

  const tmp = (name: string) => join(rig.chain.dir, '..', name);

  const signInFile = (file: string, passphrase: string, postIndex: number) =>
    rig.signInFile(file, { passphrase, postIndex });
  const signIn = (account: keyof typeof ACCOUNTS, postIndex = 0) => rig.signIn(account, { postIndex });

  /** Picks `label` in the antd Select with test id `testId` (typing filters; the option is clicked). */
  async function choose(testId: string, label: string) {
    await rig.page.getByTestId(testId).click();
    await rig.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
      .first()
      .click();
    // The list closes with an animation: the next choice must not pick an option of this one
    // (organization names such as 第一党支部（党支部） contain the kind names).
    await rig.page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
  }

  /** Submits the ActCard `testId`, confirms, and waits for its committed or refused result. */
  /**
   * Submits the card through its confirmation and returns the answer to THIS submission (the card
   * counts its answers), or fails at once naming the fields the form refused.
   */
  async function submit(testId: string): Promise<'done' | 'refused'> {
    const card = rig.page.getByTestId(testId);
    const before = Number(await card.getAttribute('data-answered'));
    await rig.page.getByTestId(`${testId}-submit`).click();
    const confirm = rig.page.getByTestId('confirm-ok');
    const invalid = card.locator('.ant-form-item-explain-error');
    await confirm.or(invalid).first().waitFor();
    if ((await confirm.count()) === 0)
      assert.fail(`the form refused: ${(await invalid.allTextContents()).join('; ')}`);
    await confirm.click();
    // Signing and the chain's answer: on a loaded machine (the whole suite in parallel) that took
    // more than the default 30 s. A bound against a hang.
    await rig.page
      .locator(`[data-testid="${testId}"][data-answered="${before + 1}"]`)
      .waitFor({ timeout: 180_000 });
    await confirm.waitFor({ state: 'hidden' });
    return (await rig.page.getByTestId(`${testId}-done`).count()) > 0 ? 'done' : 'refused';
  }

  browserIt(
    'committee secretary: creates a branch, is refused a wrong nesting, appoints a clerk, records a 换届',
    async () => {
      await signIn('committeeSecretary');
      await open('manage');
      await rig.page.getByTestId('manage-orgs').waitFor();
      await checkPage(rig.page, 'manage-hub');

      await open('manage/orgs');
      await rig.page.getByTestId('create-org').waitFor();
      await choose('org-parent', '东风社区党委');
      await choose('org-kind', '党支部');
      await rig.page.getByTestId('org-name').fill('第三党支部');
      await rig.page.getByTestId('org-id').fill('b3');
      await rig.page.getByTestId('permission-note').filter({ hasText: '可以办理' }).waitFor();
      assert.equal(await submit('create-org'), 'done');
      // One submission: the button stays disabled after the commit.
      assert.equal(await rig.page.getByTestId('create-org-submit').isDisabled(), true);
      await rig.page.getByTestId('manage-org-tree').getByText('第三党支部').waitFor();
      const c = clientOf(rig.chain);
      await c.signIn(rig.chain.keys.committeeSecretary);
      const b3 = (await c.query('org', 'org', { id: 'b3' })).result as { kind: string; parent: string };
      assert.equal(b3.kind, '党支部');
      assert.equal(b3.parent, 'c1');

      // Under a branch the committee's secretary holds no post there: the form warns before submitting.
      await rig.page.getByRole('button', { name: '再办一件' }).click();
      await choose('org-parent', '第一党支部');
      await rig.page.getByTestId('permission-note').filter({ hasText: '不能办理' }).waitFor();
      // A 党小组 directly under the 党委: refused by the chain with the article cited.
      await choose('org-parent', '东风社区党委');
      await choose('org-kind', '党小组');
      await rig.page.getByTestId('permission-note').filter({ hasText: '可以办理' }).waitFor();
      await rig.page.getByTestId('org-name').fill('错挂的党小组');
      await rig.page.getByTestId('org-id').fill('gx9');
      assert.equal(await submit('create-org'), 'refused');
      const refusal = rig.page.getByTestId('create-org').getByTestId('coded-error');
      assert.match(await text(refusal), /组织层级不正确/);
      assert.match(await text(refusal.getByTestId('error-cite')), /中国共产党章程.*第三十条/);
      assert.match(await text(refusal), /ORG_BAD_NESTING/);
      await checkPage(rig.page, 'manage-orgs');

      await open('manage/posts');
      await choose('appoint-org', '东风社区党委');
      await choose('appoint-post-kind', '党务工作者');
      await rig.page.getByTestId('appoint-member').fill('m-013');
      assert.equal(await submit('appoint-post'), 'done');
      await rig.page.getByTestId('current-posts').getByText('m-013').waitFor();
      await checkPage(rig.page, 'manage-posts');

      await open('manage/terms');
      await rig.page.getByTestId('term-state-c1').waitFor();
      await choose('elect-org', '第二党支部');
      await rig.page.getByTestId('elect-书记').fill('m-012');
      await rig.page.getByTestId('elect-组织委员').fill('m-011');
      assert.equal(await submit('elect'), 'done');
      const records = rig.page.getByTestId('election-records');
      await records.getByText('换届').first().waitFor();
      // The post holders by name (the committee above may read b2's names), not by id.
      await records.getByText('郭敏').first().waitFor();
      await records.getByText('孙立').first().waitFor();
      // m-011 was 书记 of b2 until this 换届; now 组织委员, m-012 书记.
      const posts = (await c.query('org', 'posts', { org: 'b2' })).result as {
        member: string;
        post: string;
      }[];
      assert.deepEqual(posts.map((p) => `${p.post}:${p.member}`).sort(), ['书记:m-012', '组织委员:m-011']);
      await checkPage(rig.page, 'manage-terms');
    },
  );

  browserIt(
    'branch 组织委员: a roster with an error row is named by row; a correct one is imported sealed, and skipped again',
    async () => {
      await signIn('organizer');
      await open('manage/excel');
      await rig.page.getByTestId('import').waitFor();
      const good: Person[] = [
        {
          name: '钱多多',
          gender: '男',
          birthDate: '1998-05-04',
          idNumber: idNumber('1998-05-04', 11),
          category: '入党申请人',
          branch: '第一党支部',
          appliedOn: '2025-03-01',
        },
        {
          name: '吴小梅',
          gender: '女',
          birthDate: '2000-10-12',
          idNumber: idNumber('2000-10-12', 22),
          category: '入党申请人',
          branch: 'b1',
          appliedOn: '2025-06-01',
        },
      ];
      // Row 3 (the second person) has a wrong check digit.
      const broken = good.map((p, i) =>
        i === 1 ? { ...p, idNumber: `${p.idNumber.slice(0, 17)}${p.idNumber[17] === '1' ? '2' : '1'}` } : p,
      );
      await rosterFile(tmp('roster-bad.xlsx'), broken);
      await rosterFile(tmp('roster-good.xlsx'), good);

      await rig.page.locator('[data-testid=choose-roster]:enabled').waitFor();
      await rig.page.locator('[data-testid=import] input[type=file]').setInputFiles(tmp('roster-bad.xlsx'));
      const errors = rig.page.getByTestId('row-error');
      await errors.first().waitFor();
      assert.equal(await errors.count(), 1);
      assert.match(await text(errors.first()), /第 3 行/);
      assert.match(await text(errors.first()), /身份证号校验位错误/);
      await checkPage(rig.page, 'manage-excel-errors');

      const profilesBefore = readFileSync(tmp('profiles.jsonl'), 'utf8').split('\n').filter(Boolean).length;
      await rig.page.locator('[data-testid=choose-roster]:enabled').waitFor();
      await rig.page.locator('[data-testid=import] input[type=file]').setInputFiles(tmp('roster-good.xlsx'));
      await rig.page.getByText('读取 2 行').waitFor();
      assert.equal(await rig.page.getByTestId('row-error').count(), 0);
      await rig.page.getByTestId('import-submit').click();
      await rig.page.getByTestId('confirm-ok').click();
      const summary = rig.page.getByTestId('import-summary');
      await summary.waitFor({ timeout: 120_000 });
      assert.match(await text(summary), /导入 2，跳过 0，有问题 0/);
      assert.equal(await rig.page.getByTestId('import-submit').isDisabled(), true);
      const links = rig.page.getByTestId('import-result').getByTestId('row-member');
      const ids = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) =>
        h.replace('#/member/', ''),
      );
      assert.equal(ids.length, 2);
      // Each result row is named as in the clerk's file (the names stay in the browser).
      assert.deepEqual(
        await links.allTextContents(),
        good.map((p) => p.name),
      );
      await checkPage(rig.page, 'manage-excel-imported');

      // On chain: registered in b1 with a profile and an age commitment; no personal field anywhere.
      const c = clientOf(rig.chain);
      await c.signIn(rig.chain.keys.organizer);
      for (const id of ids) {
        const m = (await c.query('member', 'member', { id })).result as Record<string, unknown>;
        assert.equal(m.org, 'b1');
        assert.match(String(m.profileCommitment), /^[0-9a-f]{64}$/);
        assert.match(String(m.ageCommitment), /^[0-9a-f]{64}$/);
        const dossier = await c.getDossier(`member:${id}`);
        const all = new TextDecoder('latin1').decode(dossier.bytes);
        const utf8 = new TextDecoder().decode(dossier.bytes);
        for (const p of good) {
          assert.doesNotMatch(utf8, new RegExp(p.name));
          assert.ok(!all.includes(p.idNumber) && !all.includes(p.birthDate));
        }
      }
      // Sealed with the operator: one line per person, no name or ID number in clear.
      const profiles = readFileSync(tmp('profiles.jsonl'), 'utf8');
      assert.equal(profiles.split('\n').filter(Boolean).length, profilesBefore + 2);
      for (const p of good) assert.ok(!profiles.includes(p.name) && !profiles.includes(p.idNumber));

      // The same file again: both people are already on chain, nothing is sealed twice.
      await open('manage');
      await rig.page.getByTestId('manage-excel').waitFor();
      await open('manage/excel');
      await rig.page.locator('[data-testid=choose-roster]:enabled').waitFor();
      await rig.page.locator('[data-testid=import] input[type=file]').setInputFiles(tmp('roster-good.xlsx'));
      await rig.page.getByTestId('import-submit').click();
      await rig.page.getByTestId('confirm-ok').click();
      // A re-upload seals and checks every row again: over 120 s with the whole suite in parallel.
      await rig.page.getByTestId('import-summary').waitFor({ timeout: 300_000 });
      assert.match(await text(rig.page.getByTestId('import-summary')), /导入 0，跳过 2/);
      // The roster exported from chain data lists them in their branch, by the names the sealed
      // roster holds (the organizer of b1 may read b1's names).
      const exporting = rig.page.waitForEvent('download');
      await rig.page.getByTestId('export-roster').click();
      await (await exporting).saveAs(tmp('exported-roster.xlsx'));
      await rig.page.getByTestId('export-done').waitFor();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(tmp('exported-roster.xlsx'));
      const sheet = wb.worksheets[0]!;
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
        '所在支部',
        '党员编号',
        '姓名',
        '人员类别',
        '党龄起算日',
        '预备期满日',
      ]);
      const exported = new Map<string, string[]>();
      sheet.eachRow((r, n) => {
        if (n > 1)
          exported.set(String(r.getCell(2).value), [
            String(r.getCell(1).value),
            String(r.getCell(3).value),
            String(r.getCell(4).value),
          ]);
      });
      // Registered, not yet applied on chain (the spreadsheet's 入党申请人 applies with their own key).
      assert.deepEqual(
        ids.map((id) => exported.get(id)).sort(),
        [
          ['第一党支部', '吴小梅', '群众'],
          ['第一党支部', '钱多多', '群众'],
        ].sort(),
      );
      assert.deepEqual(exported.get('m-001'), ['第一党支部', '王芳', '正式党员']);
      // b2's people are not the organizer's to read: not listed.
      assert.equal(exported.has('m-011'), false);
      await checkPage(rig.page, 'manage-excel-exported');
      assert.equal(
        readFileSync(tmp('profiles.jsonl'), 'utf8').split('\n').filter(Boolean).length,
        profilesBefore + 2,
      );
    },
  );

  browserIt(
    'member: makes a new key, replaces their own key with it and signs in with the new file',
    async () => {
      await signIn('probationer');
      await open('manage/keys');
      await rig.page.getByTestId('rotate-key').waitFor();
      await rig.page.getByTestId('rotate-key-pass').fill('新口令-rotate-2026');
      await rig.page.getByTestId('rotate-key-again').fill('新口令-rotate-2026');
      const downloading = rig.page.waitForEvent('download');
      await rig.page.getByTestId('rotate-key-make').click();
      const file = tmp('m-006-new.json');
      await (await downloading).saveAs(file);
      const address = (await text(rig.page.getByTestId('rotate-key-address'))).trim();
      assert.match(address, /^[0-9a-f]{40}$/);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).address, address);
      assert.equal(await submit('rotate'), 'done');
      await rig.page.getByTestId('rotate-signin').waitFor();
      await checkPage(rig.page, 'manage-keys-rotated');
      // The old file no longer signs in as anyone; the new one does.
      await signInFile(file, '新口令-rotate-2026', 0);
      assert.match(await text(rig.page.getByTestId('session-bar')), /m-006/);
    },
  );

  browserIt(
    'key recovery: a new key made without signing in, requested by the branch, refused to the requester, approved from above',
    async () => {
      await open('newkey');
      await rig.page.getByTestId('newkey-pass').fill('找回口令-2026-m005');
      await rig.page.getByTestId('newkey-again').fill('找回口令-2026-m005');
      const downloading = rig.page.waitForEvent('download');
      await rig.page.getByTestId('newkey-make').click();
      const file = tmp('m-005-recovered.json');
      await (await downloading).saveAs(file);
      const address = (await text(rig.page.getByTestId('newkey-address'))).trim();
      await checkPage(rig.page, 'manage-newkey');

      await signIn('branchSecretary');
      await open('manage/keys');
      await rig.page.getByTestId('recovery-member').fill('m-005');
      await rig.page.getByTestId('recovery-address').fill(address);
      assert.equal(await submit('recovery-request'), 'done');
      // The requester cannot be the approver (and a branch post is not above the member).
      await rig.page.getByTestId('approve-member').fill('m-005');
      await rig.page.getByTestId('pending-recovery').waitFor();
      assert.equal(await submit('recovery-approve'), 'refused');
      assert.match(
        await text(rig.page.getByTestId('recovery-approve').getByTestId('coded-error')),
        /MEMBER_NOT_PERMITTED/,
      );
      await checkPage(rig.page, 'manage-keys-requested');

      await signIn('committeeSecretary');
      await open('manage/keys');
      await rig.page.getByTestId('approve-member').fill('m-005');
      const pending = rig.page.getByTestId('pending-recovery');
      await pending.waitFor();
      assert.match(await text(pending), new RegExp(address));
      assert.match(await text(pending), /m-002/);
      assert.equal(await submit('recovery-approve'), 'done');
      await checkPage(rig.page, 'manage-keys-approved');

      await signInFile(file, '找回口令-2026-m005', 0);
      assert.match(await text(rig.page.getByTestId('session-bar')), /m-005/);
      assert.deepEqual(pageErrors, []);
    },
  );

  browserIt(
    'branch secretary: registers a person (id, branch, key address only), suspends and restores a member',
    async () => {
      await signIn('branchSecretary');
      await open('manage/members');
      await rig.page.getByTestId('register').waitFor();
      const address = addressOf(getSuite('intl'), randomKeyPair(getSuite('intl')).publicKey);
      await choose('register-org', '第一党支部');
      await rig.page.getByTestId('register-id').fill('m-201');
      await rig.page.getByTestId('register-address').fill(address);
      await rig.page
        .getByTestId('register')
        .getByTestId('permission-note')
        .filter({ hasText: '可以办理' })
        .waitFor();
      assert.equal(await submit('register'), 'done');
      const c = clientOf(rig.chain);
      await c.signIn(rig.chain.keys.branchSecretary);
      const m = (await c.query('member', 'member', { id: 'm-201' })).result as {
        org: string;
        address: string;
      };
      assert.equal(m.org, 'b1');
      assert.equal(m.address, address);

      // 停止党籍 needs six months out of contact: a date too recent is refused with the article cited.
      const suspend = rig.page.getByTestId('suspend');
      await suspend.getByTestId('member-id').fill('m-004');
      await suspend.getByTestId('member-status').filter({ hasText: '正式党员' }).waitFor();
      const since = suspend.locator('.ant-picker input');
      await since.click();
      await since.fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
      await since.press('Tab');
      assert.equal(await submit('suspend'), 'refused');
      const refusal = suspend.getByTestId('coded-error');
      assert.match(await text(refusal), /MEMBER_TOO_EARLY/);
      assert.match(await text(refusal.getByTestId('error-cite')), /党员教育管理工作条例》第三十三条/);
      await since.click();
      await since.fill('2025-01-01');
      await since.press('Tab');
      assert.equal(await submit('suspend'), 'done');
      const restore = rig.page.getByTestId('restore');
      await restore.getByTestId('member-id').fill('m-004');
      await restore.getByTestId('member-status').filter({ hasText: '停止党籍' }).waitFor();
      assert.equal(await submit('restore'), 'done');
      const after = (await c.query('member', 'member', { id: 'm-004' })).result as { status: string };
      assert.equal(after.status, '正式党员');
      await checkPage(rig.page, 'manage-members');
      assert.deepEqual(pageErrors, []);
    },
  );

  browserIt(
    '除名: the branch may not remove a member; the committee above does, and a second removal is refused',
    async () => {
      const fill = async () => {
        const remove = rig.page.getByTestId('remove');
        await remove.getByTestId('member-id').fill('m-005');
        await remove.getByTestId('member-status').filter({ hasText: '正式党员' }).waitFor();
        await choose('remove-reason', '除名');
        await choose('remove-ground', '不参加组织生活');
        await remove.getByTestId('remove-resolution').fill('res-2026-12-b1');
        return remove;
      };
      // The branch meeting decides, the superior 党委 approves (党章第九条): the branch secretary is
      // told before submitting, and the chain refuses it.
      await signIn('branchSecretary');
      await open('manage/members');
      let remove = await fill();
      await remove.getByTestId('permission-note').filter({ hasText: '不能办理' }).waitFor();
      assert.equal(await submit('remove'), 'refused');
      assert.match(await text(remove.getByTestId('coded-error')), /MEMBER_NOT_PERMITTED/);
      await shoot(rig.page, 'manage-remove-refused');

      // The community committee's secretary approves it: the member is out (出党), with the reason.
      await signIn('committeeSecretary');
      await open('manage/members');
      remove = await fill();
      await remove.getByTestId('permission-note').filter({ hasText: '可以办理' }).waitFor();
      await rig.page.getByTestId('remove-submit').click();
      const confirm = (await text(rig.page.locator('.ant-modal:visible'))) ?? '';
      for (const s of ['m-005', '第一党支部', '除名', '不参加组织生活', 'res-2026-12-b1'])
        assert.ok(confirm.includes(s), `the confirmation lacks ${s}: ${confirm}`);
      await rig.page.getByTestId('confirm-ok').click();
      await rig.page.getByTestId('confirm-ok').waitFor({ state: 'hidden', timeout: 180_000 });
      await rig.page.getByTestId('remove-done').waitFor({ timeout: 180_000 });
      assert.equal(await rig.page.getByTestId('remove-submit').isDisabled(), true);
      // The status line under the id is read again: 出党 now, not the 正式党员 of before.
      await remove.getByTestId('member-status').filter({ hasText: '出党' }).waitFor();
      assert.match(await text(remove.getByTestId('member-status')), /刘洋 · 当前身份：出党 · 第一党支部/);
      await checkPage(rig.page, 'manage-remove-done');
      const c = clientOf(rig.chain);
      await c.signIn(rig.chain.keys.committeeSecretary);
      const m = (await c.query('member', 'member', { id: 'm-005' })).result as { status: string };
      assert.equal(m.status, '出党');
      const { verdict } = await c.getDossier('member:m-005');
      assert.ok(
        verdict.events.some((e) => e.type === 'member.Left'),
        'member.Left in the dossier',
      );
      // The member's page says so.
      await open('member/m-005');
      await rig.page.getByTestId('verified').waitFor({ timeout: 60_000 });
      await rig.page.getByText('出党').first().waitFor();
      // Removed once: a second removal is refused (not a member any more).
      await open('manage/members');
      remove = rig.page.getByTestId('remove');
      await remove.getByTestId('member-id').fill('m-005');
      await remove.getByTestId('member-status').filter({ hasText: '出党' }).waitFor();
      await choose('remove-reason', '除名');
      await remove.getByTestId('remove-resolution').fill('res-2026-12-b1');
      assert.equal(await submit('remove'), 'refused');
      assert.match(await text(remove.getByTestId('coded-error')), /MEMBER_NOT_A_MEMBER/);
      await shoot(rig.page, 'manage-remove-again');
      assert.deepEqual(pageErrors, []);
    },
  );
});
