/**
 * Nodes over the real p2p transport on loopback (in one process): WireMessage codec, admission
 * bound to the node registry, four validators agreeing, a late validator and an observer catching
 * up by block sync (verified certificates) and then following.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { encodeTx, headerHash, txHash, validatorIndex } from '@djchain/ledger';
import { P2PNode } from '@djchain/p2p';
import type { GenesisDoc } from '@djchain/runtime';
import { decodeWire, encodeWire, nodeRegistry, signProposal, type WireMessage } from '../src/index.ts';
import { CHAIN, FAST_TIMEOUTS, genesisFor, keyOf, Signer, tempDir, waitForHeight } from './helpers.ts';
import { type P2PMember, p2pMember } from './p2p-member.ts';

const suite = getSuite('intl');

test('wire codec: every kind round-trips; malformed bytes are refused with NODE_BAD_MESSAGE', () => {
  const key = keyOf(suite, 3);
  const proposal = signProposal(suite, key.secretKey, CHAIN, {
    height: 2,
    round: 1,
    value: 'ab'.repeat(32),
    validRound: -1,
    proposer: toHex(key.publicKey),
  });
  const msgs: WireMessage[] = [
    { kind: 'proposal', proposal, block: new Uint8Array([1, 2, 3]) },
    { kind: 'proposal', proposal: { ...proposal, validRound: 0 }, block: new Uint8Array(0) },
    {
      kind: 'vote',
      vote: {
        type: 'precommit',
        height: 2,
        round: 0,
        blockHash: null,
        time: 5,
        validator: key.publicKey,
        signature: new Uint8Array(64),
      },
    },
    { kind: 'status', height: 9, has: ['9/0/p/ab', '9/0/v/cd/nil'] },
    {
      kind: 'commit',
      block: new Uint8Array([9]),
      commit: { height: 1, round: 0, blockHash: new Uint8Array(32), precommits: [] },
      tip: 4,
    },
  ];
  for (const m of msgs) assert.deepEqual(decodeWire(encodeWire(m)), m);
  for (const bad of [new Uint8Array([0xff]), encodeWire(msgs[3]!).subarray(1)]) {
    assert.throws(() => decodeWire(bad), { code: 'NODE_BAD_MESSAGE' });
  }
});

type Member = P2PMember;

const member = (root: string, name: string, key: KeyPair, genesis: GenesisDoc) =>
  p2pMember(join(root, name), key, genesis, {
    driver: { emptyBlockIntervalMs: 50, timeouts: FAST_TIMEOUTS, gossipIntervalMs: 150, syncBatch: 4 },
  });

function connectAll(members: Member[], to: Member[]): void {
  for (const m of members) {
    for (const o of to) {
      if (o === m) continue;
      const a = o.p2p.address()!;
      m.p2p.addPeer({ host: '127.0.0.1', port: a.port, id: toHex(o.key.publicKey) });
    }
  }
}

test('four validators over p2p agree; a late validator and an observer catch up by block sync', async (t) => {
  const root = tempDir(t);
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 60 + i));
  const observerKey = keyOf(suite, 70);
  const base = genesisFor(suite, keys);
  const genesis = { ...base, nodes: [{ publicKey: observerKey.publicKey, name: 'superior body' }] };
  const members: Member[] = [];
  t.after(async () => {
    for (const m of members) m.node.close();
    await Promise.all(members.map((m) => m.p2p.stop()));
  });
  // Three validators (3 of 4 is more than 2/3) start; the fourth and the observer come later.
  for (let i = 0; i < 3; i++) members.push(await member(root, `v${i}`, keys[i]!, genesis));
  const first = members.slice();
  assert.deepEqual(
    nodeRegistry(first[0]!.node.app),
    [...keys.map((k) => toHex(k.publicKey)), toHex(observerKey.publicKey)].sort(),
    'registry: the validators and the observer of sys/nodes',
  );
  connectAll(first, first);

  const signer = new Signer(suite);
  const user = keyOf(suite, 1);
  const txs = [0, 1, 2, 3, 4].map((i) => signer.tx(user, 'put', { id: `n${i}`, value: 'v' }));
  for (const m of first)
    m.node.mempool.addBatch(
      txs,
      txs.map((tx) => encodeTx(tx).length),
    );
  await Promise.all(first.map((m) => waitForHeight(m.node, 12)));

  // An unknown key is refused at the handshake (not in the registry).
  const stranger = new P2PNode({ chainId: CHAIN, suite, identity: keyOf(suite, 99).secretKey });
  await stranger.start();
  t.after(() => stranger.stop());
  const addr = first[0]!.p2p.address()!;
  await assert.rejects(
    stranger.dial('127.0.0.1', addr.port),
    (e: { code?: string; details?: { remoteCode?: string } }) =>
      [e.code, e.details?.remoteCode].includes('P2P_UNKNOWN_PEER'),
  );

  const late = await member(root, 'v3', keys[3]!, genesis);
  const observer = await member(root, 'obs', observerKey, genesis);
  members.push(late, observer);
  connectAll([late, observer], first);
  const target = Math.max(...first.map((m) => m.node.app.height())) + 3;
  await Promise.all(members.map((m) => waitForHeight(m.node, target)));

  for (let h = 1; h <= target; h++) {
    const hashes = new Set(
      members.map((m) => toHex(headerHash(suite, m.node.app.store.blocks.getHeader(h)!))),
    );
    assert.equal(hashes.size, 1, `one block at height ${h}`);
    const roots = new Set(members.map((m) => toHex(m.node.app.store.tree.root(h))));
    assert.equal(roots.size, 1, `one state root at height ${h}`);
  }
  assert.ok(late.node.driver.syncedBlocks() >= 10, 'the late validator caught up by block sync');
  assert.ok(observer.node.driver.syncedBlocks() >= 10, 'the observer caught up by block sync');
  const last = txHash(suite, txs.at(-1)!);
  for (const m of members) assert.equal(m.node.app.store.blocks.getTx(last)?.receipt.status, 'ok');
  // The late validator signs again: some certificate after it joined holds its precommit.
  const lateIndex = validatorIndex(late.node.app.validators(target), keys[3]!.publicKey);
  const target2 = target + 4;
  await Promise.all(members.map((m) => waitForHeight(m.node, target2)));
  const signedByLate = [];
  for (let h = target + 1; h <= target2; h++) {
    const c = late.node.app.store.blocks.getCommit(h)!;
    if (c.precommits.some((p) => p.validatorIndex === lateIndex)) signedByLate.push(h);
  }
  assert.ok(signedByLate.length > 0, 'the late validator takes part again');
});
