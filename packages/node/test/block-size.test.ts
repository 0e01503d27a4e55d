/**
 * Issue 9, fault 2 (reproduced on 21c0f14): the driver's block limit (16 MiB) was above the p2p
 * frame limit (8 MiB); `checkTx` did not authorize and `evidence.submit` took signature fields of
 * any length, so 150 transactions from unregistered keys made a 9 MB block and broadcasting it
 * threw P2P_FRAME_TOO_LARGE, which the driver treated as fatal: every proposer died.
 * Now: such transactions are refused at admission, the block limit derives from the frame limit,
 * and a block at that limit crosses a real p2p connection (loopback, in one process).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import {
  encodeBlock,
  encodeTx,
  signedVoteToValue,
  signTx,
  signVote,
  type Transaction,
} from '@djchain/ledger';
import { evidenceModule } from '@djchain/modules';
import type { GenesisDoc, ModuleDef } from '@djchain/runtime';
import { kvModule } from '@djchain/testkit/kv';
import { ConsensusDriver, type DjNode, defaultDriverOptions, openNode } from '../src/index.ts';
import { CHAIN, genesisFor, keyOf, tempDir } from './helpers.ts';
import { until } from './memory-net.ts';
import { p2pMember } from './p2p-member.ts';

const suite = getSuite('intl');

const peer = (dir: string, key: KeyPair, genesis: GenesisDoc, modules: ModuleDef[]) =>
  p2pMember(dir, key, genesis, { modules, driver: { emptyBlockIntervalMs: 50, gossipIntervalMs: 150 } });

/** A well-formed equivocation proof by `byz`, its two signatures padded to `sigBytes`. */
function evidenceTx(signer: KeyPair, byz: KeyPair, i: number, sigBytes = 64): Transaction {
  const base = { type: 'prevote' as const, height: 1, round: i, time: 0, validator: byz.publicKey };
  const pad = (v: ReturnType<typeof signVote>) =>
    sigBytes === 64 ? v : { ...v, signature: new Uint8Array(sigBytes).fill(1) };
  const first = pad(signVote(suite, byz.secretKey, CHAIN, { ...base, blockHash: null }));
  const second = pad(
    signVote(suite, byz.secretKey, CHAIN, { ...base, blockHash: new Uint8Array(32).fill(7) }),
  );
  return signTx(suite, signer.secretKey, {
    chainId: CHAIN,
    module: 'evidence',
    action: 'submit',
    params: { first: signedVoteToValue(first), second: signedVoteToValue(second) },
    signer: signer.publicKey,
    nonce: 0,
    expiry: 1_000_000,
  });
}

function add(node: DjNode, txs: Transaction[]) {
  return node.mempool.addBatch(
    txs,
    txs.map((tx) => encodeTx(tx).length),
  );
}

test('fault 2: 150 oversized evidence transactions from unregistered keys are refused at admission', async (t) => {
  const root = tempDir(t);
  const validator = keyOf(suite, 20);
  // Only the evidence module: no module registering accounts, so only the validator is registered.
  const genesis = { ...genesisFor(suite, [validator]), modules: {} };
  const a = await peer(join(root, 'a'), validator, genesis, [evidenceModule]);
  t.after(async () => {
    a.node.close();
    await a.p2p.stop();
  });
  const strangers = Array.from({ length: 150 }, (_, i) => keyOf(suite, 100 + i));
  // 150 × ~60 KB: 9 MB, more than one p2p frame. Before: all admitted, the next block was too
  // large to broadcast and the node stopped.
  const padded = strangers.map((k, i) => evidenceTx(k, validator, i, 30_000));
  const results = add(a.node, padded);
  assert.deepEqual(
    [...new Set(results.map((r) => (r.ok ? 'admitted' : r.error.code)))],
    ['EVIDENCE_BAD_PARAMS'],
  );
  // Well-formed proofs from the same strangers: refused too (only validators are registered here).
  const small = add(
    a.node,
    strangers.slice(0, 10).map((k, i) => evidenceTx(k, validator, i)),
  );
  assert.deepEqual(
    [...new Set(small.map((r) => (r.ok ? 'admitted' : r.error.code)))],
    ['RUNTIME_UNKNOWN_SIGNER'],
  );
  // The validator's own oversized proof is refused by the module's shape check.
  const [own] = add(a.node, [evidenceTx(validator, validator, 0, 30_000)]);
  assert.equal(own?.ok ? 'admitted' : own?.error.code, 'EVIDENCE_BAD_PARAMS');
  const h = a.node.app.height();
  await until(() => a.node.app.height() >= h + 2);
  assert.deepEqual(a.fatal, []);
});

test('fault 2: a block at the byte limit (derived from the frame limit) crosses a real p2p connection', async (t) => {
  const root = tempDir(t);
  const validator = keyOf(suite, 21);
  const observerKey = keyOf(suite, 22);
  const genesis = {
    ...genesisFor(suite, [validator]),
    nodes: [{ publicKey: observerKey.publicKey, name: 'o' }],
  };
  const a = await peer(join(root, 'a'), validator, genesis, [kvModule]);
  const b = await peer(join(root, 'b'), observerKey, genesis, [kvModule]);
  t.after(async () => {
    a.node.close();
    b.node.close();
    await Promise.all([a.p2p.stop(), b.p2p.stop()]);
  });
  b.p2p.addPeer({ host: '127.0.0.1', port: a.p2p.address()!.port, id: toHex(validator.publicKey) });
  await until(() => b.node.app.height() >= 1);
  // 140 transactions of ~63 KB (8.8 MB): more than one block may hold.
  const big = 'x'.repeat(63_000);
  const txs = Array.from({ length: 140 }, (_, i) => {
    const k = keyOf(suite, 200 + i);
    return signTx(suite, k.secretKey, {
      chainId: CHAIN,
      module: 'kv',
      action: 'fail',
      params: { big },
      signer: k.publicKey,
      nonce: 0,
      expiry: 1_000_000,
    });
  });
  assert.ok(add(a.node, txs).every((r) => r.ok));
  const from = a.node.app.height();
  await until(() => {
    for (let h = from + 1; h <= a.node.app.height(); h++)
      if (a.node.app.store.blocks.getBlock(h)!.txs.length > 0) return true;
    return false;
  });
  const height = [...Array(a.node.app.height() - from).keys()]
    .map((i) => from + 1 + i)
    .find((h) => a.node.app.store.blocks.getBlock(h)!.txs.length > 0)!;
  const bytes = encodeBlock(a.node.app.store.blocks.getBlock(height)!).length;
  // By hand: the frame is 8 MiB = 8,388,608 bytes; the default block limit is 256 KiB below it
  // (8,126,464), and the proposer filled it to within one transaction (~63 KB).
  assert.ok(bytes <= 8_126_464, `block of ${bytes} bytes`);
  assert.ok(bytes > 8_126_464 - 64 * 1024, `block of ${bytes} bytes is not at the limit`);
  // The observer received and committed that very block.
  await until(() => b.node.app.height() >= height, 60_000);
  assert.equal(b.node.app.header(height)!.stateRoot.join(), a.node.app.header(height)!.stateRoot.join());
  assert.deepEqual(a.fatal, []);
  assert.deepEqual(b.fatal, []);
});

test('fault 2: a block limit that would not fit a proposal in one frame is refused at construction', () => {
  assert.throws(
    () =>
      new ConsensusDriver(
        { maxBlockBytes: 16 * 1024 * 1024, maxFrameBytes: defaultDriverOptions.maxFrameBytes },
        {} as ConstructorParameters<typeof ConsensusDriver>[1],
      ),
    { code: 'NODE_BAD_CONFIG' },
  );
});

test('fault 2: a send failure is never fatal to consensus', async (t) => {
  const dir = tempDir(t);
  const key = keyOf(suite, 23);
  const fatal: unknown[] = [];
  let refused = 0;
  const node = openNode(
    {
      dataDir: join(dir, 'n'),
      genesis: genesisFor(suite, [key]),
      modules: [kvModule],
      driver: { emptyBlockIntervalMs: 5 },
    },
    {
      key,
      onFatal: (e) => fatal.push(e),
      // Every send fails as an oversized frame would (before: the first proposal stopped the node).
      transport: {
        broadcast: () => {
          refused++;
          throw Object.assign(new Error('frame too large'), { code: 'P2P_FRAME_TOO_LARGE' });
        },
        send: () => {
          throw Object.assign(new Error('frame too large'), { code: 'P2P_FRAME_TOO_LARGE' });
        },
        onMessage: () => {},
      },
    },
  );
  t.after(() => node.close());
  await until(() => node.app.height() >= 3);
  assert.ok(refused > 0);
  assert.deepEqual(fatal, []);
});

test('fault 2: a key no module registers is admitted only to open actions, a few transactions at a time', (t) => {
  const dir = tempDir(t);
  const key = keyOf(suite, 24);
  const openModule: ModuleDef = {
    name: 'kv',
    actions: {
      hello: {
        ...kvModule.actions.fail!,
        verify: () => ({ ok: true, value: undefined }),
        openToNewKeys: true,
      },
      closed: { ...kvModule.actions.fail! },
    },
    queries: {},
  };
  const node = openNode(
    {
      dataDir: join(dir, 'n'),
      genesis: genesisFor(suite, [key]),
      modules: [openModule],
      driver: { emptyBlockIntervalMs: 60_000 },
    },
    { key },
  );
  t.after(() => node.close());
  const stranger = keyOf(suite, 25);
  const tx = (action: string, nonce: number) =>
    signTx(suite, stranger.secretKey, {
      chainId: CHAIN,
      module: 'kv',
      action,
      params: {},
      signer: stranger.publicKey,
      nonce,
      expiry: 1_000_000,
    });
  const codes = add(
    node,
    [0, 1, 2, 3, 4, 5].map((n) => tx('hello', n)),
  ).map((r) => (r.ok ? 'ok' : r.error.code));
  // By hand: 4 pending per new key (the default), then refused.
  assert.deepEqual(codes, ['ok', 'ok', 'ok', 'ok', 'MEMPOOL_NEW_KEY_LIMIT', 'MEMPOOL_NEW_KEY_LIMIT']);
  const [closed] = add(node, [tx('closed', 4)]);
  assert.equal(closed?.ok ? 'ok' : closed?.error.code, 'RUNTIME_UNKNOWN_SIGNER');
});
