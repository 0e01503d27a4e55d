/**
 * Crash safety with real processes: `djchain start` under load is killed with SIGKILL at
 * seeded-random moments (6 times), restarted, and checked: every transaction the API reported
 * committed is still committed with the same receipt and height; the height and state root stored
 * at the kill are those served after restart; replaying all blocks from genesis reproduces every
 * state root. Waits are bounded loops on conditions, never timing assertions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { decodeHeader, encodeTx, signTx, txHash } from '@djchain/ledger';
import { ChainStore, replayChain } from '@djchain/node';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { sleep } from '@djchain/testkit/ports';
import { mulberry32 as prng } from '@djchain/testkit/prng';
import { djchain, patchConfig, type Spawned, startDjchain } from '@djchain/testkit/process';
import { loadDir, loadModules } from '../src/index.ts';

const KILLS = 6;
const SEED = 20260501;

interface Committed {
  readonly height: number;
  readonly receipt: string;
}

function storedTip(dir: string): { height: number; root: string } {
  const store = new ChainStore({ file: join(dir, 'chain.db'), suite: getSuite('intl') });
  try {
    const height = store.latestHeight();
    return { height, root: toHex(store.tree.root(height)) };
  } finally {
    store.close();
  }
}

test('kill -9 under load loses no committed transaction and restarts to the same state root', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'djcrash-'));
  const dir = join(root, 'node');
  const children: Spawned[] = [];
  t.after(() => {
    for (const c of children) c.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });
  assert.equal(djchain(['init', '--dir', dir, '--chain-id', 'crash-test']).status, 0);
  // No empty blocks: the chain only moves when transactions arrive, so the tip read from the file
  // after a kill is what the restarted node serves until the next transaction.
  patchConfig(dir, {
    logLevel: 'warn',
    emptyBlockIntervalMs: 3_600_000,
    maxBlockTxs: 200,
    extraModules: [KV_MODULES_FILE],
  });
  const { genesis, config: loaded } = loadDir(dir);
  // The node's modules exactly: the chain's own plus the kv test module.
  const modules = await loadModules(loaded.extraModules);
  const suite = getSuite(genesis.suite);
  const rand = prng(SEED);
  const committed = new Map<string, Committed>();
  let accepted = 0;
  let tip = { height: 0, root: '' };

  for (let round = 0; round <= KILLS; round++) {
    const running = await startDjchain(['start', '--dir', dir, '--port', '0']);
    children.push(running);
    const { url } = running;
    // The test reads receipts as the node's operator (its api-token, kept across restarts).
    const asOperator = {
      headers: { authorization: `Bearer ${readFileSync(join(dir, 'api-token'), 'utf8').trim()}` },
    };
    // After a restart: the stored tip is served, and everything reported committed still is.
    if (round > 0) {
      const status = await (await fetch(`${url}/v1/status`)).json();
      // A block whose proposal was persisted before the kill may be decided at once on restart.
      assert.ok(
        status.height === tip.height || status.height === tip.height + 1,
        'at most the block in flight',
      );
      if (status.height === tip.height) assert.equal(status.stateRoot, tip.root);
      if (tip.height > 0) {
        const { headers } = await (
          await fetch(`${url}/v1/headers?from=${tip.height}&to=${tip.height}`)
        ).json();
        assert.equal(toHex(decodeHeader(Buffer.from(headers[0], 'base64')).stateRoot), tip.root);
      }
      for (const [hash, c] of committed) {
        const r = await (await fetch(`${url}/v1/txs/${hash}`, asOperator)).json();
        assert.equal(r.status, 'committed', `tx ${hash} lost after kill ${round}`);
        assert.equal(r.height, c.height);
        assert.equal(r.receipt, c.receipt);
      }
    }
    if (round === KILLS) {
      running.child.kill('SIGTERM');
      assert.equal(await running.exited, 0);
      break;
    }
    // Load from fresh signers each round (a killed node forgets its mempool; nonces restart at 0).
    const keys: KeyPair[] = Array.from({ length: 4 }, (_, i) =>
      suite.keyPairFromSeed(new Uint8Array(32).fill(round * 16 + i + 1)),
    );
    const nonces = keys.map(() => 0);
    const killAfterBatches = 3 + Math.floor(rand() * 12);
    const sent: string[] = [];
    for (let batch = 0; batch < killAfterBatches; batch++) {
      const txs = Array.from({ length: 25 }, (_, j) => {
        const k = (batch + j) % keys.length;
        const action = rand() < 0.1 ? 'fail' : 'put';
        return signTx(suite, keys[k]!.secretKey, {
          chainId: genesis.chainId,
          module: 'kv',
          action,
          params: { id: `r${round}b${batch}t${j}`, value: `v${batch}` },
          signer: keys[k]!.publicKey,
          nonce: nonces[k]!++,
          expiry: 1_000_000,
        });
      });
      const res = await fetch(`${url}/v1/txs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ txs: txs.map((tx) => Buffer.from(encodeTx(tx)).toString('base64')) }),
      });
      const { results } = await res.json();
      for (const r of results) if (r.accepted) accepted++;
      sent.push(...txs.map((tx) => toHex(txHash(suite, tx))));
      // Record what the API reports committed (a sample of earlier transactions).
      for (const hash of sent.slice(-80).filter((_, i) => i % 7 === 0)) {
        const r = await (await fetch(`${url}/v1/txs/${hash}`, asOperator)).json();
        if (r.status === 'committed') committed.set(hash, { height: r.height, receipt: r.receipt });
      }
    }
    // Wait for at least one of this round's transactions to commit, then kill at a random moment
    // while the node is still busy with the rest.
    const first = sent[0]!;
    const w = await (await fetch(`${url}/v1/txs/${first}/wait?timeoutMs=30000`, asOperator)).json();
    assert.equal(w.status, 'committed');
    committed.set(first, { height: w.height, receipt: w.receipt });
    await sleep(Math.floor(rand() * 30));
    running.child.kill('SIGKILL');
    await running.exited;
    tip = storedTip(dir);
  }

  assert.ok(committed.size >= KILLS, `recorded ${committed.size} committed transactions`);
  assert.ok(accepted > 0);
  // Replay from genesis into a fresh file reproduces every state root.
  const store = new ChainStore({ file: join(dir, 'chain.db'), suite });
  try {
    const roots = replayChain(store.blocks, { genesis, modules, file: join(root, 'replay.db') });
    assert.equal(roots.length, store.latestHeight());
    roots.forEach((r, i) => {
      assert.equal(r, toHex(store.blocks.getHeader(i + 1)!.stateRoot));
    });
  } finally {
    store.close();
  }
});
