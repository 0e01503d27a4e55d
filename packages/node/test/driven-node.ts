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
import type { GenesisDoc } from '@djchain/runtime';
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
  /** A's node (the one `restart` opened last). */
  readonly node: DjNode;
  readonly net: MemoryNetwork;
  /** The four validators' keys, A's first. */
  readonly keys: KeyPair[];
  readonly a: KeyPair;
  /** Every message A has sent, with its addressee, in order. */
  readonly sent: Array<{ msg: WireMessage; to: string }>;
  /** A second application on the same genesis, to build height-1 blocks by any proposer. */
  readonly builder: Application;
  readonly genesis: GenesisDoc;
  /** The id (hex public key) of the proposer of `round` at height 1. */
  proposerOf(round: number): string;
  /** The first round at height 1 whose proposer is `key`. */
  roundOf(key: KeyPair): number;
  /** Closes A's node and opens it again on the same data directory (and network). */
  restart(): DjNode;
}

/**
 * Keys from seeds `seed`…`seed + 3` (sorted by public key with `sortKeys`, so that A is the first
 * validator by id); `driver` options replace the slow defaults.
 */
export function drivenNode(
  t: { after(fn: () => void): void },
  seed: number,
  opts: { driver?: Record<string, unknown>; sortKeys?: boolean } = {},
): DrivenNode {
  const root = tempDir(t);
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, seed + i));
  if (opts.sortKeys) keys.sort((x, y) => (toHex(x.publicKey) < toHex(y.publicKey) ? -1 : 1));
  const genesis = genesisFor(suite, keys);
  const net = new MemoryNetwork();
  const a = keys[0]!;
  const aId = toHex(a.publicKey);
  const sent: Array<{ msg: WireMessage; to: string }> = [];
  net.taps.push((msg, from, to) => {
    if (from === aId) sent.push({ msg, to });
  });
  const open = () =>
    openNode(
      {
        dataDir: join(root, 'a'),
        genesis,
        modules: [kvModule],
        driver: {
          emptyBlockIntervalMs: 60_000,
          timeouts: SLOW_TIMEOUTS,
          gossipIntervalMs: 60_000,
          ...opts.driver,
        },
      },
      { key: a, transport: net.transport(aId) },
    );
  let node = open();
  let store: ChainStore | undefined;
  let builder: Application | undefined;
  t.after(() => {
    node.close();
    store?.close();
  });
  const set = makeValidatorSet(keys.map((k) => ({ id: toHex(k.publicKey), power: 1 })));
  return {
    get node() {
      return node;
    },
    net,
    keys,
    a,
    sent,
    // Built on first use: a test that needs no foreign block opens no second store.
    get builder() {
      store ??= new ChainStore({ file: join(root, 'builder.db'), suite });
      builder ??= new Application({ suite, genesis, modules: [kvModule] }, { store });
      return builder;
    },
    genesis,
    proposerOf: (round) => proposer(set, 1, round),
    roundOf: (key) => [0, 1, 2, 3].find((r) => proposer(set, 1, r) === toHex(key.publicKey))!,
    restart() {
      node.close();
      node = open();
      return node;
    },
  };
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
