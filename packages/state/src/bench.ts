/**
 * Benchmark (not a test): builds a tree of `keys` keys in a sqlite file in a temp dir, then
 * measures batched updates per second and proof latency. Node only: `@djchain/state/bench`.
 *   node packages/state/src/bench.ts [keys]
 */
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StateError } from './errors.ts';
import { verifyProof } from './proof.ts';
import { SqliteNodeStore, tuneDatabase } from './sqlite-store.ts';
import { StateTree, type Write } from './tree.ts';
import type { Hasher } from './types.ts';

/** Options of `runStateBench`; every field has a default. */
export interface StateBenchOptions {
  readonly keys?: number;
  /** Keys written per version while building. */
  readonly buildBatch?: number;
  /** Updates per measured batch, and how many measured batches. */
  readonly updateBatch?: number;
  readonly updateBatches?: number;
  readonly proofs?: number;
  readonly hash?: 'sha256' | 'sm3';
  /** Progress lines go here (default: none). */
  readonly log?: (line: string) => void;
}

/** Figures of one run. */
export interface StateBenchResult {
  readonly keys: number;
  readonly smt_updates_per_s: number;
  readonly proof_p99_ms: number;
  readonly proof_p50_ms: number;
  readonly build_s: number;
  readonly build_keys_per_s: number;
  readonly db_mib: number;
}

/** Deterministic PRNG (xorshift32): the benchmark replays the same keys every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const enc = new TextEncoder();
const keyOf = (i: number) => enc.encode(`member/m${i}`);
// A value about the size of a canonical CBOR member record.
const valueAt = (i: number, round: number) =>
  enc.encode(`{"id":${i},"status":"formal","round":${round},"org":"b${i % 97}"}`);

/** Builds the tree, then measures; removes its temp dir afterwards. */
export function runStateBench(options: StateBenchOptions = {}): StateBenchResult {
  const keys = options.keys ?? 1_000_000;
  const buildBatch = options.buildBatch ?? 10_000;
  const updateBatch = options.updateBatch ?? 10_000;
  const updateBatches = options.updateBatches ?? 10;
  const proofs = options.proofs ?? 2_000;
  const alg = options.hash ?? 'sha256';
  const log = options.log ?? (() => {});
  const hasher: Hasher = (d) => hash(alg, d, 'buffer');
  const dir = mkdtempSync(join(tmpdir(), 'djchain-state-bench-'));
  const file = join(dir, 'state.db');
  const db = new DatabaseSync(file);
  try {
    tuneDatabase(db, 512);
    const tree = new StateTree({ hasher, cacheNodes: 150_000 }, { store: new SqliteNodeStore({ db }) });
    let version = 0;
    const t0 = performance.now();
    for (let from = 0; from < keys; from += buildBatch) {
      const writes: Write[] = [];
      for (let i = from; i < Math.min(keys, from + buildBatch); i++) writes.push([keyOf(i), valueAt(i, 0)]);
      version++;
      tree.update(version, writes);
      if (version % 10 === 0)
        log(
          `built ${Math.min(keys, from + buildBatch)} keys, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
    }
    const buildMs = performance.now() - t0;
    const rand = prng(42);
    let updated = 0;
    const t1 = performance.now();
    for (let b = 0; b < updateBatches; b++) {
      const writes: Write[] = [];
      for (let i = 0; i < updateBatch; i++) {
        const k = Math.floor(rand() * keys);
        writes.push([keyOf(k), valueAt(k, b + 1)]);
      }
      version++;
      tree.update(version, writes);
      updated += writes.length;
    }
    const updateMs = performance.now() - t1;
    log(`updates: ${updated} in ${(updateMs / 1000).toFixed(2)} s`);
    const times: number[] = [];
    const root = tree.root(version);
    for (let i = 0; i < proofs; i++) {
      // Half present keys, half absent ones (non-inclusion proofs).
      const k = Math.floor(rand() * keys) + (i % 2 === 0 ? 0 : keys);
      const key = keyOf(k);
      const s = performance.now();
      const proof = tree.prove(key, version);
      times.push(performance.now() - s);
      if (i < 50 && !verifyProof(hasher, root, key, tree.get(key, version), proof)) {
        throw new StateError('STATE_BENCH_FAILED', 'benchmark proof does not verify');
      }
    }
    times.sort((a, b) => a - b);
    const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return {
      keys,
      smt_updates_per_s: Math.round(updated / (updateMs / 1000)),
      proof_p99_ms: Number(pick(0.99).toFixed(3)),
      proof_p50_ms: Number(pick(0.5).toFixed(3)),
      build_s: Number((buildMs / 1000).toFixed(1)),
      build_keys_per_s: Math.round(keys / (buildMs / 1000)),
      db_mib: Math.round((statSync(file).size + walSize(file)) / 2 ** 20),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

if (import.meta.main) {
  const keys = Number(process.argv[2] ?? 1_000_000);
  console.log(JSON.stringify(runStateBench({ keys, log: (l) => console.error(l) })));
}
