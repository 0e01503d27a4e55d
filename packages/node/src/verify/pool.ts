/**
 * A pool of signature verification workers (worker_threads). Admission hands it each batch of
 * received transactions; the batch is split across the workers, so verification runs on other
 * cores while the node's main thread executes and commits blocks. PERF: signature checks were
 * about a fifth of the main thread's time per transaction.
 *
 * Sizing: one core stays with the main thread (HTTP, execution, sqlite), so the default is one
 * worker per remaining core, at least one and at most four: on the 2-core reference machine that
 * is ONE worker, and the two cores are busy with the main thread and verification at once.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Suite } from '@djchain/crypto';
import { NodeError } from '../errors.ts';
import { checkEncoded } from './check.ts';
import { pack, type VerifyRequest, type VerifyResponse } from './protocol.ts';

export interface Verified {
  /** Whether the encoding decodes and its signature verifies. */
  readonly ok: boolean;
  /** Its transaction id, hashed from the encoding. */
  readonly hash: Uint8Array;
}

export function defaultVerifyWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);
/** Below this many transactions per worker a batch is not split further. */
const MIN_CHUNK = 64;

interface Pending {
  readonly worker: number;
  readonly resolve: (r: VerifyResponse) => void;
  readonly reject: (e: unknown) => void;
}

export class VerifyPool {
  readonly size: number;
  private readonly suite: Suite;
  private readonly workers: Worker[] = [];
  /** Requests outstanding per worker: a worker with none is unref'd (never keeps the process up). */
  private readonly busy: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private next = 0;
  private failed: unknown = undefined;
  private closed = false;

  constructor(suite: Suite, size = defaultVerifyWorkers()) {
    this.suite = suite;
    this.size = Math.max(1, Math.floor(size));
    for (let i = 0; i < this.size; i++) {
      const w = new Worker(WORKER_URL);
      w.unref();
      this.busy.push(0);
      w.on('message', (res: VerifyResponse) => {
        const p = this.pending.get(res.id);
        if (!p) return;
        this.pending.delete(res.id);
        this.done(p.worker);
        p.resolve(res);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.closed)
          this.fail(new NodeError('NODE_VERIFY_UNAVAILABLE', `verification worker exited (${code})`));
      });
      this.workers.push(w);
    }
  }

  /**
   * Checks each canonical transaction encoding, in order. When the pool cannot (a worker died, or
   * it is closed) the same check runs on this thread: the answers never depend on the pool.
   */
  async verify(encodings: readonly Uint8Array[]): Promise<Verified[]> {
    if (encodings.length === 0) return [];
    if (this.failed !== undefined || this.closed) return this.inThread(encodings);
    const chunks = Math.min(this.size, Math.ceil(encodings.length / MIN_CHUNK));
    const per = Math.ceil(encodings.length / chunks);
    const parts: Array<Promise<VerifyResponse>> = [];
    for (let from = 0; from < encodings.length; from += per) {
      parts.push(this.send(encodings.slice(from, from + per)));
    }
    try {
      const out: Verified[] = [];
      for (const r of await Promise.all(parts)) {
        for (let i = 0; i < r.ok.length; i++) {
          out.push({ ok: r.ok[i] === 1, hash: r.hashes.slice(i * r.hashLength, (i + 1) * r.hashLength) });
        }
      }
      return out;
    } catch {
      return this.inThread(encodings);
    }
  }

  /** Ends the workers; later calls verify on this thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values())
      p.reject(new NodeError('NODE_VERIFY_UNAVAILABLE', 'verification pool closed'));
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(encodings: readonly Uint8Array[]): Promise<VerifyResponse> {
    const { bytes, ends } = pack(encodings);
    const id = this.nextId++;
    const index = this.next;
    this.next = (this.next + 1) % this.workers.length;
    const worker = this.workers[index]!;
    if (this.busy[index]!++ === 0) worker.ref();
    const req: VerifyRequest = { id, suite: this.suite.id, bytes, ends };
    return new Promise<VerifyResponse>((resolve, reject) => {
      this.pending.set(id, { worker: index, resolve, reject });
      worker.postMessage(req, [bytes.buffer, ends.buffer]);
    });
  }

  private done(index: number): void {
    if (--this.busy[index]! === 0) this.workers[index]!.unref();
  }

  private fail(e: unknown): void {
    if (this.failed !== undefined) return;
    this.failed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const w of this.workers) w.unref();
  }

  private inThread(encodings: readonly Uint8Array[]): Verified[] {
    return encodings.map((e) => checkEncoded(this.suite, e));
  }
}
