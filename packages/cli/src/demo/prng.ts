/**
 * A seeded PRNG (@djchain/crypto's sfc32, the simulator's too) so the demo community is the same
 * for the same seed: Math.random is never used for anything that reaches the chain.
 */
import { sfc32 } from '@djchain/crypto';
import { DemoError } from './errors.ts';
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` lowercase hex characters. */
  hex(n: number): string;
}

export function createRng(seed: number): Rng {
  const u32 = sfc32(seed);
  const next = () => u32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new DemoError('DEMO_PICK_EMPTY', 'pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
    hex: (n) => {
      let out = '';
      while (out.length < n) out += u32().toString(16).padStart(8, '0');
      return out.slice(0, n);
    },
  };
}
