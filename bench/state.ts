/** Batched sparse-Merkle-tree updates on a tree of ≥ 1,000,000 keys, and proof latency. */
import { runStateBench } from '@djchain/state/bench';

export function benchState(log: (line: string) => void, keys: number): Record<string, number> {
  const r = runStateBench({ keys, log });
  log(`state: ${JSON.stringify(r)}`);
  return {
    smt_keys: r.keys,
    smt_updates_per_s: r.smt_updates_per_s,
    proof_p99_ms: r.proof_p99_ms,
    proof_p50_ms: r.proof_p50_ms,
  };
}
