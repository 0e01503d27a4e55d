/** A chain in memory for tests: genesis, signed transactions with tracked nonces, blocks applied. */
import { getSuite, type KeyPair, type Suite, type Value } from '@djchain/crypto';
import { signTx, type Transaction, type TxBody } from '@djchain/ledger';
import {
  addressOf,
  type BlockResult,
  Executor,
  type GenesisDoc,
  MemoryState,
  type ModuleDef,
  type StateView,
} from '../src/index.ts';
import { demoModule } from './example-module.ts';

export const CHAIN = 'dj-test';
export const T0 = 1_767_225_600_000;

export function keyOf(suite: Suite, i: number): KeyPair {
  return suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1));
}

export class Harness {
  readonly suite: Suite;
  readonly executor: Executor;
  readonly state = new MemoryState();
  readonly admin: KeyPair;
  height = 0;
  private readonly nonces = new Map<string, number>();

  constructor(opts: { suite?: Suite; modules?: ModuleDef[] } = {}) {
    this.suite = opts.suite ?? getSuite('intl');
    this.executor = new Executor({
      chainId: CHAIN,
      suite: this.suite,
      modules: opts.modules ?? [demoModule()],
    });
    this.admin = keyOf(this.suite, 0);
    const { writes } = this.executor.executeGenesis(this.genesisDoc());
    this.state.apply(writes);
  }

  genesisDoc(): GenesisDoc {
    return {
      chainId: CHAIN,
      suite: this.suite.id,
      time: T0,
      validators: { validators: [{ publicKey: keyOf(this.suite, 50).publicKey, power: 1, name: 'v0' }] },
      modules: { demo: { admin: addressOf(this.suite, this.admin.publicKey) } },
    };
  }

  /** A signed transaction with the signer's next nonce (tracked here, not read from state). */
  tx(key: KeyPair, action: string, params: Value, over: Partial<TxBody> = {}): Transaction {
    const address = addressOf(this.suite, key.publicKey);
    const nonce = over.nonce ?? this.nonces.get(address) ?? 0;
    if (over.nonce === undefined) this.nonces.set(address, nonce + 1);
    return signTx(this.suite, key.secretKey, {
      chainId: CHAIN,
      module: 'demo',
      action,
      params,
      signer: key.publicKey,
      nonce,
      expiry: this.height + 100,
      ...over,
    });
  }

  /** Executes the next block over the current state and commits its writes. */
  block(txs: Transaction[], verified?: ReadonlySet<string>): BlockResult {
    const result = this.run(txs, this.state, verified);
    this.state.apply(result.writes);
    this.height++;
    return result;
  }

  /** Executes the next block without committing. */
  run(txs: Transaction[], view: StateView = this.state, verified?: ReadonlySet<string>): BlockResult {
    const height = this.height + 1;
    return this.executor.executeBlock(
      {
        height,
        time: T0 + height * 1000,
        txs,
        proposer: keyOf(this.suite, 50).publicKey,
        ...(verified ? { verified } : {}),
      },
      view,
    );
  }

  /** A snapshot of every entry, for before/after comparisons. */
  snapshot(): Map<string, string> {
    return new Map(this.state.entries().map(([k, v]) => [k, Buffer.from(v).toString('hex')]));
  }
}

/** Keys whose values differ between two snapshots. */
export function changedKeys(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}
