/**
 * The tests' and benchmarks' one seeded generator: mulberry32 (Tommy Ettinger's 32-bit generator),
 * small and good enough for schedules of faults and generated rows. The same seed gives the same
 * sequence on every run and machine. Product code that needs its own (the demo, the simulator)
 * keeps it: those are part of what they reproduce.
 */

/** Floats in [0, 1) from `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] (inclusive) from a generator of floats in [0, 1). */
export function intIn(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}
