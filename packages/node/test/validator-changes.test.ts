/**
 * The validator set changes on chain, with real blocks (issue 9): three validators of a community
 * run in-process with the real modules; the fourth validator's key is held by the test. The 党委's
 * 书记 proposes, two of the three validator organizations' 书记 approve: a fifth validator is added,
 * then removed; the fourth equivocates and is jailed by the evidence its peers submit; it is
 * re-admitted. Each change is in force exactly two heights after the block that made it, the chain
 * keeps committing, and a light client from the genesis set verifies every header through the API
 * across all four changes (and refuses the old set where the new one signs).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DjchainClient, isClientError, LightClient } from '@djchain/client';
import { makeValidatorSet, proposer } from '@djchain/consensus';
import { getSuite, type KeyPair, toHex, type Value } from '@djchain/crypto';
import { encodeBlock, encodeTx, type Transaction, txHash, verifyCommit } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import { buildApi, signProposal, type WireMessage } from '../src/index.ts';
import { communityGenesis, memberKey, TxSigner } from './community.ts';
import { CHAIN, FASTER_TIMEOUTS, keyOf, tempDir, waitForCommit } from './helpers.ts';
import { equivocate, memoryValidators } from './memory-net.ts';

function cluster(t: Parameters<typeof tempDir>[0]) {
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3, 4].map((i) => keyOf(suite, 60 + i));
  const orgs = ['c1', 'b1', 'b2', 'b2'];
  const genesis = communityGenesis(
    suite,
    keys.slice(0, 4).map((key, i) => ({ key, power: 10, orgId: orgs[i]!, name: `v${i}` })),
  );
  const { net, nodes } = memoryValidators(t, tempDir(t), keys.slice(0, 3), genesis, {
    modules: allModules,
    driver: { emptyBlockIntervalMs: 30, timeouts: FASTER_TIMEOUTS, gossipIntervalMs: 100 },
  });
  return { suite, keys, genesis, net, nodes };
}

test('add, remove, jail and re-admit: in force at h+2, verified by the light client', async (t) => {
  const { suite, keys, genesis, net, nodes } = cluster(t);
  const node = nodes[0]!;
  await waitForCommit(node, (e) => e.executed.block.header.height >= 2);
  const signer = new TxSigner(suite);
  const sec = (name: string): KeyPair => memberKey(suite, name);

  /** Adds the transaction to every node's mempool and waits for its receipt; returns its height. */
  async function commitTx(tx: Transaction): Promise<number> {
    for (const n of nodes) n.mempool.addBatch([tx], [encodeTx(tx).length]);
    const hash = txHash(suite, tx);
    await waitForCommit(node, () => node.app.store.blocks.getTx(hash) !== undefined, 400);
    const stored = node.app.store.blocks.getTx(hash)!;
    assert.equal(stored.receipt.status, 'ok', JSON.stringify(stored.receipt.error));
    return stored.height;
  }
  /** Proposes a change and has c1's and b1's 书记 approve it; returns the height it was applied at. */
  async function govern(change: { [k: string]: Value }, id: number): Promise<number> {
    await commitTx(signer.tx(sec('c1.sec'), 'governance', 'propose', change));
    await commitTx(signer.tx(sec('c1.sec'), 'governance', 'approve', { proposal: id, org: 'c1' }));
    return commitTx(signer.tx(sec('b1.sec'), 'governance', 'approve', { proposal: id, org: 'b1' }));
  }
  const names = (h: number) => node.app.validators(h).validators.map((v) => v.name);
  const waitFor = (h: number) => waitForCommit(node, (e) => e.executed.block.header.height >= h, 400);

  // 1. Add v4 (power 1) for b1.
  const v4 = toHex(keys[4]!.publicKey);
  const added = await govern(
    { op: 'add', role: 'validator', publicKey: v4, org: 'b1', power: 1, name: 'v4' },
    1,
  );
  await waitFor(added + 2);
  assert.deepEqual(names(added + 1), ['v0', 'v1', 'v2', 'v3']);
  assert.deepEqual(names(added + 2), ['v0', 'v1', 'v2', 'v3', 'v4']);

  // 2. Remove it again.
  const removed = await govern({ op: 'remove', role: 'validator', publicKey: v4 }, 2);
  await waitFor(removed + 2);
  assert.equal(names(removed + 1).length, 5);
  assert.deepEqual(names(removed + 2), ['v0', 'v1', 'v2', 'v3']);

  // 3. v3 equivocates (two prevotes for one height and round); its peers submit the evidence.
  const byz = keys[3]!;
  const height = node.app.height() + 1;
  equivocate(net, suite, byz, height);
  const jailEvent = await waitForCommit(
    node,
    (e) => e.executed.result.events.some((ev) => ev.type === 'evidence.Jailed'),
    400,
  );
  const jailedAt = jailEvent.executed.block.header.height;
  await waitFor(jailedAt + 2);
  assert.equal(names(jailedAt + 1).length, 4);
  assert.deepEqual(names(jailedAt + 2), ['v0', 'v1', 'v2']);
  const api = buildApi(node);
  t.after(() => api.close());
  const jailed = (await api.inject({ method: 'GET', url: '/v1/query/evidence/jailed' })).json() as {
    result: Array<{ validator: string; since: number; effective: number }>;
  };
  assert.deepEqual(
    jailed.result.map((j) => [j.validator, j.since, j.effective]),
    [[toHex(byz.publicKey), jailedAt, jailedAt + 2]],
  );

  // 4. Re-admission is the same governed act.
  const readmitted = await govern(
    { op: 'add', role: 'validator', publicKey: toHex(byz.publicKey), org: 'b2', power: 10, name: 'v3' },
    3,
  );
  await waitFor(readmitted + 4);
  assert.deepEqual(names(readmitted + 2), ['v0', 'v1', 'v2', 'v3']);
  const none = (await api.inject({ method: 'GET', url: '/v1/query/evidence/jailed' })).json() as {
    result: unknown[];
  };
  assert.deepEqual(none.result, []);

  // Every stored certificate verifies against its height's set.
  const top = node.app.height();
  for (let h = 1; h <= top; h++) {
    const check = verifyCommit(
      suite,
      node.app.validators(h),
      node.app.header(h)!,
      node.app.store.blocks.getCommit(h)!,
    );
    assert.ok(check.ok, `commit ${h}`);
  }

  // A light client from the genesis set follows all four changes through the API.
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  const client = new DjchainClient({
    baseUrl: url,
    suite,
    chainId: CHAIN,
    trust: { kind: 'genesis', validators: genesis.validators },
  });
  await client.syncTo(top);
  assert.equal(client.light.latestHeight(), top);
  for (const h of [added + 2, removed + 2, jailedAt + 2, readmitted + 2]) {
    assert.equal((await client.verifiedHeader(h)).height, h);
  }
  // Header by header from genesis, each with the set the previous one named; the old set is refused
  // where the new one took over.
  const lc = new LightClient({
    suite,
    chainId: CHAIN,
    trust: { kind: 'genesis', validators: genesis.validators },
  });
  for (let h = 1; h <= top; h++) {
    const header = node.app.header(h)!;
    const commit = node.app.store.blocks.getCommit(h)!;
    if (h === jailedAt + 2) {
      assert.throws(
        () => lc.verifyHeader(header, commit, node.app.validators(h - 1)),
        (e) => isClientError(e, 'CLIENT_BAD_VALIDATORS'),
      );
    }
    lc.verifyHeader(header, commit, node.app.validators(h));
  }
  for (const [h, n] of [
    [added + 2, 5],
    [removed + 2, 4],
    [jailedAt + 2, 3],
    [readmitted + 2, 4],
  ] as const) {
    assert.equal(lc.validatorSet(h)!.validators.length, n, `set size at ${h}`);
    assert.equal(lc.validatorSet(h - 1)!.validators.length === n, false, `changed at ${h}`);
  }
});

test('a proposer that signs two blocks for one height and round is jailed (duplicate proposal)', async (t) => {
  const { suite, keys, net, nodes } = cluster(t);
  const node = nodes[0]!;
  const byz = keys[3]!;
  const byzHex = toHex(byz.publicKey);
  const set = makeValidatorSet(
    node.app.validators(1).validators.map((v) => ({ id: toHex(v.publicKey), power: v.power })),
  );
  // When the next height's first proposer is the (silent) v3, the others wait for its proposal:
  // it sends two, for two different valid blocks (one with a refused transaction in it).
  await waitForCommit(node, (e) => proposer(set, e.executed.block.header.height + 1, 0) === byzHex, 200);
  const stray = new TxSigner(suite).tx(memberKey(suite, 'nobody'), 'org', 'endPost', {
    org: 'b1',
    member: 'b1.sec',
    post: '书记',
    reason: '测试',
  });
  const blocks = [
    node.app.propose([], byz.publicKey, new Set()),
    node.app.propose([stray], byz.publicKey, new Set()),
  ];
  assert.notEqual(blocks[0]!.hashHex, blocks[1]!.hashHex);
  const height = blocks[0]!.block.header.height;
  for (const b of blocks) {
    const proposal = signProposal(suite, byz.secretKey, CHAIN, {
      height,
      round: 0,
      value: b.hashHex,
      validRound: -1,
      proposer: byzHex,
    });
    const msg: WireMessage = { kind: 'proposal', proposal, block: encodeBlock(b.block) };
    for (const n of nodes) net.handlers.get(n.nodeId)!(msg, byzHex);
  }
  const e = await waitForCommit(
    node,
    (c) => c.executed.result.events.some((ev) => ev.type === 'evidence.Jailed'),
    400,
  );
  const jailedAt = e.executed.block.header.height;
  const list = (await buildApi(node).inject({ method: 'GET', url: '/v1/query/evidence/list' })).json() as {
    result: Array<{ kind: string; type: string; height: number; validator: string; outcome: string }>;
  };
  assert.deepEqual(
    list.result.map((r) => [r.kind, r.type, r.height, r.validator, r.outcome]),
    [['proposal', 'proposal', height, byzHex, 'jailed']],
  );
  await waitForCommit(node, (c) => c.executed.block.header.height >= jailedAt + 2, 400);
  assert.deepEqual(
    node.app.validators(jailedAt + 2).validators.map((v) => v.name),
    ['v0', 'v1', 'v2'],
  );
});
