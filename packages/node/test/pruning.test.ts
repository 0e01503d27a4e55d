/**
 * State retention: a node keeping 5 versions prunes the rest in bounded steps after commits.
 * Retained versions keep their roots and verifiable proofs; pruned ones answer
 * STATE_VERSION_PRUNED (also through the API); validator sets of every height stay known.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { getSuite, toHex } from '@djchain/crypto';
import { decodeHeader, encodeTx, validatorSetHash } from '@djchain/ledger';
import { decodeProof, isStateError, verifyProof } from '@djchain/state';
import { kvModule } from '@djchain/testkit/kv';
import { buildApi, defaultRetentionOptions, openNode, retainFrom } from '../src/index.ts';
import { genesisFor, keyOf, Signer, tempDir, waitForCommit } from './helpers.ts';

const utf8 = new TextEncoder();

test('retention keeps the latest versions and the served snapshot version', () => {
  const o = { ...defaultRetentionOptions, keepVersions: 10, snapshotPinVersions: 50 };
  assert.equal(retainFrom(100, o, undefined), 91);
  assert.equal(retainFrom(100, o, 95), 91);
  assert.equal(retainFrom(100, o, 60), 60, 'a snapshot being served is kept');
  assert.equal(retainFrom(100, o, 40), 91, 'an old served snapshot is not pinned for ever');
  assert.equal(retainFrom(5, o, undefined), 0);
  assert.equal(retainFrom(100, { ...o, keepVersions: 0 }, undefined), 0, '0 keeps everything');
});

test('pruned in bounded steps: retained proofs verify, roots unchanged, pruned versions refused', async (t) => {
  const dir = tempDir(t);
  const suite = getSuite('intl');
  const key = keyOf(suite, 0);
  const genesis = genesisFor(suite, [key]);
  const node = openNode(
    {
      dataDir: dir,
      genesis,
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 10 },
      retention: { keepVersions: 5, stepVersions: 3 },
    },
    { key },
  );
  t.after(() => node.close());
  const roots = new Map<number, string>();
  node.events.on('commit', (e) =>
    roots.set(
      e.executed.block.header.height,
      toHex(node.app.store.tree.root(e.executed.block.header.height)),
    ),
  );
  // Values that change over the heights (the kv module also counts blocks in kv/blocks).
  const signer = new Signer(suite);
  const user = keyOf(suite, 9);
  for (let i = 0; i < 6; i++) {
    const tx = signer.tx(user, 'put', { id: `m${i % 2}`, value: `v${i}` });
    const [r] = await node.mempool.addEncoded([tx], [encodeTx(tx)]);
    assert.ok(r?.ok, JSON.stringify(r));
    await waitForCommit(node, (e) => e.executed.block.txs.length > 0, 20);
  }
  await waitForCommit(node, () => node.app.store.prunedBefore() >= 12, 100);
  node.driver.stop();
  await tick();
  for (let i = 0; i < 20 && node.pruner.step().versions > 0; i++);
  const latest = node.app.height();
  const from = node.app.store.prunedBefore();
  assert.equal(from, latest - 4, 'exactly the latest 5 versions are kept');
  assert.equal(node.app.store.nodes.versions()?.oldest, from);
  assert.ok(node.pruner.stats().nodes > 0 && node.pruner.stats().values > 0);

  // Reads as the node's operator (module state and queries are not public: api-access.test.ts).
  const operatorToken = 'operator-token-of-the-pruning-test-0123456789';
  const api = buildApi(node, { operatorToken });
  const asOperator = { authorization: `Bearer ${operatorToken}` };
  t.after(() => api.close());
  const hasher = (d: Uint8Array) => suite.hash(d);
  for (let v = from; v <= latest; v++) {
    const header = node.app.store.blocks.getHeader(v)!;
    assert.equal(toHex(node.app.store.tree.root(v)), roots.get(v), `root of ${v} unchanged`);
    assert.equal(toHex(header.stateRoot), roots.get(v));
    for (const k of ['kv/blocks', 'kv/item/m0', 'kv/item/m1', 'kv/item/none']) {
      const res = await api.inject({ url: `/v1/state?key=${k}&height=${v}`, headers: asOperator });
      assert.equal(res.statusCode, 200, `${k} at ${v}`);
      const body = res.json();
      const value = body.value === null ? undefined : Buffer.from(body.value, 'base64');
      const proof = decodeProof(Buffer.from(body.proof, 'base64'));
      assert.ok(
        verifyProof(
          hasher,
          decodeHeader(Buffer.from(body.header, 'base64')).stateRoot,
          utf8.encode(k),
          value,
          proof,
        ),
      );
    }
    assert.equal(
      (await api.inject({ url: `/v1/query/kv/ids?height=${v}`, headers: asOperator })).statusCode,
      200,
    );
  }
  for (let v = 1; v < from; v++) {
    assert.throws(
      () => node.app.store.tree.get(utf8.encode('kv/blocks'), v),
      (e) => isStateError(e, 'STATE_VERSION_PRUNED'),
    );
    for (const url of [`/v1/state?key=kv/blocks&height=${v}`, `/v1/query/kv/ids?height=${v}`]) {
      const res = await api.inject({ url, headers: asOperator });
      assert.equal(res.statusCode, 410, url);
      assert.equal(res.json().error.code, 'STATE_VERSION_PRUNED', url);
    }
  }
  // Validator sets of every height stay known (light clients and header walks start at genesis).
  const want = toHex(validatorSetHash(suite, genesis.validators));
  for (let h = 1; h <= latest + 1; h++) {
    assert.equal(toHex(validatorSetHash(suite, node.app.validators(h))), want, `set of height ${h}`);
  }
  assert.equal((await api.inject({ url: '/v1/validators?height=1' })).statusCode, 200);
});
