/**
 * The cluster load generator, run as its own process by bench/cluster.ts (`node bench/loadgen.ts
 * '<json args>'`): pre-signs `kv.put` transactions, then offers them OPEN-LOOP — one batch every
 * `tickMs` at `rate` tx/s, whether or not earlier ones are done — to ONE validator (the first URL);
 * mempool gossip carries them to the others, as on the path a resident's client takes (`fanout`:
 * the old diagnostic shape, every batch handed to every validator). Commits are observed by
 * polling that validator's height every `pollMs` and reading each new block; a transaction's
 * latency is from its batch's send to the observation of the block holding it (so it includes up
 * to `pollMs` of observation delay). Every node's /metrics is read just before the first send and
 * when the last commit is observed (CPU per committed transaction). Afterwards every transaction's
 * receipt is fetched and must be `ok`. Prints one JSON line with the result on stdout.
 */
import { MAX_TXS_PER_POST } from '@djchain/client';
import { getSuite, type SuiteId } from '@djchain/crypto';
import { decodeBlock, decodeTx } from '@djchain/ledger';
import { auth, presign, readAsOperator, receiptStatuses, submitBatch } from './load.ts';
import { scrape } from './metrics.ts';

interface Args {
  readonly urls: string[];
  /** The nodes' operator tokens, in the order of `urls` (reads and writes as the operator). */
  readonly tokens?: string[];
  readonly suite: SuiteId;
  readonly chainId: string;
  readonly txs: number;
  readonly rate: number;
  readonly tickMs: number;
  readonly pollMs: number;
  readonly seed: number;
  readonly timeoutMs: number;
  /** Log each observed block on stderr. */
  readonly trace?: boolean;
  /** Diagnostic: hand every batch to every validator instead of one (no gossip needed). */
  readonly fanout?: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const suite = getSuite(args.suite);
for (const [i, t] of (args.tokens ?? []).entries()) readAsOperator(args.urls[i]!, t);
const signers = 200;
const load = presign(suite, args.chainId, args.txs, { signers, tag: `g${args.seed}`, seed: args.seed });
const keyOf = (i: number) => `${i % signers}/${Math.floor(i / signers)}`;
const indexOf = new Map<string, number>();
for (let i = 0; i < args.txs; i++) indexOf.set(keyOf(i), i);
const sentAt = new Float64Array(args.txs).fill(Number.NaN);
const doneAt = new Float64Array(args.txs).fill(Number.NaN);
// Signer public key → index, to map a block's (signer, nonce) back to a transaction here.
const signerIndex = new Map<string, number>();
for (let k = 0; k < Math.min(signers, args.txs); k++) {
  const tx = decodeTx(Buffer.from(load.bodies[k]!, 'base64'));
  signerIndex.set(Buffer.from(tx.signer).toString('hex'), k);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errors: string[] = [];
// Fan-out only: a validator handed a batch after the transaction is already committed (or already
// gossiped to it) refuses it with these, which is the expected outcome, not an error. On the gossip
// path nothing may be refused.
const benign = new Set(args.fanout ? ['RUNTIME_NONCE_USED', 'MEMPOOL_DUPLICATE'] : []);
const targets = args.fanout ? args.urls : [args.urls[0]!];
const cpuOf = (m: Map<string, number>) => m.get('djchain_process_cpu_seconds_total') ?? 0;
let cpuBefore: number[] = [];
let cpuAfter: number[] = [];

const status = async (url: string) =>
  ((await (await fetch(`${url}/v1/status`)).json()) as { height: number }).height;
const startHeight = await status(args.urls[0]!);
let committed = 0;
// Blocks that carried at least one of this load's transactions (their mean size shapes the floor part).
let loadBlocks = 0;

async function observe(deadline: number): Promise<void> {
  let seen = startHeight;
  while (committed < args.txs && performance.now() < deadline) {
    let h: number;
    try {
      h = await status(args.urls[0]!);
    } catch {
      await sleep(args.pollMs);
      continue;
    }
    const now = performance.now();
    for (let b = seen + 1; b <= h; b++) {
      const r = (await (
        await fetch(`${args.urls[0]}/v1/blocks/${b}`, { headers: auth(args.urls[0]!) })
      ).json()) as { block: string };
      const block = decodeBlock(Buffer.from(r.block, 'base64'));
      if (args.trace) {
        process.stderr.write(
          `[loadgen] +${Math.round(now - first)} ms: block ${b}, ${block.txs.length} txs\n`,
        );
      }
      const before = committed;
      for (const tx of block.txs) {
        const k = signerIndex.get(Buffer.from(tx.signer).toString('hex'));
        const i = k === undefined ? undefined : indexOf.get(`${k}/${tx.nonce}`);
        if (i !== undefined && Number.isNaN(doneAt[i]!)) {
          doneAt[i] = now;
          committed++;
        }
      }
      if (committed > before) loadBlocks++;
    }
    if (committed === args.txs) cpuAfter = (await Promise.all(args.urls.map(scrape))).map(cpuOf);
    seen = h;
    await sleep(args.pollMs);
  }
}

async function offer(): Promise<void> {
  const perTick = Math.max(1, Math.round((args.rate * args.tickMs) / 1000));
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let from = 0, tick = 0; from < args.txs; from += perTick, tick++) {
    const wait = t0 + tick * args.tickMs - performance.now();
    if (wait > 0) await sleep(wait);
    const bodies = load.bodies.slice(from, from + perTick);
    const now = performance.now();
    for (let i = from; i < from + bodies.length; i++) sentAt[i] = now;
    // A tick's batch in requests of at most MAX_TXS_PER_POST (the API's limit per POST /v1/txs).
    for (let i = 0; i < bodies.length; i += MAX_TXS_PER_POST) {
      const part = bodies.slice(i, i + MAX_TXS_PER_POST);
      for (const url of targets) {
        inflight.push(submitBatch(url, part, benign).catch((e: Error) => void errors.push(e.message)));
      }
    }
  }
  await Promise.all(inflight);
}

cpuBefore = (await Promise.all(args.urls.map(scrape))).map(cpuOf);
const first = performance.now();
const deadline = first + args.timeoutMs;
const watcher = observe(deadline);
await offer();
const offeredFor = performance.now() - first;
await watcher;
const latencies: number[] = [];
let last = first;
for (let i = 0; i < args.txs; i++) {
  if (Number.isNaN(doneAt[i]!)) continue;
  latencies.push(doneAt[i]! - sentAt[i]!);
  last = Math.max(last, doneAt[i]!);
}
latencies.sort((a, b) => a - b);
// Every receipt, after the timed window: inclusion is not success.
const statuses = committed === args.txs ? await receiptStatuses(args.urls[0]!, load.hashes, 16) : new Map();
const receiptsOk = statuses.get('ok') ?? 0;
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
process.stdout.write(
  `${JSON.stringify({
    txs: args.txs,
    committed,
    blocks: loadBlocks,
    offeredTps: Math.round((args.txs * 1000) / offeredFor),
    tps: Math.round((committed * 1000) / (last - first)),
    seconds: (last - first) / 1000,
    p50_ms: Math.round(pct(50)),
    p95_ms: Math.round(pct(95)),
    p99_ms: Math.round(pct(99)),
    p999_ms: Math.round(pct(99.9)),
    errors: errors.slice(0, 5),
    errorCount: errors.length,
    receiptsOk,
    receiptStatuses: Object.fromEntries(statuses),
    path: args.fanout ? 'fanout' : 'gossip',
    cpuSeconds: cpuAfter.length === 0 ? [] : cpuAfter.map((a, i) => a - cpuBefore[i]!),
  })}\n`,
);
