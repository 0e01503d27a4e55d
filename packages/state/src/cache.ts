/**
 * A bounded cache with approximate least-recently-used eviction: two generations of at most
 * capacity/2 entries each; a hit in the old generation moves the entry to the young one, and
 * when the young generation is full the old one is dropped whole.
 * PERF: two Map lookups at most per get and no deletes, instead of a delete and a re-insert per
 * hit as an exact LRU over a Map needs. Deterministic: no clock, no randomness.
 */
export class GenerationalCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(0, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: K, value: V): void {
    if (this.half === 0) return;
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  /** Entries held (an entry may be counted in both generations). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
