import { fromHex, toHex } from './hash.ts';
import type { NodeBatch, NodeKey, NodeStore, PruneStats, RootRecord, TreeNode } from './types.ts';
import { VersionBook } from './version-book.ts';

interface ValueVersion {
  readonly version: number;
  readonly value: Uint8Array | null;
}

/** Keeps nodes, roots and value history in Maps; same semantics as the sqlite store. */
export class MemoryNodeStore extends VersionBook implements NodeStore {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly roots = new Map<number, RootRecord>();
  /** Per key (hex): writes in ascending version order, null = deleted. */
  private readonly values = new Map<string, ValueVersion[]>();
  /** Per version, in commit order: nodes it replaced and keys it wrote. */
  private readonly staleLog: Array<{ since: number; nodes: readonly NodeKey[]; keys: string[] }> = [];

  readNode(version: number, path: string): TreeNode | undefined {
    return this.nodes.get(`${version}/${path}`);
  }

  readRoot(version: number): RootRecord | undefined {
    return this.roots.get(version);
  }

  readValue(key: Uint8Array, version: number): Uint8Array | undefined {
    const list = this.values.get(toHex(key));
    if (!list) return undefined;
    // Binary search for the last write at or before `version`.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.version <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : (list[lo - 1]!.value ?? undefined);
  }

  /** Keys starting with `prefix` that hold a value at `version`, ascending bytes, at most `limit`. */
  keysWithPrefix(prefix: Uint8Array, version: number, limit: number): Uint8Array[] {
    const hexPrefix = toHex(prefix);
    // Hex preserves byte order, so sorting hex strings sorts the keys.
    const hits = [...this.values.keys()].filter((h) => h.startsWith(hexPrefix)).sort();
    const out: Uint8Array[] = [];
    for (const hex of hits) {
      if (out.length >= limit) break;
      const key = fromHex(hex)!;
      if (this.readValue(key, version) !== undefined) out.push(key);
    }
    return out;
  }

  write(batch: NodeBatch): void {
    const v = batch.version;
    this.checkNext(v);
    for (const { key, node } of batch.nodes) this.nodes.set(`${key.version}/${key.path}`, node);
    this.roots.set(v, batch.root);
    const keys: string[] = [];
    for (const { key, value } of batch.values) {
      const hex = toHex(key);
      keys.push(hex);
      const list = this.values.get(hex);
      if (list) list.push({ version: v, value });
      else this.values.set(hex, [{ version: v, value }]);
    }
    this.staleLog.push({ since: v, nodes: batch.stale, keys });
    this.wrote(v);
  }

  /** Rows held: nodes and value versions (for metrics and tests). */
  stats(): { nodes: number; values: number } {
    let values = 0;
    for (const list of this.values.values()) values += list.length;
    return { nodes: this.nodes.size, values };
  }

  prune(beforeVersion: number): PruneStats {
    let nodes = 0;
    let values = 0;
    let versions = 0;
    while (this.staleLog.length > 0 && this.staleLog[0]!.since <= beforeVersion) {
      const entry = this.staleLog.shift()!;
      for (const k of entry.nodes) if (this.nodes.delete(`${k.version}/${k.path}`)) nodes++;
      for (const hex of entry.keys) {
        // Writes older than `since` are superseded at a retained version; a deletion at
        // `since` itself reads the same as no entry at all.
        const list = this.values.get(hex)!;
        let cut = 0;
        while (cut < list.length && list[cut]!.version < entry.since) cut++;
        if (list[cut]?.version === entry.since && list[cut]!.value === null) cut++;
        values += cut;
        list.splice(0, cut);
        if (list.length === 0) this.values.delete(hex);
      }
    }
    const range = this.versions();
    if (range) {
      for (let v = range.oldest; v < Math.min(beforeVersion, range.latest); v++) {
        if (this.roots.delete(v)) versions++;
      }
    }
    this.prunedTo(beforeVersion);
    return { nodes, values, versions };
  }
}
