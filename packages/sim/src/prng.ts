/** The simulator's seeded stream: @djchain/crypto's sfc32 (the demo's generator too), with its choices. */
import { sfc32 } from '@djchain/crypto';
import { SimError } from './errors.ts';

/** A seeded pseudo-random stream; the only source of choice in the simulator. */
export class Prng {
  /** A uniform 32-bit unsigned integer. */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = sfc32(seed);
  }

  /** Uniform in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 4294967296) * n);
  }

  /** Uniform in [lo, hi], both included. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new SimError('SIM_PICK_EMPTY', 'nothing to pick from');
    return items[this.int(items.length)]!;
  }

  /** A new independent stream derived from this one (for a node or a link). */
  fork(): Prng {
    return new Prng(this.next());
  }

  /** Fisher–Yates shuffle into a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
