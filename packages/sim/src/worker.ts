/** A worker thread of pool.ts: runs one seed per message and posts its result back. */
import { parentPort } from 'node:worker_threads';
import { BYZANTINE_BEHAVIOURS } from './byzantine.ts';
import { MUTANTS } from './mutants.ts';
import type { Job, JobResult } from './pool.ts';
import { runSeed } from './run.ts';

parentPort?.on('message', async (job: Job) => {
  const mutant = MUTANTS.find((m) => m.name === job.mutant);
  const scenario = job.allBehaviours ? { behaviours: BYZANTINE_BEHAVIOURS } : {};
  // Mutant runs (and their baselines) ask for evidence of time-only conflicts too.
  const strict = job.allBehaviours ? { timeOnlyEvidence: true } : {};
  const result = await runSeed(
    job.seed,
    mutant ? { unsafe: mutant.unsafe, scenario, ...strict } : { scenario, ...strict },
  );
  const out: JobResult = { ...job, result };
  parentPort?.postMessage(out);
});
