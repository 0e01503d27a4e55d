/**
 * single_node_tps: one real `djchain start` process (a fresh `djchain init` directory, kv test
 * module via `extraModules`), ≥ 10,000 pre-signed `kv.put` transactions submitted over HTTP in
 * batches, timed from the first submit to the commit of the last one. Every transaction is then
 * found in the committed blocks, and a sample of receipts is checked to be `ok`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSuite, type SuiteId } from '@djchain/crypto';
import { KV_MODULES_FILE } from '@djchain/testkit/kv';
import { patchConfig } from '@djchain/testkit/process';
import {
  countOkReceipts,
  missingFrom,
  presign,
  readAsOperator,
  status,
  submitAll,
  waitCommitted,
} from './load.ts';
import { scrape } from './metrics.ts';
import { djchain, startNode } from './proc.ts';

export interface SingleNodeOptions {
  readonly suite: SuiteId;
  readonly txs: number;
  readonly signers: number;
  readonly batch: number;
  readonly inFlight: number;
  readonly maxBlockTxs: number;
  /** Directory for a CPU profile of the node process (`node --cpu-prof`), when profiling. */
  readonly cpuProfDir?: string;
}

export interface SingleNodeResult {
  readonly tps: number;
  readonly txs: number;
  readonly seconds: number;
  readonly blocks: number;
  /**
   * CPU time of the node process (all threads: HTTP, verification workers, execution, sqlite)
   * per committed transaction over the timed window, in µs. Unlike tx/s it barely moves when
   * other processes compete for the cores, so it is the figure to compare runs on a shared machine.
   */
  readonly cpuUsPerTx: number;
  /** The node's CPU seconds over wall seconds in the window (1 = one core busy). */
  readonly cpuCores: number;
}

export async function benchSingleNode(
  log: (line: string) => void,
  opts: SingleNodeOptions,
): Promise<SingleNodeResult> {
  const root = mkdtempSync(join(tmpdir(), 'djbench-node-'));
  const dir = join(root, 'node');
  let node: Awaited<ReturnType<typeof startNode>> | undefined;
  try {
    const chainId = `bench-${opts.suite}`;
    djchain(['init', '--dir', dir, '--suite', opts.suite, '--chain-id', chainId]);
    patchConfig(dir, {
      logLevel: 'warn',
      maxBlockTxs: opts.maxBlockTxs,
      extraModules: [KV_MODULES_FILE],
    });
    const suite = getSuite(opts.suite);
    log(`${opts.suite}: signing ${opts.txs} kv.put transactions from ${opts.signers} accounts`);
    const load = presign(suite, chainId, opts.txs, { signers: opts.signers, tag: 'b', seed: 7 });
    node = await startNode(dir, opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []);
    const { url } = node;
    readAsOperator(url, readFileSync(join(dir, 'api-token'), 'utf8').trim());
    const before = (await status(url)).height;
    log(`${opts.suite}: node at ${url}, height ${before}; submitting in batches of ${opts.batch}`);
    const cpuBefore = (await scrape(url)).get('djchain_process_cpu_seconds_total') ?? 0;
    const start = performance.now();
    await submitAll(url, load.bodies, { batch: opts.batch, inFlight: opts.inFlight });
    const submitted = performance.now();
    // The last submitted transaction is normally in the last block; the blocks are then read to
    // confirm every transaction is in; if one is missing the clock runs on until it commits.
    // (Waiting on one id at a time: each answer carries a receipt proof the node computes.)
    let pending = load.hashes;
    let end = start;
    let last = before;
    let cpuEnd = cpuBefore;
    for (let round = 0; pending.length > 0 && round < 100; round++) {
      last = Math.max(last, await waitCommitted(url, pending[pending.length - 1]!));
      end = performance.now();
      // CPU read when the commit was seen, before the check below reads every block back.
      cpuEnd = (await scrape(url)).get('djchain_process_cpu_seconds_total') ?? 0;
      pending = await missingFrom(suite, url, before + 1, last, load.hashes);
    }
    if (pending.length > 0) throw new Error(`${pending.length} of ${opts.txs} transactions not committed`);
    const cpu = cpuEnd - cpuBefore;
    const seconds = (end - start) / 1000;
    log(
      `${opts.suite}: submitted in ${((submitted - start) / 1000).toFixed(2)} s, all committed after ${seconds.toFixed(2)} s (heights ${before + 1}..${last})`,
    );
    const sample = load.hashes.filter((_, i) => i % Math.max(1, Math.floor(opts.txs / 20)) === 0);
    const ok = await countOkReceipts(url, sample);
    if (ok !== sample.length)
      throw new Error(`${sample.length - ok} of ${sample.length} sampled receipts not ok`);
    return {
      tps: Math.round(opts.txs / seconds),
      txs: opts.txs,
      seconds,
      blocks: last - before,
      cpuUsPerTx: Math.round((cpu * 1e6) / opts.txs),
      cpuCores: Number((cpu / seconds).toFixed(2)),
    };
  } finally {
    await node?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
