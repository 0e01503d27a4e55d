/** The HTTP API through inject() and over a real socket; the error registry against API.md. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { verifyDossier } from '@djchain/client';
import { decode, fromHex, toHex } from '@djchain/crypto';
import {
  decodeHeader,
  decodeReceipt,
  decodeValidatorSet,
  encodeTx,
  headerHash,
  merkleProofFromValue,
  receiptHash,
  txHash,
  verifyMerkleProof,
} from '@djchain/ledger';
import { decodeProof, verifyProof } from '@djchain/state';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { API_ERRORS, buildApi } from '../src/index.ts';
import { keyOf, Signer, startNode, tempDir, waitForHeight } from './helpers.ts';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

const OPERATOR = 'operator-token-of-the-api-tests-0123456789';

/** These tests read as the node's operator (everything); who may read what is api-access.test.ts. */
function setup(t: Parameters<typeof tempDir>[0]) {
  const node = startNode(tempDir(t));
  const api = buildApi(node, { operatorToken: OPERATOR });
  t.after(async () => {
    await api.close();
    node.close();
  });
  const op = (o: InjectOptions): Promise<LightMyRequestResponse> =>
    api.inject({ ...o, headers: { authorization: `Bearer ${OPERATOR}`, ...(o.headers ?? {}) } });
  return { node, api, op, signer: new Signer(node.suite) };
}

test('every registry code is documented in API.md and every documented code is in the registry', () => {
  const doc = readFileSync(new URL('../API.md', import.meta.url), 'utf8');
  const documented = new Set(
    [...doc.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`),
  );
  const registry = new Set(Object.entries(API_ERRORS).map(([code, spec]) => `${code} ${spec.status}`));
  assert.deepEqual(
    [...registry].filter((c) => !documented.has(c)),
    [],
    'in the registry, not in API.md',
  );
  assert.deepEqual(
    [...documented].filter((c) => !registry.has(c)),
    [],
    'in API.md, not in the registry',
  );
});

test('submit, wait, receipt with proof, state with proof, headers, blocks, validators, query', async (t) => {
  const { node, op, signer } = setup(t);
  const { suite } = node;
  const alice = keyOf(suite, 1);
  const tx = signer.tx(alice, 'put', { id: 'm1', value: '党员' });
  const bad = signer.tx(alice, 'put', { id: 'BAD!', value: '' });
  const res = await op({
    method: 'POST',
    url: '/v1/txs',
    payload: { txs: [b64(encodeTx(tx)), 'not base64!', b64(encodeTx(bad))] },
  });
  assert.equal(res.statusCode, 200);
  const { results } = res.json();
  const hash = toHex(txHash(suite, tx));
  assert.deepEqual(results[0], { hash, accepted: true });
  assert.equal(results[1].accepted, false);
  assert.equal(results[1].error.code, 'TX_MALFORMED');
  assert.equal(results[2].error.code, 'KV_BAD_PARAMS');
  assert.equal(results[2].hash, toHex(txHash(suite, bad)));

  const waited = await op({ url: `/v1/txs/${hash}/wait?timeoutMs=30000` });
  assert.equal(waited.statusCode, 200);
  const body = waited.json();
  assert.equal(body.status, 'committed');
  const header = decodeHeader(unb64(body.header));
  const receipt = decodeReceipt(unb64(body.receipt));
  assert.equal(receipt.status, 'ok');
  const proof = merkleProofFromValue(decode(unb64(body.receiptProof)));
  assert.ok(verifyMerkleProof(suite, header.receiptRoot, receiptHash(suite, receipt), proof));
  assert.deepEqual((await op({ url: `/v1/txs/${hash}` })).json(), body);

  const st = (await op({ url: `/v1/state?key=kv/item/m1&height=${body.height}` })).json();
  const stHeader = decodeHeader(unb64(st.header));
  const value = unb64(st.value);
  assert.ok(
    verifyProof(
      (d) => suite.hash(d),
      stHeader.stateRoot,
      new TextEncoder().encode('kv/item/m1'),
      value,
      decodeProof(unb64(st.proof)),
    ),
  );
  assert.equal((decode(value) as { value: string }).value, '党员');
  const absent = (await op({ url: `/v1/state?key=kv/item/none` })).json();
  assert.equal(absent.value, null);

  const status = (await op({ url: '/v1/status' })).json();
  assert.equal(status.chainId, 'dj-node-test');
  assert.equal(status.nodeId, node.nodeId);
  assert.ok(status.height >= body.height);
  const headers = (await op({ url: `/v1/headers?from=1&to=${body.height}` })).json().headers;
  assert.equal(headers.length, body.height);
  assert.equal(
    toHex(headerHash(suite, decodeHeader(unb64(headers.at(-1))))),
    toHex(headerHash(suite, header)),
  );
  const blk = await op({ url: `/v1/blocks/${body.height}` });
  assert.equal(blk.statusCode, 200);
  const vs = (await op({ url: '/v1/validators?height=1' })).json();
  assert.equal(toHex(decodeValidatorSet(unb64(vs.validatorSet)).validators[0]!.publicKey), node.nodeId);
  const q = (await op({ url: `/v1/query/kv/item?params=${encodeURIComponent('{"id":"m1"}')}` })).json();
  assert.equal(q.result.value, '党员');
  assert.equal(q.result.by.length, 40);
  assert.ok(fromHex(q.result.by));

  // The member's dossier verifies offline against the genesis validator set.
  const dres = await op({ url: `/v1/dossier/member:m1?height=${body.height}` });
  assert.equal(dres.statusCode, 200);
  const verdict = verifyDossier(unb64(dres.json().dossier), {
    suite,
    chainId: 'dj-node-test',
    validatorSets: [node.app.validators(body.height)],
  });
  assert.ok(verdict.ok, JSON.stringify(verdict.ok ? '' : verdict));
  assert.equal(verdict.events.length, 1);
  assert.equal(verdict.events[0]!.type, 'Put');
  const none = await op({ url: '/v1/dossier/member:nobody' });
  assert.equal(none.json().error.code, 'ENTITY_NOT_FOUND');
});

test('errors are coded, with registry statuses and no stack traces', async (t) => {
  const { op, node, signer } = setup(t);
  const cases: Array<[string, number, string]> = [
    [`/v1/txs/${'ab'.repeat(32)}`, 404, 'TX_NOT_FOUND'],
    ['/v1/txs/XYZ', 400, 'REQUEST_INVALID'],
    ['/v1/blocks/999999', 404, 'HEIGHT_NOT_FOUND'],
    ['/v1/blocks/abc', 400, 'REQUEST_INVALID'],
    ['/v1/state', 400, 'REQUEST_INVALID'],
    ['/v1/query/kv/nope', 404, 'QUERY_NOT_FOUND'],
    ['/v1/query/kv/item?params=%7Bbad', 400, 'REQUEST_INVALID'],
    ['/v1/nothing', 404, 'ROUTE_NOT_FOUND'],
  ];
  for (const [url, status, code] of cases) {
    const res = await op({ url });
    assert.equal(res.statusCode, status, url);
    assert.equal(res.json().error.code, code, url);
    assert.equal(API_ERRORS[code as keyof typeof API_ERRORS].status, status);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
  }
  const empty = await op({ method: 'POST', url: '/v1/txs', payload: { txs: [] } });
  assert.equal(empty.json().error.code, 'REQUEST_INVALID');
  const notJson = await op({
    method: 'POST',
    url: '/v1/txs',
    payload: '{',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(notJson.statusCode, 400);
  assert.equal(notJson.json().error.code, 'REQUEST_INVALID');
  // A transaction that stays pending: its nonce waits for a missing one.
  const key = keyOf(node.suite, 3);
  signer.tx(key, 'put', { id: 'gap', value: '' });
  const later = signer.tx(key, 'put', { id: 'later', value: '' });
  const sub = (await op({ method: 'POST', url: '/v1/txs', payload: { txs: [b64(encodeTx(later))] } })).json();
  assert.equal(sub.results[0].accepted, true);
  const again = (
    await op({ method: 'POST', url: '/v1/txs', payload: { txs: [b64(encodeTx(later))] } })
  ).json();
  assert.equal(again.results[0].error.code, 'MEMPOOL_DUPLICATE');
  const wait = await op({ url: `/v1/txs/${sub.results[0].hash}/wait?timeoutMs=50` });
  assert.equal(wait.statusCode, 408);
  assert.equal(wait.json().error.code, 'TX_WAIT_TIMEOUT');
  assert.equal((await op({ url: `/v1/txs/${sub.results[0].hash}` })).json().status, 'pending');
});

test('served over a real socket on 127.0.0.1, with /healthz and /metrics', async (t) => {
  const { api, node, op } = setup(t);
  await waitForHeight(node, 1);
  // One key listing, twice: each is counted, and the first is read from the database.
  for (let i = 0; i < 2; i++) {
    assert.equal((await op({ url: '/v1/query/kv/ids' })).statusCode, 200);
  }
  const address = await api.listen({ host: '127.0.0.1', port: 0 });
  assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
  const health = await (await fetch(`${address}/healthz`)).json();
  assert.equal(health.ok, true);
  const metrics = await (await fetch(`${address}/metrics`)).text();
  assert.match(metrics, /djchain_height \d+/);
  assert.match(metrics, /djchain_mempool_txs 0/);
  assert.match(metrics, /djchain_gossip_received_txs_total 0/);
  // A node without peers refuses no relays, and its empty blocks checked no signature.
  assert.match(metrics, /^djchain_gossip_refused_txs_total 0$/m);
  assert.match(metrics, /^djchain_execution_signature_checks_total 0$/m);
  // Each block's start hook reads state: some reads happened, and no more went to the database.
  const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1]);
  assert.ok(counter('djchain_state_reads_total') > 0);
  assert.ok(counter('djchain_state_reads_database_total') > 0);
  assert.ok(counter('djchain_state_reads_database_total') <= counter('djchain_state_reads_total'));
  // Both listings counted; the first (at least) went to the database.
  assert.ok(counter('djchain_state_listings_total') >= 2);
  assert.ok(counter('djchain_state_listings_database_total') >= 1);
  assert.ok(counter('djchain_state_listings_database_total') <= counter('djchain_state_listings_total'));
  assert.match(metrics, /djchain_nodejs_eventloop_lag_seconds/);
  const status = await (await fetch(`${address}/v1/status`)).json();
  assert.equal(status.suite, 'intl');
});
