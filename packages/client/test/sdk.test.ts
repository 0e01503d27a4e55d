import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decode } from '@djchain/crypto';
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
} from '../src/index.ts';
import { keyOf, TestChain } from './chain.ts';
import { FixtureServer } from './fixture-server.ts';

async function rejectsCode(p: Promise<unknown>, code: ClientErrorCode | string): Promise<void> {
  await assert.rejects(p, (e) => {
    if (e instanceof HttpError && e.apiCode === code) return true;
    return isClientError(e, code as ClientErrorCode) || assert.fail(`expected ${code}, got ${String(e)}`);
  });
}

function clientFor(server: FixtureServer, url: string, chainId = server.chain.chainId): DjchainClient {
  return new DjchainClient({
    baseUrl: url,
    suite: server.chain.suite,
    chainId,
    trust: { kind: 'genesis', validators: server.chain.genesisSet },
  });
}

for (const suiteId of ['intl', 'gm'] as const) {
  describe(`DjchainClient against a real HTTP server (${suiteId})`, () => {
    const chain = new TestChain(suiteId);
    // Some history before the client arrives, with a validator-set change at height 3.
    chain.add();
    chain.add();
    chain.add({ nextSet: { keys: [0, 1, 2, 5].map((i) => keyOf(chain.suite, i)) } });
    chain.add();
    const server = new FixtureServer(chain);
    let url = '';
    before(async () => {
      url = await server.start();
    });
    after(() => server.stop());

    it('sends actions signed with a keystore key and returns receipts proved against verified headers', async () => {
      const member = keyOf(chain.suite, 40);
      const file = await createKeystore(chain.suite, member.secretKey, '口令', {
        N: 2 ** 10,
        allowWeakKdf: true,
      });
      const key = await openKeystore(JSON.stringify(file), '口令', chain.suite, { allowWeakKdf: true });
      const client = clientFor(server, url);
      assert.equal((await client.status()).height, 4);

      const r1 = await client.send({ module: 'member', action: 'apply', params: { id: 'm1' } }, key);
      assert.equal(r1.receipt.status, 'ok');
      assert.equal(r1.height, 5);
      assert.equal(r1.receipt.events[0]!.type, 'apply');
      const r2 = await client.send({ module: 'member', action: 'talk', params: { id: 'm1' } }, key);
      assert.equal(r2.height, 6);
      assert.equal(await client.nextNonce(addressOf(chain.suite, key.publicKey)), 2);
      // The light client followed the change at height 3 → 4.
      assert.equal(client.light.latestHeight(), 6);
      assert.equal(client.light.validatorSet(4)!.validators[3]!.publicKey.length, key.publicKey.length);

      const again = await client.getReceipt(r1.hash);
      assert.equal(again.status, 'committed');
    });

    it('reads state with proofs, present and absent, at the latest and an older height', async () => {
      const client = clientFor(server, url);
      const head = await client.getState('hist/member:m1');
      assert.ok(head.value);
      assert.equal((decode(head.value) as { count: number }).count, 2);
      const old = await client.getState('hist/member:m1', 5);
      assert.equal((decode(old.value!) as { count: number }).count, 1);
      const none = await client.getState('hist/member:nobody', 2);
      assert.equal(none.value, undefined);
    });

    it('fetches and verifies a dossier', async () => {
      const client = clientFor(server, url);
      const { verdict } = await client.getDossier('member:m1');
      assert.deepEqual(
        verdict.events.map((e) => e.type),
        ['apply', 'talk'],
      );
    });

    it('passes node errors through with their codes', async () => {
      const client = clientFor(server, url);
      await rejectsCode(client.getReceipt('00'.repeat(32)), 'TX_NOT_FOUND');
      await rejectsCode(clientFor(server, url, 'another-chain').status(), 'CLIENT_CHAIN_MISMATCH');
      const q = await client.query('member', 'rights', { id: 'm1' });
      assert.deepEqual(q.result, { module: 'member', name: 'rights', params: { id: 'm1' } });
    });
  });
}

describe('DjchainClient refuses what does not verify', () => {
  const chain = new TestChain('intl');
  const server = new FixtureServer(chain);
  const member = keyOf(chain.suite, 41);
  let url = '';
  let hash = '';
  before(async () => {
    url = await server.start();
    const client = clientFor(server, url);
    hash = (await client.send({ module: 'member', action: 'apply', params: { id: 'm9' } }, member)).hash;
    await client.send({ module: 'member', action: 'talk', params: { id: 'm9' } }, member);
    await client.send({ module: 'member', action: 'note', params: { id: 'm9' } }, member);
  });
  after(() => server.stop());

  const lying = async (
    lie: Parameters<FixtureServer['lies']['add']>[0],
    run: (c: DjchainClient) => Promise<unknown>,
    code: ClientErrorCode,
  ) => {
    server.lies.add(lie);
    try {
      await rejectsCode(run(clientFor(server, url)), code);
    } finally {
      server.lies.delete(lie);
    }
  };

  it('a changed state value', () =>
    lying('state-value', (c) => c.nextNonce(addressOf(chain.suite, member.publicKey)), 'CLIENT_BAD_PROOF'));
  it('a changed receipt', () => lying('receipt', (c) => c.getReceipt(hash), 'CLIENT_BAD_RECEIPT'));
  it('a forged header in a header run', () =>
    lying('headers', (c) => c.getState('hist/member:m9'), 'CLIENT_NOT_LINKED'));
  it('a header in an answer that is not the verified one', () =>
    lying('header-in-answer', (c) => c.getState('hist/member:m9'), 'CLIENT_NOT_LINKED'));
  it('a dossier with an event removed', () =>
    lying('dossier', (c) => c.getDossier('member:m9'), 'CLIENT_DOSSIER_BROKEN'));

  it('admission rejections and wait timeouts', async () => {
    const client = clientFor(server, url);
    await rejectsCode(
      client.send({ module: 'member', action: 'apply', params: {} }, member, { nonce: 7 }),
      'CLIENT_TX_REJECTED',
    );
    const signed = signTransaction(
      chain.suite,
      member.secretKey,
      buildTx({
        chainId: chain.chainId,
        module: 'member',
        action: 'x',
        params: {},
        signer: member.publicKey,
        nonce: 3,
        expiry: 99,
      }),
    );
    const tampered = signed.bytes.slice();
    tampered[tampered.length - 1]! ^= 1;
    const [bad] = await client.submit([tampered]);
    assert.equal(bad!.accepted, false);
    server.held.add(signed.hash);
    const [ok] = await client.submit([signed]);
    assert.deepEqual(ok, { hash: signed.hash, accepted: true });
    assert.deepEqual(await client.getReceipt(signed.hash), { status: 'pending' });
    await rejectsCode(client.waitForReceipt(signed.hash, 1000), 'TX_WAIT_TIMEOUT');
  });
});
