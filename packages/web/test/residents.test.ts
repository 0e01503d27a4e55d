/**
 * 居民议事 in real Chromium on a 390 px phone against a real node (issue 16): a resident makes a key
 * in the browser and shows it (QR code and address); the community's clerk binds it in the browser
 * (the check goes to the sealed-data service, which answers only its commitment; that goes on chain,
 * and nothing is downloaded to the clerk's computer); the resident signs in, reads a 四议两公开 matter
 * with its steps, is refused a comment holding a phone number and comments; a 居民代表 votes with
 * their own key. What the pages claim is read back with the SDK. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { addressOf } from '@djchain/client';
import { getSuite, type KeyPair, randomKeyPair, type Value } from '@djchain/crypto';
import { addDays } from '@djchain/modules';
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

const { gate, browserIt } = browserTests('residents page tests');
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const H = (c: string) => c.repeat(32);
const PHONE = { width: 390, height: 844 };

describe('residents and 四议两公开 in Chromium on a phone', { timeout: 600_000 }, () => {
  let repKeystore: string;
  const suite = getSuite('intl');
  const rep: KeyPair = randomKeyPair(suite);
  const rep2: KeyPair = randomKeyPair(suite);

  const rig = useRig(gate, {
    start: () => startChain({ editGenesis: centreClerk }),
    setup: async (chain) => {
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
      repKeystore = await writeKeystore(chain, rep, '居民代表', 'resident-rep1');
    },
    // A bound against a hang under load (a loaded 2-core machine), not a timing check.
    timeoutMs: 180_000,
  });

  browserIt(
    'a resident makes a key, the clerk binds it, the resident comments; a representative votes',
    async () => {
      const errors: string[] = [];
      // 1. The resident, on a phone: a key made in this browser, shown to the clerk.
      await rig.page.setViewportSize(PHONE);
      await rig.open('resident');
      await rig.page.getByTestId('rs-key-pass').fill('居民口令-12345');
      await rig.page.getByTestId('rs-key-again').fill('居民口令-12345');
      const [download] = await Promise.all([
        rig.page.waitForEvent('download'),
        rig.page.getByTestId('rs-key-make').click(),
      ]);
      const keyFile = join(rig.chain.dir, '..', 'keys', 'resident-new.json');
      await download.saveAs(keyFile);
      const address = ((await rig.page.getByTestId('rs-key-address').textContent()) ?? '').trim();
      assert.match(address, /^[0-9a-f]{40}$/);
      await rig.page.getByTestId('resident-show-clerk').waitFor();
      assert.equal(await rig.page.getByTestId('dossier-qr').getAttribute('data-qr-text'), address);
      await shoot(rig.page, 'resident-signup');

      // 2. The clerk of the community 党委 (her second post) binds it after the in-person check.
      const clerkPage = await rig.browser.context.newPage();
      clerkPage.on('pageerror', (e) => errors.push(e.message));
      await rig.signIn('clerk', { postIndex: 1, page: clerkPage });
      await clerkPage.setViewportSize(PHONE);
      await clerkPage.goto(`${rig.web.url}/#/resident/bind`);
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
      const client = clientOf(rig.chain);
      const bound = (await client.query('resident', 'resident', { address })).result as {
        id: string;
        commitment: string;
      };
      assert.equal(bound.id, 'res-new');
      assert.equal(bound.commitment, answer.commitment, "the chain's binding is the service's commitment");
      // The service sealed it (the harness's service keeps its files beside the node's directory).
      const sealedFile = readFileSync(join(rig.chain.dir, '..', 'resident-checks.jsonl'), 'utf8');
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
      await rig.page.setViewportSize(PHONE);
      await rig.open('resident');
      await rig.page.getByTestId('rs-file').setInputFiles(keyFile);
      await rig.page.getByTestId('rs-pass').fill('居民口令-12345');
      await rig.page.getByTestId('rs-open').click();
      assert.match((await rig.page.getByTestId('resident-bound').textContent()) ?? '', /res-new/);
      await rig.page.getByTestId('matter-mt1').getByRole('button').click();
      await rig.page.getByTestId('matter-steps').waitFor();
      const steps = (await rig.page.getByTestId('matter-steps').textContent()) ?? '';
      assert.match(steps, /支部会提议/);
      assert.match(steps, /应到 8 人，实到 8 人|应到 9 人，实到 8 人/);
      assert.match(steps, /第 1 轮/);
      assert.equal(
        await rig.page.getByTestId('vote-card').count(),
        0,
        'no vote for a resident who is no representative',
      );
      await rig.page.getByTestId('comment-text').fill('请联系我 13912345678');
      await rig.page.getByTestId('comment-send').click();
      // The refusal itself (the form's hint says 个人信息 too): only then is the send over.
      const refused = rig.page.getByTestId('comment-form').getByTestId('coded-error');
      await refused.waitFor({ timeout: 150_000 });
      assert.match((await refused.textContent()) ?? '', /RESIDENT_PERSONAL_DATA/);
      await rig.page.getByTestId('comment-text').fill('建议增设休息座椅，施工期间保留一部楼梯通行');
      await rig.page.getByTestId('comment-send').click();
      await rig.page.getByTestId('comment-done').waitFor();
      await rig.page.getByTestId('comment-1').waitFor();
      await shoot(rig.page, 'resident-matter-comment');
      const comments = (await client.query('resident', 'comments', { matter: 'mt1' })).result as {
        resident: string;
        text: string;
      }[];
      assert.deepEqual(
        comments.map((c) => [c.resident, c.text]),
        [['res-new', '建议增设休息座椅，施工期间保留一部楼梯通行']],
      );

      // 4. A 居民代表 votes with their own key on another phone.
      const repPage = await rig.browser.context.newPage();
      repPage.on('pageerror', (e) => errors.push(e.message));
      await repPage.setViewportSize(PHONE);
      await repPage.goto(`${rig.web.url}/#/resident`);
      await repPage.getByTestId('rs-file').setInputFiles(repKeystore);
      await repPage.getByTestId('rs-pass').fill(PASSPHRASE);
      await repPage.getByTestId('rs-open').click();
      await repPage.getByTestId('resident-bound').waitFor();
      await repPage.goto(`${rig.web.url}/#/resident/m/mt1`);
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
