/**
 * Issue 9, fault 4: any admitted peer (an observer suffices) re-sent a validator's signed proposal
 * with a junk block attached, and the driver executed the attached block before comparing its hash
 * with the signed one, every time; proposals were executed before the proposer(h, r) check; the
 * header's proposer was not compared with the signer; buffers were bounded by count (10,000
 * messages of up to 8 MiB), not bytes; a `status` claiming height 1 re-sent 16 blocks each time.
 * One real node (validator A of four) is driven by the test, which holds the other keys; executions
 * are counted by a spy on the application's executor.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { type Block, signVote, txHash } from '@djchain/ledger';
import { kvModule } from '@djchain/testkit/kv';
import { openNode, signProposal } from '../src/index.ts';
import { type DrivenNode, drivenNode, proposalMsg, settle } from './driven-node.ts';
import { CHAIN, genesisFor, keyOf, kvTxWith, tempDir } from './helpers.ts';
import { MemoryNetwork, until } from './memory-net.ts';

const suite = getSuite('intl');

interface Rig extends DrivenNode {
  /** Executions of blocks proposed by `key`, counted by a spy on the executor. */
  executions(key: KeyPair): number;
}

function rig(t: { after(fn: () => void): void }, driver: Record<string, unknown> = {}): Rig {
  const driven = drivenNode(t, 90, { driver });
  const counts = new Map<string, number>();
  const executor = driven.node.app.executor;
  const original = executor.executeBlock.bind(executor);
  executor.executeBlock = (input, view) => {
    const id = toHex(input.proposer);
    counts.set(id, (counts.get(id) ?? 0) + 1);
    return original(input, view);
  };
  return Object.assign(driven, { executions: (key: KeyPair) => counts.get(toHex(key.publicKey)) ?? 0 });
}

/** A height-1 block by `key` (valid), or with its state root changed (invalid, another hash). */
function blockBy(r: Rig, key: KeyPair, tamper = false): Block {
  const block = r.builder.propose([], key.publicKey, new Set()).block;
  if (!tamper) return block;
  return { ...block, header: { ...block.header, stateRoot: new Uint8Array(32).fill(0xee) } };
}

test('fault 4: a signed proposal re-sent 15 times with a junk block attached is never executed', async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const round = r.roundOf(b);
  const junk = proposalMsg(b, round, blockBy(r, b), -1, blockBy(r, b, true));
  for (let i = 0; i < 15; i++) r.net.deliver(r.node.nodeId, junk, 'observer-x');
  await settle();
  // Before: the attached block was executed (and refused) 15 times.
  assert.equal(r.executions(b), 0);
  assert.equal(r.node.driver.peerScore('observer-x'), 15);
});

test('fault 4: an invalid block signed by its proposer, re-sent 15 times, is executed once', async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const bad = blockBy(r, b, true);
  const msg = proposalMsg(b, r.roundOf(b), bad);
  for (let i = 0; i < 15; i++) r.net.deliver(r.node.nodeId, msg, 'observer-y');
  await settle();
  assert.equal(r.executions(b), 1);
});

test('a signed proposal with the right header but another body is refused unexecuted; the real block still runs', async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const round = r.roundOf(b);
  const real = blockBy(r, b);
  // The same header (so the same signed hash), one transaction added to its empty body.
  const forged: Block = { ...real, txs: [kvTxWith(suite, r.keys[3]!, { chainId: CHAIN })] };
  r.net.deliver(r.node.nodeId, proposalMsg(b, round, real, -1, forged), 'observer-z');
  await settle();
  assert.equal(r.executions(b), 0);
  assert.equal(r.node.driver.peerScore('observer-z'), 1);
  // Not remembered against the block hash: the proposer's own copy is executed.
  r.net.deliver(r.node.nodeId, proposalMsg(b, round, real), toHex(b.publicKey));
  await settle();
  assert.equal(r.executions(b), 1);
});

test('validate skips the link check only for the block and the very ids checkLinks checked', (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const real = blockBy(r, b);
  const forged: Block = { ...real, txs: [kvTxWith(suite, r.keys[3]!, { chainId: CHAIN })] };
  const forgedIds = [txHash(suite, forged.txs[0]!)];
  assert.throws(() => r.node.app.checkLinks(forged, forgedIds), /txRoot does not match/);
  assert.throws(() => r.node.app.validate(forged, { txHashes: forgedIds }), /txRoot does not match/);
  const ids: Uint8Array[] = [];
  r.node.app.checkLinks(real, ids);
  // The same block with other ids (one too many), or another block with the checked ids: checked.
  assert.throws(() => r.node.app.validate(real, { txHashes: forgedIds }), /one id per transaction/);
  assert.throws(() => r.node.app.validate(forged, { txHashes: ids }), /one id per transaction/);
  assert.equal(r.executions(b), 0);
  r.node.app.validate(real, { txHashes: ids });
  assert.equal(r.executions(b), 1);
});

test('fault 4: a proposal from a validator that is not proposer(h, r) is refused before execution', async (t) => {
  const r = rig(t);
  const c = r.keys[2]!;
  const notC = [0, 1, 2, 3].find((round) => round !== r.roundOf(c))!;
  r.net.deliver(r.node.nodeId, proposalMsg(c, notC, blockBy(r, c)), toHex(c.publicKey));
  await settle();
  assert.equal(r.executions(c), 0);
});

test('fault 4: a proposal for a round far ahead is not executed (it comes back by re-gossip)', async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  // b proposes every 4th round; 12 rounds after its first one is beyond the window of 4.
  r.net.deliver(r.node.nodeId, proposalMsg(b, r.roundOf(b) + 12, blockBy(r, b)), toHex(b.publicKey));
  await settle();
  assert.equal(r.executions(b), 0);
  // Its proposal for its first round (within the window) is executed.
  r.net.deliver(r.node.nodeId, proposalMsg(b, r.roundOf(b), blockBy(r, b)), toHex(b.publicKey));
  await settle();
  assert.equal(r.executions(b), 1);
});

test("fault 4: a block whose header names another proposer than the proposal's signer is refused before execution", async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const c = r.keys[2]!;
  // b signs, in its own round, a valid block that names c as its proposer.
  r.net.deliver(r.node.nodeId, proposalMsg(b, r.roundOf(b), blockBy(r, c)), toHex(b.publicKey));
  await settle();
  assert.equal(r.executions(c), 0);
  assert.equal(r.executions(b), 0);
});

test('fault 4: the next-height buffer and the vote cache stay under their byte bounds under a flood', async (t) => {
  const voteCacheBytes = 256 * 1024;
  const r = rig(t, { voteCacheBytes, futureBytes: 4 << 20, futurePeerBytes: 2 << 20 });
  const [, b, c, d] = r.keys as [KeyPair, KeyPair, KeyPair, KeyPair];
  // 40 next-height proposals with 512 KiB blocks from each of two peers (40 MiB offered).
  const proposal = signProposal(suite, b.secretKey, CHAIN, {
    height: 2,
    round: 0,
    value: 'ab'.repeat(32),
    validRound: -1,
    proposer: toHex(b.publicKey),
  });
  for (const peer of ['p1', 'p2', 'p3']) {
    for (let i = 0; i < 40; i++) {
      r.net.deliver(r.node.nodeId, { kind: 'proposal', proposal, block: new Uint8Array(512 * 1024) }, peer);
    }
  }
  // d, a validator, signs 600 distinct prevotes at height 1 (rounds 0–1, many values).
  const vote = (k: KeyPair, round: number, i: number) =>
    signVote(suite, k.secretKey, CHAIN, {
      type: 'prevote',
      height: 1,
      round,
      blockHash: new Uint8Array(32).fill(i % 251).map((x, j) => (j === 0 ? i >> 8 : x)),
      time: 0,
      validator: k.publicKey,
    });
  for (let i = 0; i < 600; i++) r.net.deliver(r.node.nodeId, { kind: 'vote', vote: vote(d, i % 2, i) }, 'p1');
  await settle();
  const after = r.node.driver.bufferedBytes();
  // By hand: 2 MiB per peer, 4 MiB in all; d's share of the vote cache is 256 KiB / 4 validators.
  assert.ok(after.future <= 4 << 20, `future ${after.future}`);
  assert.ok(after.future >= 2 << 20, 'two peers filled their shares');
  assert.ok(after.votes <= 64 * 1024 + 8 * 1024, `votes ${after.votes}`);
  // An honest validator's vote still gets in: its share is its own.
  r.net.deliver(r.node.nodeId, { kind: 'vote', vote: vote(c, 0, 7) }, 'p2');
  await settle();
  assert.ok(r.node.driver.bufferedBytes().votes > after.votes);
});

test('fault 4: a peer is ignored after 16 invalid messages; the same vote from another peer counts', async (t) => {
  const r = rig(t);
  const b = r.keys[1]!;
  const c = r.keys[2]!;
  const junk = proposalMsg(b, r.roundOf(b), blockBy(r, b), -1, blockBy(r, b, true));
  for (let i = 0; i < 16; i++) r.net.deliver(r.node.nodeId, junk, 'observer-x');
  await settle();
  const before = r.node.driver.bufferedBytes().votes;
  const good = signVote(suite, c.secretKey, CHAIN, {
    type: 'prevote',
    height: 1,
    round: 0,
    blockHash: null,
    time: 0,
    validator: c.publicKey,
  });
  r.net.deliver(r.node.nodeId, { kind: 'vote', vote: good }, 'observer-x');
  await settle();
  assert.equal(r.node.driver.bufferedBytes().votes, before, 'ignored while its score is high');
  r.net.deliver(r.node.nodeId, { kind: 'vote', vote: good }, 'observer-y');
  await settle();
  assert.ok(r.node.driver.bufferedBytes().votes > before, 'the same vote from another peer counts');
});

test('fault 4: a status claiming a low height over and over gets one batch of blocks', async (t) => {
  const dir = tempDir(t);
  const key = keyOf(suite, 95);
  const net = new MemoryNetwork();
  const node = openNode(
    {
      dataDir: join(dir, 'solo'),
      genesis: genesisFor(suite, [key]),
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 5, gossipIntervalMs: 60_000 },
    },
    { key, transport: net.transport(toHex(key.publicKey)) },
  );
  t.after(() => node.close());
  await until(() => node.app.height() >= 20);
  let blocks = 0;
  net.taps.push((msg, _from, to) => {
    if (to === 'lagging' && msg.kind === 'commit') blocks++;
  });
  for (let i = 0; i < 20; i++) net.deliver(node.nodeId, { kind: 'status', height: 1, has: [] }, 'lagging');
  await settle();
  // Heights 1–16 once (one batch), not 20 × 16.
  assert.equal(blocks, 16);
});
