/**
 * Two liveness defects of the driver the simulator found (packages/sim seeds 153 and 223, and the
 * amnesiac behaviour on seeds 0, 9, 23, 26): a re-proposal (vr ≥ 0) of a block another validator
 * built was refused because the header's proposer was required to be the signer, and a vote or
 * proposal the machine refused on its first copy (a conflicting vote before its proposal, a round
 * beyond the future bound) was never fed again, since the driver's caches took every later copy
 * for known. In both a validator missed
 * the polka the others had, and the height stalled.
 *
 * One real node (validator A of four) is driven by the test, which holds the other keys and
 * watches what A broadcasts. Timeouts are a minute, so nothing here moves by a timeout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeValidatorSet, proposer } from '@djchain/consensus';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { type Block, headerHash, signVote } from '@djchain/ledger';
import type { WireMessage } from '../src/index.ts';
import { type DrivenNode, drivenNode, proposalMsg, settle } from './driven-node.ts';
import { CHAIN } from './helpers.ts';

const suite = getSuite('intl');

interface Rig extends DrivenNode {
  /** The other three validators, ordered by the first round at height 1 they propose in. */
  others: Array<{ key: KeyPair; round: number }>;
  /** Votes A has broadcast, as `${type}/${round}/${hash hex | nil}`. */
  votes(): string[];
}

function rig(t: { after(fn: () => void): void }): Rig {
  const driven = drivenNode(t, 70);
  const others = driven.keys
    .slice(1)
    .map((key) => ({ key, round: driven.roundOf(key) }))
    .sort((x, y) => x.round - y.round);
  const votes = () =>
    driven.sent.flatMap(({ msg }) =>
      msg.kind === 'vote'
        ? [`${msg.vote.type}/${msg.vote.round}/${msg.vote.blockHash ? toHex(msg.vote.blockHash) : 'nil'}`]
        : [],
    );
  return Object.assign(driven, { others, votes });
}

function prevote(key: KeyPair, round: number, block: Block | null): WireMessage {
  const vote = signVote(suite, key.secretKey, CHAIN, {
    type: 'prevote',
    height: 1,
    round,
    blockHash: block ? headerHash(suite, block.header) : null,
    time: 0,
    validator: key.publicKey,
  });
  return { kind: 'vote', vote };
}

test("a re-proposal (vr ≥ 0) of another validator's block is accepted: a node gets the polka and prevotes it", async (t) => {
  const r = rig(t);
  const [b, c, d] = r.others as [Rig['others'][0], Rig['others'][0], Rig['others'][0]];
  const x = r.builder.propose([], b.key.publicKey, new Set()).block;
  const hash = toHex(headerHash(suite, x.header));
  // Round b.round: B proposes X, and B, C, D prevote it (a polka: 3 of 4).
  r.net.deliver(r.node.nodeId, proposalMsg(b.key, b.round, x, -1), toHex(b.key.publicKey));
  for (const k of [b, c, d]) r.net.deliver(r.node.nodeId, prevote(k.key, b.round, x), toHex(k.key.publicKey));
  await settle();
  // Round c.round: C re-proposes X with vr = b.round, and D prevotes nil there (with C's proposal,
  // f+1 senders in that round: A moves to it, line 55).
  r.net.deliver(r.node.nodeId, proposalMsg(c.key, c.round, x, b.round), toHex(c.key.publicKey));
  r.net.deliver(r.node.nodeId, prevote(d.key, c.round, null), toHex(d.key.publicKey));
  await settle();
  assert.equal(r.node.driver.position().round, c.round);
  // Line 28: a proposal with vr and 2f+1 prevotes for X in vr: A prevotes X (before the fix its
  // header's proposer, B, was compared with the signer, C, and the proposal refused as a peer's junk).
  assert.ok(r.votes().includes(`prevote/${c.round}/${hash}`), `A sent ${r.votes().join(', ')}`);
  assert.equal(r.node.driver.peerScore(toHex(c.key.publicKey)), 0, 'the re-proposal is no misbehaviour');
});

test('a vote the machine refused on its first copy counts when a peer re-gossips it', async (t) => {
  const r = rig(t);
  const [b, , d] = r.others as [Rig['others'][0], Rig['others'][0], Rig['others'][0]];
  const x = r.builder.propose([], b.key.publicKey, new Set()).block;
  const hash = toHex(headerHash(suite, x.header));
  const round = b.round;
  // D equivocates in B's round: nil first, then X before A holds the proposal of X. The machine
  // keeps only conflicting votes for a value it holds a proposal of, so the second is refused.
  r.net.deliver(r.node.nodeId, prevote(d.key, round, null), toHex(d.key.publicKey));
  r.net.deliver(r.node.nodeId, prevote(d.key, round, x), toHex(d.key.publicKey));
  await settle();
  // B proposes X and prevotes it; A prevotes X too (line 22). X has A and B: 2 of 4, no polka.
  r.net.deliver(r.node.nodeId, proposalMsg(b.key, round, x, -1), toHex(b.key.publicKey));
  r.net.deliver(r.node.nodeId, prevote(b.key, round, x), toHex(b.key.publicKey));
  await settle();
  assert.ok(r.votes().includes(`prevote/${round}/${hash}`), `A sent ${r.votes().join(', ')}`);
  assert.ok(!r.votes().includes(`precommit/${round}/${hash}`), 'no polka yet');
  // A peer re-gossips D's vote for X (the same signed bytes): now it counts, 3 of 4, A locks and
  // precommits X (line 36). Before the fix the driver dropped the copy as already seen.
  r.net.deliver(r.node.nodeId, prevote(d.key, round, x), 'some-peer');
  await settle();
  assert.ok(r.votes().includes(`precommit/${round}/${hash}`), `A sent ${r.votes().join(', ')}`);
});

test('a proposal the machine refused on its first copy (beyond the future-round bound) counts when re-gossiped', async (t) => {
  const r = rig(t);
  const aId = toHex(r.a.publicKey);
  // B proposes in round rb ∈ {2, 3} (one of the two is not A's); its prevotes in the two other
  // rounds of 1–3 fill its bound of 2 future rounds, so its proposal for rb is refused on arrival.
  const set = makeValidatorSet(
    [r.a, ...r.others.map((o) => o.key)].map((k) => ({ id: toHex(k.publicKey), power: 1 })),
  );
  const rb = [2, 3].find((round) => proposer(set, 1, round) !== aId)!;
  const b = r.others.find((o) => toHex(o.key.publicKey) === proposer(set, 1, rb))!;
  const [c, d] = r.others.filter((o) => o !== b) as [Rig['others'][0], Rig['others'][0]];
  const x = r.builder.propose([], b.key.publicKey, new Set()).block;
  const hash = toHex(headerHash(suite, x.header));
  for (const round of [1, 2, 3].filter((n) => n !== rb)) {
    r.net.deliver(r.node.nodeId, prevote(b.key, round, null), toHex(b.key.publicKey));
  }
  r.net.deliver(r.node.nodeId, proposalMsg(b.key, rb, x, -1), toHex(b.key.publicKey));
  await settle();
  // C and D prevote nil in rb: f+1 senders there, A moves to round rb (line 55), without B's proposal.
  for (const k of [c, d]) r.net.deliver(r.node.nodeId, prevote(k.key, rb, null), toHex(k.key.publicKey));
  await settle();
  assert.equal(r.node.driver.position().round, rb);
  assert.ok(!r.votes().includes(`prevote/${rb}/${hash}`), 'the first copy was refused');
  // A peer re-gossips B's proposal: A prevotes X (line 22). Before the fix the driver took the copy
  // for known and A waited for the propose timeout.
  r.net.deliver(r.node.nodeId, proposalMsg(b.key, rb, x, -1), 'some-peer');
  await settle();
  assert.ok(r.votes().includes(`prevote/${rb}/${hash}`), `A sent ${r.votes().join(', ')}`);
});
