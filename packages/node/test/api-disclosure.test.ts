/**
 * 党务公开 through the real API (a node with the Party modules on a socket, called with the SDK and
 * plain HTTP): the Atom feed holds the public items in force only — not an item for members, not a
 * corrected or withdrawn one, not one whose period has not begun; each range of items is read by
 * its own readers (anonymous residents the public ones), and an item's record and its replacement
 * link are read with their proofs, verified by the light client, by the same readers.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { DjchainClient, HttpError, ROUTES } from '@djchain/client';
import { decode, getSuite } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { addDays, allModules, chinaDate } from '@djchain/modules';
import { fullMember } from '@djchain/testkit/community';
import { buildApi, openNode } from '../src/index.ts';
import { communityGenesis, memberKey } from './community.ts';
import { CHAIN, keyOf, tempDir } from './helpers.ts';

const suite = getSuite('intl');
const enc = (s: string) => new TextEncoder().encode(s);

async function community(t: TestContext) {
  const key = keyOf(suite, 0);
  const genesis = communityGenesis(suite, [{ key, power: 1, orgId: 'c1', name: 'c1 的节点' }]);
  const members = (genesis.modules as { member: { members: unknown[] } }).member.members;
  members.push(fullMember('b1.m1', 'b1', addressOf(suite, memberKey(suite, 'b1.m1').publicKey)));
  const node = openNode(
    { dataDir: tempDir(t), genesis, modules: allModules, driver: { emptyBlockIntervalMs: 20 } },
    { key },
  );
  const api = buildApi(node, {});
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await api.close();
    node.close();
  });
  const client = () =>
    new DjchainClient({
      baseUrl: url,
      suite,
      chainId: CHAIN,
      trust: { kind: 'genesis', validators: genesis.validators },
    });
  const as = async (name: string) => {
    const c = client();
    await c.signIn(memberKey(suite, name));
    return c;
  };
  return { url, client, as };
}

const code = (e: unknown) => (e instanceof HttpError ? e.apiCode : (e as { code?: string }).code);

/** Every `<tag>…</tag>` text directly in each `<entry>` (the feed's own shape, no namespaces inside). */
function entries(xml: string): { id: string; title: string; links: string[] }[] {
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body]) => ({
    id: /<id>([^<]*)<\/id>/.exec(body!)![1]!,
    title: /<title>([^<]*)<\/title>/.exec(body!)![1]!,
    links: [...body!.matchAll(/<link rel="([a-z]+)"/g)].map((m) => m[1]!),
  }));
}

describe('disclosure through the API', () => {
  it('the feed holds the public items in force; each range is read by its readers, with proofs', async (t) => {
    const { url, client, as } = await community(t);
    const sec = memberKey(suite, 'b1.sec');
    const writer = await as('b1.sec');
    const pub = await writer.putAttachment(
      enc('第一党支部公示：主题党日安排'),
      { org: 'b1', scope: 'public', mediaType: 'text/plain' },
      sec,
    );
    const pub2 = await writer.putAttachment(
      enc('第一党支部公示（更正）'),
      { org: 'b1', scope: 'public', mediaType: 'text/plain' },
      sec,
    );
    const org = await writer.putAttachment(
      enc('支部内部通知'),
      { org: 'b1', scope: 'org', mediaType: 'text/plain' },
      sec,
    );
    const today = chinaDate((await writer.status()).time);
    const send = async (action: string, params: { [k: string]: string }) => {
      const r = await writer.send({ module: 'disclosure', action, params }, sec);
      assert.equal(r.receipt.status, 'ok', `${action} ${params.id}: ${JSON.stringify(r.receipt.error)}`);
    };
    const item = (id: string, scope: string, content: string, from = today) => ({
      id,
      org: 'b1',
      kind: '通知公告',
      scope,
      from,
      content,
    });
    await send('publish', item('p1', 'public', pub.hash));
    await send('publish', item('o1', 'org', org.hash));
    // For every Party member of the community: never in the residents' feed.
    await send('publish', item('k1', 'community', pub.hash));
    await send('publish', item('p2', 'public', pub.hash));
    await send('correct', { id: 'p2c', corrects: 'p2', from: today, content: pub2.hash, reason: '内容更正' });
    await send('publish', item('p3', 'public', pub.hash));
    await send('withdraw', { id: 'w3', withdraws: 'p3', reason: '活动取消' });
    await send('publish', item('f1', 'public', pub.hash, addDays(today, 1)));

    // The feed, read by anyone with plain HTTP: the public items in force, nothing else.
    const res = await fetch(`${url}${ROUTES.disclosureFeed.path}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const xml = await res.text();
    assert.match(
      xml,
      /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/,
    );
    const got = entries(xml);
    assert.deepEqual(
      got.map((e) => e.id),
      ['p1', 'p2c', 'w3'].map((id) => `urn:djchain:${CHAIN}:disclosure:${id}`),
    );
    assert.match(got[0]!.title, /｜通知公告$/);
    assert.match(got[1]!.title, /｜通知公告（更正）$/);
    assert.match(got[2]!.title, /｜撤回声明（撤回）$/);
    // Content as an enclosure where there is one (the withdrawal carries none).
    assert.deepEqual(
      got.map((e) => e.links),
      [['alternate', 'enclosure'], ['alternate', 'enclosure'], ['alternate']],
    );
    assert.ok(xml.includes(`href="/v1/attachments/${pub.hash}"`));
    assert.ok(!xml.includes(org.hash), 'no trace of the members-only item');
    assert.ok(!xml.includes(':k1<'), 'no community item');

    // Ranges: residents read the public one; the branch's members theirs; another branch's 书记 not.
    const anon = client();
    const publicNow = (await anon.query('disclosure', 'inForce', { scope: 'public' })).result as {
      items: { id: string }[];
    };
    assert.deepEqual(
      publicNow.items.map((i) => i.id),
      ['p1', 'p2c', 'w3'],
    );
    await assert.rejects(
      anon.query('disclosure', 'inForce', { scope: 'community' }),
      (e) => code(e) === 'AUTH_REQUIRED',
    );
    await assert.rejects(
      anon.query('disclosure', 'inForce', { scope: 'org', org: 'b1' }),
      (e) => code(e) === 'AUTH_REQUIRED',
    );
    const member = await as('b1.m1');
    const branch = (await member.query('disclosure', 'inForce', { scope: 'org', org: 'b1' })).result as {
      items: { id: string }[];
    };
    assert.deepEqual(
      branch.items.map((i) => i.id),
      ['k1', 'o1', 'p1', 'p2c', 'w3'],
    );
    const other = await as('b2.sec');
    await assert.rejects(
      other.query('disclosure', 'inForce', { scope: 'org', org: 'b1' }),
      (e) => code(e) === 'READ_FORBIDDEN',
    );
    assert.ok((await other.query('disclosure', 'inForce', { scope: 'community' })).result !== null);

    // An item with its versions, and its record with a proof, for its readers only.
    const chain = (await anon.query('disclosure', 'item', { id: 'p2' })).result as {
      versions: { id: string }[];
    };
    assert.deepEqual(
      chain.versions.map((v) => v.id),
      ['p2', 'p2c'],
    );
    const proved = await anon.getState('disclosure/i/p2c');
    assert.equal((decode(proved.value!) as { corrects: string }).corrects, 'p2');
    const link = await anon.getState('disclosure/s/p2');
    assert.deepEqual(decode(link.value!), { id: 'p2c', how: 'corrected', on: today });
    const none = await anon.getState('disclosure/s/p1');
    assert.equal(none.value, undefined, 'p1 is not replaced: proved absent');
    await assert.rejects(anon.query('disclosure', 'item', { id: 'o1' }), (e) => code(e) === 'AUTH_REQUIRED');
    await assert.rejects(anon.getState('disclosure/i/o1'), (e) => code(e) === 'AUTH_REQUIRED');
    await assert.rejects(other.getState('disclosure/i/o1'), (e) => code(e) === 'READ_FORBIDDEN');
    assert.equal(
      (decode((await member.getState('disclosure/i/o1')).value!) as { scope: string }).scope,
      'org',
    );
    // The outbox of other modules stays a community read.
    await assert.rejects(anon.getState('recruitment/pub/'), (e) => code(e) === 'AUTH_REQUIRED');
  });
});
