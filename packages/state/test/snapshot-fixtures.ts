/** Shared fixtures of the snapshot tests: random trees over chosen key hashes, and chunk tampering. */
import fc from 'fast-check';
import { toHex } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { hasPrefix } from '../src/snapshot-prefix.ts';
import type { KeyHashPrefix, SnapshotChunk } from '../src/snapshot-types.ts';
import { StateTree, type Write } from '../src/tree.ts';
import { chosenKey, chosenKeyHasher } from './helpers.ts';

export const hasher = chosenKeyHasher;

/** A key hash equal to `base` with bit `bit` flipped. */
export function flip(base: Uint8Array, bit: number): Uint8Array {
  const h = base.slice();
  h[bit >> 3]! ^= 0x80 >> (bit & 7);
  return h;
}

/**
 * Key hashes for a tree: random ones plus neighbours of the first sharing long prefixes, so
 * that chunks split deep and paths end above prefixes.
 */
export const keyHashesArb = fc
  .tuple(
    fc.uniqueArray(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 40, selector: toHex }),
    fc.uniqueArray(fc.nat({ max: 255 }), { maxLength: 5 }),
  )
  .map(([hashes, bits]) => {
    const all = hashes.length > 0 ? [...hashes, ...bits.map((b) => flip(hashes[0]!, b))] : hashes;
    const seen = new Set<string>();
    return all.filter((h) => !seen.has(toHex(h)) && seen.add(toHex(h)));
  });

/** A tree with two versions: 1 writes every key, 2 deletes some and rewrites others. */
export const twoVersionTreeArb = fc
  .record({
    hashes: keyHashesArb,
    changes: fc.array(fc.tuple(fc.nat(), fc.option(fc.uint8Array({ maxLength: 8 }), { nil: null })), {
      maxLength: 12,
    }),
    maxChunkLeaves: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ hashes, changes, maxChunkLeaves }) => {
    const store = new MemoryNodeStore();
    const tree = new StateTree({ hasher }, { store });
    const keys = hashes.map(chosenKey);
    tree.update(
      1,
      keys.map((k, i): Write => [k, Uint8Array.of(i & 0xff, i >> 8)]),
    );
    const second: Write[] =
      keys.length === 0 ? [] : changes.map(([i, v]): Write => [keys[i % keys.length]!, v]);
    // Deleting a key twice or one never written is not a valid batch: keep the last write per key.
    tree.update(2, dedupe(second, store, 1));
    return { store, tree, keys, maxChunkLeaves };
  });

function dedupe(writes: Write[], store: MemoryNodeStore, version: number): Write[] {
  const last = new Map<string, Write>();
  for (const w of writes) last.set(toHex(w[0]), w);
  return [...last.values()].filter(([k, v]) => v !== null || store.readValue(k, version) !== undefined);
}

/** A canonical prefix of 0..12 bits (arbitrary, not only the planned ones). */
export const prefixArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.uint8Array({ minLength: 2, maxLength: 2 }))
  .map(([bits, raw]) => {
    const bytes = raw.slice(0, Math.ceil(bits / 8));
    if (bits % 8 !== 0) bytes[bytes.length - 1]! &= (0xff << (8 - (bits % 8))) & 0xff;
    return { bits, bytes };
  });

/** A key (under `chosenKeyHasher`) whose hash starts with `prefix` and is not among `taken`. */
export function keyUnder(prefix: KeyHashPrefix, seed: number, taken: ReadonlySet<string>): Uint8Array {
  for (let n = 0; n < 1000; n++) {
    const h = new Uint8Array(32);
    for (let i = 0; i < 32; i++) h[i] = (seed * 31 + n * 17 + i * 7) & 0xff;
    for (let b = 0; b < prefix.bits; b++) {
      const want = (prefix.bytes[b >> 3]! >> (7 - (b & 7))) & 1;
      if (((h[b >> 3]! >> (7 - (b & 7))) & 1) !== want) h[b >> 3]! ^= 0x80 >> (b & 7);
    }
    if (hasPrefix(h, prefix) && !taken.has(toHex(h))) return chosenKey(h);
  }
  throw new Error('no free key hash under the prefix');
}

/** The ways a chunk is tampered with while keeping its prefix; each must make it fail. */
export const TAMPERS = [
  'drop-entry',
  'extra-entry',
  'alter-value',
  'extend-value',
  'alter-key',
  'swap-entries',
  'alter-sibling',
  'drop-sibling',
  'extra-sibling',
  'add-boundary',
  'drop-boundary',
] as const;
export type Tamper = (typeof TAMPERS)[number];

/** `chunk` with one tamper applied, or undefined when the tamper does not apply to it. */
export function tamper(chunk: SnapshotChunk, how: Tamper, seed: number): SnapshotChunk | undefined {
  const entries = chunk.entries.slice();
  const siblings = chunk.siblings.slice();
  const at = (n: number) => seed % n;
  switch (how) {
    case 'drop-entry':
      if (entries.length === 0) return undefined;
      entries.splice(at(entries.length), 1);
      return { ...chunk, entries };
    case 'extra-entry': {
      const taken = new Set(entries.map((e) => toHex(hasher(e.key))));
      const key = keyUnder(chunk.prefix, seed, taken);
      entries.push({ key, value: Uint8Array.of(seed & 0xff) });
      entries.sort((a, b) => (toHex(hasher(a.key)) < toHex(hasher(b.key)) ? -1 : 1));
      return { ...chunk, entries };
    }
    case 'alter-value':
    case 'extend-value': {
      if (entries.length === 0) return undefined;
      const i = at(entries.length);
      const e = entries[i]!;
      let value: Uint8Array;
      if (how === 'extend-value' || e.value.length === 0) value = Uint8Array.of(...e.value, seed & 0xff);
      else {
        value = e.value.slice();
        value[seed % value.length]! ^= 1 + (seed % 255);
      }
      entries[i] = { key: e.key, value };
      return { ...chunk, entries };
    }
    case 'alter-key': {
      if (entries.length === 0) return undefined;
      const i = at(entries.length);
      const key = entries[i]!.key.slice();
      key[key.length - 1]! ^= 1;
      entries[i] = { key, value: entries[i]!.value };
      return { ...chunk, entries };
    }
    case 'swap-entries': {
      if (entries.length < 2) return undefined;
      const i = at(entries.length - 1);
      [entries[i], entries[i + 1]] = [entries[i + 1]!, entries[i]!];
      return { ...chunk, entries };
    }
    case 'alter-sibling': {
      if (siblings.length === 0) return undefined;
      const i = at(siblings.length);
      const s = siblings[i]!.slice();
      s[seed % 32]! ^= 1 + (seed % 255);
      siblings[i] = s;
      return { ...chunk, siblings };
    }
    case 'drop-sibling':
      if (siblings.length === 0) return undefined;
      siblings.pop();
      return { ...chunk, siblings };
    case 'extra-sibling':
      if (siblings.length >= chunk.prefix.bits) return undefined;
      siblings.push(new Uint8Array(32));
      return { ...chunk, siblings };
    case 'add-boundary': {
      if (chunk.boundary) return undefined;
      const keyHash = new Uint8Array(32).fill(seed & 0xff);
      return { ...chunk, boundary: { keyHash, valueHash: hasher(Uint8Array.of(seed & 0xff)) } };
    }
    case 'drop-boundary':
      if (!chunk.boundary) return undefined;
      return { ...chunk, boundary: null };
  }
}
