/**
 * Who may read what (API.md, "Who may read what"), route by route, for an anonymous reader, the
 * member themself, another branch's post holder, the branch's own inspector, the superior 党总支,
 * the community committee and a key that is no member's. The expectations are written out by
 * hand below, not derived from access.ts.
 *
 * The community: 党委 c1 ─┬─ 党支部 b1
 *                         └─ 党总支 zz ── 党支部 b2
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionSignBytes } from '@djchain/client';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { addressOf, signTx } from '@djchain/ledger';
import { chinaDate } from '@djchain/modules';
import type { GenesisDoc } from '@djchain/runtime';
import { communityOrgs, fullMember, post, TERM_START } from '@djchain/testkit/community';
import type { FastifyInstance } from 'fastify';
import { valueFromJson } from '../src/api/encoding.ts';
import { apiRoutes } from '../src/api/server.ts';
import type { ApiOptions } from '../src/index.ts';
import {
  type Answer,
  apiNode,
  committed,
  genesisOf,
  queryUrl as q,
  rowOf,
  sessions,
  signIn,
  submit,
  wrongReads,
} from './api-rig.ts';
import { CHAIN, T0, type tempDir, waitForHeight } from './helpers.ts';

const suite = getSuite('intl');
const PEOPLE = ['c.sec', 'zz.sec', 'b1.sec', 'b2.dis', 'b1.m1', 'b2.m1', 'stranger'] as const;
type Person = (typeof PEOPLE)[number];
const keyOf = (p: Person): KeyPair => suite.keyPairFromSeed(new Uint8Array(32).fill(10 + PEOPLE.indexOf(p)));
const addr = (p: Person) => addressOf(suite, keyOf(p).publicKey);
const OPERATOR = 'operator-token-of-the-access-tests-0123456789';

function genesis(validator: KeyPair): GenesisDoc {
  const member = (id: Person, org: string) => fullMember(id, org, addr(id));
  // Run by the 党委: its node keeps every attachment of the community.
  return genesisOf(validator, {
    org: {
      orgs: [
        ...communityOrgs(['c1', 'b1', 'zz']),
        // This test's 物业党支部 is b2 (under zz), not the kit's b3.
        { id: 'b2', name: '物业党支部', kind: '党支部', parent: 'zz', termStart: TERM_START },
      ],
      posts: [
        post('c1', 'c.sec', '书记'),
        post('zz', 'zz.sec', '书记'),
        post('b1', 'b1.sec', '书记'),
        post('b2', 'b2.dis', '纪检委员'),
      ],
    },
    member: {
      members: [
        member('c.sec', 'b1'),
        member('zz.sec', 'b2'),
        member('b1.sec', 'b1'),
        member('b2.dis', 'b2'),
        member('b1.m1', 'b1'),
        member('b2.m1', 'b2'),
      ],
    },
    recruitment: { activeVersion: '2014' },
  });
}

const setup = (t: Parameters<typeof tempDir>[0], opts: Partial<ApiOptions> = {}) =>
  apiNode(t, genesis, { operatorToken: OPERATOR, ...opts });

type Reader = 'anonymous' | Person;
const READERS: readonly Reader[] = ['anonymous', ...PEOPLE];
const tokens = (api: FastifyInstance) => sessions(api, PEOPLE, keyOf);
const row = rowOf(READERS);

/** Statuses by reader: anonymous, c.sec, zz.sec, b1.sec, b2.dis, b1.m1, b2.m1, stranger. */
/** A profile update of b2.m1's own (its event names member:b2.m1), with nonce 0. */
const ownUpdate = (commitmentByte: string, ref: string) =>
  signTx(suite, keyOf('b2.m1').secretKey, {
    chainId: CHAIN,
    module: 'member',
    action: 'updateProfile',
    params: { member: 'b2.m1', commitment: commitmentByte.repeat(32), ref },
    signer: keyOf('b2.m1').publicKey,
    nonce: 0,
    expiry: 1_000_000,
  });

test('every route, read by each kind of reader, answers as written here', async (t) => {
  const { node, api } = await setup(t);
  const tok = await tokens(api);

  // A transaction of b2.m1's own (its event names member:b2.m1).
  const hash = await submit(api, ownUpdate('ab', 'ref-1'));
  await committed(api, node, hash, OPERATOR);
  // A 谈心谈话 of b1's 书记 with b1.m1: the meeting is read by the members expected at it and by post
  // holders of b1 and above.
  const talk = signTx(suite, keyOf('b1.sec').secretKey, {
    chainId: CHAIN,
    module: 'orglife',
    action: 'plan',
    params: { id: 'talk-1', org: 'b1', kind: '谈心谈话', date: chinaDate(T0), pair: ['b1.sec', 'b1.m1'] },
    signer: keyOf('b1.sec').publicKey,
    nonce: 0,
    expiry: 1_000_000,
  });
  await committed(api, node, await submit(api, talk), OPERATOR);

  //                                    anon c.sec zz.sec b1.sec b2.dis b1.m1 b2.m1 stranger
  const b2m1 = row(401, 200, 200, 403, 200, 403, 200, 403);
  const orgB2 = row(401, 200, 200, 403, 200, 403, 403, 403);
  const orgB1 = row(401, 200, 403, 200, 403, 403, 403, 403);
  const community = row(401, 200, 403, 403, 403, 403, 403, 403);
  const everyone = row(200, 200, 200, 200, 200, 200, 200, 200);
  const cases: Array<[string, Record<Reader, number>]> = [
    ['/v1/status', everyone],
    ['/v1/headers?from=1&to=1', everyone],
    ['/v1/commits/1', everyone],
    ['/v1/validators?height=1', everyone],
    ['/v1/blocks?limit=3', everyone],
    ['/v1/portal', everyone],
    [q('org', 'org', { id: 'b2' }), everyone],
    [q('org', 'children', { id: 'c1' }), everyone],
    [q('org', 'posts', { org: 'b2' }), everyone],
    [q('recruitment', 'ruleSets', {}), everyone],
    [q('evidence', 'list', {}), everyone],
    // Residents and 四议两公开 (issue 16): matters, votes, comments, representatives, one account are
    // public (nothing personal in them); the list of accounts is the community's; the voters of an
    // organization (member ids) its post holders' and those above.
    [q('resident', 'matters', {}), everyone],
    [q('resident', 'matter', { id: 'sy-1' }), everyone],
    [q('resident', 'comments', { matter: 'sy-1' }), everyone],
    [q('resident', 'representatives', {}), everyone],
    [q('resident', 'resident', { id: 'r-1' }), everyone],
    [q('resident', 'residents', {}), community],
    // Who holds a post that binds residents: what the sealed-data service asks (as operator).
    [q('resident', 'binder', { address: addr('c.sec'), org: 'c1' }), community],
    [q('resident', 'voters', { org: 'b2', on: chinaDate(T0) }), orgB2],
    [`/v1/state?key=acct/${addr('b2.m1')}`, everyone],
    ['/v1/state?key=sys/chain', everyone],
    ['/v1/blocks/1', community],
    [q('member', 'member', { id: 'b2.m1' }), b2m1],
    [q('org', 'postsOf', { member: 'b2.m1' }), b2m1],
    [q('recruitment', 'process', { member: 'b2.m1' }), b2m1],
    [q('discipline', 'sanctions', { member: 'b2.m1' }), b2m1],
    [q('transfer', 'responsible', { member: 'b2.m1' }), b2m1],
    [`/v1/dossier/member:b2.m1`, b2m1],
    [`/v1/state?key=hist/member:b2.m1`, b2m1],
    [`/v1/txs/${hash}`, b2m1],
    [`/v1/txs/${hash}/wait?timeoutMs=0`, b2m1],
    [`/v1/dossier/org:b2`, orgB2],
    [q('org', 'history', { org: 'b2' }), orgB2],
    [`/v1/dossier/org:b1`, orgB1],
    // Aggregates of a subtree: who may read each of its members and cases one by one.
    ['/v1/orgs/b2/members', orgB2],
    ['/v1/orgs/b2/cases', orgB2],
    ['/v1/orgs/b1/members', orgB1],
    ['/v1/orgs/c1/cases', community],
    [q('member', 'member', { id: 'b1.m1' }), row(401, 200, 403, 200, 403, 200, 403, 403)],
    // Module records in state are the committee's; members and post holders read them through queries.
    ['/v1/state?key=member/m/b2.m1', community],
    [q('member', 'byAddress', { address: addr('b2.m1') }), row(401, 200, 200, 403, 200, 403, 200, 403)],
    // Organizational life and study: a meeting to those expected at it and the posts above; registers
    // to the organization's posts and above; a member's own year to the member and the posts above.
    [q('orglife', 'meeting', { id: 'talk-1' }), row(401, 200, 403, 200, 403, 200, 403, 403)],
    [q('orglife', 'meetings', { org: 'b2' }), orgB2],
    [q('orglife', 'obligations', { org: 'b1' }), orgB1],
    [q('orglife', 'overview', { org: 'c1' }), community],
    [q('orglife', 'member', { member: 'b2.m1' }), b2m1],
    [q('study', 'progress', { member: 'b2.m1' }), b2m1],
    [q('study', 'register', { org: 'b2' }), orgB2],
    [q('study', 'rules', {}), everyone],
    // The warning centre and the operation index: an organization's to its posts and those above; a
    // member's own warnings to the member and the posts above; a warning nobody can be shown to (no
    // such id) is the committee's; the index rule sets are public.
    [q('warnings', 'open', { org: 'b2' }), orgB2],
    [q('warnings', 'open', { org: 'b1', subtree: true }), orgB1],
    [q('warnings', 'mine', { member: 'b2.m1' }), b2m1],
    [q('warnings', 'warning', { id: 'orglife.missed/none' }), community],
    [q('insight', 'period', { org: 'b2', period: '2024-01' }), orgB2],
    [q('insight', 'history', { org: 'c1' }), community],
    [q('insight', 'rules', {}), everyone],
    [q('insight', 'credit', { member: 'b2.m1', year: 2024 }), b2m1],
    [q('insight', 'orgCredit', { org: 'b2', year: 2024 }), orgB2],
    [q('insight', 'orgCredit', { org: 'c1', year: 2024 }), community],
    [q('insight', 'corrections', { member: 'b2.m1' }), b2m1],
    [q('insight', 'openCorrections', { org: 'b2' }), orgB2],
    // 重大事项请示报告: requests and declarations follow their organization and member; the read log
    // is the discipline-inspection view — b2's 纪检委员 and the member, not the secretaries.
    [q('declaration', 'params', {}), everyone],
    [q('declaration', 'requests', { org: 'b2' }), orgB2],
    [q('declaration', 'request', { id: 'no-such' }), community],
    [q('declaration', 'declaration', { id: 'no-such' }), community],
    [q('declaration', 'declarationsOf', { member: 'b2.m1' }), b2m1],
    [q('declaration', 'declarationsIn', { org: 'b2' }), orgB2],
    [q('declaration', 'readsOf', { member: 'b2.m1' }), row(401, 403, 403, 403, 200, 403, 200, 403)],
    [q('declaration', 'readsOf', { member: 'b1.m1' }), row(401, 403, 403, 403, 403, 200, 403, 403)],
    [q('declaration', 'readLog', { org: 'b2' }), row(401, 403, 403, 403, 200, 403, 403, 403)],
    [q('declaration', 'readLog', { org: 'b1' }), row(401, 403, 403, 403, 403, 403, 403, 403)],
  ];
  assert.deepEqual(await wrongReads(api, tok, cases), []);

  // The operator reads all of it.
  for (const [url] of cases) {
    const res = await api.inject({ url, headers: { authorization: `Bearer ${OPERATOR}` } });
    assert.equal(res.statusCode, 200, `operator ${url}: ${res.body}`);
  }

  // Metrics: the operator's, from a direct loopback connection or with the operator token.
  for (const r of READERS) {
    const token = tok.get(r);
    const remote = await api.inject({
      url: '/metrics',
      remoteAddress: '203.0.113.5',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    assert.equal(remote.statusCode, 403, `${r} /metrics from another machine`);
    const forwarded = await api.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.5' } });
    assert.equal(forwarded.statusCode, 403, 'forwarded by a proxy on loopback');
  }
  assert.equal((await api.inject({ url: '/metrics' })).statusCode, 200, 'direct on loopback');
  const op = await api.inject({
    url: '/metrics',
    remoteAddress: '203.0.113.5',
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
  assert.equal(op.statusCode, 200, 'with the operator token');

  // Post titles are public, who holds them is not.
  const anonPosts = (await api.inject({ url: q('org', 'posts', { org: 'b2' }) })).json().result;
  assert.deepEqual(
    anonPosts.map((p: Record<string, unknown>) => [p.post, 'member' in p]),
    [['纪检委员', false]],
  );
  const b2dis = tok.get('b2.dis')!;
  const innerPosts = (
    await api.inject({ url: q('org', 'posts', { org: 'b2' }), headers: { authorization: `Bearer ${b2dis}` } })
  ).json().result;
  assert.equal(innerPosts[0].member, 'b2.dis');

  // The portal: counts by branch, no member id anywhere in the answer.
  const portal = await api.inject({ url: '/v1/portal' });
  const orgs = portal.json().orgs as Array<{ id: string; members: Record<string, number> }>;
  assert.deepEqual(
    orgs.map((o) => [o.id, o.members.正式党员]),
    [
      ['c1', 0],
      ['b1', 3],
      ['zz', 0],
      ['b2', 3],
    ],
  );
  for (const p of PEOPLE) assert.equal(portal.body.includes(p), false, `${p} in the portal`);
});

test('the subtree aggregates hold every member of the readable organizations and no other', async (t) => {
  const { api } = await setup(t);
  const tok = await tokens(api);
  const read = async (who: Reader, url: string) => {
    const token = tok.get(who);
    const res = await api.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    assert.equal(res.statusCode, 200, `${who} ${url}: ${res.body}`);
    return res.json();
  };
  const ids = (body: { members: Array<{ id: string }> }) => body.members.map((m) => m.id).sort();
  const all = await read('c.sec', '/v1/orgs/c1/members');
  assert.deepEqual(ids(all), ['b1.m1', 'b1.sec', 'b2.dis', 'b2.m1', 'c.sec', 'zz.sec']);
  assert.deepEqual(
    all.orgs.map((o: { id: string; name: string }) => `${o.id}:${o.name}`),
    ['c1:东风社区党委', 'b1:第一党支部', 'zz:物业党总支', 'b2:物业党支部'],
  );
  const zz = await read('zz.sec', '/v1/orgs/zz/members');
  assert.deepEqual(ids(zz), ['b2.dis', 'b2.m1', 'zz.sec']);
  assert.equal(zz.members.find((m: { id: string }) => m.id === 'b2.m1').status, '正式党员');
  assert.deepEqual(ids(await read('b1.sec', '/v1/orgs/b1/members')), ['b1.m1', 'b1.sec', 'c.sec']);
  // No process in genesis: an empty list, with the organizations.
  const cases = await read('zz.sec', '/v1/orgs/zz/cases');
  assert.deepEqual(cases.cases, []);
  assert.deepEqual(
    cases.orgs.map((o: { id: string }) => o.id),
    ['zz', 'b2'],
  );
});

test('a session needs a fresh challenge signed by the key for this chain; it ends and expires', async (t) => {
  let now = Date.now();
  const { api } = await setup(t, { sessions: { now: () => now, perClient: 3 } });
  const key = keyOf('b2.m1');
  const open = async (nonce: string, chainId = CHAIN, signer = key, expiry = now + 60_000) =>
    api.inject({
      method: 'POST',
      url: '/v1/auth/session',
      payload: {
        publicKey: toHex(key.publicKey),
        nonce,
        expiry,
        signature: toHex(
          signer === key
            ? suite.sign(key.secretKey, sessionSignBytes({ chainId, nonce, expiry }))
            : suite.sign(signer.secretKey, sessionSignBytes({ chainId, nonce, expiry })),
        ),
      },
    });
  const challenge = async () =>
    (await api.inject({ method: 'POST', url: '/v1/auth/challenge' })).json().nonce as string;

  const n1 = await challenge();
  assert.equal((await open(n1, 'another-chain')).json().error.code, 'AUTH_SIGNATURE_INVALID');
  // A refused attempt used the challenge up.
  assert.equal((await open(n1)).json().error.code, 'AUTH_CHALLENGE_UNKNOWN');
  assert.equal((await open('00'.repeat(32))).json().error.code, 'AUTH_CHALLENGE_UNKNOWN');
  const n2 = await challenge();
  assert.equal((await open(n2, CHAIN, keyOf('b1.m1'))).json().error.code, 'AUTH_SIGNATURE_INVALID');

  const n3 = await challenge();
  const ok = await open(n3);
  assert.equal(ok.statusCode, 200);
  const s = ok.json();
  assert.equal(s.member, 'b2.m1');
  assert.equal(s.address, addr('b2.m1'));
  assert.deepEqual(s.posts, []);
  assert.equal((await open(n3)).json().error.code, 'AUTH_CHALLENGE_UNKNOWN', 'a challenge is single use');
  const mine = q('member', 'member', { id: 'b2.m1' });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  assert.equal((await api.inject({ url: mine, headers: as(s.token) })).statusCode, 200);

  // Expired: the token is refused with its own code (the SDK signs in again on it).
  now += 61_000;
  const late = await api.inject({ url: mine, headers: as(s.token) });
  assert.equal(late.statusCode, 401);
  assert.equal(late.json().error.code, 'AUTH_SESSION_EXPIRED');
  assert.equal(
    (await api.inject({ url: mine, headers: as('made-up-token') })).json().error.code,
    'AUTH_SESSION_EXPIRED',
  );

  // Ended by its holder.
  const s2 = (await open(await challenge())).json();
  assert.equal(
    (await api.inject({ method: 'DELETE', url: '/v1/auth/session', headers: as(s2.token) })).json().ended,
    true,
  );
  assert.equal(
    (await api.inject({ url: mine, headers: as(s2.token) })).json().error.code,
    'AUTH_SESSION_EXPIRED',
  );

  // At most 3 open per client address (the test's option).
  for (let i = 0; i < 3; i++) assert.equal((await open(await challenge())).statusCode, 200);
  const over = await open(await challenge());
  assert.equal(over.statusCode, 429);
  assert.equal(over.json().error.code, 'AUTH_TOO_MANY');
});

test('the event stream sends blocks to anyone and an entity event only to its readers', async (t) => {
  const { node, api } = await setup(t);
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  const tok = await tokens(api);
  const streams = new Map<Reader, { text: string; ctrl: AbortController }>();
  for (const r of ['anonymous', 'b1.sec', 'b2.dis'] as const) {
    const ctrl = new AbortController();
    const token = tok.get(r);
    const res = await fetch(`${url}/v1/events`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: ctrl.signal,
    });
    assert.equal(res.status, 200);
    const s = { text: '', ctrl };
    streams.set(r, s);
    void (async () => {
      const dec = new TextDecoder();
      try {
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          s.text += dec.decode(value, { stream: true });
        }
      } catch {
        // aborted at the end
      }
    })();
  }
  t.after(() => {
    for (const s of streams.values()) s.ctrl.abort();
  });
  // A token in the query works too (EventSource cannot send headers).
  const viaQuery = await fetch(`${url}/v1/events?types=block&access_token=${tok.get('b2.dis')}`);
  assert.equal(viaQuery.status, 200);
  await viaQuery.body?.cancel();

  const height = await committed(api, node, await submit(api, ownUpdate('cd', 'ref-2')), OPERATOR);
  // Two blocks later every stream has had the block of the event.
  await waitForHeight(node, height + 2);
  const blockOf = (s: string) => s.includes(`"height":${height + 1}`);
  for (let i = 0; i < 200 && ![...streams.values()].every((s) => blockOf(s.text)); i++)
    await new Promise<void>((r) => setTimeout(r, 25));
  const has = (r: Reader) => streams.get(r)!.text.includes('member.ProfileUpdated');
  assert.equal(has('b2.dis'), true, 'the branch inspector sees the event');
  assert.equal(has('anonymous'), false, 'an anonymous reader does not');
  assert.equal(has('b1.sec'), false, "another branch's secretary does not");
  assert.match(streams.get('anonymous')!.text, /event: block/);
});

test('module query parameters of the wrong shape are refused with the module’s code', async (t) => {
  const { api } = await setup(t);
  const asOperator = { authorization: `Bearer ${OPERATOR}` };
  const cases: Array<[string, string, object, object]> = [
    ['member', 'member', { id: 5 }, { cause: 'MEMBER_BAD_PARAMS', field: 'id', expected: 'an opaque id' }],
    ['org', 'children', {}, { cause: 'ORG_BAD_PARAMS', field: 'id', expected: 'a value' }],
    [
      'governance',
      'proposals',
      { limit: 5000 },
      { cause: 'GOVERNANCE_BAD_PARAMS', field: 'limit', expected: 'an integer ≤ 1000' },
    ],
  ];
  for (const [module, name, params, details] of cases) {
    const res = await api.inject({ url: q(module, name, params), headers: asOperator });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'REQUEST_INVALID');
    assert.deepEqual(res.json().error.details, details);
  }
  // Well shaped, the same queries answer.
  const ok = await api.inject({ url: q('org', 'children', { id: 'c1' }), headers: asOperator });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().result, ['b1', 'zz']);
});

test('every route declares its read rule', async (t) => {
  const { api } = await setup(t);
  const rules = apiRoutes(api).map((r) => [`${r.method} ${r.url}`, r.spec?.read.rule]);
  for (const [route, rule] of rules)
    assert.ok(['public', 'signed-in', 'resource', 'operator'].includes(String(rule)), `${route}: ${rule}`);
});

test('"__proto__" in query parameters is an own key, never the prototype a module reads through', async (t) => {
  const { api } = await setup(t);
  const asOperator = { authorization: `Bearer ${OPERATOR}` };
  // Were "__proto__" to set the prototype, member.member would read id "b2.m1" through it. It is
  // an own key, and no parameter of member.member: refused by the query's shape.
  const refusedAsProto = (res: { statusCode: number; body: string; json(): unknown }) => {
    assert.equal(res.statusCode, 400, res.body);
    const { error } = res.json() as { error: { code: string; details: Record<string, unknown> } };
    assert.equal(error.code, 'REQUEST_INVALID');
    assert.deepEqual(error.details, {
      cause: 'MEMBER_BAD_PARAMS',
      field: '__proto__',
      expected: 'no such field',
    });
  };
  refusedAsProto(
    await api.inject({ url: q('member', 'member', { ['__proto__']: { id: 'b2.m1' } }), headers: asOperator }),
  );
  // The same through another member's session: nothing is read.
  const token = await signIn(api, keyOf('b2.m1'));
  refusedAsProto(
    await api.inject({
      url: `/v1/query/member/member?params=${encodeURIComponent('{"__proto__":{"id":"b1.m1"}}')}`,
      // b2.m1 may not read b1.m1: only the prototype could have read it
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  // In the query string itself: refused as an unknown parameter, and nothing is polluted.
  const qs = await api.inject({ url: '/v1/status?__proto__[x]=1&constructor[prototype][y]=2' });
  assert.ok([200, 400].includes(qs.statusCode));
  const inQuery = await api.inject({ url: '/v1/headers?__proto__=1' });
  assert.equal(inQuery.statusCode, 400);
  assert.equal(inQuery.json().error.code, 'REQUEST_INVALID');
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.equal(({} as Record<string, unknown>).y, undefined);
  // The parser itself: null-prototype objects all the way down, "__proto__" kept as data.
  type Loose = { [k: string]: Loose | undefined };
  const v = valueFromJson('{"a":{"__proto__":{"id":"m1"}},"__proto__":{"admin":true}}') as unknown as Loose;
  assert.equal(Object.getPrototypeOf(v), null);
  assert.equal(Object.getPrototypeOf(v.a), null);
  assert.equal(v.admin, undefined);
  assert.equal(v.a?.id, undefined);
  assert.deepEqual(Object.keys(v), ['a', '__proto__']);
  assert.deepEqual(Object.keys(Object.getOwnPropertyDescriptor(v.a, '__proto__')?.value), ['id']);
});

test('attachments: the record and the content, read by each kind of reader, answer as written here', async (t) => {
  const { node, api } = await setup(t);
  const tok = await tokens(api);
  const { createHash } = await import('node:crypto');
  // Four attachments of b2 (under 党总支 zz), registered by b2's 纪检委员, one per scope.
  const content = (scope: string) => new TextEncoder().encode(`b2 的附件（${scope}）`);
  const scopes: Array<[string, object]> = [
    ['org', {}],
    ['public', {}],
    ['community', {}],
    ['members', { members: ['b1.m1'] }],
  ];
  const hashes = new Map<string, string>();
  let last = '';
  for (const [i, [scope, extra]] of scopes.entries()) {
    const bytes = content(scope);
    const hash = createHash('sha256').update(bytes).digest('hex');
    hashes.set(scope, hash);
    const tx = signTx(suite, keyOf('b2.dis').secretKey, {
      chainId: CHAIN,
      module: 'attachment',
      action: 'register',
      params: { hash, size: bytes.length, mediaType: 'text/plain', org: 'b2', scope, ...extra },
      signer: keyOf('b2.dis').publicKey,
      nonce: i,
      expiry: 1_000_000,
    });
    last = await submit(api, tx);
  }
  await committed(api, node, last, OPERATOR);
  for (const [scope] of scopes) {
    const up = await api.inject({
      method: 'POST',
      url: `/v1/attachments/${hashes.get(scope)}`,
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(content(scope)),
    });
    assert.equal(up.statusCode, 200, up.body);
  }

  //                                  anon c.sec zz.sec b1.sec b2.dis b1.m1 b2.m1 stranger
  const want: Record<string, Record<Reader, number>> = {
    // b2's members and the posts of b2, zz and c1 above it.
    org: row(401, 200, 200, 403, 200, 403, 200, 403),
    public: row(200, 200, 200, 200, 200, 200, 200, 200),
    // Every Party member of the chain; a key that is no member's is refused.
    community: row(401, 200, 200, 200, 200, 200, 200, 403),
    // The member named (b1.m1, of another branch) and the posts above b2; not b2's other member.
    members: row(401, 200, 200, 403, 200, 200, 403, 403),
  };
  const wrong: string[] = [];
  for (const [scope] of scopes) {
    const hash = hashes.get(scope)!;
    const urls = [`/v1/attachments/${hash}`, q('attachment', 'attachment', { hash })];
    const more = (res: Answer, url: string, expected: number) => {
      if (expected === 403 && res.json().error.details?.what !== `attachment:${hash}`)
        return `${scope}: details ${JSON.stringify(res.json().error.details)}`;
      if (
        expected === 200 &&
        url.startsWith('/v1/attachments/') &&
        res.body !== new TextDecoder().decode(content(scope))
      )
        return `${scope}: another content`;
      return undefined;
    };
    wrong.push(
      ...(await wrongReads(
        api,
        tok,
        urls.map((url) => [url, want[scope]!] as const),
        more,
      )),
    );
  }
  assert.deepEqual(wrong, []);
  // An upload needs a session of a reader: anonymous is refused before a byte is stored.
  const anon = await api.inject({
    method: 'POST',
    url: `/v1/attachments/${hashes.get('public')}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(content('public')),
  });
  assert.equal(anon.json().error.code, 'AUTH_REQUIRED');
});
