/**
 * The issue 16 forms in real Chromium on a 390 px phone, one chain, two sign-ins: the 第一支部
 * secretary publishes a 党务公开 item with a content file (the file registered as a public attachment
 * first) and finds it on the public list, corrects it (a new linked item) and withdraws the
 * correction (it leaves the list, its page says withdrawn), then files a 请示 to the 党委 with its
 * document; the 党委's secretary signs for it (已签收) and returns it with a reason (已答复), then
 * records every step of 四议两公开 — 支部会提议 (attendance, minutes), 两委会商议, 党员大会审议 (the
 * members with a vote, the quorum), designates a 居民代表, opens the 居民代表会议's vote (the
 * representatives vote with their own keys), revokes another representative (whose vote is then
 * refused), closes the vote and publishes the resolution and the result. What the pages claim is read
 * back through the SDK. Screenshots at 390 and 1280 px; every page passes checkPage.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { addressOf, type DjchainClient, signAction } from '@djchain/client';
import { getSuite, type KeyPair, randomKeyPair, type Value } from '@djchain/crypto';
import { addDays } from '@djchain/modules';
import type { Locator } from 'playwright-core';
import { browserTests, centreClerk, clientOf, committeeNode, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('党务公开, 四议两公开 and 请示报告 form tests');

const NOTICE = '第一支部二〇二六年第四季度党费收缴和使用情况公开：收缴正常，无支出。';
const REQUEST = '第一支部关于调整支部委员会组成的请示。';
const MINUTES = '社区党委会议记录：提议修缮社区活动中心，经费由居民议定。';
const JOINT = '两委联席会议记录：同意修缮社区活动中心的提议，提交党员大会审议。';
const CORRECTED = '第一支部二〇二六年第四季度党费收缴和使用情况公开（更正）：收缴正常，支出为零。';
const REVIEW = '社区党员大会记录：审议修缮社区活动中心的提议，表决通过。';
const RESOLUTION = '居民代表会议决议：同意修缮社区活动中心，经费由社区公益金列支。';
const RESULT = '实施结果公开：社区活动中心修缮已完工，经费使用情况附后。';

describe('issue 16 forms in Chromium', { timeout: 900_000 }, () => {
  let sdk: DjchainClient;
  let today = '';
  const files: Record<string, string> = {};
  const suite = getSuite('intl');
  const residents: Record<'a' | 'b' | 'c', KeyPair> = {
    a: randomKeyPair(suite),
    b: randomKeyPair(suite),
    c: randomKeyPair(suite),
  };
  /** Resident acts signed by `key` with consecutive nonces, submitted together, each committed ok. */
  async function sendAll(client: DjchainClient, key: KeyPair, acts: { action: string; params: Value }[]) {
    const base = await client.nextNonce(addressOf(suite, key.publicKey));
    const height = (await client.status()).height;
    const signed = acts.map((a, i) =>
      signAction(suite, rig.chain.chainId, key, { module: 'resident', ...a }, base + i, height + 100),
    );
    const submitted = await client.submit(signed);
    assert.ok(
      submitted.every((r) => r.accepted),
      JSON.stringify(submitted),
    );
    for (const s of signed) {
      const r = await client.waitForReceipt(s.hash, 60_000);
      assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    }
  }
  /** A resident's vote with their own key: the receipt's status and error code. */
  async function voteAs(key: KeyPair): Promise<string> {
    const client = clientOf(rig.chain);
    await client.signIn(key);
    try {
      const r = await client.send(
        { module: 'resident', action: 'vote', params: { matter: matterId, choice: '赞成' } },
        key,
        { timeoutMs: 60_000 },
      );
      return r.receipt.status === 'ok' ? 'ok' : (r.receipt.error?.code ?? 'failed');
    } catch (e) {
      // Refused at admission: the node's code.
      return String((e as { details?: { code?: string } }).details?.code ?? e);
    }
  }
  let matterId = '';

  const rig = useRig(gate, {
    // The running node is the 党委's (c1): it keeps b1's organization-scoped request document.
    // m-004 is also the clerk of the community 党委's service centre (binds the residents).
    start: () =>
      startChain({
        editGenesis: (g) => {
          committeeNode(g);
          centreClerk(g);
        },
      }),
    setup: async (chain) => {
      for (const [name, text] of Object.entries({
        notice: NOTICE,
        request: REQUEST,
        minutes: MINUTES,
        joint: JOINT,
        corrected: CORRECTED,
        review: REVIEW,
        resolution: RESOLUTION,
        result: RESULT,
      })) {
        files[name] = join(chain.dir, '..', `${name}.txt`);
        writeFileSync(files[name], text);
      }
      sdk = clientOf(chain);
      await sdk.signIn(chain.keys.committeeSecretary);
      // Three residents bound by the clerk (the in-person check in the browser is residents.test's);
      // B and C designated 居民代表 here, A on the form below.
      const clerk = clientOf(chain);
      await clerk.signIn(chain.keys.clerk);
      await sendAll(
        clerk,
        chain.keys.clerk,
        (['a', 'b', 'c'] as const).map((r) => ({
          action: 'bind',
          params: {
            id: `res-${r}`,
            org: 'c1',
            address: addressOf(suite, residents[r].publicKey),
            commitment: 'ab'.repeat(32),
          },
        })),
      );
      await sendAll(
        sdk,
        chain.keys.committeeSecretary,
        ['res-b', 'res-c'].map((resident) => ({
          action: 'designate',
          params: { resident, resolution: 'jmdbhy-2026-1' },
        })),
      );
      today = new Date((await sdk.status()).time + 8 * 3600_000).toISOString().slice(0, 10);
    },
    timeoutMs: 60_000,
    onPage: (page) => page.setViewportSize({ width: 390, height: 844 }),
  });
  const { open } = rig;

  /** Picks a file for a DocField and waits until it is registered on chain. */
  async function attach(testId: string, file: string) {
    await rig.page.getByTestId(testId).setInputFiles(file);
    await rig.page.getByTestId(`${testId}-hash`).waitFor({ timeout: 120_000 });
  }
  /**
   * Submits an ActCard, checks its confirmation lists `expect`, confirms, and waits for the commit:
   * the card's success line, or `then` (what the page shows once the form has given way to the next).
   */
  async function submit(testId: string, expect: RegExp, then?: Locator) {
    await rig.page.getByTestId(`${testId}-submit`).click();
    await rig.page.getByTestId('confirm-summary').waitFor();
    assert.match((await rig.page.getByTestId('confirm-summary').textContent()) ?? '', expect);
    await rig.page.getByTestId('confirm-ok').click();
    const done = rig.page.getByTestId(`${testId}-done`);
    await (then ? done.or(then) : done)
      .or(rig.page.getByTestId('coded-error'))
      .first()
      .waitFor({ timeout: 120_000 });
    const refused = rig.page.getByTestId('coded-error');
    if ((await refused.count()) > 0) assert.fail(`${testId} refused: ${await refused.first().textContent()}`);
  }

  browserIt('the branch secretary publishes, corrects and withdraws an item and files a 请示', async () => {
    await rig.signIn('branchSecretary');
    await rig.page.setViewportSize({ width: 390, height: 844 });
    await open('disclosure');
    await rig.page.getByTestId('ds-new').click();
    await rig.page.getByTestId('ds-publish').waitFor();
    await rig.page.getByTestId('ds-from').fill(today);
    await attach('ds-content', files.notice!);
    await shoot(rig.page, 'openness-disclosure-filled');
    await submit('ds-publish', /工作公开[\s\S]*向社会公开/);
    await checkPage(rig.page, 'openness-disclosure-new');

    // On chain: one item of b1, public, in force from today, whose content is a public attachment
    // holding the file's bytes.
    const items = (await sdk.query('disclosure', 'ofOrg', { org: 'b1' })).result as {
      item: { id: string; kind: string; scope: string; from: string; until: string | null; content: string };
    }[];
    assert.equal(items.length, 1, JSON.stringify(items));
    const item = items[0]!.item;
    assert.deepEqual(
      { kind: item.kind, scope: item.scope, from: item.from, until: item.until },
      { kind: '工作公开', scope: 'public', from: today, until: null },
    );
    const content = await sdk.getAttachment(item.content);
    assert.equal(new TextDecoder().decode(content), NOTICE);

    // The public list shows it, and its page verifies it against the chain.
    await rig.page.getByTestId('ds-published').getByRole('link').click();
    await rig.page.getByTestId('disclosure-verified').waitFor({ timeout: 120_000 });
    assert.match((await rig.page.getByTestId('disclosure-content').textContent()) ?? '', /收缴正常/);
    // Its organization's publisher is offered the correction and the withdrawal there.
    await rig.page.getByTestId('ds-correct').waitFor();
    await rig.page.getByTestId('ds-withdraw').waitFor();
    await shoot(rig.page, 'openness-disclosure-item');
    await open('disclosure');
    await rig.page.getByTestId(`disclosure-item-${item.id}`).waitFor();
    await shoot(rig.page, 'openness-disclosure-list');

    // Correction: a new item linked to the old one, with its own content and the reason.
    await rig.page.getByTestId(`disclosure-item-${item.id}`).getByRole('link').click();
    await rig.page.getByTestId('ds-correct').waitFor({ timeout: 120_000 });
    await attach('ds-correct-content', files.corrected!);
    await rig.page.getByTestId('ds-correct-reason').fill('支出金额表述有误，予以更正');
    // The confirmation names the item corrected by kind and period, not by its record id.
    await submit(
      'ds-correct',
      new RegExp(`更正的事项：工作公开（${today} — …）[\\s\\S]*支出金额表述有误`),
      rig.page.getByTestId('disclosure-replaced'),
    );
    await rig.page.getByTestId('disclosure-replaced').waitFor({ timeout: 120_000 });
    assert.match((await rig.page.getByTestId('disclosure-replaced').textContent()) ?? '', /已于 .* 更正/);
    type Row = {
      item: {
        id: string;
        corrects: string | null;
        withdraws: string | null;
        reason: string | null;
        content: string | null;
        from: string;
      };
    };
    const afterCorrect = (await sdk.query('disclosure', 'ofOrg', { org: 'b1' })).result as Row[];
    const correction = afterCorrect.find((r) => r.item.corrects === item.id)?.item;
    assert.ok(correction, JSON.stringify(afterCorrect));
    assert.equal(correction.reason, '支出金额表述有误，予以更正');
    assert.equal(new TextDecoder().decode(await sdk.getAttachment(correction.content!)), CORRECTED);
    // The link leads to the correction, which names what it corrects and shows the new text.
    await rig.page.getByTestId('disclosure-replaced').getByRole('link').click();
    await rig.page.getByTestId('ds-withdraw').waitFor({ timeout: 120_000 });
    assert.match((await rig.page.getByTestId('disclosure-content').textContent()) ?? '', /支出为零/);
    await rig.page.getByTestId('disclosure-corrects').waitFor();

    // Withdrawal of the correction: a withdrawal record; the item leaves the list, its page stays.
    await rig.page.getByTestId('ds-withdraw-reason').fill('本季度公开改由社区党委统一发布');
    await submit(
      'ds-withdraw',
      new RegExp(`撤回的事项：工作公开（${today} — …）[\\s\\S]*本季度公开改由社区党委统一发布`),
      rig.page.getByTestId('disclosure-replaced'),
    );
    await rig.page.getByTestId('disclosure-replaced').waitFor({ timeout: 120_000 });
    assert.match((await rig.page.getByTestId('disclosure-replaced').textContent()) ?? '', /已于 .* 撤回/);
    await rig.page.getByTestId('disclosure-content').getByText('支出为零').waitFor();
    // Versions by their number (第 1 版 …), never by their record ids.
    const pageText = (await rig.page.getByTestId('disclosure-page').textContent()) ?? '';
    assert.match(pageText, /本条更正了：\s*第 1 版/);
    assert.doesNotMatch(pageText, /ds-b1-/);
    await shoot(rig.page, 'openness-disclosure-withdrawn');
    const afterWithdraw = (await sdk.query('disclosure', 'ofOrg', { org: 'b1' })).result as Row[];
    assert.deepEqual(
      afterWithdraw.filter((r) => r.item.withdraws !== null).map((r) => [r.item.withdraws, r.item.reason]),
      [[correction.id, '本季度公开改由社区党委统一发布']],
    );
    const withdrawal = afterWithdraw.find((r) => r.item.withdraws !== null)!.item;
    // In force for residents now: only the withdrawal notice (neither the corrected item nor the
    // withdrawn correction), and the public list shows it as such.
    const inForce = (await sdk.query('disclosure', 'inForce', { scope: 'public' })).result as {
      items: { id: string }[];
    };
    assert.deepEqual(
      inForce.items.map((i) => i.id),
      [withdrawal.id],
    );
    await open('disclosure');
    const notice = rig.page.getByTestId(`disclosure-item-${withdrawal.id}`);
    await notice.waitFor();
    // The list renders again when its live refresh answers (once, under load, a count taken between
    // two renders read 0): wait for the list to hold exactly the one notice, then read it.
    await rig.page.waitForFunction(
      () => document.querySelectorAll('[data-testid^="disclosure-item-"]').length === 1,
    );
    assert.equal(await rig.page.locator('[data-testid^="disclosure-item-"]').count(), 1);
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /撤回声明/);

    // 请示 to the 党委 with its document.
    await open('requests');
    await rig.page.getByTestId('rq-file').waitFor();
    await rig.page.getByTestId('rq-title').fill('关于调整支部委员会组成的请示');
    await attach('rq-document', files.request!);
    await submit('rq-file', /请示[\s\S]*关于调整支部委员会组成的请示/);
    await rig.page.getByTestId('rq-filed').getByText('待签收').waitFor();
    await shoot(rig.page, 'openness-requests-filed');
    const filed = (await sdk.query('declaration', 'requests', { org: 'b1' })).result as {
      filed: { to: string; kind: string; status: string; filedOn: string; due: string }[];
    };
    assert.equal(filed.filed.length, 1);
    assert.deepEqual(
      { ...filed.filed[0], due: undefined },
      { ...filed.filed[0], to: 'c1', kind: '请示', status: 'filed', filedOn: today, due: undefined },
    );
  });

  browserIt(
    'the 党委 secretary signs for the 请示 and returns it; records 四议两公开 to its end with the 居民代表',
    async () => {
      await rig.signIn('committeeSecretary');
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await open('requests');
      const received = rig.page.getByTestId('rq-received');
      await received.waitFor();
      const due = (await sdk.query('declaration', 'requests', { org: 'c1' })).result as {
        received: { id: string; due: string }[];
      };
      const rq = due.received[0]!;
      // Default answerDays: 15 days after filing.
      const expectedDue = new Date(Date.parse(`${today}T00:00:00Z`) + 15 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      assert.equal(rq.due, expectedDue);
      assert.match((await received.getByTestId('rq-due').textContent()) ?? '', new RegExp(expectedDue));
      // 签收 first: the card says 已签收 with the day, the chain has it received.
      await submit('rq-receive', /关于调整支部委员会组成的请示/, received.getByTestId('rq-received-on'));
      await received.getByTestId('rq-received-on').waitFor();
      assert.match((await received.getByTestId('rq-status').textContent()) ?? '', /已签收/);
      assert.match(
        (await received.getByTestId('rq-received-on').textContent()) ?? '',
        new RegExp(`${today} 签收`),
      );
      const signed = (await sdk.query('declaration', 'request', { id: rq.id })).result as {
        status: string;
        receivedOn: string;
      };
      assert.deepEqual(
        { status: signed.status, receivedOn: signed.receivedOn },
        { status: 'received', receivedOn: today },
      );
      await received.locator('.ant-radio-button-wrapper', { hasText: '退回' }).click();
      await received.getByTestId('rq-reason').fill('请补充支委会讨论记录');
      await shoot(rig.page, 'openness-request-answer');
      await submit('rq-answer', /退回[\s\S]*请补充支委会讨论记录/, received.getByTestId('rq-outcome'));
      await received.getByTestId('rq-outcome').waitFor();
      assert.match((await received.getByTestId('rq-status').textContent()) ?? '', /已答复/);
      await checkPage(rig.page, 'openness-requests-received');
      const answered = (await sdk.query('declaration', 'request', { id: rq.id })).result as {
        status: string;
        outcome: string;
        reason: string;
        late: boolean;
        answeredOn: string;
        receivedOn: string;
      };
      assert.deepEqual(
        { ...answered },
        {
          ...answered,
          status: 'answered',
          outcome: 'returned',
          reason: '请补充支委会讨论记录',
          late: false,
          answeredOn: today,
          receivedOn: today,
        },
      );

      // 支部会提议: the 党委's committee (its one post holder here) present, minutes filed.
      await open('resident');
      await rig.page.getByTestId('lead-open').click();
      await rig.page.getByTestId('mt-propose').waitFor();
      await rig.page.getByTestId('mt-title').fill('修缮社区活动中心');
      // The meetings were held in the last weeks: the review 10 days ago, so the 7 days of posting
      // before the representatives' vote are over today.
      await rig.page.getByTestId('mt-heldOn').fill(addDays(today, -20));
      await rig.page.getByTestId('mt-present').getByRole('checkbox').first().check();
      await attach('mt-document', files.minutes!);
      await submit('mt-propose', /修缮社区活动中心[\s\S]*王芳/);
      await shoot(rig.page, 'openness-matter-lead');
      const matters = (await sdk.query('resident', 'matters', {})).result as {
        id: string;
        status: string;
        propose: { heldOn: string; expected: number; present: number; attendees: string[] };
      }[];
      assert.equal(matters.length, 1);
      const m = matters[0]!;
      assert.deepEqual(
        {
          status: m.status,
          heldOn: m.propose.heldOn,
          expected: m.propose.expected,
          attendees: m.propose.attendees,
        },
        { status: 'proposed', heldOn: addDays(today, -20), expected: 1, attendees: ['m-001'] },
      );

      // 两委会商议 on the matter's page: counts and outcome.
      await rig.page.getByTestId(`lead-${m.id}`).click();
      await rig.page.getByTestId('mt-deliberate').waitFor();
      await rig.page.getByTestId('mt-heldOn').fill(addDays(today, -15));
      await rig.page.getByTestId('mt-expected').fill('7');
      await rig.page.getByTestId('mt-present-count').fill('6');
      await attach('mt-document', files.joint!);
      await submit('mt-deliberate', /7[\s\S]*6[\s\S]*同意/, rig.page.getByTestId('mt-review'));
      await rig.page.getByTestId('mt-review').waitFor();
      await checkPage(rig.page, 'openness-matter-step');
      const after = (await sdk.query('resident', 'matter', { id: m.id })).result as {
        status: string;
        deliberate: { expected: number; present: number; outcome: string };
      };
      assert.equal(after.status, 'deliberated');
      assert.deepEqual(
        { ...after.deliberate },
        { ...after.deliberate, expected: 7, present: 6, outcome: 'agreed' },
      );
      matterId = m.id;

      // 党员大会审议: the members with a vote on the day (the eight 正式党员 of both branches; the
      // 预备党员 has none), seven of them present — at least ⅔ — and 6 yes of 8 (more than half).
      await rig.page.getByTestId('mt-heldOn').fill(addDays(today, -10));
      await rig.page.getByTestId('mt-review').getByText('有表决权的党员 8 人').waitFor();
      const boxes = rig.page.getByTestId('mt-voters').getByRole('checkbox');
      assert.equal(await boxes.count(), 8);
      for (let i = 0; i < 7; i++) await boxes.nth(i).check();
      // Names, not member ids, beside the boxes.
      assert.match((await rig.page.getByTestId('mt-voters').textContent()) ?? '', /王芳[\s\S]*孙立/);
      await rig.page.getByTestId('mt-yes').fill('6');
      await rig.page.getByTestId('mt-abstain').fill('1');
      await attach('mt-document', files.review!);
      await submit('mt-review', /7 \/ 8[\s\S]*6/, rig.page.getByTestId('mt-open-vote'));
      await rig.page.getByTestId('mt-open-vote').waitFor();
      // The leader's page now shows the three meetings with their quorum.
      const steps = rig.page.getByTestId('lead-steps');
      assert.match(
        (await steps.textContent()) ?? '',
        /党员大会审议[\s\S]*应到 8 人，实到 7 人[\s\S]*赞成 6，反对 0，弃权 1/,
      );
      const reviewed = (await sdk.query('resident', 'matter', { id: m.id })).result as {
        status: string;
        review: { heldOn: string; expected: number; present: number; yes: number; outcome: string };
      };
      assert.equal(reviewed.status, 'reviewed');
      assert.deepEqual(
        { ...reviewed.review },
        {
          ...reviewed.review,
          heldOn: addDays(today, -10),
          expected: 8,
          present: 7,
          yes: 6,
          outcome: 'passed',
        },
      );

      // 居民代表: A designated on the form (B and C were designated before); the list shows three.
      await rig.page.getByTestId('lead-back').click();
      await rig.page.getByTestId('rep-designate').waitFor();
      await rig.page.getByTestId('rep-resident').fill('res-a');
      await rig.page.getByTestId('rep-resolution').fill('jmdbhy-2026-2');
      await submit('rep-designate', /res-a[\s\S]*jmdbhy-2026-2/);
      await rig.page.getByTestId('lead-rep-list').getByText('res-a').waitFor();
      const designated = (await sdk.query('resident', 'resident', { id: 'res-a' })).result as {
        representative: { resolution: string; since: string } | null;
      };
      assert.deepEqual(designated.representative && { ...designated.representative }, {
        ...designated.representative,
        resolution: 'jmdbhy-2026-2',
        since: today,
      });

      // 居民代表会议: the vote opens (three representatives expected); A and B vote with their keys.
      await rig.page.getByTestId(`lead-${m.id}`).click();
      await submit('mt-open-vote', /修缮社区活动中心/, rig.page.getByTestId('mt-close-vote'));
      await rig.page.getByTestId('mt-close-vote').waitFor();
      assert.deepEqual(await Promise.all([voteAs(residents.a), voteAs(residents.b)]), ['ok', 'ok']);

      // C's designation is revoked on the form: C's vote is refused now.
      await rig.page.getByTestId('lead-back').click();
      await rig.page.getByTestId('rep-revoke').waitFor();
      await rig.page.getByTestId('rep-revoke-resident').fill('res-c');
      await rig.page.getByTestId('rep-reason').fill('本人迁出本社区，辞去居民代表');
      await submit('rep-revoke', /res-c[\s\S]*辞去居民代表/);
      await rig.page.getByTestId('rep-revoke-done').waitFor();
      // The list reads the chain again after the receipt shows: wait for that answer, then look.
      await rig.page.getByTestId('lead-rep-list').getByText('res-c').waitFor({ state: 'detached' });
      assert.doesNotMatch((await rig.page.getByTestId('lead-rep-list').textContent()) ?? '', /res-c/);
      assert.match(await voteAs(residents.c), /NOT_PERMITTED/);

      // Closing the vote: 2 of the 3 expected voted (⅔ present), 2 yes: passed; the page moves on
      // to the resolution and shows the round.
      await rig.page.getByTestId(`lead-${m.id}`).click();
      await submit('mt-close-vote', /修缮社区活动中心/, rig.page.getByTestId('mt-resolution'));
      await rig.page.getByTestId('mt-resolution').waitFor();
      assert.match(
        (await rig.page.getByTestId('lead-steps').textContent()) ?? '',
        /应投 3 人，已投 2 人；赞成 2，反对 0，弃权 0；通过/,
      );
      const decided = (await sdk.query('resident', 'matter', { id: m.id })).result as {
        status: string;
        rounds: { expected: string[]; yes: number; outcome: string }[];
        votes: { resident: string; choice: string }[][];
      };
      assert.equal(decided.status, 'resolved');
      assert.deepEqual(
        decided.rounds.map((r) => [r.expected, r.yes, r.outcome]),
        [[['res-a', 'res-b', 'res-c'], 2, 'passed']],
      );

      // 决议公开 and 实施结果公开: public documents; the matter is done.
      await attach('mt-document', files.resolution!);
      await submit('mt-resolution', /修缮社区活动中心/, rig.page.getByTestId('mt-result'));
      await rig.page.getByTestId('mt-result').waitFor();
      await attach('mt-document', files.result!);
      await submit('mt-result', /修缮社区活动中心/, rig.page.getByTestId('mt-done'));
      await rig.page.getByTestId('mt-done').waitFor();
      await shoot(rig.page, 'openness-matter-done');
      await checkPage(rig.page, 'openness-matter-done');
      const done = (await sdk.query('resident', 'matter', { id: m.id })).result as {
        status: string;
        resolution: { on: string; document: string; late: boolean };
        result: { on: string; document: string };
      };
      assert.equal(done.status, 'done');
      assert.deepEqual([done.resolution.on, done.resolution.late, done.result.on], [today, false, today]);
      assert.equal(new TextDecoder().decode(await sdk.getAttachment(done.resolution.document)), RESOLUTION);
      assert.equal(new TextDecoder().decode(await sdk.getAttachment(done.result.document)), RESULT);
    },
  );
});
