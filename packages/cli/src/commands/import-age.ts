/**
 * Age commitments of the import's future applicants, computed in worker threads. PERF: one
 * commitment is a hash chain of ~70,000 steps (tens of milliseconds); with hundreds of applicants
 * in a roster that was most of the import's time on the main thread, in series with submission.
 * The pool runs them on other cores while the main thread submits the rows that need none.
 *
 * Sizing: one worker per core, at least one and at most four — the import's main thread mostly
 * waits on the node (measured on 2 cores: two workers, 167 rows/s; one worker, 134 rows/s, the
 * applicants' commitments then being the tail). When a worker fails, the commitment is computed on
 * this thread: the answer never depends on the pool.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Suite } from '@djchain/crypto';
import { ageCommitment, type IsoDate } from '@djchain/modules';

export interface AgeJob {
  readonly id: number;
  readonly suite: Suite['id'];
  readonly seed: Uint8Array;
  readonly birthDate: IsoDate;
}

export type AgeResult =
  | { readonly id: number; readonly commitment: string }
  | { readonly id: number; readonly error: string };

const WORKER_URL = new URL('./import-age-worker.ts', import.meta.url);

function defaultAgeWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

interface Pending {
  readonly job: AgeJob;
  readonly resolve: (commitment: string) => void;
  readonly reject: (e: unknown) => void;
}

export class AgePool {
  private readonly suite: Suite;
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private next = 0;
  private failed = false;

  constructor(suite: Suite, size = defaultAgeWorkers()) {
    this.suite = suite;
    for (let i = 0; i < Math.max(1, Math.floor(size)); i++) {
      const w = new Worker(WORKER_URL);
      w.on('message', (res: AgeResult) => {
        const p = this.pending.get(res.id);
        if (!p) return;
        this.pending.delete(res.id);
        if ('commitment' in res) p.resolve(res.commitment);
        else this.inThread(p);
      });
      w.on('error', () => this.fail());
      w.on('exit', () => this.fail());
      this.workers.push(w);
    }
  }

  /** C = H^k(seed) for the birth date, as ageCommitment computes it. */
  commit(seed: Uint8Array, birthDate: IsoDate): Promise<string> {
    return new Promise((resolve, reject) => {
      const job: AgeJob = { id: this.nextId++, suite: this.suite.id, seed, birthDate };
      const p = { job, resolve, reject };
      if (this.failed) return this.inThread(p);
      this.pending.set(job.id, p);
      // Round robin: every job costs about the same (the chain length varies by a few percent).
      this.workers[this.next]!.postMessage(job);
      this.next = (this.next + 1) % this.workers.length;
    });
  }

  async close(): Promise<void> {
    this.failed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Computes on this thread (a worker failed, or its answer was an error: the same error then). */
  private inThread(p: Pending): void {
    try {
      p.resolve(ageCommitment(this.suite, p.job.seed, p.job.birthDate));
    } catch (e) {
      p.reject(e);
    }
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) this.inThread(p);
  }
}
