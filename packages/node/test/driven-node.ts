/**
 * One real node (validator A of four) on a memory network, driven by a test that holds the other
 * three keys: it hands A signed proposals and votes and watches what A does. A second application
 * on the same genesis builds height-1 blocks by any proposer. Timeouts and the empty-block and
 * gossip intervals are a minute, so nothing here moves by a timer.
 */
import { join } from 'node:path';
import { makeValidatorSet, proposer } from '@djchain/consensus';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { type Block, encodeBlock, headerHash } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import {
  Application,
  ChainStore,
  type DjNode,
  openNode,
  signProposal,
  type WireMessage,
} from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, SLOW_TIMEOUTS, tempDir } from './helpers.ts';
import { MemoryNetwork } from './memory-net.ts';

const suite = getSuite('intl');

export interface DrivenNode {
  readonly node: DjNode;
  readonly net: MemoryNetwork;
  /** The four validators' keys, A's first. */
  readonly keys: KeyPair[];
  readonly a: KeyPair;
  /** A second application on the same genesis, to build height-1 blocks by any proposer. */
  readonly builder: Application;
  /** The first round at height 1 whose proposer is `key`. */
  roundOf(key: KeyPair): number;
}

/** Keys from seeds `seed`…`seed + 3`; `driver` options replace the slow defaults. */
export function drivenNode(
  t: { after(fn: () => void): void },
  seed: number,
  driver: Record<string, unknown> = {},
): DrivenNode {
  const root = tempDir(t);
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, seed + i));
  const genesis = genesisFor(suite, keys);
  const net = new MemoryNetwork();
  const a = keys[0]!;
  const node = openNode(
    {
      dataDir: join(root, 'a'),
      genesis,
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 60_000, timeouts: SLOW_TIMEOUTS, gossipIntervalMs: 60_000, ...driver },
    },
    { key: a, transport: net.transport(toHex(a.publicKey)) },
  );
  const store = new ChainStore({ file: join(root, 'builder.db'), suite });
  const builder = new Application({ suite, genesis, modules: [kvModule] }, { store });
  t.after(() => {
    node.close();
    store.close();
  });
  const set = makeValidatorSet(keys.map((k) => ({ id: toHex(k.publicKey), power: 1 })));
  const roundOf = (key: KeyPair) => [0, 1, 2, 3].find((r) => proposer(set, 1, r) === toHex(key.publicKey))!;
  return { node, net, keys, a, builder, roundOf };
}

/** `key`'s signed proposal of `signed` at height 1, with `attached` as the block sent along. */
export function proposalMsg(
  key: KeyPair,
  round: number,
  signed: Block,
  validRound = -1,
  attached: Block = signed,
): WireMessage {
  const proposal = signProposal(suite, key.secretKey, CHAIN, {
    height: 1,
    round,
    value: toHex(headerHash(suite, signed.header)),
    validRound,
    proposer: toHex(key.publicKey),
  });
  return { kind: 'proposal', proposal, block: encodeBlock(attached) };
}

/**
 * Lets every delivered message be handled: deliveries are queued with setImmediate (FIFO), so a
 * few immediates queued after them run after all of them, however slow the machine (a fixed
 * sleep raced the deliveries under load).
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
