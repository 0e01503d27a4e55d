/**
 * The route table (@djchain/client/routes) held to the server and the SDK: the node serves exactly
 * the table's routes with the table's specs; the OpenAPI document and the SDK follow the table, so
 * a route added to it appears in both; and for every route the SDK's URL and the server agree —
 * each called through the SDK against the real API (buildApi over a real node, on a socket), the
 * answer checked by the SDK against the route's schema.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  type ChainEvent,
  DjchainClient,
  isClientError,
  ROUTES,
  type RouteId,
  type RouteSpec,
  routeUrl,
} from '@djchain/client';
import { getSuite } from '@djchain/crypto';
import Fastify from 'fastify';
import { openApiDocument } from '../src/api/openapi.ts';
import { serveRoutes } from '../src/api/route.ts';
import { apiRoutes } from '../src/api/server.ts';
import { buildApi } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, startNode, tempDir } from './helpers.ts';

const OPERATOR = 'operator-token-of-the-route-tests-0123456789';

/** A route no node serves: what a developer adds to the table. */
const extra = {
  method: 'GET',
  path: '/v1/things/:kind/:id',
  params: {
    type: 'object',
    required: ['kind', 'id'],
    properties: { kind: { type: 'string' }, id: { type: 'string' } },
  },
  query: { type: 'object', additionalProperties: false, properties: { n: { type: 'integer' } } },
  response: {
    type: 'object',
    required: ['kind', 'id', 'n'],
    properties: { kind: { type: 'string' }, id: { type: 'string' }, n: { type: 'integer' } },
  },
  tag: 'chain',
  summary: 'A thing',
  errors: ['HEIGHT_NOT_FOUND'],
  read: { rule: 'public', who: 'anyone' },
} as const satisfies RouteSpec;

const suite = getSuite('intl');
const trust = { kind: 'genesis', validators: genesisFor(suite, [keyOf(suite, 0)]).validators } as const;

async function realApi(t: TestContext) {
  const node = startNode(tempDir(t));
  const api = buildApi(node, { operatorToken: OPERATOR });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await api.close();
    node.close();
  });
  const client = (token?: string) =>
    new DjchainClient({
      baseUrl: url,
      suite,
      chainId: CHAIN,
      trust,
      // Generous: under a loaded machine the first submit also starts the verification workers.
      requestTimeoutMs: 60_000,
      ...(token ? { token } : {}),
    });
  return { node, api, url, client };
}

describe('the route table', () => {
  it('the node serves exactly the table, each route under its own spec', async (t) => {
    const { api } = await realApi(t);
    const served = apiRoutes(api);
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    assert.deepEqual(
      served.map((r) => key({ method: r.method, path: r.url })).sort(),
      Object.values(ROUTES).map(key).sort(),
    );
    for (const r of served) {
      const id = (Object.keys(ROUTES) as RouteId[]).find((k) => key(ROUTES[k]) === `${r.method} ${r.url}`);
      assert.equal(
        r.spec,
        id === undefined ? undefined : ROUTES[id],
        `${r.method} ${r.url} carries its spec`,
      );
    }
  });

  it('a route added to the table appears in the OpenAPI document and in the SDK', async (t) => {
    const info = { title: 't', version: '0', description: 'd' };
    const before = openApiDocument(info) as { paths: Record<string, Record<string, unknown>> };
    assert.equal(before.paths['/v1/things/{kind}/{id}'], undefined);
    const after = openApiDocument(info, [...Object.values(ROUTES), extra]) as {
      paths: Record<
        string,
        Record<string, { parameters: Array<{ name: string; in: string }>; responses: object }>
      >;
    };
    const op = after.paths['/v1/things/{kind}/{id}']?.get;
    assert.ok(op, 'the new path is in the document');
    assert.deepEqual(
      op.parameters.map((p) => `${p.in}:${p.name}`),
      ['path:kind', 'path:id', 'query:n'],
    );
    // 408: REQUEST_TIMEOUT, the server's answer on a connection no whole request arrived on (any route).
    assert.deepEqual(Object.keys(op.responses), ['200', '400', '404', '408', '500', '503']);

    // The SDK calls it from the table alone: URL from the path, answer checked by the schema.
    assert.equal(routeUrl(extra, { kind: 'a b', id: 'x/y' }, { n: 3 }), '/v1/things/a%20b/x%2Fy?n=3');
    const app = Fastify();
    serveRoutes(app, { extra }, { extra: async (req) => ({ ...(req.params as object), n: 7 }) });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    t.after(() => app.close());
    const client = new DjchainClient({ baseUrl: url, suite, chainId: CHAIN, trust });
    assert.deepEqual(await client.call(extra, { params: { kind: 'a b', id: 'x' }, query: { n: 3 } }), {
      kind: 'a b',
      id: 'x',
      n: 7,
    });
    // A server that drifted from the table (no schema of its own): the SDK refuses its answer.
    const drifted = Fastify();
    drifted.get(extra.path, async () => ({ kind: 'k', id: 'x', n: 'seven' }));
    const driftedUrl = await drifted.listen({ host: '127.0.0.1', port: 0 });
    t.after(() => drifted.close());
    const misled = new DjchainClient({ baseUrl: driftedUrl, suite, chainId: CHAIN, trust });
    await assert.rejects(
      misled.call(extra, { params: { kind: 'k', id: 'x' } }),
      (e) => isClientError(e, 'CLIENT_BAD_RESPONSE') && /answer\.n: expected integer/.test(e.message),
    );
  });

  it('a route of the table without a handler, or a handler without a route, fails the build', () => {
    assert.throws(
      () => serveRoutes(Fastify(), { extra }, {} as never),
      (e: Error & { code?: string }) => e.code === 'INTERNAL' && /extra has no handler/.test(e.message),
    );
    assert.throws(
      () => serveRoutes(Fastify(), {}, { extra: async () => ({}) } as never),
      (e: Error & { code?: string }) => e.code === 'INTERNAL' && /not in the table/.test(e.message),
    );
  });

  it('the SDK and the server agree on every route of the table', async (t) => {
    const { node, client } = await realApi(t);
    const operator = client(OPERATOR);
    const member = keyOf(suite, 40);
    const put = await operator.send(
      { module: 'kv', action: 'put', params: { id: 'm1', value: '谈话' } },
      member,
    );
    const height = node.app.height();
    const signedIn = client();
    await signedIn.signIn(keyOf(suite, 41));
    const { nonce } = (await operator.call(ROUTES.authChallenge, {})) as { nonce: string };
    assert.match(nonce, /^[0-9a-f]{64}$/);
    const hash = put.hash;

    // One call per route, through the SDK; a route added to the table needs its line here (tsc).
    const calls: { readonly [K in RouteId]: () => Promise<unknown> } = {
      status: () => operator.call(ROUTES.status, {}),
      headers: () => operator.call(ROUTES.headers, { query: { from: 1, to: height } }),
      block: () => operator.call(ROUTES.block, { params: { height: put.height } }),
      commit: () => operator.call(ROUTES.commit, { params: { height: put.height } }),
      blocks: () => operator.call(ROUTES.blocks, { query: { to: height, limit: 3 } }),
      validators: () => operator.call(ROUTES.validators, { query: { height: 1 } }),
      state: () => operator.call(ROUTES.state, { query: { key: 'hist/member:m1', height: put.height } }),
      query: () =>
        operator.call(ROUTES.query, {
          params: { module: 'kv', name: 'item' },
          query: { params: JSON.stringify({ id: 'm1' }) },
        }),
      portal: () => operator.call(ROUTES.portal, {}),
      // A chain without the disclosure module: an empty feed (round trip: disclosure-feed.test.ts).
      disclosureFeed: () => operator.call(ROUTES.disclosureFeed, {}),
      orgMembers: () => operator.call(ROUTES.orgMembers, { params: { org: 'c1' } }),
      orgCases: () => operator.call(ROUTES.orgCases, { params: { org: 'c1' } }),
      dossier: () => operator.call(ROUTES.dossier, { params: { entity: 'member:m1' } }),
      submitTxs: () => operator.call(ROUTES.submitTxs, { body: { txs: ['AAAA'] } }),
      tx: () => operator.call(ROUTES.tx, { params: { hash } }),
      txWait: () => operator.call(ROUTES.txWait, { params: { hash }, query: { timeoutMs: 100 } }),
      authChallenge: () => operator.call(ROUTES.authChallenge, {}),
      authSession: () => signedIn.signIn(keyOf(suite, 42)),
      authEnd: () => signedIn.call(ROUTES.authEnd, {}),
      events: () =>
        new Promise<ChainEvent>((resolve, reject) => {
          const stop = operator.subscribe({ types: ['block'], onError: reject }, (e) => {
            stop();
            resolve(e);
          });
        }),
      healthz: () => operator.call(ROUTES.healthz, {}),
      metrics: () => operator.call(ROUTES.metrics, {}),
      index: () => operator.call(ROUTES.index, {}),
      openapi: () => operator.call(ROUTES.openapi, {}),
      docs: () => operator.call(ROUTES.docs, {}),
      // No attachment is registered on this kv chain: the route answers its own coded 404 (not
      // ROUTE_NOT_FOUND), so URL and method agree. Round trips: attachments*.test.ts.
      attachmentPut: () =>
        operator
          .call(ROUTES.attachmentPut, { params: { hash: 'ab'.repeat(32) }, body: new Uint8Array([1, 2, 3]) })
          .catch((e: { apiCode?: string }) => e.apiCode),
      attachmentGet: () =>
        operator
          .call(ROUTES.attachmentGet, { params: { hash: 'ab'.repeat(32) } })
          .catch((e: { apiCode?: string }) => e.apiCode),
    };
    assert.deepEqual(Object.keys(calls).sort(), Object.keys(ROUTES).sort());
    const answers = new Map<RouteId, unknown>();
    for (const id of Object.keys(calls) as RouteId[]) answers.set(id, await calls[id]());

    // A few answers by hand, beyond the schema checks the SDK made on each.
    assert.deepEqual(answers.get('index'), {
      name: 'Dangjian Chain node API',
      version: '1.0.0',
      docs: '/docs',
      openapi: '/openapi.json',
      health: '/healthz',
    });
    assert.equal((answers.get('tx') as { status: string }).status, 'committed');
    assert.equal((answers.get('headers') as { headers: string[] }).headers.length, height);
    assert.deepEqual(answers.get('submitTxs'), {
      results: [
        {
          accepted: false,
          error: { code: 'TX_MALFORMED', message: 'not a canonical transaction in base64' },
        },
      ],
    });
    assert.deepEqual(answers.get('authEnd'), { ended: true });
    assert.equal((answers.get('events') as { kind: string }).kind, 'block');
    assert.match(answers.get('metrics') as string, /^# HELP /m);
    assert.match(answers.get('docs') as string, /^<!doctype html>/i);
    assert.equal((answers.get('openapi') as { openapi: string }).openapi, '3.1.0');
    assert.equal(answers.get('attachmentPut'), 'ATTACHMENT_NOT_FOUND');
    assert.equal(answers.get('attachmentGet'), 'ATTACHMENT_NOT_FOUND');
  });
});

describe('the API root', () => {
  it('answers an index pointing to /docs and /openapi.json instead of 404', async (t) => {
    const { api } = await realApi(t);
    const res = await api.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.deepEqual(res.json(), {
      name: 'Dangjian Chain node API',
      version: '1.0.0',
      docs: '/docs',
      openapi: '/openapi.json',
      health: '/healthz',
    });
    for (const path of ['/docs', '/openapi.json', '/healthz'])
      assert.equal((await api.inject({ url: path })).statusCode, 200, path);
  });
});
