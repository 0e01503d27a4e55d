import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { Channel, P2PError, type P2PNode } from '../src/index.ts';
import { closedOf } from '../src/node.ts';
import { port, startNode, waitError, waitMessage, waitPeer } from './cluster.ts';
import { FlipProxy, identity, suiteOf, until } from './helpers.ts';

const running: P2PNode[] = [];
async function node(...args: Parameters<typeof startNode>): Promise<P2PNode> {
  const n = await startNode(...args);
  running.push(n);
  return n;
}
after(async () => {
  await Promise.all(running.map((n) => n.stop()));
});

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

for (const suiteId of ['intl', 'gm'] as const) {
  describe(`P2PNode over TCP (${suiteId})`, () => {
    it('authenticates both ends and carries messages both ways', async () => {
      const a = await node(suiteId, 0);
      const b = await node(suiteId, 1);
      const bUp = waitPeer(b, a.id, true);
      assert.equal(await a.dial('127.0.0.1', port(b), b.id), b.id);
      await bUp;
      assert.deepEqual(a.peers(), [b.id]);
      assert.deepEqual(b.peers(), [a.id]);
      const atB = waitMessage(b, (m) => m.channel === Channel.consensus, 'message at b');
      assert.equal(a.send(b.id, Channel.consensus, bytes('vote')), true);
      const m = await atB;
      assert.equal(m.from, a.id);
      assert.equal(text(m.payload), 'vote');
      const atA = waitMessage(a, (m) => m.channel === Channel.blocksync, 'message at a');
      b.send(a.id, Channel.blocksync, bytes('block'));
      assert.equal(text((await atA).payload), 'block');
    });
  });
}

describe('P2PNode admission', () => {
  it('refuses a node of another chain (P2P_WRONG_CHAIN)', async () => {
    const a = await node('intl', 0);
    const other = await node('intl', 1, { chainId: 'another-chain' });
    const seen = waitError(a, 'P2P_WRONG_CHAIN');
    await assert.rejects(other.dial('127.0.0.1', port(a)), (e: P2PError) => {
      assert.equal(e.code, 'P2P_REFUSED');
      assert.equal(e.details.remoteCode, 'P2P_WRONG_CHAIN');
      return true;
    });
    await seen;
    assert.deepEqual(a.peers(), []);
  });

  it('refuses an unknown peer in either role (P2P_UNKNOWN_PEER)', async () => {
    const a = await node('gm', 0, {}, [0, 2]);
    const b = await node('gm', 1);
    const seen = waitError(a, 'P2P_UNKNOWN_PEER');
    await assert.rejects(b.dial('127.0.0.1', port(a)), { code: 'P2P_REFUSED' });
    await seen;
    await assert.rejects(a.dial('127.0.0.1', port(b)), { code: 'P2P_UNKNOWN_PEER' });
    assert.deepEqual(a.peers(), []);
    assert.deepEqual(b.peers(), []);
  });

  it('refuses when the dialed address proves another identity (P2P_UNEXPECTED_PEER)', async () => {
    const a = await node('intl', 0);
    const b = await node('intl', 1);
    const wrong = identity(suiteOf('intl'), 2).id;
    await assert.rejects(a.dial('127.0.0.1', port(b), wrong), { code: 'P2P_UNEXPECTED_PEER' });
  });

  it('disconnects a peer removed from the allowed set at once, and refuses it after', async () => {
    const a = await node('intl', 0);
    const b = await node('intl', 1);
    await a.dial('127.0.0.1', port(b));
    await until(() => b.peers().length === 1, 'b sees a');
    const aDown = waitPeer(a, b.id, false);
    const bDown = waitPeer(b, a.id, false);
    a.setAllowedPeers([a.id, identity(suiteOf('intl'), 2).id]);
    assert.equal((await aDown)?.code, 'P2P_PEER_REMOVED');
    const reason = await bDown;
    assert.ok(reason?.code === 'P2P_CLOSED_BY_PEER' || reason?.code === 'P2P_CONNECTION_CLOSED');
    assert.deepEqual(a.peers(), []);
    await assert.rejects(b.dial('127.0.0.1', port(a)), { code: 'P2P_REFUSED' });
  });
});

describe('P2PNode frame integrity', () => {
  it('a flipped byte in a frame closes the connection (P2P_DECRYPT_FAILED)', async () => {
    const a = await node('intl', 0);
    const b = await node('intl', 1);
    const proxy = new FlipProxy(port(b));
    const proxyPort = await proxy.listen();
    try {
      await a.dial('127.0.0.1', proxyPort, b.id);
      await until(() => b.peers().length === 1, 'b sees a');
      const failed = waitError(b, 'P2P_DECRYPT_FAILED');
      const aDown = waitPeer(a, b.id, false);
      proxy.flipNext();
      a.send(b.id, Channel.consensus, bytes('tampered in flight'));
      await failed;
      await aDown;
      assert.deepEqual(b.peers(), []);
    } finally {
      await proxy.close();
    }
  });

  it('refuses to send a payload over maxFrameBytes', async () => {
    const a = await node('intl', 0, { maxFrameBytes: 1024, maxQueueBytes: 4096 });
    assert.throws(() => a.broadcast(Channel.snapshot, new Uint8Array(1025)), { code: 'P2P_FRAME_TOO_LARGE' });
    assert.throws(() => a.broadcast(255, new Uint8Array(1)), P2PError);
  });
});

describe('P2PNode connections', () => {
  it('broadcast among 4 nodes (full mesh from configured peers) reaches all', async () => {
    const nodes: P2PNode[] = [];
    for (let i = 0; i < 4; i++) nodes.push(await node('intl', i));
    // Each node dials the ones after it; the mesh is complete when everyone has 3 peers.
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++)
        nodes[i]!.addPeer({ host: '127.0.0.1', port: port(nodes[j]!), id: nodes[j]!.id });
    }
    await until(() => nodes.every((n) => n.peers().length === 3), 'full mesh');
    const got = nodes.map(() => new Set<string>());
    for (const [i, n] of nodes.entries()) n.onMessage((from, _c, p) => got[i]!.add(`${from}:${text(p)}`));
    for (const [i, n] of nodes.entries()) assert.equal(n.broadcast(Channel.mempool, bytes(`tx-${i}`)), 3);
    await until(() => got.every((s) => s.size === 3), 'every broadcast delivered');
    for (const [i, s] of got.entries()) {
      const want = nodes.flatMap((n, j) => (j === i ? [] : [`${n.id}:tx-${j}`]));
      assert.deepEqual([...s].sort(), want.sort());
    }
  });

  it('simultaneous dials resolve to one connection, the same one at both ends', async () => {
    const a = await node('intl', 3);
    const b = await node('intl', 4);
    await Promise.allSettled([a.dial('127.0.0.1', port(b)), b.dial('127.0.0.1', port(a))]);
    await until(() => a.stats().connections === 1 && b.stats().connections === 1, 'one connection each');
    const aSide = a.stats().peers[b.id]!;
    const bSide = b.stats().peers[a.id]!;
    assert.notEqual(aSide.initiator, bSide.initiator);
    assert.equal(aSide.initiator, a.id < b.id);
    const atB = waitMessage(b, () => true, 'message after tie-break');
    a.send(b.id, Channel.consensus, bytes('still works'));
    assert.equal(text((await atB).payload), 'still works');
  });

  it('redials a configured peer after it restarts on the same port', async () => {
    const a = await node('gm', 0);
    const b1 = await startNode('gm', 1);
    const bPort = port(b1);
    const bId = b1.id;
    a.addPeer({ host: '127.0.0.1', port: bPort, id: bId });
    await until(() => a.isConnected(bId), 'first connection');
    const down = waitPeer(a, bId, false);
    await b1.stop();
    await down;
    const up = waitPeer(a, bId, true);
    const b2 = await node('gm', 1, { listen: { host: '127.0.0.1', port: bPort } });
    await up;
    const atB = waitMessage(b2, () => true, 'message after redial');
    a.send(bId, Channel.consensus, bytes('again'));
    assert.equal(text((await atB).payload), 'again');
  });
});

describe('P2PNode stop', () => {
  it('waits for a socket that errors before it closes (a peer resetting during the farewell)', async () => {
    const accepted: Socket[] = [];
    const server = createServer((s) => {
      accepted.push(s);
      s.on('error', () => {});
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    try {
      await once(socket, 'connect');
      // As a Connection does: its socket always has an error listener.
      socket.on('error', () => {});
      const closed = closedOf(socket);
      socket.destroy(Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' }));
      await assert.doesNotReject(closed);
      assert.equal(socket.closed, true);
    } finally {
      socket.destroy();
      for (const s of accepted) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
