/**
 * Who may read the service centre's records (issue 17; access.ts QUERY_RULES), written out by hand:
 * the menu and the monthly figures are public; a resident's requests and an order are the resident's
 * own (read with their bound key's session) and the community's post holders'; the dispatch board is
 * the community's; a provider's tasks are theirs; a resident reads their own history (the dossier a
 * 双报到 member takes to their branch), another resident does not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionSignBytes } from '@djchain/client';
import { getSuite, type KeyPair, toHex, type Value } from '@djchain/crypto';
import { addressOf, encodeTx, signTx, txHash } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import type { GenesisDoc } from '@djchain/runtime';
import { communityOrgs, fullMember, post } from '@djchain/testkit/community';
import type { FastifyInstance } from 'fastify';
import { buildApi, openNode } from '../src/index.ts';
import { CHAIN, T0, tempDir, waitForHeight } from './helpers.ts';

const suite = getSuite('intl');
const PEOPLE = ['c.sec', 'c.clerk', 'b1.sec', 'b1.m1', 'res.1', 'res.2'] as const;
type Person = (typeof PEOPLE)[number];
const keyOf = (p: Person): KeyPair => suite.keyPairFromSeed(new Uint8Array(32).fill(40 + PEOPLE.indexOf(p)));
const addr = (p: Person) => addressOf(suite, keyOf(p).publicKey);
const OPERATOR = 'operator-token-of-the-service-access-tests-0123';

function genesis(validator: KeyPair): GenesisDoc {
  const member = (id: Person, org: string) => fullMember(id, org, addr(id));
  return {
    chainId: CHAIN,
    suite: suite.id,
    time: T0,
    validators: { validators: [{ publicKey: validator.publicKey, power: 1, name: 'v0', orgId: 'c1' }] },
    modules: {
      org: {
        orgs: communityOrgs(['c1', 'b1']),
        posts: [
          post('c1', 'c.sec', '书记'),
          post('c1', 'c.clerk', '党务工作者'),
          post('b1', 'b1.sec', '书记'),
        ],
      },
      member: {
        members: [
          member('c.sec', 'b1'),
          member('c.clerk', 'b1'),
          member('b1.sec', 'b1'),
          member('b1.m1', 'b1'),
        ],
      },
    },
  } as unknown as GenesisDoc;
}

async function signIn(api: FastifyInstance, who: Person): Promise<string> {
  const ch = (await api.inject({ method: 'POST', url: '/v1/auth/challenge' })).json();
  const key = keyOf(who);
  const expiry = Date.now() + 600_000;
  const signature = suite.sign(key.secretKey, sessionSignBytes({ chainId: CHAIN, nonce: ch.nonce, expiry }));
  const res = await api.inject({
    method: 'POST',
    url: '/v1/auth/session',
    payload: { publicKey: toHex(key.publicKey), nonce: ch.nonce, expiry, signature: toHex(signature) },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token;
}

type Reader = 'anonymous' | Person;
const READERS: readonly Reader[] = ['anonymous', ...PEOPLE];
const q = (module: string, name: string, params: object) =>
  `/v1/query/${module}/${name}?params=${encodeURIComponent(JSON.stringify(params))}`;
const row = (...s: number[]) =>
  Object.fromEntries(READERS.map((r, i) => [r, s[i]!])) as Record<Reader, number>;

test('the service centre’s reads, by each kind of reader, answer as written here', async (t) => {
  const validator = suite.keyPairFromSeed(new Uint8Array(32).fill(1));
  const node = openNode(
    {
      dataDir: tempDir(t),
      genesis: genesis(validator),
      modules: allModules,
      driver: { emptyBlockIntervalMs: 20 },
    },
    { key: validator },
  );
  const api = buildApi(node, { operatorToken: OPERATOR });
  t.after(async () => {
    await api.close();
    node.close();
  });
  await waitForHeight(node, 1);
  const nonces = new Map<Person, number>();
  const send = async (who: Person, module: string, action: string, params: Value) => {
    const nonce = nonces.get(who) ?? 0;
    nonces.set(who, nonce + 1);
    const tx = signTx(suite, keyOf(who).secretKey, {
      chainId: CHAIN,
      module,
      action,
      params,
      signer: keyOf(who).publicKey,
      nonce,
      expiry: 1_000_000,
    });
    const sent = await api.inject({
      method: 'POST',
      url: '/v1/txs',
      payload: { txs: [Buffer.from(encodeTx(tx)).toString('base64')] },
    });
    assert.equal(sent.json().results[0].accepted, true, sent.body);
    const done = await api.inject({
      url: `/v1/txs/${toHex(txHash(suite, tx))}/wait?timeoutMs=30000`,
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    assert.equal(done.json().status, 'committed', done.body);
    await waitForHeight(node, done.json().height);
  };
  // Two residents bound; a menu item; res.1 orders, the clerk dispatches to res.2.
  await send('c.clerk', 'resident', 'bind', {
    id: 'r1',
    org: 'c1',
    address: addr('res.1'),
    commitment: 'a1'.repeat(32),
  });
  await send('c.clerk', 'resident', 'bind', {
    id: 'r2',
    org: 'c1',
    address: addr('res.2'),
    commitment: 'a2'.repeat(32),
  });
  await send('c.clerk', 'service', 'setItem', {
    id: 'law',
    org: 'c1',
    name: '法律咨询',
    kind: '法律咨询',
    provider: 'centre',
    when: '每周二',
    where: '服务中心',
    capacity: 5,
    minutes: 45,
    open: true,
  });
  await send('res.1', 'service', 'order', { id: 'o1', org: 'c1', need: '想咨询遗产继承的手续' });
  await send('c.clerk', 'service', 'dispatch', { order: 'o1', provider: 'resident:r2' });

  const o1 = await api.inject({
    url: q('service', 'order', { id: 'o1' }),
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
  assert.equal(o1.json().result.status, 'dispatched', o1.body);
  const tok = new Map<Reader, string | undefined>([['anonymous', undefined]]);
  for (const p of PEOPLE) tok.set(p, await signIn(api, p));
  //                                          anon c.sec clerk b1.sec b1.m1 res.1 res.2
  const want: Record<string, Record<Reader, number>> = {
    [q('service', 'menu', {})]: row(200, 200, 200, 200, 200, 200, 200),
    [q('service', 'stats', {})]: row(200, 200, 200, 200, 200, 200, 200),
    [q('service', 'grids', {})]: row(200, 200, 200, 200, 200, 200, 200),
    // The board and the registrations: the community's post holders only.
    [q('service', 'board', {})]: row(401, 200, 200, 403, 403, 403, 403),
    [q('service', 'registrations', {})]: row(401, 200, 200, 403, 403, 403, 403),
    // res.1's requests: res.1 and the community; not a branch's post holder, not another resident.
    [q('service', 'ordersOf', { resident: 'r1' })]: row(401, 200, 200, 403, 403, 200, 403),
    // The order: its resident, its provider (res.2) and the community.
    [q('service', 'order', { id: 'o1' })]: row(401, 200, 200, 403, 403, 200, 200),
    // res.2's tasks: res.2 and the community.
    [q('service', 'todo', { account: 'resident:r2' })]: row(401, 200, 200, 403, 403, 403, 200),
    // res.1's own history (their dossier); res.2 reads theirs, not res.1's.
    '/v1/dossier/resident:r1': row(401, 200, 200, 403, 403, 200, 403),
  };
  const wrong: string[] = [];
  for (const [url, rowWant] of Object.entries(want))
    for (const r of READERS) {
      const token = tok.get(r);
      const res = await api.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (res.statusCode !== rowWant[r]) wrong.push(`${r} ${url}: ${res.statusCode}, expected ${rowWant[r]}`);
    }
  assert.deepEqual(wrong, []);
});
