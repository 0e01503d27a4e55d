/**
 * Mempool gossip over real p2p sockets (in one process): transactions submitted to ONE validator
 * reach the others and are committed in blocks other validators propose; echoes are dropped by
 * the seen-cache; a peer's refused or malformed relays are counted and never relayed on.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { encode, getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { encodeTx, signTx, txHash } from '@djchain/ledger';
import { Channel, P2PNode } from '@djchain/p2p';
import type { GenesisDoc } from '@djchain/runtime';
import { namedPeers } from '../src/net/mempool-gossip.ts';
import { CHAIN, FAST_TIMEOUTS, genesisFor, keyOf, Signer, tempDir, waitForCommit } from './helpers.ts';
import { type P2PMember, p2pMember } from './p2p-member.ts';

const suite = getSuite('intl');

type Member = P2PMember;

const member = (root: string, name: string, key: KeyPair, genesis: GenesisDoc) =>
  p2pMember(join(root, name), key, genesis, {
    mempool: { verifyWorkers: 1 },
    driver: { emptyBlockIntervalMs: 200, timeouts: FAST_TIMEOUTS, gossipIntervalMs: 150 },
  });

/** Resolves when every pair of members is connected (bounded by `tries` × 25 ms). */
async function meshed(members: readonly Member[], tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (members.every((m) => m.p2p.peers().length >= members.length - 1)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the mesh did not form');
}

test('a transaction submitted to one validator is committed in a block another proposes', async (t) => {
  const root = tempDir(t);
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 110 + i));
  const injectorKey = keyOf(suite, 120);
  const genesis = {
    ...genesisFor(suite, keys),
    nodes: [{ publicKey: injectorKey.publicKey, name: 'injector' }],
  };
  const members: Member[] = [];
  const injector = new P2PNode({
    chainId: CHAIN,
    suite,
    identity: injectorKey.secretKey,
    allowedPeers: [toHex(keys[0]!.publicKey), toHex(keys[1]!.publicKey)],
  });
  t.after(async () => {
    for (const m of members) m.node.close();
    await Promise.all([...members.map((m) => m.p2p.stop()), injector.stop()]);
  });
  for (const [i, key] of keys.entries()) members.push(await member(root, `v${i}`, key, genesis));
  for (const m of members) {
    for (const o of members) {
      if (o !== m)
        m.p2p.addPeer({ host: '127.0.0.1', port: o.p2p.address()!.port, id: toHex(o.key.publicKey) });
    }
  }
  await meshed(members);
  const a = members[0]!;
  const aId = toHex(a.key.publicKey);

  // Waves of transactions, all submitted to A (as POST /v1/txs does), until one is committed in
  // a block another validator proposed (the proposer rotates; bounded by 8 waves).
  const signer = new Signer(suite);
  const user = keyOf(suite, 1);
  let byOther: { height: number; proposer: string } | undefined;
  for (let wave = 0; wave < 8 && byOther === undefined; wave++) {
    const txs = [0, 1, 2].map((i) => signer.tx(user, 'put', { id: `w${wave}i${i}`, value: 'v' }));
    const hashes = new Set(txs.map((tx) => toHex(txHash(suite, tx))));
    const committed = waitForCommit(a.node, (e) =>
      e.executed.result.txHashes.some((h) => hashes.has(toHex(h))),
    );
    const results = await a.node.mempool.addEncoded(txs, txs.map(encodeTx));
    assert.ok(results.every((r) => r.ok));
    const e = await committed;
    const proposer = toHex(e.executed.block.header.proposer);
    if (proposer !== aId) byOther = { height: e.executed.block.header.height, proposer };
  }
  assert.ok(byOther, 'some wave was committed by a block another validator proposed');
  assert.ok(keys.some((k) => toHex(k.publicKey) === byOther!.proposer));

  const others = members.slice(1);
  // B's proposal could only hold A's transaction through gossip. A relay that arrives after its
  // block committed is refused by its used nonce (counted, not relayed); nothing else is refused.
  for (const m of others) {
    const s = m.node.gossip!.stats();
    assert.ok(s.received >= 3, 'each other validator received relays');
    assert.deepEqual(
      Object.keys(s.refused).filter((c) => c !== 'RUNTIME_NONCE_USED'),
      [],
    );
  }
  assert.ok(others.reduce((n, m) => n + m.node.gossip!.stats().admitted, 0) >= 3);
  // Full mesh: A's relays name B, C and D (`sentTo`), so none of them relays A's transactions on
  // and each crossed each link once. Without the names, B relayed to C and D what they had from A
  // (within 10 ms of admitting it, long before a block commits), and each copy came three times.
  for (const m of others) {
    const s = m.node.gossip!.stats();
    assert.equal(s.relayTxs, 0, 'nothing relayed on');
    assert.equal(s.duplicates, 0, 'no copy arrived twice');
  }
  const aStats = a.node.gossip!.stats();
  assert.equal(aStats.received, 0, 'nothing came back to A');

  // An allowed peer relays a forged signature, garbage bytes and a non-batch message to A.
  await injector.start();
  await injector.dial('127.0.0.1', a.p2p.address()!.port, aId);
  // Signed by another account, so the honest user's nonces stay consecutive.
  const good = signer.tx(keyOf(suite, 2), 'put', { id: 'forged', value: 'v' });
  const forged = encodeTx({ ...good, signature: new Uint8Array(good.signature.length).fill(7) });
  const before = others.map((m) => m.node.gossip!.stats().received);
  const refusedSeen = new Promise<void>((resolve, reject) => {
    let n = 0;
    const poll = () => {
      const s = a.node.gossip!.stats();
      if (s.refused.RUNTIME_BAD_SIGNATURE === 1 && s.refused.TX_MALFORMED === 1 && s.malformed === 2)
        return resolve();
      if (++n > 400) return reject(new Error(`refusals not counted: ${JSON.stringify(s)}`));
      setTimeout(poll, 25);
    };
    poll();
  });
  assert.ok(injector.send(aId, Channel.mempool, encode({ txs: [forged, Uint8Array.of(1, 2, 3)] })));
  assert.ok(injector.send(aId, Channel.mempool, Uint8Array.of(0xff)));
  assert.ok(injector.send(aId, Channel.mempool, encode({ sentTo: 'everyone', txs: [] })));
  await refusedSeen;
  assert.equal(a.node.mempool.has(toHex(txHash(suite, good))), false);
  // Refusals are not relayed: a further honest transaction reaches the others, the forged one not.
  const after = signer.tx(user, 'put', { id: 'after', value: 'v' });
  const afterHash = toHex(txHash(suite, after));
  const everywhere = Promise.all(
    members.map((m) =>
      waitForCommit(m.node, (e) => e.executed.result.txHashes.some((h) => toHex(h) === afterHash)),
    ),
  );
  await a.node.mempool.addEncoded([after], [encodeTx(after)]);
  await everywhere;
  for (const [i, m] of others.entries()) {
    const s = m.node.gossip!.stats();
    assert.equal(s.refused.RUNTIME_BAD_SIGNATURE, undefined, 'the forged transaction was not relayed');
    assert.ok(s.received > before[i]!, 'the honest one was');
    assert.equal(m.node.mempool.has(toHex(txHash(suite, good))), false);
  }

  // A peer's relay that names B: A admits it once (the second copy is a duplicate) and relays it to
  // C and D, which do not relay it on either (A named B, C and D); B gets it only in a block.
  const bId = toHex(members[1]!.key.publicKey);
  const named = signer.tx(keyOf(suite, 3), 'put', { id: 'named', value: 'v' });
  const namedHash = toHex(txHash(suite, named));
  const receivedBefore = members.map((m) => m.node.gossip!.stats().received);
  const aSeen = a.node.gossip!.stats();
  const namedEverywhere = Promise.all(
    members.map((m) =>
      waitForCommit(m.node, (e) => e.executed.result.txHashes.some((h) => toHex(h) === namedHash)),
    ),
  );
  const relay = encode({ sentTo: [bId], txs: [encodeTx(named)] });
  assert.ok(injector.send(aId, Channel.mempool, relay));
  assert.ok(injector.send(aId, Channel.mempool, relay));
  await namedEverywhere;
  // A's relay to C and D was flushed when A admitted it; it may arrive after their commit (bounded wait).
  const gotIt = () => [2, 3].every((i) => members[i]!.node.gossip!.stats().received > receivedBefore[i]!);
  for (let i = 0; i < 400 && !gotIt(); i++) await new Promise((r) => setTimeout(r, 25));
  const aNow = a.node.gossip!.stats();
  assert.equal(aNow.received - aSeen.received, 2);
  assert.equal(aNow.duplicates - aSeen.duplicates, 1, 'the second copy was dropped unseen');
  assert.equal(aNow.admitted - aSeen.admitted, 1);
  const receivedNow = members.map((m) => m.node.gossip!.stats().received);
  assert.equal(receivedNow[1], receivedBefore[1], 'B, named by the sender, got no relay');
  for (const i of [2, 3])
    assert.equal(receivedNow[i]! - receivedBefore[i]!, 1, `validator ${i} got it from A`);

  // A relay of it reaching B after its block (B has it from the block only): dropped as seen,
  // before any work — not decoded, verified and then refused by its used nonce.
  const b = members[1]!;
  await injector.dial('127.0.0.1', b.p2p.address()!.port, bId);
  const bBefore = b.node.gossip!.stats();
  assert.ok(injector.send(bId, Channel.mempool, encode({ txs: [encodeTx(named)] })));
  for (let i = 0; i < 400 && b.node.gossip!.stats().received === bBefore.received; i++)
    await new Promise((r) => setTimeout(r, 25));
  const bAfter = b.node.gossip!.stats();
  assert.equal(bAfter.received - bBefore.received, 1);
  assert.equal(bAfter.duplicates - bBefore.duplicates, 1, 'a copy after its block is a duplicate');
  assert.deepEqual(bAfter.refused, bBefore.refused, 'and not refused after a signature check');
  assert.equal(bAfter.admitted, bBefore.admitted);

  // A transaction a faulty proposer put in a block although its nonce was ahead (refused before the
  // nonce check: its receipt writes nothing) is not remembered: the same bytes, valid once the gap
  // fills, still reach B's admission (waiting there for the nonces before them).
  const ahead = signTx(suite, keyOf(suite, 4).secretKey, {
    chainId: CHAIN,
    module: 'kv',
    action: 'put',
    params: { id: 'ahead', value: 'v' },
    signer: keyOf(suite, 4).publicKey,
    nonce: 3,
    expiry: 1_000_000,
  });
  const aheadHash = txHash(suite, ahead);
  b.node.gossip!.committed({
    txHashes: [aheadHash],
    receipts: [
      {
        txHash: aheadHash,
        status: 'failed',
        error: { code: 'RUNTIME_BAD_NONCE', message: 'nonce is not the next' },
        events: [],
        writes: [],
      },
    ],
  });
  assert.ok(injector.send(bId, Channel.mempool, encode({ txs: [encodeTx(ahead)] })));
  for (let i = 0; i < 400 && b.node.gossip!.stats().received === bAfter.received; i++)
    await new Promise((r) => setTimeout(r, 25));
  for (let i = 0; i < 400 && b.node.gossip!.stats().admitted === bAfter.admitted; i++)
    await new Promise((r) => setTimeout(r, 25));
  const bAhead = b.node.gossip!.stats();
  assert.equal(bAhead.duplicates, bAfter.duplicates, 'not dropped as seen');
  assert.equal(bAhead.admitted - bAfter.admitted, 1);
  assert.ok(b.node.mempool.has(toHex(aheadHash)));
});

test("a relay's named peers are kept only when connected here, as this node's own ids (the seen-cache's memory stays bounded)", () => {
  const connected = ['aa', 'bb', 'cc'];
  const kept = namedPeers(['bb', 'zz', 'x'.repeat(256), 'aa', 'bb'], connected);
  assert.deepEqual([...kept].sort(), ['aa', 'bb']);
  // Each kept id is this node's own string, whatever the message held.
  for (const id of kept) assert.ok(connected.includes(id));
  assert.equal(namedPeers(['zz'], connected).size, 0);
  assert.equal(namedPeers([], connected).size, 0);
});
