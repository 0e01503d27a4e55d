import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';
import { Channel, type P2PNode } from '../src/index.ts';
import { port, type Received, startNode, waitError, waitPeer } from './cluster.ts';
import { CHAIN, identity, suiteOf, until } from './helpers.ts';
import { rawSession } from './raw-peer.ts';

const running: P2PNode[] = [];
after(async () => {
  await Promise.all(running.map((n) => n.stop()));
});
async function node(...args: Parameters<typeof startNode>): Promise<P2PNode> {
  const n = await startNode(...args);
  running.push(n);
  return n;
}

const suite = suiteOf('intl');

describe('inbound limits', () => {
  it('a frame header over the maximum closes the connection (P2P_FRAME_TOO_LARGE)', async () => {
    const a = await node('intl', 0, { maxFrameBytes: 4096, maxQueueBytes: 65536 });
    const raw = await rawSession(port(a), suite, identity(suite, 5), CHAIN);
    const tooLarge = waitError(a, 'P2P_FRAME_TOO_LARGE');
    const closed = once(raw.socket, 'close');
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, 4096 + 5 + 16 + 1);
    raw.socket.write(header);
    const e = await tooLarge;
    assert.equal(e.details.max, 4096 + 5 + 16);
    await closed;
    assert.deepEqual(a.peers(), []);
  });

  it('a connection that never completes the handshake is closed (P2P_HANDSHAKE_TIMEOUT)', async () => {
    const a = await node('intl', 0, { handshakeTimeoutMs: 50 });
    const socket = connect({ host: '127.0.0.1', port: port(a) });
    const timedOut = waitError(a, 'P2P_HANDSHAKE_TIMEOUT');
    await once(socket, 'close');
    await timedOut;
  });

  it('an oversized handshake message is refused', async () => {
    const a = await node('intl', 0);
    const socket = connect({ host: '127.0.0.1', port: port(a) });
    const refused = waitError(a, 'P2P_FRAME_TOO_LARGE');
    socket.write(Uint8Array.of(0, 1, 0, 0));
    await once(socket, 'close');
    await refused;
  });
});

describe('slow peers', () => {
  it('a peer that never reads does not block delivery to the others', async () => {
    const limits = { maxFrameBytes: 64 * 1024, maxQueueBytes: 256 * 1024, maxQueueMessages: 1000 };
    const a = await node('intl', 0, limits);
    const b = await node('intl', 1, limits);
    await a.dial('127.0.0.1', port(b), b.id);
    const raw = await rawSession(port(a), suite, identity(suite, 2), CHAIN);
    raw.socket.pause(); // never reads again: its kernel buffers, then A's queue for it, fill up
    const slowId = identity(suite, 2).id;
    await until(() => a.peers().length === 2, 'a has b and the slow peer');

    const atB: Received[] = [];
    b.onMessage((from, channel, payload) => atB.push({ from, channel, payload }));
    const payload = (i: number): Uint8Array => {
      const p = new Uint8Array(32 * 1024);
      new DataView(p.buffer).setUint32(0, i);
      return p;
    };
    // Phase 1, droppable gossip: A drops the slow peer's oldest messages and keeps it connected.
    let sent = 0;
    for (; sent < 2000 && (a.stats().peers[slowId]?.dropped ?? 0) === 0; sent++) {
      assert.equal(a.send(b.id, Channel.mempool, payload(sent)), true);
      a.send(slowId, Channel.mempool, payload(sent));
      await until(() => atB.length === sent + 1, `b got message ${sent}`);
    }
    const phase1 = a.stats();
    assert.ok(phase1.peers[slowId]!.dropped > 0, 'drops counted for the slow peer');
    assert.ok(phase1.peers[slowId]!.queuedBytes <= limits.maxQueueBytes);
    assert.ok(a.isConnected(slowId), 'gossip overflow alone does not disconnect');
    assert.equal(phase1.peers[b.id]!.dropped, 0);

    // Phase 2, consensus messages cannot be dropped: the slow peer is disconnected instead.
    const down = waitPeer(a, slowId, false);
    for (let k = 0; k < 2000 && a.isConnected(slowId); k++, sent++) {
      assert.ok(a.broadcast(Channel.consensus, payload(sent)) >= 1);
      await until(() => atB.length === sent + 1, `b got message ${sent}`);
    }
    assert.equal((await down)?.code, 'P2P_SLOW_PEER');
    const phase2 = a.stats();
    assert.equal(phase2.slowPeerDisconnects, 1);
    assert.equal(phase2.closes.P2P_SLOW_PEER, 1);
    assert.ok(phase2.dropped > 0);
    // B got every message, in order, while the slow peer was stuck.
    assert.equal(atB.length, sent);
    atB.forEach((m, i) => {
      assert.equal(new DataView(m.payload.buffer, m.payload.byteOffset).getUint32(0), i);
    });
    assert.deepEqual(a.peers(), [b.id]);
    raw.socket.destroy();
  });
});

describe('fast senders', () => {
  it('a peer sending faster than the node handles is held back by TCP, not buffered', async () => {
    const limits = { maxFrameBytes: 64 * 1024, maxQueueBytes: 128 * 1024 * 1024, maxQueueMessages: 5000 };
    const a = await node('intl', 0, limits);
    const b = await node('intl', 1, limits);
    await a.dial('127.0.0.1', port(b), b.id);
    await until(() => b.peers().length === 1, 'b sees a');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const got: number[] = [];
    // The first message's handler is slow (pending promise): B must stop reading from A meanwhile.
    b.onMessage((_from, _channel, p) => {
      got.push(new DataView(p.buffer, p.byteOffset).getUint32(0));
      return got.length === 1 ? gate : undefined;
    });
    // 1200 × 64 KiB = 75 MiB, well over what the loopback socket buffers can hold (≤ 36 MiB here)
    const N = 1200;
    for (let i = 0; i < N; i++) {
      const p = new Uint8Array(64 * 1024);
      new DataView(p.buffer).setUint32(0, i);
      assert.equal(a.send(b.id, Channel.blocksync, p), true);
    }
    await until(() => got.length === 1, 'first message handled');
    // Let the kernel buffers fill; then A still holds most of the data and B very little.
    await until(() => (a.stats().peers[b.id]?.queuedMessages ?? N) < N - 20, 'a wrote some');
    for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 5));
    const held = a.stats().peers[b.id]!;
    const atB = b.stats().peers[a.id]!;
    assert.equal(got.length, 1, 'nothing delivered while the handler is busy');
    assert.ok(held.queuedBytes > 20 * 1024 * 1024, `sender holds the backlog (${held.queuedBytes})`);
    assert.ok(atB.receiveBuffered < 1024 * 1024, `receiver buffers little (${atB.receiveBuffered})`);
    release();
    await until(() => got.length === N, 'all delivered after release', 2000);
    assert.deepEqual(
      got,
      Array.from({ length: N }, (_, i) => i),
    );
  });
});
