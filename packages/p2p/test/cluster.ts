/** Test harness: P2P nodes on 127.0.0.1 with ephemeral ports, and waits on their events. */
import type { SuiteId } from '@djchain/crypto';
import { type P2PError, type P2PInit, P2PNode } from '../src/index.ts';
import { CHAIN, identity, suiteOf, waitFor } from './helpers.ts';

export interface Received {
  from: string;
  channel: number;
  payload: Uint8Array;
}

/** A started node with identity `n`, allowing identities `allow` (default 0..9). */
export async function startNode(
  suiteId: SuiteId,
  n: number,
  over: Partial<P2PInit> = {},
  allow: number[] = [...Array(10).keys()],
): Promise<P2PNode> {
  const suite = suiteOf(suiteId);
  const node = new P2PNode({
    chainId: CHAIN,
    suite,
    identity: identity(suite, n).secretKey,
    listen: { host: '127.0.0.1', port: 0 },
    allowedPeers: allow.map((k) => identity(suite, k).id),
    redialBaseMs: 20,
    redialMaxMs: 200,
    ...over,
  });
  await node.start();
  return node;
}

export function port(node: P2PNode): number {
  return node.address()!.port;
}

export function waitPeer(node: P2PNode, peerId: string, up: boolean): Promise<P2PError | undefined> {
  return waitFor<[string, boolean, P2PError | undefined]>(
    (cb) => node.onPeer((id, u, reason) => cb([id, u, reason])),
    ([id, u]) => id === peerId && u === up,
    `peer ${peerId.slice(0, 8)} ${up ? 'up' : 'down'}`,
  ).then(([, , reason]) => reason);
}

export function waitError(node: P2PNode, code: string): Promise<P2PError> {
  return waitFor<P2PError>(
    (cb) => node.onError((e) => cb(e)),
    (e) => e.code === code,
    `error ${code}`,
  );
}

/** Collects every message `node` receives. */
export function inbox(node: P2PNode): Received[] {
  const got: Received[] = [];
  node.onMessage((from, channel, payload) => got.push({ from, channel, payload }));
  return got;
}

export function waitMessage(node: P2PNode, pick: (m: Received) => boolean, what: string): Promise<Received> {
  return waitFor<Received>(
    (cb) => node.onMessage((from, channel, payload) => cb({ from, channel, payload })),
    pick,
    what,
  );
}
