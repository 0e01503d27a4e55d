/**
 * Cluster figures (issue 3): four validators as four `djchain start` processes on loopback, made
 * by `djchain init --orgs`, with the kv test module; load from a separate process (loadgen.ts).
 * 1) Sustained throughput: ≥ 10,000 transactions offered open-loop above the verification limit;
 *    cluster_tps = transactions ÷ (last commit − first send).
 * 2) Latency at half of that rate: p50/p95/p99/p999 from send to observed commit.
 * Per-node CPU (cores), RSS and event-loop lag come from each node's /metrics over phase 1.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initConsortium } from '@djchain/testkit/consortium';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { sleep } from '@djchain/testkit/ports';
import { patchConfig } from '@djchain/testkit/process';
import { type NodeUsage, scrape, usage } from './metrics.ts';
import { type NodeProcess, runJsonProcess, startNode } from './proc.ts';

export interface ClusterOptions {
  readonly txs: number;
  /** verify_per_s_one_core measured in this run. */
  readonly verifyPerSecond: number;
  /** The load generator logs each block it observes. */
  readonly trace?: boolean;
  /** Diagnostic: every batch to every validator (the old shape) instead of one validator + gossip. */
  readonly fanout?: boolean;
  /** Directory for CPU profiles of the four node processes (`node --cpu-prof`), when profiling. */
  readonly cpuProfDir?: string;
}

interface LoadResult {
  readonly txs: number;
  readonly committed: number;
  /** Blocks that carried the load's transactions. */
  readonly blocks: number;
  readonly offeredTps: number;
  readonly tps: number;
  readonly seconds: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly p999_ms: number;
  readonly errorCount: number;
  readonly errors: string[];
  readonly receiptsOk: number;
  readonly receiptStatuses: Record<string, number>;
  readonly path: string;
  /** CPU seconds of each node from the first send to the last observed commit. */
  readonly cpuSeconds: number[];
}

/** Bytes of every file under `dir` (the node's databases with their WALs, keys, config). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(full) : statSync(full).size;
  }
  return total;
}

const VALIDATORS = 4;

export async function benchCluster(
  log: (line: string) => void,
  opts: ClusterOptions,
): Promise<Record<string, number | string>> {
  const root = mkdtempSync(join(tmpdir(), 'djbench-cluster-'));
  const nodes: NodeProcess[] = [];
  try {
    const chainId = 'bench-cluster';
    const { dirs } = await initConsortium(root, chainId);
    for (const dir of dirs) {
      patchConfig(dir, {
        logLevel: 'warn',
        emptyBlockIntervalMs: 1000,
        maxBlockTxs: 5000,
        extraModules: [KV_MODULES_FILE],
      });
    }
    const flags = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    for (const dir of dirs) nodes.push(await startNode(dir, flags, undefined));
    const urls = nodes.map((n) => n.url);
    log(`cluster: 4 validators at ${urls.join(' ')}`);
    for (let i = 0; i < 300; i++) {
      const heights = await Promise.all(
        urls.map(async (u) => ((await (await fetch(`${u}/v1/status`)).json()) as { height: number }).height),
      );
      if (Math.min(...heights) >= 1) break;
      await sleep(100);
    }
    const cores = availableParallelism();
    const limit = Math.round((cores * opts.verifyPerSecond) / VALIDATORS);
    log(`cluster: verification limit ${cores} cores × ${opts.verifyPerSecond}/s ÷ 4 = ${limit} tx/s`);

    const base = {
      urls,
      // The load generator writes and reads as each node's operator (not rate-limited, reads receipts).
      tokens: dirs.map((d) => readFileSync(join(d, 'api-token'), 'utf8').trim()),
      suite: 'intl',
      chainId,
      tickMs: 100,
      pollMs: 10,
      timeoutMs: 300_000,
      trace: opts.trace,
      fanout: opts.fanout === true,
    };
    const checkReceipts = (r: LoadResult, what: string) => {
      if (r.committed !== r.txs)
        throw new Error(`cluster: ${what}: only ${r.committed} of ${r.txs} committed`);
      if (r.receiptsOk !== r.txs)
        throw new Error(`cluster: ${what}: receipts ${JSON.stringify(r.receiptStatuses)} of ${r.txs}`);
    };
    const bytesBefore = dirs.map(dirBytes);
    const before = await Promise.all(urls.map(scrape));
    const t0 = performance.now();
    log(
      `cluster: offering ${opts.txs} transactions at ${2 * limit} tx/s (open loop) ${base.fanout ? 'to every validator (fan-out)' : 'to validator 0 (gossip)'}`,
    );
    const sustained = (await runJsonProcess(new URL('./loadgen.ts', import.meta.url).pathname, {
      ...base,
      txs: opts.txs,
      rate: 2 * limit,
      seed: 11,
    })) as LoadResult;
    const after = await Promise.all(urls.map(scrape));
    const seconds = (performance.now() - t0) / 1000;
    log(`cluster: sustained ${JSON.stringify(sustained)}`);
    checkReceipts(sustained, 'sustained');
    const bytesAfter = dirs.map(dirBytes);
    const usages: NodeUsage[] = before.map((b, i) => usage(b, after[i]!, seconds));
    log(`cluster: per-node usage ${JSON.stringify(usages)}`);

    const half = Math.max(1, Math.round(sustained.tps / 2));
    const latencyTxs = Math.min(10_000, Math.max(1000, half * 10));
    log(`cluster: latency at ${half} tx/s over ${latencyTxs} transactions`);
    const beforeLat = after;
    const lat = (await runJsonProcess(new URL('./loadgen.ts', import.meta.url).pathname, {
      ...base,
      txs: latencyTxs,
      rate: half,
      seed: 12,
    })) as LoadResult;
    log(`cluster: latency ${JSON.stringify(lat)}`);
    checkReceipts(lat, 'latency');
    const afterLat = await Promise.all(urls.map(scrape));
    const countedLat = (name: string) =>
      beforeLat.reduce((n, b, i) => n + (afterLat[i]!.get(name) ?? 0) - (b.get(name) ?? 0), 0);

    // A counter's growth over the sustained phase, summed over the four nodes.
    const counted = (name: string) =>
      before.reduce((n, b, i) => n + (after[i]!.get(name) ?? 0) - (b.get(name) ?? 0), 0);
    const cpuUs = sustained.cpuSeconds.map((c) => Math.round((c * 1e6) / sustained.txs));
    const figures: Record<string, number | string> = {
      cluster_path: sustained.path,
      cluster_receipts_ok: sustained.receiptsOk,
      cluster_tps: sustained.tps,
      cluster_txs: sustained.txs,
      cluster_blocks: sustained.blocks,
      cluster_offered_tps: sustained.offeredTps,
      cluster_verify_limit_tps: limit,
      ratio_cluster: Number((sustained.tps / limit).toFixed(3)),
      // Beside the ratio: the work per transaction, which moves far less with the machine's load.
      cluster_cpu_us_per_tx_per_node: Math.round(cpuUs.reduce((a, b) => a + b, 0) / cpuUs.length),
      // Copies of a transaction the four nodes received by mempool gossip (3 is each link once).
      cluster_gossip_copies_per_tx: Number(
        (counted('djchain_gossip_received_txs_total') / sustained.txs).toFixed(2),
      ),
      // Signatures checked twice: in block execution (the transaction had not reached the
      // node's mempool) and of relay copies refused after their block (checked, then dropped).
      cluster_exec_sig_checks_per_tx_per_node: Number(
        (counted('djchain_execution_signature_checks_total') / sustained.txs / before.length).toFixed(3),
      ),
      cluster_gossip_refused_per_tx_per_node: Number(
        (counted('djchain_gossip_refused_txs_total') / sustained.txs / before.length).toFixed(3),
      ),
      // Value reads per transaction per node that went to the database (the rest were cached).
      cluster_db_reads_per_tx_per_node: Number(
        (counted('djchain_state_reads_database_total') / sustained.txs / before.length).toFixed(2),
      ),
      latency_rate_tps: half,
      latency_exec_sig_checks_per_tx_per_node: Number(
        (countedLat('djchain_execution_signature_checks_total') / lat.txs / before.length).toFixed(3),
      ),
      latency_gossip_refused_per_tx_per_node: Number(
        (countedLat('djchain_gossip_refused_txs_total') / lat.txs / before.length).toFixed(3),
      ),
      latency_achieved_tps: lat.tps,
      p50_ms: lat.p50_ms,
      p95_ms: lat.p95_ms,
      p99_ms: lat.p99_ms,
      p999_ms: lat.p999_ms,
      cores,
    };
    usages.forEach((u, i) => {
      figures[`node${i}_cpu_cores`] = u.cpu;
      figures[`node${i}_rss_mib`] = u.rssMiB;
      figures[`node${i}_loop_lag_p99_ms`] = u.lagP99Ms;
      figures[`node${i}_loop_lag_max_ms`] = u.lagMaxMs;
      figures[`node${i}_cpu_us_per_tx`] = cpuUs[i] ?? NaN;
      // Growth of the node's directory over the sustained phase (default retention: pruned).
      figures[`node${i}_disk_bytes_per_tx`] = Math.round((bytesAfter[i]! - bytesBefore[i]!) / sustained.txs);
    });
    return figures;
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(root, { recursive: true, force: true });
  }
}
