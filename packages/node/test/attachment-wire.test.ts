/**
 * The serving side of attachment replication, against peers over real loopback p2p: a node serves
 * an attachment's content only to a peer whose organization may keep it (`attachment.entitled`), so
 * a hostile node that skips its own check still gets nothing. The node here is run by branch b1 and
 * holds b1's minutes (scope org); an observer of b2 asks for them directly and is refused; an
 * observer of the 党委 c1 above gets the chunk.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { decode, encode, getSuite, toHex } from '@djchain/crypto';
import { encodeTx, txHash } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import { Channel } from '@djchain/p2p';
import { communityGenesis, memberKey, TxSigner } from './community.ts';
import { keyOf, tempDir, waitForCommit } from './helpers.ts';
import { loopbackP2P, p2pMember } from './p2p-member.ts';

const suite = getSuite('intl');

test('content is served only to nodes of entitled organizations', async (t) => {
  const key = keyOf(suite, 0);
  const b2Peer = keyOf(suite, 7);
  const c1Peer = keyOf(suite, 8);
  const genesis = {
    ...communityGenesis(suite, [{ key, power: 1, orgId: 'b1', name: '第一党支部的节点' }]),
    nodes: [
      { publicKey: b2Peer.publicKey, name: 'b2 的节点', orgId: 'b2' },
      { publicKey: c1Peer.publicKey, name: 'c1 的节点', orgId: 'c1' },
    ],
  };
  const member = await p2pMember(tempDir(t), key, genesis, {
    modules: allModules,
    driver: { emptyBlockIntervalMs: 20 },
  });
  t.after(async () => {
    member.node.close();
    await member.p2p.stop();
  });
  const content = new TextEncoder().encode('第一党支部委员会会议记录（要点）');
  const hash = createHash('sha256').update(content).digest('hex');
  const tx = new TxSigner(suite).tx(memberKey(suite, 'b1.sec'), 'attachment', 'register', {
    hash,
    size: content.length,
    mediaType: 'text/plain',
    org: 'b1',
    scope: 'org',
  });
  const committed = waitForCommit(
    member.node,
    () => member.node.app.store.blocks.getTx(txHash(suite, tx)) !== undefined,
  );
  member.node.mempool.addBatch([tx], [encodeTx(tx).length]);
  await committed;
  assert.equal(member.node.app.store.blocks.getTx(txHash(suite, tx))!.receipt.status, 'ok');
  await member.node.attachments.store.put(
    hash,
    content.length,
    (async function* () {
      yield content;
    })(),
  );

  const ask = async (peerKey: typeof b2Peer): Promise<Record<string, unknown>> => {
    const p2p = loopbackP2P(peerKey, suite, [key]);
    await p2p.start();
    t.after(() => p2p.stop());
    const answer = new Promise<Record<string, unknown>>((resolve) =>
      p2p.onMessage((_peer, channel, payload) => {
        if (channel === Channel.attachment) {
          const m = decode(payload) as Record<string, unknown>;
          if (m.re === 1) resolve(m);
        }
      }),
    );
    const addr = member.p2p.address()!;
    const id = await p2p.dial(addr.host, addr.port, toHex(key.publicKey));
    // A hostile node asks directly, whatever its own rule would say.
    assert.ok(
      p2p.send(id, Channel.attachment, encode({ id: 1, op: 'get', hash, offset: 0, length: content.length })),
    );
    return answer;
  };
  assert.deepEqual(await ask(b2Peer), { re: 1, error: 'NOT_ENTITLED' });
  const served = await ask(c1Peer);
  assert.deepEqual(served.chunk, content);
});
