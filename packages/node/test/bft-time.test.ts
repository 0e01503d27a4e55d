/**
 * Issue 9, fault 3: the node's block time is the BFT time over the commit's own signers (one rule,
 * `weightedMedianTime` in the ledger, for the node and the consensus machine alike). Before, the
 * node took the median over half of the WHOLE set's power: with 7 equal validators and a commit of
 * 5 precommits, the 2 faulty voters' far-future stamp became the next block's time.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { makeCommit, signVote, validatorIndex } from '@djchain/ledger';
import { Application, ChainStore } from '../src/index.ts';
import { genesisFor, keyOf, T0, tempDir } from './helpers.ts';
import { kvModule } from './test-module.ts';

test('fault 3: 2 faulty of 7 stamping the far future in a 5-vote commit do not set the next block time', (t) => {
  const dir = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3, 4, 5, 6].map((i) => keyOf(suite, 40 + i));
  const store = new ChainStore({ file: join(dir, 'chain.db'), suite });
  t.after(() => store.close());
  const app = new Application({ suite, genesis: genesisFor(suite, keys), modules: [kvModule] }, { store });
  const first = app.propose([], keys[0]!.publicKey, new Set());
  const set = app.validators(1);
  // Three correct voters at T0+100..120; two faulty ones an hour ahead.
  const stamps = [100, 110, 120, 3_600_000, 3_600_000];
  const sigs = stamps.map((dt, i) => {
    const key = keys[i]!;
    const time = T0 + dt;
    const vote = signVote(suite, key.secretKey, app.chainId, {
      type: 'precommit',
      height: 1,
      round: 0,
      blockHash: first.hash,
      time,
      validator: key.publicKey,
    });
    return { validatorIndex: validatorIndex(set, key.publicKey), time, signature: vote.signature };
  });
  app.commit(first, makeCommit(1, 0, first.hash, sigs));
  const second = app.propose([], keys[1]!.publicKey, new Set());
  // By hand: the commit holds power 5; sorted times 100, 110, 120, … reach half of 5 at the third.
  assert.equal(second.block.header.time, T0 + 120);
});
