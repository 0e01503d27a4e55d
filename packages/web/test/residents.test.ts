/**
 * 居民议事 in real Chromium on a 390 px phone against a real node (issue 16): a resident makes a key
 * in the browser and shows it (QR code and address); the community's clerk binds it in the browser
 * (the check goes to the sealed-data service, which answers only its commitment; that goes on chain,
 * and nothing is downloaded to the clerk's computer); the resident signs in, reads a 四议两公开 matter
 * with its steps, is refused a comment holding a phone number and comments; a 居民代表 votes with
 * their own key. What the pages claim is read back with the SDK. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { addressOf, createKeystore } from '@djchain/client';
import { getSuite, type KeyPair, randomKeyPair, type Value } from '@djchain/crypto';
import { addDays } from '@djchain/modules';
import type { Page } from 'playwright-core';
import type { WebServer } from '../src/server.ts';
import {
  browserTests,
  type Chain,
  clientOf,
  nativeScrypt,
  PASSPHRASE,
  type Rig,
  shoot,
  signInWith,
  startChain,
  startWebPage,
  stopRig,
} from './harness.ts';

const { gate, browserIt } = browserTests('residents page tests');
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const H = (c: string) => c.repeat(32);
const PHONE = { width: 390, height: 844 };

describe('residents and 四议两公开 in Chromium on a phone', { timeout: 600_000 }, () => {
  let chain: Chain;
  let web: WebServer;
  let rig: Rig | undefined;
  let page: Page;
  let repKeystore: string;
  const suite = getSuite('intl');
  const rep: KeyPair = randomKeyPair(suite);
  const rep2: KeyPair = randomKeyPair(suite);

  before(async () => {
    if (!gate.run) return;
    chain = await startChain({
      // m-004 is also the clerk of the community 党委's service centre.
      editGenesis: (g) => {
        const org = g.modules.org as { posts: Value[] };
        org.posts.push({ org: 'c1', member: 'm-004', post: '党务工作者', since: '2024-06-01' });
      },
    });
    const client = clientOf(chain);
    const send = async (action: string, params: Value, key: KeyPair) => {
      const r = await client.send({ module: 'resident', action, params }, key, { timeoutMs: 30_000 });
      assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
    };
    const clerk = chain.keys.clerk;
    const sec = chain.keys.committeeSecretary;
    await send(
      'bind',
      { id: 'res-rep1', org: 'c1', address: addressOf(suite, rep.publicKey), commitment: H('a1') },
      clerk,
    );
    await send(
      'bind',
      { id: 'res-rep2', org: 'c1', address: addressOf(suite, rep2.publicKey), commitment: H('a2') },
      clerk,
    );
    await send('designate', { resident: 'res-rep1', resolution: 'jmdbhy-2026-1' }, sec);
    await send('designate', { resident: 'res-rep2', resolution: 'jmdbhy-2026-1' }, sec);
    // The meetings were held in the last weeks; the review 10 days ago, so the 7 days of posting are over.
    await send(
      'propose',
      {
        id: 'mt1',
        org: 'c1',
        title: '老旧小区加装电梯',
        document: H('d1'),
        heldOn: addDays(today, -20),
        present: ['m-001'],
      },
      sec,
    );
    await send(
      'deliberate',
      {
        matter: 'mt1',
        document: H('d2'),
        heldOn: addDays(today, -15),
        expected: 7,
        present: 6,
        outcome: 'agreed',
      },
      sec,
    );
    const present = ['m-001', 'm-002', 'm-003', 'm-004', 'm-005', 'm-011', 'm-012', 'm-013'];
    await send(
      'review',
      { matter: 'mt1', document: H('d3'), heldOn: addDays(today, -10), present, yes: 7, no: 0, abstain: 1 },
      sec,
    );
    await send('openVote', { matter: 'mt1' }, sec);
    const ks = await createKeystore(
      suite,
      rep.secretKey,
      PASSPHRASE,
      { label: '居民代表' },
      { scrypt: nativeScrypt },
    );
    repKeystore = join(chain.dir, '..', 'keys', 'resident-rep1.json');
    writeFileSync(repKeystore, JSON.stringify(ks));
    // A bound against a hang under load (a loaded 2-core machine), not a timing check.
    rig = await startWebPage(chain, 180_000);
    ({ web, page } = rig);
  });
  after(() => stopRig({ chain, ...rig }));

  browserIt(
    'a resident makes a key, the clerk binds it, the resident comments; a representative votes',
    async () => {
      const errors: string[] = [];
      // 1. The resident, on a phone: a key made in this browser, shown to the clerk.
      await page.setViewportSize(PHONE);
      await page.goto(`${web.url}/#/resident`);
      await page.getByTestId('rs-key-pass').fill('居民口令-12345');
      await page.getByTestId('rs-key-again').fill('居民口令-12345');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('rs-key-make').click(),
      ]);
      const keyFile = join(chain.dir, '..', 'keys', 'resident-new.json');
      await download.saveAs(keyFile);
      const address = ((await page.getByTestId('rs-key-address').textContent()) ?? '').trim();
      assert.match(address, /^[0-9a-f]{40}$/);
      await page.getByTestId('resident-show-clerk').waitFor();
      assert.equal(await page.getByTestId('dossier-qr').getAttribute('data-qr-text'), address);
      await shoot(page, 'resident-signup');

      // 2. The clerk of the community 党委 (her second post) binds it after the in-person check.
      const clerkPage = await rig!.browser.context.newPage();
      clerkPage.on('pageerror', (e) => errors.push(e.message));
      await signInWith(clerkPage, web.url, chain.keystores.clerk, { postIndex: 1 });
      await clerkPage.setViewportSize(PHONE);
      await clerkPage.goto(`${web.url}/#/resident/bind`);
      await clerkPage.getByTestId('bind-id').fill('res-new');
      await clerkPage.getByTestId('bind-address').fill(address);
      const idNumber = '110105194912310038';
      await clerkPage.getByTestId('bind-check').fill(`居民身份证 ${idNumber}，本人到场核验`);
      const downloads: string[] = [];
      clerkPage.on('download', (d) => downloads.push(d.suggestedFilename()));
      const [sealedAnswer] = await Promise.all([
        clerkPage.waitForResponse((r) => r.url().endsWith('/sealed/resident-check')),
        clerkPage.getByTestId('bind-send').click(),
      ]);
      await clerkPage.getByTestId('bind-done').waitFor();
      await shoot(clerkPage, 'resident-bind');
      const answer = (await sealedAnswer.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(answer), ['commitment'], 'the service answers the commitment only');
      assert.deepEqual(downloads, [], 'nothing of the check is downloaded');
      const client = clientOf(chain);
      const bound = (await client.query('resident', 'resident', { address })).result as {
        id: string;
        commitment: string;
      };
      assert.equal(bound.id, 'res-new');
      assert.equal(bound.commitment, answer.commitment, "the chain's binding is the service's commitment");
      // The service sealed it (the harness's service keeps its files beside the node's directory).
      const sealedFile = readFileSync(join(chain.dir, '..', 'resident-checks.jsonl'), 'utf8');
      assert.equal(sealedFile.includes(idNumber), false, 'the ID number is not in clear');
      assert.deepEqual(
        sealedFile
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { resident: string; commitment: string })
          .map((l) => [l.resident, l.commitment]),
        [['res-new', bound.commitment]],
      );
      await clerkPage.close();

      // 3. The resident signs in with the key file, opens the matter, sees its steps and comments.
      await page.setViewportSize(PHONE);
      await page.goto(`${web.url}/#/resident`);
      await page.getByTestId('rs-file').setInputFiles(keyFile);
      await page.getByTestId('rs-pass').fill('居民口令-12345');
      await page.getByTestId('rs-open').click();
      assert.match((await page.getByTestId('resident-bound').textContent()) ?? '', /res-new/);
      await page.getByTestId('matter-mt1').getByRole('button').click();
      await page.getByTestId('matter-steps').waitFor();
      const steps = (await page.getByTestId('matter-steps').textContent()) ?? '';
      assert.match(steps, /支部会提议/);
      assert.match(steps, /应到 8 人，实到 8 人|应到 9 人，实到 8 人/);
      assert.match(steps, /第 1 轮/);
      assert.equal(
        await page.getByTestId('vote-card').count(),
        0,
        'no vote for a resident who is no representative',
      );
      await page.getByTestId('comment-text').fill('请联系我 13912345678');
      await page.getByTestId('comment-send').click();
      // The refusal itself (the form's hint says 个人信息 too): only then is the send over.
      const refused = page.getByTestId('comment-form').getByTestId('coded-error');
      await refused.waitFor({ timeout: 150_000 });
      assert.match((await refused.textContent()) ?? '', /RESIDENT_PERSONAL_DATA/);
      await page.getByTestId('comment-text').fill('建议增设休息座椅，施工期间保留一部楼梯通行');
      await page.getByTestId('comment-send').click();
      await page.getByTestId('comment-done').waitFor();
      await page.getByTestId('comment-1').waitFor();
      await shoot(page, 'resident-matter-comment');
      const comments = (await client.query('resident', 'comments', { matter: 'mt1' })).result as {
        resident: string;
        text: string;
      }[];
      assert.deepEqual(
        comments.map((c) => [c.resident, c.text]),
        [['res-new', '建议增设休息座椅，施工期间保留一部楼梯通行']],
      );

      // 4. A 居民代表 votes with their own key on another phone.
      const repPage = await rig!.browser.context.newPage();
      repPage.on('pageerror', (e) => errors.push(e.message));
      await repPage.setViewportSize(PHONE);
      await repPage.goto(`${web.url}/#/resident`);
      await repPage.getByTestId('rs-file').setInputFiles(repKeystore);
      await repPage.getByTestId('rs-pass').fill(PASSPHRASE);
      await repPage.getByTestId('rs-open').click();
      await repPage.getByTestId('resident-bound').waitFor();
      await repPage.goto(`${web.url}/#/resident/m/mt1`);
      await repPage.getByTestId('vote-card').waitFor();
      await shoot(repPage, 'resident-vote-before');
      await repPage.getByTestId('vote-赞成').click();
      await repPage.getByTestId('vote-done').waitFor();
      await shoot(repPage, 'resident-vote');
      const matter = (await client.query('resident', 'matter', { id: 'mt1' })).result as {
        rounds: { yes: number; expected: string[] }[];
        votes: { resident: string; choice: string }[][];
      };
      assert.equal(matter.rounds[0]!.yes, 1);
      assert.deepEqual(matter.rounds[0]!.expected, ['res-rep1', 'res-rep2']);
      assert.deepEqual(matter.votes[0], [{ resident: 'res-rep1', choice: '赞成' }]);
      await repPage.close();
      assert.deepEqual(errors, []);
    },
  );
});
