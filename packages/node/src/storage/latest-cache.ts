/**
 * Reads of the LATEST committed state version, kept across blocks (issue 20). PERF: the block-start
 * hooks (the warning centre's resolvers, the index, dues and orglife) and the permission checks
 * list the same prefixes and read the same records block after block; each block's overlay
 * remembered them only for its own life, so every block went to sqlite again (in a demo
 * validator's profile, `keysWithPrefix` and `readValue` were ≈ 19 % of its busy time).
 *
 * Exactness: the cache answers only for the version it was filled at, and that version must be the
 * store's latest. `advance` moves it to the next version with that version's own writes (every
 * key-value change of the block, from the state tree's batch): a written key's value is replaced,
 * and every remembered key listing whose prefix covers a written key is brought up to date in
 * place — a new key inserted in order (in a listing cut at its limit, only when it sorts before
 * the last key, which then falls out), a deleted key removed (a cut listing is dropped instead:
 * the key after its last is not known) — or dropped when that cannot be exact (a key that was not
 * valid UTF-8 text, a listing holding such keys, more than MAX_LISTING_EDITS_PER_VERSION changes to
 * one listing in one version). PERF: in the demo's workload a prefix that
 * grows each block (the payments of a month, a branch's meetings) was listed from sqlite again
 * after every block. A version written any other way (a snapshot
 * base, genesis) leaves the cache at an older version: the next read at the latest version finds
 * the versions differ and starts empty. Keys that are not well-formed UTF-16 are never cached
 * (their UTF-8 form would not decode back to the same string, so a write could miss them).
 *
 * It is bounded: at most MAX_VALUES values of at most MAX_VALUE_BYTES each and MAX_LISTED listed
 * keys; past that the oldest half is forgotten. What it forgets is read again; what it answers is what sqlite would answer.
 */

import { compareKeys, keyIndex } from '@djchain/ledger';

const MAX_VALUES = 100_000;
const MAX_LISTED = 200_000;
/** A listing longer than this is not kept (it would push out many smaller ones). */
const MAX_ONE_LISTING = 20_000;
/**
 * In-place changes to one listing in one version before it is dropped instead: each costs a splice
 * of up to MAX_ONE_LISTING keys, so a block writing thousands of keys under one large listing (an
 * import) reads it again once rather than moving it thousands of times.
 */
export const MAX_LISTING_EDITS_PER_VERSION = 64;
/** A value larger than this is not kept, so the cache's memory stays bounded in bytes too. */
const MAX_VALUE_BYTES = 16 * 1024;

// ignoreBOM: a key starting with U+FEFF keeps it (the default decoder strips it: another key).
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const REPLACEMENT = '\uFFFD';

/** A lone surrogate (in `u` mode a pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

interface Listing {
  readonly prefix: string;
  readonly limit: number;
  /** Ascending by compareKeys (the store's UTF-8 byte order); updated in place by `advance`. */
  readonly keys: string[];
  /** The same keys, for the membership test of every write under the prefix. */
  readonly has: Set<string>;
  /** Every key well-formed text: only then can a written key be placed among them exactly. */
  readonly exact: boolean;
}

export interface LatestCacheStats {
  valueHits: number;
  valueMisses: number;
  listingHits: number;
  listingMisses: number;
}

export class LatestStateCache {
  #version: number | undefined;
  readonly #values = new Map<string, Uint8Array | null>();
  /** Listings by `${limit}/${prefix}`. */
  readonly #listings = new Map<string, Listing>();
  /** The listing ids of each prefix, to find them from a written key's prefixes. */
  readonly #byPrefix = new Map<string, Set<string>>();
  /**
   * How many prefixes of #byPrefix have each length (UTF-16 units). PERF: a written key is cut
   * only at these lengths to find the listings it may change; before, every write made each of its
   * own prefixes (a 30-character key: 31 strings) or copied every remembered prefix.
   */
  readonly #prefixLengths = new Map<number, number>();
  #listed = 0;
  readonly stats: LatestCacheStats = { valueHits: 0, valueMisses: 0, listingHits: 0, listingMisses: 0 };

  /** Whether reads of `version` may use the cache, given the store's `latest` version. */
  #serves(version: number, latest: number | undefined): boolean {
    if (version !== latest) return false;
    if (this.#version !== version) {
      this.clear();
      this.#version = version;
    }
    return true;
  }

  /** The value of `key` at `version`; `load` reads it from the store when the cache cannot answer. */
  get(
    version: number,
    latest: number | undefined,
    key: string,
    load: () => Uint8Array | undefined,
  ): Uint8Array | undefined {
    if (!this.#serves(version, latest) || !wellFormed(key)) return load();
    const hit = this.#values.get(key);
    if (hit !== undefined) {
      this.stats.valueHits++;
      return hit ?? undefined;
    }
    this.stats.valueMisses++;
    const value = load();
    this.#remember(key, value ?? null);
    return value;
  }

  /** The keys under `prefix` at `version` (at most `limit`); `load` lists them from the store. */
  keys(
    version: number,
    latest: number | undefined,
    prefix: string,
    limit: number,
    load: () => string[],
  ): string[] {
    if (!this.#serves(version, latest) || !wellFormed(prefix)) return load();
    const id = `${limit}/${prefix}`;
    const hit = this.#listings.get(id);
    if (hit !== undefined) {
      this.stats.listingHits++;
      return [...hit.keys];
    }
    this.stats.listingMisses++;
    const keys = load();
    if (keys.length <= MAX_ONE_LISTING) {
      if (this.#listed + keys.length > MAX_LISTED) this.#forgetListings();
      this.#listings.set(id, {
        prefix,
        limit,
        keys: [...keys],
        has: new Set(keys),
        exact: keys.every((k) => wellFormed(k) && !k.includes(REPLACEMENT)),
      });
      let ids = this.#byPrefix.get(prefix);
      if (ids === undefined) {
        ids = new Set();
        this.#byPrefix.set(prefix, ids);
        this.#prefixLengths.set(prefix.length, (this.#prefixLengths.get(prefix.length) ?? 0) + 1);
      }
      ids.add(id);
      this.#listed += keys.length;
    }
    return keys;
  }

  /**
   * Version `version` was committed with these key-value changes (null: deleted). Moves the cache
   * to it when it held the version before; otherwise empties it.
   */
  advance(
    version: number,
    writes: ReadonlyArray<{ readonly key: Uint8Array; readonly value: Uint8Array | null }>,
  ): void {
    if (this.#version !== version - 1) {
      this.clear();
      this.#version = version;
      return;
    }
    this.#version = version;
    const edits = new Map<Listing, number>();
    for (const w of writes) {
      const key = fromUtf8.decode(w.key);
      if (this.#values.has(key)) {
        if (w.value !== null && w.value.length > MAX_VALUE_BYTES) this.#values.delete(key);
        else this.#values.set(key, w.value);
      }
      this.#touchListings(key, w.value === null, edits);
    }
    // Listings grown in place count against the same bound as loaded ones.
    if (this.#listed > MAX_LISTED) this.#forgetListings();
  }

  /** Forgets everything (after a failed commit, or when the version moved another way). */
  clear(): void {
    this.#version = undefined;
    this.#values.clear();
    this.#listings.clear();
    this.#byPrefix.clear();
    this.#prefixLengths.clear();
    this.#listed = 0;
  }

  /** Brings the listings a write of `key` may change up to date, or drops those it cannot. */
  #touchListings(key: string, deleted: boolean, edits: Map<Listing, number>): void {
    // A key holding U+FFFD may be bytes that were not UTF-8 (decoded lossily): not placed.
    const placeable = !key.includes(REPLACEMENT);
    // The remembered prefixes covering `key`: its own prefixes of the lengths remembered. A
    // listing dropped on the way can remove only the length being visited; the iteration goes on.
    for (const length of this.#prefixLengths.keys()) {
      if (length > key.length) continue;
      const prefix = length === key.length ? key : key.slice(0, length);
      const ids = this.#byPrefix.get(prefix);
      if (ids === undefined) continue;
      for (const id of [...ids]) {
        const listing = this.#listings.get(id)!;
        // A value change of a listed key leaves the listing as it was.
        if (!deleted && listing.has.has(key)) continue;
        const n = (edits.get(listing) ?? 0) + 1;
        edits.set(listing, n);
        if (
          !placeable ||
          !listing.exact ||
          n > MAX_LISTING_EDITS_PER_VERSION ||
          !this.#update(listing, key, deleted)
        )
          this.#dropListing(id, listing);
      }
    }
  }

  /**
   * `key` was added (or deleted) under the listing's prefix: updates it in place. False when it
   * cannot stay exact (a deletion from a listing cut at its limit) or grows past MAX_ONE_LISTING.
   */
  #update(listing: Listing, key: string, deleted: boolean): boolean {
    const { keys } = listing;
    const full = keys.length >= listing.limit;
    if (deleted) {
      // A key the listing does not hold was absent (an uncut listing holds every key, a cut one
      // every key up to its last) or lies past the cut: nothing to change.
      if (!listing.has.has(key)) return true;
      if (full) return false;
      keys.splice(keyIndex(keys, key), 1);
      listing.has.delete(key);
      this.#listed--;
      return true;
    }
    // A new key: past the last of a cut listing it is not in the window.
    if (full && (keys.length === 0 || compareKeys(key, keys[keys.length - 1]!) > 0)) return true;
    if (!full && keys.length >= MAX_ONE_LISTING) return false;
    keys.splice(keyIndex(keys, key), 0, key);
    listing.has.add(key);
    if (full) listing.has.delete(keys.pop()!);
    else this.#listed++;
    return true;
  }

  #dropListing(id: string, listing: Listing): void {
    this.#listings.delete(id);
    this.#listed -= listing.keys.length;
    const ids = this.#byPrefix.get(listing.prefix)!;
    ids.delete(id);
    if (ids.size === 0) {
      this.#byPrefix.delete(listing.prefix);
      const left = this.#prefixLengths.get(listing.prefix.length)! - 1;
      if (left === 0) this.#prefixLengths.delete(listing.prefix.length);
      else this.#prefixLengths.set(listing.prefix.length, left);
    }
  }

  #remember(key: string, value: Uint8Array | null): void {
    if (value !== null && value.length > MAX_VALUE_BYTES) return;
    if (this.#values.size >= MAX_VALUES) {
      // Maps iterate in insertion order: the first half is the oldest remembered.
      let n = MAX_VALUES / 2;
      for (const k of this.#values.keys()) {
        if (n-- <= 0) break;
        this.#values.delete(k);
      }
    }
    this.#values.set(key, value);
  }

  #forgetListings(): void {
    let n = Math.ceil(this.#listings.size / 2);
    for (const [id, listing] of this.#listings) {
      if (n-- <= 0) break;
      this.#dropListing(id, listing);
    }
  }
}
