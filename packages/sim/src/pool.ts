/**
 * Runs seeds in worker threads (one simulation per seed, each on one thread: a run stays
 * deterministic whatever thread it lands on). Results come back sorted by seed.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SimulationResult } from './simulation.ts';

export interface Job {
  readonly seed: number;
  /** Mutant name (mutants.ts), or undefined for the real code as it is. */
  readonly mutant?: string;
  /** Every Byzantine behaviour, the known open ones included (scenario.ts `KNOWN_OPEN`). */
  readonly allBehaviours?: boolean;
}

export interface JobResult extends Job {
  readonly result: SimulationResult;
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Runs the jobs on `workers` threads, handing each idle thread the next job. */
export function runJobs(
  jobs: readonly Job[],
  workers: number,
  onResult?: (r: JobResult) => void,
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  let next = 0;
  return new Promise((resolve, reject) => {
    let live = Math.min(workers, jobs.length);
    if (live === 0) resolve([]);
    for (let w = 0; w < Math.min(workers, jobs.length); w++) {
      const worker = new Worker(new URL('./worker.ts', import.meta.url));
      const feed = () => {
        const job = jobs[next++];
        if (job === undefined) {
          void worker.terminate();
          if (--live === 0)
            resolve(
              results.sort((a, b) => a.seed - b.seed || (a.mutant ?? '').localeCompare(b.mutant ?? '')),
            );
          return;
        }
        worker.postMessage(job);
      };
      worker.on('message', (r: JobResult) => {
        results.push(r);
        onResult?.(r);
        feed();
      });
      worker.on('error', reject);
      feed();
    }
  });
}
