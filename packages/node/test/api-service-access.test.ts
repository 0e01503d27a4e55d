/**
 * Who may read the service centre's records (issue 17; access.ts QUERY_RULES), written out by hand:
 * the menu and the monthly figures are public; a resident's requests and an order are the resident's
 * own (read with their bound key's session) and the community's post holders'; the dispatch board is
 * the community's; a provider's tasks are theirs; a resident reads their own history (the dossier a
 * 双报到 member takes to their branch), another resident does not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, type KeyPair, type Value } from '@djchain/crypto';
import { addressOf, signTx } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { communityOrgs, fullMember, post } from '@djchain/testkit/community';
import { apiNode, committed, genesisOf, queryUrl, rowOf, sessions, submit, wrongReads } from './api-rig.ts';
import { CHAIN } from './helpers.ts';

const suite = getSuite('intl');
const PEOPLE = ['c.sec', 'c.clerk', 'b1.sec', 'b1.m1', 'res.1', 'res.2'] as const;
type Person = (typeof PEOPLE)[number];
const keyOf = (p: Person): KeyPair => suite.keyPairFromSeed(new Uint8Array(32).fill(40 + PEOPLE.indexOf(p)));
const addr = (p: Person) => addressOf(suite, keyOf(p).publicKey);
const OPERATOR = 'operator-token-of-the-service-access-tests-0123';

function genesis(validator: KeyPair): GenesisDoc {
  const member = (id: Person, org: string) => fullMember(id, org, addr(id));
  return genesisOf(validator, {
    org: {
      orgs: communityOrgs(['c1', 'b1']),
      posts: [post('c1', 'c.sec', '书记'), post('c1', 'c.clerk', '党务工作者'), post('b1', 'b1.sec', '书记')],
    },
    member: {
      members: [
        member('c.sec', 'b1'),
        member('c.clerk', 'b1'),
        member('b1.sec', 'b1'),
        member('b1.m1', 'b1'),
      ],
    },
  });
}

type Reader = 'anonymous' | Person;
const READERS: readonly Reader[] = ['anonymous', ...PEOPLE];
const q = queryUrl;
const row = rowOf(READERS);

test('the service centre’s reads, by each kind of reader, answer as written here', async (t) => {
  const { node, api } = await apiNode(t, genesis, { operatorToken: OPERATOR });
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
    await committed(api, node, await submit(api, tx), OPERATOR);
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
  const tok = await sessions(api, PEOPLE, keyOf);
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
  assert.deepEqual(await wrongReads(api, tok, Object.entries(want)), []);
});
