/**
 * Issue 9, fault 7: after a restart in a deep round a node's own votes were missing from its tally
 * (the record's messages were replayed at round 0, and the per-validator future-round bound dropped
 * those of round ≥ 3) and its own signed proposal was not re-gossiped (the driver's caches were
 * empty). One real node (validator A of four) is driven by the test, which holds the other keys.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeValidatorSet, proposer } from '@djchain/consensus';
import { getSuite, toHex } from '@djchain/crypto';
import { signVote } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { type DjNode, openNode, type WireMessage } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, tempDir } from './helpers.ts';
import { MemoryNetwork, until } from './memory-net.ts';

// Rounds move only by the test's messages; a short propose timeout makes A prevote nil in each
// round it enters without a proposal, so it holds signed messages in several rounds.
const slow = {
  proposeBaseMs: 30,
  proposeDeltaMs: 0,
  prevoteBaseMs: 60_000,
  prevoteDeltaMs: 0,
  precommitBaseMs: 60_000,
  precommitDeltaMs: 0,
};

test('fault 7: restarted in round ≥ 3, a validator counts its own votes and re-sends its own proposal', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  // Sorted by id: with equal powers proposer(1, r) is the ((1 + r) mod 4)-th, so the first key
  // proposes in round 3 and not in rounds 1 and 2.
  const keys = [0, 1, 2, 3]
    .map((i) => keyOf(suite, 70 + i))
    .sort((x, y) => (toHex(x.publicKey) < toHex(y.publicKey) ? -1 : 1));
  const genesis = genesisFor(suite, keys);
  const [a, ...others] = keys as [(typeof keys)[0], ...typeof keys];
  const aId = toHex(a.publicKey);
  const set = makeValidatorSet(keys.map((k) => ({ id: toHex(k.publicKey), power: 1 })));
  // The first round ≥ 3 in which A proposes at height 1 (A must not propose in rounds 1 and 2, so
  // that it signs nil prevotes there).
  const round = [3, 4, 5, 6].find((r) => proposer(set, 1, r) === aId)!;
  assert.ok(proposer(set, 1, 1) !== aId && proposer(set, 1, 2) !== aId);
  const net = new MemoryNetwork();
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
        driver: { emptyBlockIntervalMs: 60_000, timeouts: slow, gossipIntervalMs: 60_000 },
      },
      { key: a, transport: net.transport(aId) },
    );
  let node: DjNode = open();
  t.after(() => node.close());
  const [b, c, d] = others as [(typeof keys)[0], (typeof keys)[0], (typeof keys)[0]];
  const vote = (k: typeof b, type: 'prevote' | 'precommit', blockHash: Uint8Array | null, r = round) =>
    signVote(suite, k.secretKey, CHAIN, {
      type,
      height: 1,
      round: r,
      blockHash,
      time: type === 'precommit' ? genesis.time + 1000 : 0,
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
  node.close();

  // Restart; then a peer at the same height asks with an empty status. The answer is what the
  // machine holds (its tally, `heldMessages`) that the driver has signed copies of: A's own
  // proposal with its block, and its own prevote and precommit, must all be in it.
  sent.length = 0;
  node = open();
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
