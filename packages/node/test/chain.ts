/** An application without consensus for unit tests: blocks proposed and committed by hand. */
import { join } from 'node:path';
import { getSuite, type KeyPair, type Suite } from '@djchain/crypto';
import { makeCommit, signVote } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { Application, ChainStore, type Executed, Mempool, type MempoolOptions } from '../src/index.ts';
import { genesisFor, keyOf, T0 } from './helpers.ts';

export class HandChain {
  readonly suite: Suite;
  readonly validator: KeyPair;
  readonly store: ChainStore;
  readonly app: Application;
  readonly mempool: Mempool;

  /** `suite`: the intl suite unless given (a test may wrap it to count verifications). */
  constructor(dir: string, mempool: Partial<MempoolOptions> = {}, suite: Suite = getSuite('intl')) {
    this.suite = suite;
    this.validator = keyOf(this.suite, 0);
    this.store = new ChainStore({ file: join(dir, 'chain.db'), suite: this.suite });
    this.app = new Application(
      { suite: this.suite, genesis: genesisFor(this.suite, [this.validator]), modules: [kvModule] },
      { store: this.store },
    );
    this.mempool = new Mempool(mempool, { app: this.app });
  }

  /** Proposes from the mempool, commits with a one-validator certificate, updates the mempool. */
  block(maxTxs = 5000): Executed {
    const { txs, verified } = this.mempool.reap(maxTxs, 1 << 30);
    const executed = this.app.propose(txs, this.validator.publicKey, verified);
    const h = executed.block.header.height;
    const time = T0 + h * 1000;
    const vote = signVote(this.suite, this.validator.secretKey, this.app.chainId, {
      type: 'precommit',
      height: h,
      round: 0,
      blockHash: executed.hash,
      time,
      validator: this.validator.publicKey,
    });
    this.app.commit(
      executed,
      makeCommit(h, 0, executed.hash, [{ validatorIndex: 0, time, signature: vote.signature }]),
    );
    this.mempool.update(executed);
    return executed;
  }

  close(): void {
    this.store.close();
  }
}
