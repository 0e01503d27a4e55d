/**
 * An in-memory transport for several nodes in one process (the p2p package is the real one; this
 * is for deterministic fault tests in addition). Every message is delivered on a later task, in
 * order; `taps` see every message sent (by whom, to whom) so a test can play a faulty peer.
 */

import { join } from 'node:path';
import type { KeyPair, Suite } from '@djchain/crypto';
import { type SignedVote, signVote } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { kvModule } from '@djchain/testkit/kv';
import { type DjNode, type NodeOptions, openNode, type Transport, type WireMessage } from '../src/index.ts';
import { CHAIN } from './helpers.ts';

export type Tap = (msg: WireMessage, from: string, to: string | 'all') => void;

export class MemoryNetwork {
  readonly handlers = new Map<string, (msg: WireMessage, from: string) => void>();
  readonly taps: Tap[] = [];

  transport(id: string): Transport {
    return {
      broadcast: (msg) => {
        for (const tap of this.taps) tap(msg, id, 'all');
        for (const peer of this.handlers.keys()) if (peer !== id) this.deliver(peer, msg, id);
      },
      send: (peer, msg) => {
        for (const tap of this.taps) tap(msg, id, peer);
        this.deliver(peer, msg, id);
      },
      onMessage: (handler) => {
        this.handlers.set(id, handler);
      },
    };
  }

  /** Delivers `msg` to `to` as if `from` had sent it, on a later task. */
  deliver(to: string, msg: WireMessage, from: string): void {
    setImmediate(() => this.handlers.get(to)?.(msg, from));
  }

  /** Delivers to every node but `from`. */
  deliverAll(msg: WireMessage, from: string): void {
    for (const peer of this.handlers.keys()) if (peer !== from) this.deliver(peer, msg, from);
  }
}

/**
 * Validators in one process over one `MemoryNetwork`: a node for each key, in `<root>/v<i>`, closed
 * after the test (modules default: the kv module). Keys of the set left out do not run.
 */
export function memoryValidators(
  t: { after(fn: () => void): void },
  root: string,
  keys: readonly KeyPair[],
  genesis: GenesisDoc,
  opts: Partial<Omit<NodeOptions, 'dataDir' | 'genesis'>> = {},
  onFatal?: (e: unknown) => void,
): { net: MemoryNetwork; nodes: DjNode[] } {
  const net = new MemoryNetwork();
  const nodes = keys.map((key, i) =>
    openNode(
      { dataDir: join(root, `v${i}`), genesis, modules: [kvModule], ...opts },
      {
        key,
        transport: net.transport(Buffer.from(key.publicKey).toString('hex')),
        ...(onFatal === undefined ? {} : { onFatal }),
      },
    ),
  );
  t.after(() => {
    for (const n of nodes) n.close();
  });
  return { net, nodes };
}

/**
 * `byz` equivocates at (`height`, round 0): a nil prevote and a prevote for another value, both
 * validly signed, handed at once to every node of `net` as if `byz` had sent them.
 */
export function equivocate(
  net: MemoryNetwork,
  suite: Suite,
  byz: KeyPair,
  height: number,
): { nil: SignedVote; other: SignedVote } {
  const base = { type: 'prevote' as const, height, round: 0, time: 0, validator: byz.publicKey };
  const nil = signVote(suite, byz.secretKey, CHAIN, { ...base, blockHash: null });
  const other = signVote(suite, byz.secretKey, CHAIN, { ...base, blockHash: new Uint8Array(32).fill(7) });
  const from = Buffer.from(byz.publicKey).toString('hex');
  for (const [id, deliver] of net.handlers) {
    if (id === from) continue;
    deliver({ kind: 'vote', vote: nil }, from);
    deliver({ kind: 'vote', vote: other }, from);
  }
  return { nil, other };
}

/** Resolves when `pred` holds, checking after every task turn; rejects after `limitMs` (a guard). */
export async function until(pred: () => boolean, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > limitMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
