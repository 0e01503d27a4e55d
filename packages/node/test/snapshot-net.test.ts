/**
 * Snapshot sync over real p2p sockets (in one process): three validators run 20+ blocks; an
 * observer starts on an EMPTY directory from a snapshot — its trusted header found by verifying
 * the peers' header chain from the genesis validator set — then follows new blocks by block sync
 * with identical state roots. A second observer trusts an operator-given (height, hash) pair.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { encode, equalBytes, getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { encodeTx, headerHash, txHash } from '@djchain/ledger';
import { Channel, type P2PNode } from '@djchain/p2p';
import { kvModule } from '@djchain/testkit/kv';
import { bootstrapFromPeers, type DjNode, isNodeError, openNode, SnapshotWire } from '../src/index.ts';
import { snapshotBaseHeight } from '../src/sync/snapshot.ts';
import {
  FAST_TIMEOUTS,
  genesisFor,
  keyOf,
  Signer,
  tempDir,
  waitForCommit,
  waitForHeight,
} from './helpers.ts';
import { loopbackP2P } from './p2p-member.ts';

const suite = getSuite('intl');
const driver = { emptyBlockIntervalMs: 40, timeouts: FAST_TIMEOUTS, gossipIntervalMs: 150, syncBatch: 8 };

interface Member {
  readonly key: KeyPair;
  readonly p2p: P2PNode;
  node?: DjNode;
}

const p2pOf = (key: KeyPair, allowed: readonly KeyPair[]) => loopbackP2P(key, suite, allowed);

test('an observer starts from a peer snapshot on an empty dir and follows with identical roots', async (t) => {
  const root = tempDir(t);
  const keys = [0, 1, 2].map((i) => keyOf(suite, 130 + i));
  const obsKey = keyOf(suite, 140);
  const obs2Key = keyOf(suite, 141);
  const genesis = {
    ...genesisFor(suite, keys),
    nodes: [
      { publicKey: obsKey.publicKey, name: 'superior body' },
      { publicKey: obs2Key.publicKey, name: 'auditor' },
    ],
  };
  const members: Member[] = [];
  t.after(async () => {
    for (const m of members) m.node?.close();
    await Promise.all(members.map((m) => m.p2p.stop()));
  });
  for (const [i, key] of keys.entries()) {
    const p2p = p2pOf(key, []);
    const node = openNode(
      { dataDir: join(root, `v${i}`), genesis, modules: [kvModule], mempool: { verifyWorkers: 0 }, driver },
      { key, p2p },
    );
    await p2p.start();
    members.push({ key, p2p, node });
  }
  const validators = members.slice();
  const connect = (m: Member) => {
    for (const v of validators) {
      if (v !== m)
        m.p2p.addPeer({ host: '127.0.0.1', port: v.p2p.address()!.port, id: toHex(v.key.publicKey) });
    }
  };
  for (const v of validators) connect(v);

  // State worth a snapshot: 300 kv entries over the first blocks, then 20+ blocks in all.
  const signer = new Signer(suite);
  const users = [1, 2, 3].map((i) => keyOf(suite, i));
  const txs = users.flatMap((u, k) =>
    Array.from({ length: 100 }, (_, j) => signer.tx(u, 'put', { id: `u${k}e${j}`, value: `value ${j}` })),
  );
  const results = await validators[0]!.node!.mempool.addEncoded(txs, txs.map(encodeTx));
  assert.ok(results.every((r) => r.ok));
  await Promise.all(validators.map((v) => waitForHeight(v.node!, 22)));

  // A request to a validator from an allowed peer is answered; a garbage one is ignored.
  const obs: Member = { key: obsKey, p2p: p2pOf(obsKey, keys) };
  members.push(obs);
  await obs.p2p.start();
  connect(obs);
  const dir = join(root, 'obs');
  const result = await bootstrapFromPeers({ dataDir: dir, genesis }, { p2p: obs.p2p });
  assert.ok(result, 'the empty directory was bootstrapped');
  assert.ok(result.height >= 22, `snapshot at height ${result.height}`);
  assert.equal(result.headersVerified, result.height, 'every header from genesis was verified');
  assert.ok(result.stats.leaves >= 300);
  assert.deepEqual(result.stats.faults, []);
  // Not empty any more: a second bootstrap does nothing.
  assert.equal(await bootstrapFromPeers({ dataDir: dir, genesis }, { p2p: obs.p2p }), undefined);

  obs.node = openNode(
    { dataDir: dir, genesis, modules: [kvModule], mempool: { verifyWorkers: 0 }, driver },
    {
      key: obsKey,
      p2p: obs.p2p,
    },
  );
  const base = result.height;
  assert.equal(obs.node.app.height(), base);
  assert.equal(snapshotBaseHeight(obs.node.app.store), base);
  assert.equal(obs.node.app.store.blocks.getHeader(base - 1), undefined, 'nothing below the snapshot base');

  // It follows: new blocks (with a transaction in them) arrive with identical roots.
  const more = signer.tx(users[0]!, 'put', { id: 'aftersnap', value: 'x' });
  const [added] = await validators[1]!.node!.mempool.addEncoded([more], [encodeTx(more)]);
  assert.ok(added?.ok, JSON.stringify(added));
  await waitForCommit(obs.node, (e) =>
    e.executed.result.txHashes.some((h) => equalBytes(h, txHash(suite, more))),
  );
  const target = Math.max(...validators.map((v) => v.node!.app.height())) + 5;
  await Promise.all([...validators, obs].map((m) => waitForHeight(m.node!, target)));
  for (let h = base; h <= target; h++) {
    const hashes = new Set(
      [...validators, obs].map((m) => toHex(headerHash(suite, m.node!.app.store.blocks.getHeader(h)!))),
    );
    assert.equal(hashes.size, 1, `one block at height ${h}`);
    const roots = new Set([...validators, obs].map((m) => toHex(m.node!.app.store.tree.root(h))));
    assert.equal(roots.size, 1, `one state root at height ${h}`);
  }
  assert.equal(
    obs.node.app.store.blocks.getTx(txHash(suite, more))?.receipt.status,
    'ok',
    'the observer executed the new transaction',
  );
  const keysAt = (m: Member) => m.node!.app.store.nodes.keysWithPrefix(new Uint8Array(0), target, 1e6).length;
  assert.ok(keysAt(obs) >= 300);
  assert.equal(keysAt(obs), keysAt(validators[0]!), 'and holds the whole state');

  // Trust by (height, hash): a wrong hash is refused; the right one bootstraps a second observer.
  const obs2: Member = { key: obs2Key, p2p: p2pOf(obs2Key, keys) };
  members.push(obs2);
  await obs2.p2p.start();
  connect(obs2);
  const trustHeight = base + 2;
  const hash = toHex(headerHash(suite, validators[0]!.node!.app.store.blocks.getHeader(trustHeight)!));
  const dir2 = join(root, 'obs2');
  await assert.rejects(
    bootstrapFromPeers(
      { dataDir: dir2, genesis, trust: { height: trustHeight, hash: '00'.repeat(32) } },
      { p2p: obs2.p2p },
    ),
    (e) => isNodeError(e, 'NODE_SNAPSHOT_BAD_TRUST'),
  );
  const r2 = await bootstrapFromPeers(
    { dataDir: dir2, genesis, trust: { height: trustHeight, hash } },
    { p2p: obs2.p2p },
  );
  assert.equal(r2?.height, trustHeight);
  assert.equal(r2?.headersVerified, 1);

  // The wire's limits: a request without an id or a malformed one is not answered (the peer stays
  // up and answers the next well-formed request). The timeout is generous: this test counts
  // answers, never time, so a loaded machine does not fail it.
  const asker = new SnapshotWire({ timeoutMs: 30_000 }, { p2p: obs2.p2p });
  t.after(() => asker.close());
  const v0 = toHex(keys[0]!.publicKey);
  assert.ok(obs2.p2p.send(v0, Channel.snapshot, encode({ op: 'headers', from: 1, count: 1 })));
  assert.ok(obs2.p2p.send(v0, Channel.snapshot, Uint8Array.of(0xff)));
  const answered = await asker.headers(v0, 1, 1000);
  assert.equal(answered.headers.length, Math.min(64, answered.tip), 'the asked range, at most 64');
  assert.deepEqual(
    answered.headers.map((h) => h.header.height),
    answered.headers.map((_, i) => i + 1),
  );
  await assert.rejects(asker.headers(toHex(keyOf(suite, 200).publicKey), 1, 1), (e) =>
    isNodeError(e, 'NODE_SNAPSHOT_UNAVAILABLE'),
  );
});
