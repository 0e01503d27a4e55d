/**
 * Re-gossip: four validators over an in-memory network that loses a third of all consensus messages
 * (seeded, so every run loses the same ones). Without re-gossip a lost proposal or vote stalls the
 * round; with status announcements the peers resend what is missing (or decided blocks with their
 * certificates), so every node keeps deciding, and all agree.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { headerHash } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { mulberry32 as prng } from '@djchain/testkit/prng';
import { type DjNode, openNode, type Transport, type WireMessage } from '../src/index.ts';
import { FASTER_TIMEOUTS, genesisFor, keyOf, tempDir, waitForHeight } from './helpers.ts';

class LossyNetwork {
  private readonly handlers = new Map<string, (msg: WireMessage, from: string) => void>();
  private readonly rand = prng(7);
  lost = 0;
  private deliver(to: string, msg: WireMessage, from: string): void {
    const h = this.handlers.get(to);
    // Status messages always pass: they are what recovers from the losses.
    if (msg.kind !== 'status' && this.rand() < 1 / 3) {
      this.lost++;
      return;
    }
    if (h) setImmediate(() => h(msg, from));
  }
  transport(id: string): Transport {
    return {
      broadcast: (msg) => {
        for (const peer of this.handlers.keys()) if (peer !== id) this.deliver(peer, msg, id);
      },
      send: (peer, msg) => this.deliver(peer, msg, id),
      onMessage: (handler) => {
        this.handlers.set(id, handler);
      },
    };
  }
}

test('with a third of consensus messages lost, re-gossip keeps all four validators deciding', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 90 + i));
  const genesis = genesisFor(suite, keys);
  const net = new LossyNetwork();
  const nodes: DjNode[] = keys.map((key, i) =>
    openNode(
      {
        dataDir: join(root, `v${i}`),
        genesis,
        modules: [kvModule],
        driver: { emptyBlockIntervalMs: 20, timeouts: FASTER_TIMEOUTS, gossipIntervalMs: 100 },
      },
      { key, transport: net.transport(toHex(key.publicKey)) },
    ),
  );
  t.after(() => {
    for (const n of nodes) n.close();
  });
  const target = 8;
  await Promise.all(nodes.map((n) => waitForHeight(n, target)));
  assert.ok(net.lost > 0, 'messages were lost');
  for (let h = 1; h <= target; h++) {
    const hashes = new Set(nodes.map((n) => toHex(headerHash(suite, n.app.store.blocks.getHeader(h)!))));
    assert.equal(hashes.size, 1, `one block at height ${h}`);
  }
});
