/**
 * 党务公开 in real Chromium against a real node (issue 16): an anonymous resident on a 390 px phone
 * lists what is in force (public items only), opens one and sees it verified in the browser (record
 * proved against a header the light client checked, content hashed), finds a corrected item marked
 * as such with the link to its correction, and the Atom feed — parsed by the browser's own XML parser
 * — lists the same public items; a member who signs in sees the wider ranges. The items are
 * published with the SDK as the branch secretary. Screenshots at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { type DjchainClient, ROUTES } from '@djchain/client';
import { browserTests, clientOf, committeeNode, shoot, startChain, useRig } from './harness.ts';
import { checkPage } from './page-checks.ts';

const { gate, browserIt } = browserTests('disclosure (党务公开) page tests');

const NOTICE = '第一支部关于开展“社区环境整治”主题党日活动的公告：本周六上午九时在社区广场集合。';
const CORRECTED = '第一支部关于开展“社区环境整治”主题党日活动的公告（更正）：改为本周日上午九时。';
const INTERNAL = '第一支部内部通知：支部委员会讨论下季度工作。';

describe('党务公开 in Chromium', { timeout: 900_000 }, () => {
  let sdk: DjchainClient;

  const rig = useRig(gate, {
    // The running node is the 党委's (c1): it may keep b1's members-only attachment (ATTACHMENT_WRONG_NODE otherwise).
    start: () => startChain({ editGenesis: committeeNode }),
    setup: async (chain) => {
      sdk = clientOf(chain);
      const sec = chain.keys.branchSecretary;
      await sdk.signIn(sec);
      const enc = (s: string) => new TextEncoder().encode(s);
      const put = async (text: string, scope: 'public' | 'org') =>
        (await sdk.putAttachment(enc(text), { org: 'b1', scope, mediaType: 'text/plain' }, sec)).hash;
      const notice = await put(NOTICE, 'public');
      const corrected = await put(CORRECTED, 'public');
      const internal = await put(INTERNAL, 'org');
      const { time } = await sdk.status();
      const today = new Date(time + 8 * 3600_000).toISOString().slice(0, 10);
      const send = async (action: string, params: { [k: string]: string }) => {
        const r = await sdk.send({ module: 'disclosure', action, params }, sec);
        assert.equal(r.receipt.status, 'ok', `${action}: ${JSON.stringify(r.receipt.error)}`);
      };
      const base = { org: 'b1', kind: '通知公告', from: today };
      await send('publish', { ...base, id: 'gk-1', scope: 'public', content: notice, kind: '工作公开' });
      await send('publish', { ...base, id: 'gk-2', scope: 'public', content: notice });
      await send('correct', {
        id: 'gk-2c',
        corrects: 'gk-2',
        from: today,
        content: corrected,
        reason: '时间调整',
      });
      await send('publish', { ...base, id: 'gk-org', scope: 'org', content: internal });
    },
    timeoutMs: 60_000,
  });
  const { open } = rig;

  browserIt('an anonymous resident on a phone lists the public items in force and checks one', async () => {
    await rig.page.setViewportSize({ width: 390, height: 844 });
    await open('disclosure');
    await rig.page.getByTestId('disclosure-item-gk-2c').waitFor();
    await rig.page.getByTestId('disclosure-item-gk-1').waitFor();
    // Neither the corrected version nor the members-only item is listed to a resident.
    assert.equal(await rig.page.getByTestId('disclosure-item-gk-2').count(), 0);
    assert.equal(await rig.page.getByTestId('disclosure-item-gk-org').count(), 0);
    const card = (await rig.page.getByTestId('disclosure-item-gk-2c').textContent()) ?? '';
    assert.match(card, /通知公告/);
    assert.match(card, /更正/);
    assert.match(card, /第一党支部|第一支部/);
    await shoot(rig.page, 'disclosure-list');
    await checkPage(rig.page, 'disclosure-list');

    await rig.page.getByTestId('disclosure-item-gk-2c').getByRole('link').click();
    await rig.page.getByTestId('disclosure-verified').waitFor({ timeout: 120_000 });
    assert.match(
      (await rig.page.getByTestId('disclosure-verified').textContent()) ?? '',
      /已核验.*内容文件与链上哈希一致/,
    );
    assert.match(
      (await rig.page.getByTestId('disclosure-content').textContent()) ?? '',
      /改为本周日上午九时/,
    );
    // The versions by their number, not their ids (an id is only the link's target and tooltip).
    assert.match(
      (await rig.page.getByTestId('disclosure-page').textContent()) ?? '',
      /本条更正了：\s*第 1 版/,
    );
    assert.equal(
      await rig.page
        .getByTestId('disclosure-page')
        .getByRole('link', { name: '第 1 版' })
        .first()
        .getAttribute('href'),
      '#/disclosure/gk-2',
    );
    assert.doesNotMatch((await rig.page.getByTestId('disclosure-page').textContent()) ?? '', /gk-2/);
    await shoot(rig.page, 'disclosure-item');
    await checkPage(rig.page, 'disclosure-item');

    // The first version stays readable, marked as corrected, with the link to the correction.
    await open('disclosure/gk-2');
    await rig.page.getByTestId('disclosure-replaced').waitFor({ timeout: 120_000 });
    assert.match(
      (await rig.page.getByTestId('disclosure-replaced').textContent()) ?? '',
      /已于 .* 更正.*第 2 版/,
    );
    assert.equal(
      await rig.page.getByTestId('disclosure-replaced').getByRole('link').getAttribute('href'),
      '#/disclosure/gk-2c',
    );
    await shoot(rig.page, 'disclosure-item-corrected');
  });

  browserIt('the Atom feed parses in the browser and lists exactly the public items in force', async () => {
    await open('disclosure');
    await rig.page.getByTestId('disclosure-feed').waitFor();
    const href = await rig.page.getByTestId('disclosure-feed').getAttribute('href');
    assert.equal(href, ROUTES.disclosureFeed.path);
    const feed = await rig.page.evaluate(async (path) => {
      const res = await fetch(path);
      const xml = new DOMParser().parseFromString(await res.text(), 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      return {
        type: res.headers.get('content-type'),
        error: xml.getElementsByTagName('parsererror').length,
        root: xml.documentElement.namespaceURI,
        entries: Array.from(xml.getElementsByTagNameNS(atom, 'entry')).map((e) => ({
          id: e.getElementsByTagNameNS(atom, 'id')[0]?.textContent ?? '',
          title: e.getElementsByTagNameNS(atom, 'title')[0]?.textContent ?? '',
          alternate: e.querySelector('link[rel=alternate]')?.getAttribute('href') ?? '',
        })),
      };
    }, href!);
    assert.equal(feed.type, 'application/atom+xml; charset=utf-8');
    assert.equal(feed.error, 0);
    assert.equal(feed.root, 'http://www.w3.org/2005/Atom');
    assert.deepEqual(
      feed.entries.map((e) => e.id.split(':').at(-1)),
      ['gk-1', 'gk-2c'],
    );
    assert.match(feed.entries[1]!.title, /通知公告（更正）$/);
    assert.equal(feed.entries[0]!.alternate, '/#/disclosure/gk-1');
  });

  browserIt(
    "a member who signs in also reads the items for the community's and the branch's members",
    async () => {
      await rig.signIn('probationer', { postIndex: 0 });
      await rig.page.setViewportSize({ width: 390, height: 844 });
      await open('disclosure');
      await rig.page.getByTestId('disclosure-range').waitFor();
      await rig.page.getByTestId('disclosure-item-gk-1').waitFor();
      assert.equal(await rig.page.getByTestId('disclosure-item-gk-org').count(), 0);
      await rig.page.getByTestId('disclosure-range').getByText('本组织党员').click();
      await rig.page.getByTestId('disclosure-item-gk-org').waitFor();
      await shoot(rig.page, 'disclosure-member');
      await rig.page.getByTestId('disclosure-item-gk-org').getByRole('link').click();
      await rig.page.getByTestId('disclosure-verified').waitFor({ timeout: 120_000 });
      assert.match(
        (await rig.page.getByTestId('disclosure-content').textContent()) ?? '',
        /支部委员会讨论下季度工作/,
      );
    },
  );
});
