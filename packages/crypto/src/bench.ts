/**
 * Throughput probes for bench/ (not tests: they read the clock). Single-threaded, so the rate is
 * per core. Signatures use one key pair, as a validator set's votes do; pass `keys` for more.
 */

import { CryptoError } from './errors.ts';
import type { Suite } from './types.ts';

export interface RateOptions {
  /** Time budget in milliseconds (default 1000). */
  readonly ms?: number;
  /** Stop after this many operations even within the budget. */
  readonly count?: number;
  /** Number of distinct key pairs to rotate through (default 1). */
  readonly keys?: number;
  /** Message size in bytes (default 200, about a transaction). */
  readonly messageBytes?: number;
}

function fixtures(suite: Suite, opts: RateOptions) {
  const keyCount = Math.max(1, opts.keys ?? 1);
  const message = new Uint8Array(opts.messageBytes ?? 200).map((_, i) => i & 0xff);
  const pairs = Array.from({ length: keyCount }, (_, i) =>
    suite.keyPairFromSeed(new Uint8Array(32).fill(i + 1)),
  );
  const sigs = pairs.map((p) => suite.sign(p.secretKey, message));
  return { pairs, message, sigs };
}

function rate(op: (i: number) => void, opts: RateOptions): number {
  const ms = opts.ms ?? 1000;
  const max = opts.count ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) op(i); // warm-up
  const start = performance.now();
  let n = 0;
  let elapsed = 0;
  while (n < max && elapsed < ms) {
    op(n);
    n++;
    if ((n & 7) === 0 || n >= max) elapsed = performance.now() - start;
  }
  elapsed = performance.now() - start;
  return elapsed > 0 ? (n * 1000) / elapsed : 0;
}

/** Signature verifications per second of `suite` on one core. */
export function measureVerifyRate(suite: Suite, opts: RateOptions = {}): number {
  const { pairs, message, sigs } = fixtures(suite, opts);
  return rate((i) => {
    const k = i % pairs.length;
    if (!suite.verify(pairs[k]!.publicKey, message, sigs[k]!))
      throw new CryptoError('CRYPTO_BENCH_FAILED', 'benchmark signature did not verify');
  }, opts);
}
