/**
 * Issue 9, fault 7: after a restart in a deep round a node's own votes were missing from its tally
 * (the record's messages were replayed at round 0, and the per-validator future-round bound dropped
 * those of round ≥ 3) and its own signed proposal was not re-gossiped (the driver's caches were
 * empty). One real node (validator A of four) is driven by the test, which holds the other keys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { signVote } from '@djchain/ledger';
import type { WireMessage } from '../src/index.ts';
import { drivenNode } from './driven-node.ts';
import { CHAIN, SLOW_TIMEOUTS } from './helpers.ts';
import { until } from './memory-net.ts';

test('fault 7: restarted in round ≥ 3, a validator counts its own votes and re-sends its own proposal', async (t) => {
  const suite = getSuite('intl');
  // Rounds move only by the test's messages; a short propose timeout makes A prevote nil in each
  // round it enters without a proposal, so it holds signed messages in several rounds. Keys sorted
  // by id: with equal powers proposer(1, r) is the ((1 + r) mod 4)-th, so the first key (A)
  // proposes in round 3 and not in rounds 1 and 2.
  const driven = drivenNode(t, 70, {
    driver: { timeouts: { ...SLOW_TIMEOUTS, proposeBaseMs: 30 } },
    sortKeys: true,
  });
  const { net, sent, keys } = driven;
  const [a, ...others] = keys as [(typeof keys)[0], ...typeof keys];
  const aId = toHex(a.publicKey);
  // The first round ≥ 3 in which A proposes at height 1 (A must not propose in rounds 1 and 2, so
  // that it signs nil prevotes there).
  const round = [3, 4, 5, 6].find((r) => driven.proposerOf(r) === aId)!;
  assert.ok(driven.proposerOf(1) !== aId && driven.proposerOf(2) !== aId);
  const [b, c, d] = others as [(typeof keys)[0], (typeof keys)[0], (typeof keys)[0]];
  const vote = (k: typeof b, type: 'prevote' | 'precommit', blockHash: Uint8Array | null, r = round) =>
    signVote(suite, k.secretKey, CHAIN, {
      type,
      height: 1,
      round: r,
      blockHash,
      time: type === 'precommit' ? driven.genesis.time + 1000 : 0,
      validator: k.publicKey,
    });
  // Rounds 1 and 2 first: b and c precommit nil there (f+1 messages of a higher round, A jumps
  // there) and A prevotes nil at its propose timeout. Its own messages then span three rounds
  // above 0: before the fix, the replay at round 0 dropped those of the third (the future-round
  // bound, 2 per validator).
  for (const r of [1, 2]) {
    for (const k of [b, c]) {
      net.deliver(aId, { kind: 'vote', vote: vote(k, 'precommit', null, r) }, toHex(k.publicKey));
    }
    await until(() => sent.some((s) => s.msg.kind === 'vote' && s.msg.vote.round === r));
  }
  // b and c precommit nil in `round`: A jumps there and proposes.
  for (const k of [b, c])
    net.deliver(aId, { kind: 'vote', vote: vote(k, 'precommit', null) }, toHex(k.publicKey));
  await until(() => sent.some((s) => s.msg.kind === 'proposal'));
  const own = sent.find((s) => s.msg.kind === 'proposal')!.msg as Extract<WireMessage, { kind: 'proposal' }>;
  assert.equal(own.proposal.round, round);
  // b, c and d prevote A's block: a polka, A locks and precommits it.
  for (const k of [b, c, d]) {
    net.deliver(aId, { kind: 'vote', vote: vote(k, 'prevote', own.proposal.blockHash) }, toHex(k.publicKey));
  }
  await until(() => sent.some((s) => s.msg.kind === 'vote' && s.msg.vote.type === 'precommit'));

  // Restart; then a peer at the same height asks with an empty status. The answer is what the
  // machine holds (its tally, `heldMessages`) that the driver has signed copies of: A's own
  // proposal with its block, and its own prevote and precommit, must all be in it.
  sent.length = 0;
  const node = driven.restart();
  await until(() => node.driver.position().round === round);
  net.deliver(aId, { kind: 'status', height: 1, has: [] }, toHex(b.publicKey));
  await until(() => sent.some((s) => s.to === toHex(b.publicKey) && s.msg.kind === 'proposal'), 10_000);
  const toB = sent.filter((s) => s.to === toHex(b.publicKey)).map((s) => s.msg);
  const proposal = toB.find((m) => m.kind === 'proposal') as Extract<WireMessage, { kind: 'proposal' }>;
  assert.deepEqual(proposal.proposal.blockHash, own.proposal.blockHash);
  assert.equal(proposal.proposal.round, round);
  assert.ok(proposal.block.length > 0);
  const ownVotes = toB
    .filter((m): m is Extract<WireMessage, { kind: 'vote' }> => m.kind === 'vote')
    .filter((m) => toHex(m.vote.validator) === aId && m.vote.round === round)
    .map((m) => [m.vote.type, toHex(m.vote.blockHash!)]);
  const block = toHex(own.proposal.blockHash);
  assert.deepEqual(ownVotes.sort(), [
    ['precommit', block],
    ['prevote', block],
  ]);
});
