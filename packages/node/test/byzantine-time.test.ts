/**
 * Issue 9, fault 1 (reproduced on 21c0f14): one validator sends two precommits for the proposed
 * block that differ only in `time`. The machine kept the first and recorded nothing; the driver's
 * signature cache, keyed without time, kept the second signature; the commit certificate paired
 * time t1 with the signature over t2, was stored unverified, and every next proposal carrying it
 * was refused: the three honest nodes stayed at the next height with rising rounds.
 * Now: the signature kept is the one over exactly the counted vote, the pair is evidence (recorded
 * on chain), every stored certificate verifies, and the chain keeps committing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { signVote, verifyCommit } from '@djchain/ledger';
import { evidenceModule } from '@djchain/modules';
import { kvModule } from '@djchain/testkit/kv';
import type { DjNode } from '../src/index.ts';
import { CHAIN, FAST_TIMEOUTS, genesisFor, keyOf, tempDir } from './helpers.ts';
import { memoryValidators, until } from './memory-net.ts';

/** Every stored certificate verifies against its height's validator set. */
function allCertificatesVerify(node: DjNode): boolean {
  for (let h = 1; h <= node.app.height(); h++) {
    const header = node.app.header(h)!;
    const commit = node.app.store.blocks.getCommit(h)!;
    if (!verifyCommit(node.suite, node.app.validators(h), header, commit).ok) return false;
  }
  return true;
}

test('fault 1: a time-only double precommit is evidence; honest nodes keep committing with verified certificates', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 60 + i));
  const byz = keys[3]!;
  const byzId = toHex(byz.publicKey);
  const genesis = genesisFor(suite, keys);
  const fatal: unknown[] = [];
  const { net, nodes } = memoryValidators(
    t,
    root,
    keys.slice(0, 3),
    genesis,
    {
      modules: [kvModule, evidenceModule],
      driver: { emptyBlockIntervalMs: 30, timeouts: FAST_TIMEOUTS, gossipIntervalMs: 100 },
    },
    (e) => fatal.push(e),
  );
  // Height 2: at the first proposal seen, the faulty validator sends every honest node two
  // precommits for the proposed block, t1 then t2, ahead of the proposal itself.
  const target = 2;
  let attacked = false;
  let round = -1;
  net.taps.push((msg) => {
    if (attacked || msg.kind !== 'proposal' || msg.proposal.height !== target) return;
    attacked = true;
    round = msg.proposal.round;
    const base = {
      type: 'precommit' as const,
      height: target,
      round: msg.proposal.round,
      blockHash: msg.proposal.blockHash,
      validator: byz.publicKey,
    };
    const t1 = signVote(suite, byz.secretKey, CHAIN, { ...base, time: genesis.time + 5_000 });
    const t2 = signVote(suite, byz.secretKey, CHAIN, { ...base, time: genesis.time + 9_000 });
    for (const n of nodes) {
      net.deliver(n.nodeId, { kind: 'vote', vote: t1 }, byzId);
      net.deliver(n.nodeId, { kind: 'vote', vote: t2 }, byzId);
    }
  });
  // Before the fix the honest nodes never got past the target height.
  await until(() => nodes.every((n) => n.app.height() >= target + 3), 30_000);
  assert.ok(attacked);
  assert.deepEqual(fatal, []);
  for (const n of nodes)
    assert.ok(allCertificatesVerify(n), `a stored certificate does not verify on ${n.nodeId}`);
  // The faulty precommit was counted at the target height (the certificate holds it, with t1).
  const commits = nodes.map((n) => n.app.store.blocks.getCommit(target)!);
  const set = nodes[0]!.app.validators(target);
  const byzIndex = set.validators.findIndex((v) => toHex(v.publicKey) === byzId);
  const held = commits.map((c) => c.precommits.find((p) => p.validatorIndex === byzIndex)?.time);
  assert.ok(
    held.every((time) => time === undefined || time === genesis.time + 5_000),
    'a certificate pairs the faulty validator with the time it signed first',
  );
  // The time-only pair is evidence, recorded on chain once.
  const key = `evidence/dup/${String(target).padStart(12, '0')}/${String(round).padStart(6, '0')}/precommit/${byzId}`;
  await until(() => nodes[0]!.app.store.view(nodes[0]!.app.height()).get(key) !== undefined, 30_000);
});
