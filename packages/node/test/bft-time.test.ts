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
import { kvModule } from '@djchain/testkit/kv';
import { Application, ChainStore } from '../src/index.ts';
import { genesisFor, keyOf, T0, tempDir } from './helpers.ts';

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

test('fault 1: a certificate that does not verify is never stored (NODE_BAD_COMMIT)', (t) => {
  const dir = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 50 + i));
  const store = new ChainStore({ file: join(dir, 'chain.db'), suite });
  t.after(() => store.close());
  const app = new Application({ suite, genesis: genesisFor(suite, keys), modules: [kvModule] }, { store });
  const block = app.propose([], keys[0]!.publicKey, new Set());
  const set = app.validators(1);
  const sign = (i: number, time: number) =>
    signVote(suite, keys[i]!.secretKey, app.chainId, {
      type: 'precommit',
      height: 1,
      round: 0,
      blockHash: block.hash,
      time,
      validator: keys[i]!.publicKey,
    }).signature;
  const sig = (i: number, time: number, signedTime = time) => ({
    validatorIndex: validatorIndex(set, keys[i]!.publicKey),
    time,
    signature: sign(i, signedTime),
  });
  // The shape of fault 1: validator 3's time t1 paired with its signature over t2.
  const bad = makeCommit(1, 0, block.hash, [
    sig(0, T0 + 1),
    sig(1, T0 + 2),
    sig(2, T0 + 3),
    sig(3, T0 + 4, T0 + 9),
  ]);
  assert.throws(() => app.commit(block, bad), { code: 'NODE_BAD_COMMIT' });
  assert.equal(app.height(), 0);
  app.commit(block, makeCommit(1, 0, block.hash, [sig(0, T0 + 1), sig(1, T0 + 2), sig(2, T0 + 3)]));
  assert.equal(app.height(), 1);
});
