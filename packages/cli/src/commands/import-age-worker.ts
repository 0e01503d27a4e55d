/** An age-commitment worker (worker_threads) for the import: answers AgeJobs one at a time. */
import { parentPort } from 'node:worker_threads';
import { DjError, getSuite } from '@djchain/crypto';
import { ageCommitment } from '@djchain/modules';
import type { AgeJob, AgeResult } from './import-age.ts';

const port = parentPort;
if (!port) throw new DjError('CLI_NOT_A_WORKER', 'import-age-worker.ts runs as a worker thread');

port.on('message', (job: AgeJob) => {
  let res: AgeResult;
  try {
    res = { id: job.id, commitment: ageCommitment(getSuite(job.suite), job.seed, job.birthDate) };
  } catch (e) {
    res = { id: job.id, error: (e as Error).message };
  }
  port.postMessage(res);
});
