import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addressOf, type ClientErrorCode, DjchainClient, HttpError, isClientError } from '../src/index.ts';
import { keyOf, TestChain } from './chain.ts';
import { FixtureServer } from './fixture-server.ts';

async function rejectsCode(p: Promise<unknown>, code: ClientErrorCode | string): Promise<void> {
  await assert.rejects(p, (e) => {
    if (e instanceof HttpError && e.apiCode === code) return true;
    return isClientError(e, code as ClientErrorCode) || assert.fail(`expected ${code}, got ${String(e)}`);
  });
}

/**
 * Serves `chain` from a fixture server for the enclosing describe (started before its tests,
 * stopped after); `client()` is a fresh SDK client of it, trusting the chain's genesis set.
 */
function served(chain: TestChain): { server: FixtureServer; client(): DjchainClient } {
  const server = new FixtureServer(chain);
  let url = '';
  before(async () => {
    url = await server.start();
  });
  after(() => server.stop());
  const client = () =>
    new DjchainClient({
      baseUrl: url,
      suite: chain.suite,
      chainId: chain.chainId,
      trust: { kind: 'genesis', validators: chain.genesisSet },
    });
  return { server, client };
}

/*
 * The SDK's ordinary work — send, receipts, state, dossiers, queries, node errors, refusals and wait
 * timeouts — is tested against the real API over a real node: packages/node/test/sdk.test.ts. The
 * fixture server stays only for what a real node cannot be made to do: change its validator set
 * on demand (the kv test chain has one validator) and lie (a changed value, receipt or dossier, a
 * forged header), which the SDK must refuse.
 */
describe('DjchainClient follows a validator-set change (fixture chain: the set changes at height 3)', () => {
  const chain = new TestChain('intl');
  chain.add();
  chain.add();
  chain.add({ nextSet: { keys: [0, 1, 2, 5].map((i) => keyOf(chain.suite, i)) } });
  chain.add();
  const { client: clientOf } = served(chain);

  it('syncs headers across the change and proves a receipt signed by the new set', async () => {
    const client = clientOf();
    const member = keyOf(chain.suite, 40);
    const r = await client.send({ module: 'member', action: 'apply', params: { id: 'm1' } }, member);
    assert.equal(r.receipt.status, 'ok');
    assert.equal(r.height, 5);
    assert.equal(client.light.latestHeight(), 5);
    assert.deepEqual(
      client.light.validatorSet(4)!.validators.map((v) => v.publicKey),
      [0, 1, 2, 5].map((i) => keyOf(chain.suite, i).publicKey),
    );
  });
});

describe('DjchainClient refuses what does not verify', () => {
  const chain = new TestChain('intl');
  const { server, client: clientOf } = served(chain);
  const member = keyOf(chain.suite, 41);
  let hash = '';
  before(async () => {
    const client = clientOf();
    hash = (await client.send({ module: 'member', action: 'apply', params: { id: 'm9' } }, member)).hash;
    await client.send({ module: 'member', action: 'talk', params: { id: 'm9' } }, member);
    await client.send({ module: 'member', action: 'note', params: { id: 'm9' } }, member);
  });

  const lying = async (
    lie: Parameters<FixtureServer['lies']['add']>[0],
    run: (c: DjchainClient) => Promise<unknown>,
    code: ClientErrorCode,
  ) => {
    server.lies.add(lie);
    try {
      await rejectsCode(run(clientOf()), code);
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
});

describe('DjchainClient read sessions', () => {
  const chain = new TestChain('intl');
  chain.add();
  const { server, client: clientOf } = served(chain);

  it('signs in with a key: the token goes with every request, and an expired session is renewed once', async () => {
    const key = keyOf(chain.suite, 41);
    const client = clientOf();
    const s = await client.signIn(key);
    assert.equal(s.address, addressOf(chain.suite, key.publicKey));
    assert.equal(server.sessions.get(s.token), s.address);
    const before = server.tokensSeen.length;
    await client.status();
    assert.deepEqual(server.tokensSeen.slice(before), [s.token]);
    // The node forgot the session (expired): the SDK signs in again and repeats the request.
    server.sessions.clear();
    await client.status();
    const renewed = client.session()!.token;
    assert.notEqual(renewed, s.token);
    assert.equal(server.sessions.get(renewed), s.address);
    assert.equal(server.tokensSeen.at(-1), renewed);
    await client.signOut();
    await client.status();
    assert.equal(server.tokensSeen.at(-1), null);
  });

  it('a session resumed in a new client (a reloaded page) reads without the key; expired, it asks for the key once', async () => {
    const key = keyOf(chain.suite, 42);
    const seen: Array<string | undefined> = [];
    const first = clientOf();
    first.onSession = (s) => seen.push(s?.token);
    const s = await first.signIn(key);
    assert.deepEqual(seen, [s.token]);
    // A new client (the page after a reload) resumes the kept session: same token, no key held.
    const second = clientOf();
    second.resumeSession(s);
    let asked = 0;
    second.keyProvider = async () => {
      asked++;
      return key;
    };
    const before = server.tokensSeen.length;
    await second.status();
    assert.deepEqual(server.tokensSeen.slice(before), [s.token]);
    assert.equal(asked, 0);
    // Expired on the node: the page is asked for the key (its user's passphrase), once, and reads on.
    server.sessions.clear();
    await second.status();
    assert.equal(asked, 1);
    const renewed = second.session()!.token;
    assert.notEqual(renewed, s.token);
    assert.equal(server.tokensSeen.at(-1), renewed);
    // Without a key to give, an expired resumed session fails as expired.
    const third = clientOf();
    third.resumeSession(s);
    server.sessions.clear();
    await assert.rejects(third.status(), (e: { apiCode?: string }) => e.apiCode === 'AUTH_SESSION_EXPIRED');
  });
});

describe('DjchainClient before the first block', () => {
  const chain = new TestChain('intl');
  const { client: clientOf } = served(chain);

  it('answers nonce 0 at height 0 without a read (nothing can be proved yet)', async () => {
    const client = clientOf();
    assert.equal((await client.status()).height, 0);
    assert.equal(await client.nextNonce(addressOf(chain.suite, keyOf(chain.suite, 42).publicKey), 0), 0);
  });
});
