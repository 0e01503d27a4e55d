/**
 * Fuzz of every API route (fast-check, bounded runs): random path segments, query parameters
 * (the documented ones, "__proto__", anything), module query parameters, bodies and tokens, sent
 * through inject() to a node running the real modules, anonymously and as the operator. Never a
 * 5xx, never a crash, and every refusal is the JSON error envelope with a registry code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import type { GenesisDoc } from '@djchain/runtime';
import fc from 'fast-check';
import { apiRoutes } from '../src/api/server.ts';
import { API_ERRORS, buildApi, openNode } from '../src/index.ts';
import { CHAIN, T0, tempDir, waitForHeight } from './helpers.ts';

const suite = getSuite('intl');
const OPERATOR = 'operator-token-of-the-fuzz-test-0123456789';
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

function genesis(): { doc: GenesisDoc; key: ReturnType<typeof suite.keyPairFromSeed> } {
  const key = suite.keyPairFromSeed(new Uint8Array(32).fill(1));
  const m = suite.keyPairFromSeed(new Uint8Array(32).fill(2));
  const doc = {
    chainId: CHAIN,
    suite: suite.id,
    time: T0,
    validators: { validators: [{ publicKey: key.publicKey, power: 1, name: 'v0' }] },
    modules: {
      org: {
        orgs: [
          {
            id: 'c1',
            name: '社区党委',
            kind: '党委',
            parent: null,
            community: true,
            termStart: '2021-06-01',
          },
          { id: 'b1', name: '第一党支部', kind: '党支部', parent: 'c1', termStart: '2021-06-01' },
        ],
        posts: [{ org: 'c1', member: 'm1', post: '书记', since: '2021-06-01' }],
      },
      member: {
        members: [
          {
            id: 'm1',
            org: 'b1',
            address: addressOf(suite, m.publicKey),
            status: '正式党员',
            since: '2010-07-01',
          },
        ],
      },
      recruitment: { activeVersion: '2014' },
    },
  } as unknown as GenesisDoc;
  return { doc, key };
}

const QUERIES = [
  'org/org',
  'org/children',
  'org/posts',
  'org/postsOf',
  'org/history',
  'member/member',
  'member/byAddress',
  'recruitment/process',
  'recruitment/ruleSets',
  'recruitment/effectiveParams',
  'discipline/sanctions',
  'discipline/effects',
  'discipline/commission',
  'transfer/transfer',
  'transfer/responsible',
  'evidence/list',
  'evidence/jailed',
  'governance/params',
  'governance/proposals',
  'governance/proposal',
  'governance/validators',
];
const NAMES = [
  'from',
  'to',
  'height',
  'key',
  'params',
  'timeoutMs',
  'entity',
  'types',
  'limit',
  'root',
  'access_token',
];

const word = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'm1',
    'b1',
    'c1',
    'member:m1',
    'org:b1',
    'validator:00',
    '__proto__',
    'constructor',
    '0',
    '1',
    '-1',
    '99999999999',
    'ab'.repeat(32),
    'acct/00',
    'sys/chain',
    'hist/member:m1',
    'block,event',
    '1.5',
    'null',
    '%',
    '..',
  ),
  fc.integer().map(String),
);
const moduleParams = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        id: word,
        member: word,
        org: word,
        address: word,
        on: word,
        branch: word,
        version: word,
        limit: fc.integer(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.constant('{"__proto__":{"id":"m1"}}'),
  fc.string({ maxLength: 60 }),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...NAMES, '__proto__', 'constructor'), fc.string({ maxLength: 10 })),
  word,
  {
    maxKeys: 4,
  },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.record({ txs: fc.array(word, { maxLength: 3 }) }).map((o) => JSON.stringify(o)),
  fc
    .record(
      { publicKey: word, nonce: word, expiry: fc.oneof(fc.integer(), word), signature: word },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);
const token = fc.oneof(fc.constant(undefined), fc.constant(OPERATOR), fc.string({ maxLength: 30 }));

test('fuzz: every route and query parameter answers < 500 with the envelope on refusal', async (t) => {
  const { doc, key } = genesis();
  const node = openNode(
    { dataDir: tempDir(t), genesis: doc, modules: allModules, driver: { emptyBlockIntervalMs: 20 } },
    { key },
  );
  // No stream is ever opened (inject would wait for its end): every events request is refused
  // after its parameters were checked.
  const api = buildApi(node, { operatorToken: OPERATOR, events: { maxClientsPerClient: 0 } });
  t.after(async () => {
    await api.close();
    node.close();
  });
  await api.ready();
  await waitForHeight(node, 2);
  const routes = apiRoutes(api).map((r) => ({ method: r.method, url: r.url }));
  assert.ok(routes.length >= 18, `${routes.length} routes`);
  const seen = new Set<string>();

  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: routes.length - 1 }),
      fc.array(word, { minLength: 3, maxLength: 3 }),
      fc.constantFrom(...QUERIES),
      query,
      moduleParams,
      body,
      token,
      async (i, segments, qname, q, params, payload, tok) => {
        const route = routes[i]!;
        seen.add(`${route.method} ${route.url}`);
        let n = 0;
        let path = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(segments[n++]!));
        if (route.url === '/v1/query/:module/:name' && segments[2]!.length % 2 === 0)
          path = `/v1/query/${qname}`;
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(q)) search.append(k, v);
        if (path.startsWith('/v1/query/') && !search.has('params')) search.set('params', params);
        const url = search.size > 0 ? `${path}?${search}` : path;
        const res = await api.inject({
          method: route.method as 'GET',
          url,
          headers: {
            ...(tok !== undefined ? { authorization: `Bearer ${tok}` } : {}),
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(payload !== undefined ? { payload } : {}),
        });
        const what = `${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        assert.ok(res.statusCode < 500, what);
        if (res.statusCode >= 400) {
          const e = res.json().error;
          assert.equal(typeof e?.message, 'string', what);
          assert.ok(Object.hasOwn(API_ERRORS, e.code), what);
          assert.equal(API_ERRORS[e.code as keyof typeof API_ERRORS].status, res.statusCode, what);
        }
      },
    ),
    { numRuns: RUNS, ...(process.env.FUZZ_RUNS ? {} : { seed: 20261203 }) },
  );
  assert.equal(seen.size, routes.length, 'every route was tried');
  assert.equal(({} as Record<string, unknown>).id, undefined, 'no prototype was polluted');
});
