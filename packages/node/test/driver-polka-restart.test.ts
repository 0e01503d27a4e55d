/**
 * A liveness defect the simulator found (packages/sim seed 70, the `amnesiac` behaviour): a
 * validator locked on a polka that counted a Byzantine prevote only it had received, crashed, and
 * restarted with its lock but without the prevotes behind it (only its own signed messages were
 * kept). No peer could ever be shown the polka its re-proposal names (line 28 needs 2f+1 prevotes
 * in vr), and without the locked validator no value reached 2/3: the chain stalled. The record now
 * keeps the signed prevotes of the polkas behind the lock and the valid value (CometBFT keeps the
 * received votes in its WAL); a restart counts them again and re-gossips them.
 *
 * One real node (validator A of four) is driven by the test, which holds the other keys.
 * Timeouts are a minute, so nothing here moves by a timeout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { headerHash, signVote, verifyVoteSignature } from '@djchain/ledger';
import type { WireMessage } from '../src/index.ts';
import { drivenNode, proposalMsg } from './driven-node.ts';
import { CHAIN } from './helpers.ts';
import { until } from './memory-net.ts';

const suite = getSuite('intl');

test('a restarted validator re-gossips the prevotes of the polka it locked on, not only its own', async (t) => {
  const driven = drivenNode(t, 70);
  const { net, sent, keys, builder } = driven;
  const [a, ...rest] = keys as [KeyPair, ...KeyPair[]];
  const aId = toHex(a.publicKey);
  // P: the proposer of the first round at height 1 that A does not lead; Q: the amnesiac whose
  // prevote only A gets; R: the peer that asks after the restart.
  const round = [0, 1, 2, 3].find((r) => driven.proposerOf(r) !== aId)!;
  const p = rest.find((k) => toHex(k.publicKey) === driven.proposerOf(round))!;
  const [q, r] = rest.filter((k) => k !== p) as [KeyPair, KeyPair];
  const x = builder.propose([], p.publicKey, new Set()).block;
  const xHash = headerHash(suite, x.header);
  const prevote = (k: KeyPair) =>
    signVote(suite, k.secretKey, CHAIN, {
      type: 'prevote',
      height: 1,
      round,
      blockHash: xHash,
      time: 0,
      validator: k.publicKey,
    });
  // P proposes X and prevotes it; Q's prevote for X reaches A alone. With A's own: 3 of 4, a
  // polka, A locks X and precommits it (line 36).
  net.deliver(aId, proposalMsg(p, round, x), toHex(p.publicKey));
  for (const k of [p, q]) net.deliver(aId, { kind: 'vote', vote: prevote(k) }, toHex(k.publicKey));
  await until(() => sent.some((s) => s.msg.kind === 'vote' && s.msg.vote.type === 'precommit'));

  // Restart; R, at the same height, asks with an empty status. A must hand over the polka's
  // prevotes of P and Q (as they signed them), so R can be convinced of A's lock.
  sent.length = 0;
  const node = driven.restart();
  await until(() => node.driver.position().round === round);
  net.deliver(aId, { kind: 'status', height: 1, has: [] }, toHex(r.publicKey));
  await until(() => sent.some((s) => s.to === toHex(r.publicKey)), 10_000);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const toR = sent
    .filter((s) => s.to === toHex(r.publicKey))
    .map((s) => s.msg)
    .filter((m): m is Extract<WireMessage, { kind: 'vote' }> => m.kind === 'vote');
  const prevotesForX = toR
    .filter((m) => m.vote.type === 'prevote' && m.vote.round === round && m.vote.blockHash !== null)
    .filter((m) => toHex(m.vote.blockHash!) === toHex(xHash));
  const signers = prevotesForX.map((m) => toHex(m.vote.validator)).sort();
  assert.deepEqual(signers, [aId, toHex(p.publicKey), toHex(q.publicKey)].sort(), 'the whole polka');
  for (const m of prevotesForX)
    assert.ok(verifyVoteSignature(suite, CHAIN, m.vote), 'signed by its validator');
});
