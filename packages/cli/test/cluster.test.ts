/**
 * A four-validator consortium as four `djchain start` child processes on loopback (issue 3, "Real
 * processes on loopback"), made by `djchain init --orgs`, under a load of signed transactions:
 * (a) kill -9 one validator and restart it: it catches up and its headers (hence state roots) equal
 * the others' per height; a process paused with SIGSTOP (a long GC pause) catches up after
 * SIGCONT; (b) stop 1 of 4: the chain continues; (c) stop 2 of 4: the chain halts
 * without forking and resumes when one returns. In all, no transaction the API reported committed
 * is lost. Waits poll conditions with bounded counts; no timing assertions; children are killed in
 * `after` even on failure.
 *
 * Each batch is submitted to ONE running validator (rotating, independently of the signer), so
 * the proposers of other validators can include it only through mempool gossip.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { encodeTx, signTx, txHash } from '@djchain/ledger';
import { initConsortium } from '@djchain/testkit/consortium';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { sleep, until } from '@djchain/testkit/ports';
import { patchConfig, type Spawned, startDjchain } from '@djchain/testkit/process';

/** The API answers the test reads (status, headers, transactions). */
interface ApiAnswer {
  readonly height: number;
  readonly headers: string[];
  readonly status: string;
  readonly receipt: string;
}

/** Each node's operator token (its `api-token`), by API origin: the test reads as the operators. */
const TOKENS = new Map<string, string>();

async function getJson(url: string): Promise<ApiAnswer> {
  const token = TOKENS.get(new URL(url).origin);
  return (
    await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  ).json() as Promise<ApiAnswer>;
}

test('four validator processes: kill -9 and restart, stop 1 of 4, stop 2 of 4; nothing committed lost', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'djcluster-'));
  const running: (Spawned | undefined)[] = [];
  t.after(() => {
    for (const r of running) r?.child.kill('SIGCONT');
    for (const r of running) r?.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });
  const { orgs, dirs } = await initConsortium(root, 'cluster-test');
  for (const dir of dirs) {
    patchConfig(dir, {
      logLevel: 'warn',
      emptyBlockIntervalMs: 300,
      maxBlockTxs: 500,
      extraModules: [KV_MODULES_FILE],
    });
  }
  const genesis = JSON.parse(readFileSync(join(dirs[0]!, 'genesis.json'), 'utf8'));
  const suite = getSuite('intl');
  const urls = orgs.map((o) => `http://127.0.0.1:${o.apiPort}`);

  const start = async (i: number) => {
    running[i] = await startDjchain(['start', '--dir', dirs[i]!]);
    TOKENS.set(new URL(urls[i]!).origin, readFileSync(join(dirs[i]!, 'api-token'), 'utf8').trim());
  };
  const stop = async (i: number, signal: 'SIGKILL' | 'SIGTERM') => {
    const r = running[i]!;
    running[i] = undefined;
    r.child.kill(signal);
    await r.exited;
  };
  const paused = new Set<number>();
  const live = () => [0, 1, 2, 3].filter((i) => running[i] !== undefined && !paused.has(i));
  const height = async (i: number): Promise<number> => (await getJson(`${urls[i]}/v1/status`)).height;

  // Load: fresh signers, consecutive nonces; each batch to one running validator, rotating.
  const keys: KeyPair[] = Array.from({ length: 4 }, (_, i) =>
    suite.keyPairFromSeed(new Uint8Array(32).fill(101 + i)),
  );
  const nonces = keys.map(() => 0);
  const committed = new Map<string, { height: number; receipt: string }>();
  const sent: string[] = [];
  let batchNo = 0;
  let submitNo = 0;
  const load = async (batches: number) => {
    for (let b = 0; b < batches; b++) {
      const k = batchNo % keys.length;
      const txs = Array.from({ length: 20 }, (_, j) =>
        signTx(suite, keys[k]!.secretKey, {
          chainId: genesis.chainId,
          module: 'kv',
          action: 'put',
          params: { id: `b${batchNo}t${j}`, value: `v${j}` },
          signer: keys[k]!.publicKey,
          nonce: nonces[k]!++,
          expiry: 10_000_000,
        }),
      );
      batchNo++;
      const body = JSON.stringify({ txs: txs.map((tx) => Buffer.from(encodeTx(tx)).toString('base64')) });
      const who = live();
      // Shifted by one every round of signers, so each signer's batches reach several validators.
      const to = who[(submitNo++ + Math.floor(batchNo / keys.length)) % who.length]!;
      const res = await fetch(`${urls[to]}/v1/txs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then((r) => r.json() as Promise<{ results: { accepted: boolean; error?: unknown }[] }>);
      assert.ok(
        res.results.every((r) => r.accepted),
        `batch admitted by validator ${to}: ${JSON.stringify(res.results[0])}`,
      );
      sent.push(...txs.map((tx) => toHex(txHash(suite, tx))));
      await sleep(50);
    }
    // Record what a running node's API reports committed.
    const at = urls[live()[0]!]!;
    for (const hash of sent.slice(-200)) {
      if (committed.has(hash)) continue;
      const r = await getJson(`${at}/v1/txs/${hash}`);
      if (r.status === 'committed') committed.set(hash, { height: r.height, receipt: r.receipt });
    }
  };
  /** Waits until every running node is at `target` or above. */
  const reach = (target: number, who = live()) =>
    until(`height ${target} on ${who.join(',')}`, async () =>
      (await Promise.all(who.map(height))).every((h) => h >= target),
    );
  const maxHeight = async () => Math.max(...(await Promise.all(live().map(height))));
  /** Every running node holds the same header at every height up to `to` (same state roots). */
  const sameHeaders = async (to: number, who = live()) => {
    const lists = await Promise.all(
      who.map(async (i) => (await getJson(`${urls[i]}/v1/headers?from=1&to=${to}`)).headers),
    );
    for (const l of lists) assert.equal(l.length, to);
    for (let h = 0; h < to; h++) {
      assert.equal(new Set(lists.map((l) => l[h])).size, 1, `one header at height ${h + 1}`);
    }
  };

  for (let i = 0; i < 4; i++) await start(i);
  await load(5);
  await reach(5);

  // (a) kill -9 one validator under load; the others go on; restarted, it catches up.
  await stop(3, 'SIGKILL');
  const afterKill = await maxHeight();
  await load(5);
  await reach(afterKill + 3);
  await start(3);
  const caught = await maxHeight();
  await reach(caught);
  await sameHeaders(caught);

  // A paused process (as in a long GC pause): the others go on; resumed, it catches up.
  paused.add(0);
  running[0]!.child.kill('SIGSTOP');
  const pausedAt = await maxHeight();
  await load(3);
  await reach(pausedAt + 3);
  running[0]!.child.kill('SIGCONT');
  paused.delete(0);
  const resumed = await maxHeight();
  await reach(resumed);
  await sameHeaders(resumed);

  // (b) stop 1 of 4: the chain continues.
  await stop(2, 'SIGTERM');
  const one = await maxHeight();
  await load(5);
  await reach(one + 3);

  // (c) stop 2 of 4: the two left cannot make more than 2/3 of the power; the chain halts.
  await stop(1, 'SIGTERM');
  const halted = await maxHeight();
  await load(3);
  for (let i = 0; i < 10; i++) {
    await sleep(200);
    // A block whose precommits were out before the stop may still be decided: at most one.
    assert.ok((await maxHeight()) <= halted + 1, 'no progress with 2 of 4 validators');
  }
  const stuck = await maxHeight();
  await sameHeaders(Math.min(...(await Promise.all(live().map(height)))));
  // One returns: 3 of 4, the chain resumes; then the fourth, and everyone catches up.
  await start(1);
  await load(3);
  await reach(stuck + 3);
  await start(2);
  const final = (await maxHeight()) + 2;
  await load(2);
  await reach(final);
  await sameHeaders(final);

  assert.ok(committed.size >= 100, `recorded ${committed.size} committed transactions`);
  for (const i of live()) {
    for (const [hash, c] of committed) {
      const r = await getJson(`${urls[i]}/v1/txs/${hash}`);
      assert.equal(r.status, 'committed', `tx ${hash} lost on org${i}`);
      assert.equal(r.height, c.height);
      assert.equal(r.receipt, c.receipt);
    }
  }
  for (const i of live()) await stop(i, 'SIGTERM');
});
