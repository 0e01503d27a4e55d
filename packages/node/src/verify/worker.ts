/** A signature verification worker (worker_threads): answers VerifyRequests one at a time. */
import { parentPort } from 'node:worker_threads';
import { getSuite } from '@djchain/crypto';
import { NodeError } from '../errors.ts';
import { checkEncoded } from './check.ts';
import type { VerifyRequest, VerifyResponse } from './protocol.ts';

const port = parentPort;
if (!port) throw new NodeError('NODE_NOT_A_WORKER', 'verify/worker.ts runs as a worker thread');

port.on('message', (req: VerifyRequest) => {
  const suite = getSuite(req.suite);
  const n = req.ends.length;
  const ok = new Uint8Array(n);
  let hashes = new Uint8Array(0);
  let hashLength = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = req.ends[i]!;
    const r = checkEncoded(suite, req.bytes.subarray(start, end));
    if (i === 0) {
      hashLength = r.hash.length;
      hashes = new Uint8Array(n * hashLength);
    }
    ok[i] = r.ok ? 1 : 0;
    hashes.set(r.hash, i * hashLength);
    start = end;
  }
  const res: VerifyResponse = { id: req.id, ok, hashes, hashLength };
  port.postMessage(res, [ok.buffer, hashes.buffer]);
});
