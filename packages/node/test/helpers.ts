/** Test helpers: temp dirs, a one-validator genesis with the kv test module, signed transactions. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSuite, type KeyPair, type Suite, type SuiteId, type Value } from '@djchain/crypto';
import { signTx, type Transaction } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { kvModule } from '@djchain/testkit/kv';
import { type CommitEvent, type DjNode, openNode } from '../src/index.ts';

export const CHAIN = 'dj-node-test';
export const T0 = 1_767_225_600_000;

/** Consensus timeouts short enough for tests of several validators in one process or over loopback. */
export const FAST_TIMEOUTS = {
  proposeBaseMs: 400,
  proposeDeltaMs: 200,
  prevoteBaseMs: 200,
  prevoteDeltaMs: 200,
  precommitBaseMs: 200,
  precommitDeltaMs: 200,
};

/** Shorter still, for in-memory networks (no sockets, no handshakes). */
export const FASTER_TIMEOUTS = {
  proposeBaseMs: 300,
  proposeDeltaMs: 100,
  prevoteBaseMs: 150,
  prevoteDeltaMs: 100,
  precommitBaseMs: 150,
  precommitDeltaMs: 100,
};

/** Timeouts that do not fire within a test: the test drives every consensus step itself. */
export const SLOW_TIMEOUTS = {
  proposeBaseMs: 60_000,
  proposeDeltaMs: 0,
  prevoteBaseMs: 60_000,
  prevoteDeltaMs: 0,
  precommitBaseMs: 60_000,
  precommitDeltaMs: 0,
};

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'djnode-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function keyOf(suite: Suite, i: number): KeyPair {
  return suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1));
}

export function genesisFor(suite: Suite, validators: KeyPair[]): GenesisDoc {
  return {
    chainId: CHAIN,
    suite: suite.id,
    time: T0,
    validators: {
      validators: validators.map((k, i) => ({ publicKey: k.publicKey, power: 1, name: `v${i}` })),
    },
    modules: { kv: { label: 'test' } },
  };
}

/** Signs kv transactions with nonces tracked per key. */
export class Signer {
  readonly suite: Suite;
  private readonly nonces = new Map<KeyPair, number>();
  constructor(suite: Suite) {
    this.suite = suite;
  }
  tx(key: KeyPair, action: string, params: Value, expiry = 1_000_000): Transaction {
    const nonce = this.nonces.get(key) ?? 0;
    this.nonces.set(key, nonce + 1);
    return signTx(this.suite, key.secretKey, {
      chainId: CHAIN,
      module: 'kv',
      action,
      params,
      signer: key.publicKey,
      nonce,
      expiry,
    });
  }
}

/**
 * A kv put signed by `key` with nonce 0 and expiry 100, any field of it replaced by `over`: one
 * transaction per refusal a test wants (another chain, expired, unknown module, bad parameters).
 */
export function kvTxWith(suite: Suite, key: KeyPair, over: Partial<Transaction> = {}): Transaction {
  return signTx(suite, key.secretKey, {
    chainId: CHAIN,
    module: 'kv',
    action: 'put',
    params: { id: 'c', value: 'x' },
    signer: key.publicKey,
    nonce: 0,
    expiry: 100,
    ...over,
  });
}

export function startNode(dir: string, suiteId: SuiteId = 'intl', emptyBlockIntervalMs = 20): DjNode {
  const suite = getSuite(suiteId);
  const key = keyOf(suite, 0);
  return openNode(
    {
      dataDir: dir,
      genesis: genesisFor(suite, [key]),
      modules: [kvModule],
      driver: { emptyBlockIntervalMs },
    },
    { key },
  );
}

/** Resolves at the first commit for which `pred` holds (bounded by `maxBlocks` commits). */
export function waitForCommit(
  node: DjNode,
  pred: (e: CommitEvent) => boolean,
  maxBlocks = 500,
): Promise<CommitEvent> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const on = (e: CommitEvent) => {
      seen++;
      if (pred(e)) {
        node.events.off('commit', on);
        resolve(e);
      } else if (seen >= maxBlocks) {
        node.events.off('commit', on);
        reject(new Error(`condition not met within ${maxBlocks} blocks`));
      }
    };
    node.events.on('commit', on);
  });
}

export function waitForHeight(node: DjNode, height: number): Promise<unknown> {
  if (node.app.height() >= height) return Promise.resolve();
  return waitForCommit(node, (e) => e.executed.block.header.height >= height, height + 10);
}
