/**
 * The SDK (@djchain/client DjchainClient) against the real API: buildApi over a real in-process
 * node (sqlite store, consensus driver, mempool) listening on 127.0.0.1:0, for both suites. Every
 * answer the SDK accepts was produced and signed by the node and verified by the light client.
 * Lies a real node never tells (a changed proof, a forged header) stay in client/test/sdk.test.ts
 * with its fixture server.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  addressOf,
  buildTx,
  type ClientErrorCode,
  createKeystore,
  DjchainClient,
  HttpError,
  isClientError,
  openKeystore,
  signTransaction,
} from '@djchain/client';
import { decode, getSuite, type SuiteId } from '@djchain/crypto';
import { buildApi } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, startNode, tempDir } from './helpers.ts';

async function rejectsCode(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e) => {
    if (e instanceof HttpError && e.apiCode === code) return true;
    return isClientError(e, code as ClientErrorCode) || assert.fail(`expected ${code}, got ${String(e)}`);
  });
}

/** A real node and its API on a port of its own; the client trusts the genesis validator set. */
async function realNode(t: TestContext, suiteId: SuiteId) {
  const node = startNode(tempDir(t), suiteId);
  // The SDK reads as the node's operator here; who may read what is api-access.test.ts.
  const operatorToken = 'operator-token-of-the-sdk-tests-0123456789';
  const api = buildApi(node, { operatorToken });
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  t.after(async () => {
    await api.close();
    node.close();
  });
  const suite = getSuite(suiteId);
  const client = (chainId = CHAIN) =>
    new DjchainClient({
      baseUrl: url,
      suite,
      chainId,
      trust: { kind: 'genesis', validators: genesisFor(suite, [keyOf(suite, 0)]).validators },
      token: operatorToken,
    });
  return { node, suite, client };
}

for (const suiteId of ['intl', 'gm'] as const) {
  describe(`DjchainClient against the real API over a real node (${suiteId})`, () => {
    it('sends actions signed with a keystore key; receipts, state, dossier and queries verify', async (t) => {
      const { suite, client: clientOf } = await realNode(t, suiteId);
      const member = keyOf(suite, 40);
      const file = await createKeystore(suite, member.secretKey, '口令', { N: 2 ** 10, allowWeakKdf: true });
      const key = await openKeystore(JSON.stringify(file), '口令', suite, { allowWeakKdf: true });
      const client = clientOf();
      assert.equal((await client.status()).chainId, CHAIN);

      const r1 = await client.send(
        { module: 'kv', action: 'put', params: { id: 'm1', value: '入党申请' } },
        key,
      );
      assert.equal(r1.receipt.status, 'ok');
      assert.deepEqual(
        r1.receipt.events.map((e) => [e.type, e.entities]),
        [['Put', ['member:m1']]],
      );
      const r2 = await client.send({ module: 'kv', action: 'put', params: { id: 'm1', value: '谈话' } }, key);
      assert.ok(r2.height > r1.height);
      assert.equal(await client.nextNonce(addressOf(suite, key.publicKey)), 2);
      assert.ok(client.light.latestHeight() >= r2.height);
      assert.equal((await client.getReceipt(r1.hash)).status, 'committed');

      // State with proofs: the history head now and at the first put's height; an absent key.
      const head = await client.getState('hist/member:m1');
      assert.equal((decode(head.value!) as { count: number }).count, 2);
      const old = await client.getState('hist/member:m1', r1.height);
      assert.equal((decode(old.value!) as { count: number }).count, 1);
      assert.equal((await client.getState('hist/member:nobody')).value, undefined);

      const { verdict } = await client.getDossier('member:m1');
      assert.deepEqual(
        verdict.events.map((e) => [e.type, (e.data as { value: string }).value, e.height]),
        [
          ['Put', '入党申请', r1.height],
          ['Put', '谈话', r2.height],
        ],
      );

      const q = await client.query('kv', 'item', { id: 'm1' });
      assert.deepEqual(q.result, { value: '谈话', by: addressOf(suite, key.publicKey), at: r2.height });
    });

    it('a refused action comes back as a failed receipt with its code, cite and details', async (t) => {
      const { suite, client } = await realNode(t, suiteId);
      const r = await client().send({ module: 'kv', action: 'fail', params: {} }, keyOf(suite, 41));
      assert.equal(r.receipt.status, 'failed');
      assert.deepEqual(r.receipt.error, {
        code: 'KV_REFUSED',
        message: 'refused on purpose',
        cite: '《测试规则》第一条',
        details: { n: 1 },
      });
    });
  });
}

describe('DjchainClient: node errors and refusals from the real API', () => {
  it('unknown transaction, another chain, a used nonce, bad bytes, a wait that times out', async (t) => {
    const { suite, client: clientOf } = await realNode(t, 'intl');
    const client = clientOf();
    const member = keyOf(suite, 42);
    await rejectsCode(client.getReceipt('00'.repeat(32)), 'TX_NOT_FOUND');
    await rejectsCode(clientOf('another-chain').status(), 'CLIENT_CHAIN_MISMATCH');
    const put = { module: 'kv', action: 'put', params: { id: 'm2', value: 'x' } };
    assert.equal((await client.send(put, member)).receipt.status, 'ok');
    await rejectsCode(client.send(put, member, { nonce: 0 }), 'CLIENT_TX_REJECTED');
    const signed = signTransaction(
      suite,
      member.secretKey,
      buildTx({
        chainId: CHAIN,
        module: 'kv',
        action: 'put',
        params: { id: 'm2', value: 'x' },
        signer: member.publicKey,
        nonce: 1,
        expiry: 1_000_000,
      }),
    );
    const tampered = signed.bytes.slice();
    tampered[tampered.length - 1]! ^= 1;
    const [bad] = await client.submit([tampered]);
    assert.equal(bad!.accepted, false);
    // A gap in the nonces: admitted, pending until nonce 1 arrives, so a short wait times out.
    const gap = signTransaction(
      suite,
      member.secretKey,
      buildTx({ ...put, chainId: CHAIN, signer: member.publicKey, nonce: 7, expiry: 1_000_000 }),
    );
    assert.deepEqual(await client.submit([gap]), [{ hash: gap.hash, accepted: true }]);
    assert.deepEqual(await client.getReceipt(gap.hash), { status: 'pending' });
    await rejectsCode(client.waitForReceipt(gap.hash, 300), 'TX_WAIT_TIMEOUT');
  });
});
