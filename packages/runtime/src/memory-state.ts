/** State held in memory: for tests, the simulator and genesis previews. */
import { keyIndex } from '@djchain/ledger';
import type { StateView, StateWrite } from './view.ts';

/** A StateView over a sorted in-memory map; `apply` commits a block's writes. */
export class MemoryState implements StateView {
  private readonly values = new Map<string, Uint8Array>();
  /** All present keys, ascending by compareKeys. */
  private readonly sorted: string[] = [];

  get(key: string): Uint8Array | undefined {
    return this.values.get(key);
  }

  keys(prefix: string, limit: number): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.sorted.length && out.length < limit; i++) {
      const k = this.sorted[i]!;
      if (!k.startsWith(prefix)) break;
      out.push(k);
    }
    return out;
  }

  apply(writes: readonly StateWrite[]): void {
    for (const [key, value] of writes) {
      const present = this.values.has(key);
      if (value === null) {
        if (!present) continue;
        this.values.delete(key);
        this.sorted.splice(this.lowerBound(key), 1);
      } else {
        if (!present) this.sorted.splice(this.lowerBound(key), 0, key);
        this.values.set(key, value);
      }
    }
  }

  /** Every entry in key order. */
  entries(): Array<[string, Uint8Array]> {
    return this.sorted.map((k) => [k, this.values.get(k)!]);
  }

  private lowerBound(key: string): number {
    return keyIndex(this.sorted, key);
  }
}
