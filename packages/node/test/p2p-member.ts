/**
 * A validator of the node's loopback tests: a real P2P node on 127.0.0.1 (any port, quick redials)
 * and a node that uses it, started. The tests connect the members as their case needs.
 */
import { getSuite, type KeyPair, type Suite } from '@djchain/crypto';
import { P2PNode } from '@djchain/p2p';
import type { GenesisDoc } from '@djchain/runtime';
import { kvModule } from '@djchain/testkit/kv';
import { type DjNode, type NodeOptions, openNode } from '../src/index.ts';
import { CHAIN } from './helpers.ts';

export interface P2PMember {
  readonly key: KeyPair;
  readonly p2p: P2PNode;
  readonly node: DjNode;
  /** Fatal errors the node reported (its `onFatal`). */
  readonly fatal: unknown[];
}

/** A P2P node listening on a free loopback port; `allowed` narrows who may connect (default: the registry). */
export function loopbackP2P(key: KeyPair, suite: Suite, allowed?: readonly KeyPair[]): P2PNode {
  return new P2PNode({
    chainId: CHAIN,
    suite,
    identity: key.secretKey,
    listen: { host: '127.0.0.1', port: 0 },
    ...(allowed === undefined
      ? {}
      : { allowedPeers: allowed.map((k) => Buffer.from(k.publicKey).toString('hex')) }),
    redialBaseMs: 50,
    redialMaxMs: 500,
  });
}

/** Opens a node in `dataDir` over a started loopback P2P node (modules default: the kv module). */
export async function p2pMember(
  dataDir: string,
  key: KeyPair,
  genesis: GenesisDoc,
  opts: Partial<Omit<NodeOptions, 'dataDir' | 'genesis'>> = {},
): Promise<P2PMember> {
  const fatal: unknown[] = [];
  const p2p = loopbackP2P(key, getSuite(genesis.suite));
  const node = openNode(
    { dataDir, genesis, modules: [kvModule], ...opts },
    { key, p2p, onFatal: (e) => fatal.push(e) },
  );
  await p2p.start();
  return { key, p2p, node, fatal };
}
