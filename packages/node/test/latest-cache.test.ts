/**
 * The latest-version read cache (issue 20) answers exactly what the store would, across versions:
 * a model of versioned state (a plain map per version, listed in UTF-8 byte order by hand) is the
 * truth; random commits, reads and listings go through the cache with the model as its loader.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import fc from 'fast-check';
import { ChainStore } from '../src/storage/chain-store.ts';
import { LatestStateCache, MAX_LISTING_EDITS_PER_VERSION } from '../src/storage/latest-cache.ts';
import { keyBytes } from '../src/storage/state-view.ts';

const utf8 = new TextEncoder();
const byBytes = (a: string, b: string) => Buffer.compare(utf8.encode(a), utf8.encode(b));

// Keys sharing prefixes at several depths; one above the BMP (a surrogate pair) and one with a
// lone surrogate, whose UTF-8 form decodes to another string.
const KEYS = ['a/1', 'a/2', 'a/10', 'ab/1', 'ab/2', 'b/1', 'b/x/1', 'b/x/2', 'c/😀', 'c/z', 'z/\uD800'];
const PREFIXES = ['', 'a', 'a/', 'a/1', 'ab/', 'b/', 'b/x/', 'c/', 'z/', 'z/\uD800', 'q/'];

type Step =
  | { kind: 'commit'; writes: Array<[number, number | null]> }
  | { kind: 'sneak' } // a version written without telling the cache (a snapshot base)
  | { kind: 'get'; key: number; back: number }
  | { kind: 'keys'; prefix: number; limit: number; back: number }
  | { kind: 'clear' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('commit' as const),
      writes: fc.array(fc.tuple(fc.nat(KEYS.length - 1), fc.option(fc.nat(3), { nil: null, freq: 3 })), {
        maxLength: 4,
      }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'sneak' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('get' as const),
      key: fc.nat(KEYS.length - 1),
      back: fc.nat(2),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('keys' as const),
      prefix: fc.nat(PREFIXES.length - 1),
      limit: fc.integer({ min: 1, max: 4 }),
      back: fc.nat(2),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/** Runs `steps` through a cache and a model of versioned state starting at `initial`, asserting each answer. */
function runModel(steps: readonly Step[], initial: ReadonlyMap<string, Uint8Array>): void {
  const cache = new LatestStateCache();
  // versions[v]: the state after version v.
  const versions: Array<Map<string, Uint8Array>> = [new Map(initial)];
  const latest = () => versions.length - 1;
  for (const s of steps) {
    if (s.kind === 'commit' || s.kind === 'sneak') {
      const next = new Map(versions[latest()]!);
      const writes: Array<{ key: Uint8Array; value: Uint8Array | null }> = [];
      for (const [k, v] of s.kind === 'commit' ? s.writes : [[0, 7] as [number, number]]) {
        const key = KEYS[k]!;
        if (v === null) next.delete(key);
        else next.set(key, new Uint8Array([v]));
        writes.push({ key: utf8.encode(key), value: v === null ? null : new Uint8Array([v]) });
      }
      versions.push(next);
      if (s.kind === 'commit') cache.advance(latest(), writes);
    } else if (s.kind === 'get') {
      const v = Math.max(0, latest() - s.back);
      const key = KEYS[s.key]!;
      const got = cache.get(v, latest(), key, () => versions[v]!.get(key));
      assert.deepEqual(got, versions[v]!.get(key), `get ${key} at ${v} of ${latest()}`);
    } else if (s.kind === 'keys') {
      const v = Math.max(0, latest() - s.back);
      const prefix = PREFIXES[s.prefix]!;
      const truth = [...versions[v]!.keys()]
        .filter((k) => k.startsWith(prefix))
        .sort(byBytes)
        .slice(0, s.limit);
      const got = cache.keys(v, latest(), prefix, s.limit, () => [...truth]);
      assert.deepEqual(got, truth, `keys ${prefix}/${s.limit} at ${v} of ${latest()}`);
      // The caller may change what it got without changing the cache.
      got.push('junk');
    } else {
      cache.clear();
    }
  }
}

const steps = fc.array(step, { minLength: 20, maxLength: 80, size: 'max' });

test('the latest cache answers as the store does, over random commits, reads and listings', () => {
  fc.assert(
    fc.property(steps, (s) => runModel(s, new Map([['a/1', new Uint8Array([9])]]))),
    { numRuns: 1000, seed: 2026_12_04 },
  );
});

test('the same from a state holding every key: listings cut at their limit, then deletions inside them', () => {
  const full = new Map(KEYS.map((k) => [k, new Uint8Array([9])] as const));
  fc.assert(
    fc.property(steps, (s) => runModel(s, full)),
    { numRuns: 1000, seed: 2026_12_05 },
  );
});

/** A loader factory that counts how often the cache called a loader (a read of the store). */
function counted() {
  const c = {
    loads: 0,
    load:
      <T>(v: T) =>
      () => {
        c.loads++;
        return v;
      },
  };
  return c;
}

test('hand-made: what a version writes is read again, what it leaves alone stays cached', () => {
  const cache = new LatestStateCache();
  const store = counted();
  const load = store.load;
  assert.deepEqual(cache.keys(1, 1, 'm/', 10, load(['m/a', 'm/b'])), ['m/a', 'm/b']);
  assert.deepEqual(cache.get(1, 1, 'm/a', load(new Uint8Array([1]))), new Uint8Array([1]));
  assert.equal(store.loads, 2);
  // Version 2 changes the value of m/a (a listed key) and writes elsewhere.
  cache.advance(2, [
    { key: utf8.encode('m/a'), value: new Uint8Array([2]) },
    { key: utf8.encode('n/x'), value: new Uint8Array([3]) },
  ]);
  assert.deepEqual(cache.get(2, 2, 'm/a', load(undefined)), new Uint8Array([2]));
  assert.deepEqual(cache.keys(2, 2, 'm/', 10, load([])), ['m/a', 'm/b']);
  assert.equal(store.loads, 2, 'both answered from the cache');
  // Version 3 adds m/c: the listing is brought up to date in place, not read again; the old
  // version is never answered from it.
  cache.advance(3, [{ key: utf8.encode('m/c'), value: new Uint8Array([4]) }]);
  assert.deepEqual(cache.keys(3, 3, 'm/', 10, load(['wrong'])), ['m/a', 'm/b', 'm/c']);
  assert.equal(store.loads, 2);
  assert.deepEqual(cache.keys(2, 3, 'm/', 10, load(['m/a', 'm/b'])), ['m/a', 'm/b']);
  assert.equal(store.loads, 3);
  // Version 4 deletes a listed key: removed in place.
  cache.advance(4, [{ key: utf8.encode('m/b'), value: null }]);
  assert.deepEqual(cache.keys(4, 4, 'm/', 10, load(['wrong'])), ['m/a', 'm/c']);
  assert.equal(store.loads, 3);
  // A version the cache was not told about (4 → 6): it starts empty.
  assert.deepEqual(cache.get(6, 6, 'm/a', load(undefined)), undefined);
  assert.equal(store.loads, 4);
});

test('hand-made: a listing cut at its limit keeps its window exact, or is read again', () => {
  const cache = new LatestStateCache();
  const store = counted();
  const load = store.load;
  const put = (version: number, key: string, value: Uint8Array | null = new Uint8Array([1])) =>
    cache.advance(version, [{ key: utf8.encode(key), value }]);
  // The first two keys of p/ (p/a, p/c, p/e exist).
  assert.deepEqual(cache.keys(1, 1, 'p/', 2, load(['p/a', 'p/c'])), ['p/a', 'p/c']);
  // A key before the cut enters and the last falls out; one after the cut changes nothing.
  put(2, 'p/b');
  assert.deepEqual(cache.keys(2, 2, 'p/', 2, load(['wrong'])), ['p/a', 'p/b']);
  put(3, 'p/z');
  assert.deepEqual(cache.keys(3, 3, 'p/', 2, load(['wrong'])), ['p/a', 'p/b']);
  // An astral key sorts after every BMP key (UTF-8 byte order), so past the cut too.
  put(4, 'p/\u{1F600}');
  assert.deepEqual(cache.keys(4, 4, 'p/', 2, load(['wrong'])), ['p/a', 'p/b']);
  assert.equal(store.loads, 1);
  // A deletion inside a cut listing: the key after the cut is not known, so it is read again.
  put(5, 'p/a', null);
  assert.deepEqual(cache.keys(5, 5, 'p/', 2, load(['p/b', 'p/c'])), ['p/b', 'p/c']);
  assert.equal(store.loads, 2);
  // A written key that was not valid UTF-8 (decoded with U+FFFD) drops the listing.
  cache.advance(6, [{ key: new Uint8Array([0x70, 0x2f, 0xff]), value: new Uint8Array([1]) }]);
  assert.deepEqual(cache.keys(6, 6, 'p/', 2, load(['p/b', 'p/c'])), ['p/b', 'p/c']);
  assert.equal(store.loads, 3);
});

test('hand-made: a listing dropped leaves the other listings of the same prefix length up to date', () => {
  const cache = new LatestStateCache();
  const store = counted();
  const load = store.load;
  // Two prefixes of two characters: p/ cut at its limit, q/ whole.
  assert.deepEqual(cache.keys(1, 1, 'p/', 1, load(['p/a'])), ['p/a']);
  assert.deepEqual(cache.keys(1, 1, 'q/', 10, load(['q/a'])), ['q/a']);
  // A deletion inside the cut p/ drops it (read again next time); q/ stays.
  cache.advance(2, [{ key: utf8.encode('p/a'), value: null }]);
  // A key added under q/ afterwards is placed in q/'s listing.
  cache.advance(3, [{ key: utf8.encode('q/b'), value: new Uint8Array([1]) }]);
  assert.deepEqual(cache.keys(3, 3, 'q/', 10, load(['wrong'])), ['q/a', 'q/b']);
  assert.equal(store.loads, 2);
  // A written key equal to a remembered prefix is under it.
  assert.deepEqual(cache.keys(3, 3, 'r', 10, load([])), []);
  cache.advance(4, [{ key: utf8.encode('r'), value: new Uint8Array([1]) }]);
  assert.deepEqual(cache.keys(4, 4, 'r', 10, load(['wrong'])), ['r']);
  assert.equal(store.loads, 3);
});

test('a written key starting with U+FEFF is that key, not the key without it', () => {
  const cache = new LatestStateCache();
  const store = counted();
  assert.deepEqual(cache.keys(1, 1, '', 10, store.load(['a'])), ['a']);
  cache.advance(2, [{ key: utf8.encode('\uFEFFx'), value: new Uint8Array([1]) }]);
  assert.deepEqual(cache.keys(2, 2, '', 10, store.load(['wrong'])), ['a', '\uFEFFx']);
  assert.equal(store.loads, 1);
});

test('a block adding many keys under one listing: kept in place up to the edit bound, read again past it', () => {
  const cache = new LatestStateCache();
  const store = counted();
  const load = store.load;
  const added = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => `q/${String(from + i).padStart(5, '0')}`);
  const write = (keys: string[]) => keys.map((k) => ({ key: utf8.encode(k), value: new Uint8Array([1]) }));
  assert.deepEqual(cache.keys(1, 1, 'q/', 1000, load([])), []);
  // Exactly the bound: every key placed in order, no read.
  const first = added(0, MAX_LISTING_EDITS_PER_VERSION).reverse();
  cache.advance(2, write(first));
  assert.deepEqual(cache.keys(2, 2, 'q/', 1000, load(['wrong'])), [...first].sort());
  assert.equal(store.loads, 1);
  // One more than the bound in one version: the listing is dropped and read again.
  const second = added(1000, MAX_LISTING_EDITS_PER_VERSION + 1);
  cache.advance(3, write(second));
  const truth = [...first, ...second].sort();
  assert.deepEqual(cache.keys(3, 3, 'q/', 1000, load(truth)), truth);
  assert.equal(store.loads, 2);
});

test('a value above 16 KiB is not kept: read again each time, and a write of one drops the small one kept', () => {
  const cache = new LatestStateCache();
  const store = counted();
  const load = store.load;
  const big = new Uint8Array(16 * 1024 + 1).fill(7);
  assert.deepEqual(cache.get(1, 1, 'b/big', load(big)), big);
  assert.deepEqual(cache.get(1, 1, 'b/big', load(big)), big);
  assert.equal(store.loads, 2);
  assert.deepEqual(cache.get(1, 1, 'b/small', load(new Uint8Array([1]))), new Uint8Array([1]));
  cache.advance(2, [{ key: utf8.encode('b/small'), value: big }]);
  assert.deepEqual(cache.get(2, 2, 'b/small', load(big)), big);
  assert.equal(store.loads, 4, 'the replaced value is read from the store');
});

test('the node store: a version the cache is told about, and one written past it (a snapshot base)', () => {
  const store = new ChainStore({ file: ':memory:', suite: getSuite('intl') });
  try {
    const genesis = store.tree.applyBatch(0, [
      [keyBytes('acct/a'), new Uint8Array([1])],
      [keyBytes('acct/b'), new Uint8Array([2])],
    ]);
    store.commitGenesis(genesis.nodeBatch, {});
    assert.deepEqual(store.view(0).keys('acct/', 10), ['acct/a', 'acct/b']);
    assert.deepEqual(store.view(0).get('acct/a'), new Uint8Array([1]));
    // Version 1 written and the cache told, as commitBlock does.
    const v1 = store.tree.applyBatch(1, [
      [keyBytes('acct/a'), null],
      [keyBytes('acct/c'), new Uint8Array([3])],
    ]);
    store.tree.commit(v1.nodeBatch);
    store.latest.advance(1, v1.nodeBatch.values);
    assert.deepEqual(store.view(1).keys('acct/', 10), ['acct/b', 'acct/c']);
    assert.equal(store.view(1).get('acct/a'), undefined);
    assert.deepEqual(store.view(1).get('acct/c'), new Uint8Array([3]));
    // Version 2 written without telling the cache (as a snapshot base is written).
    const v2 = store.tree.applyBatch(2, [[keyBytes('acct/b'), null]]);
    store.tree.commit(v2.nodeBatch);
    assert.deepEqual(store.view(2).keys('acct/', 10), ['acct/c']);
    assert.equal(store.view(2).get('acct/b'), undefined);
    // Older versions are read from the database, as they were.
    assert.deepEqual(store.view(0).keys('acct/', 10), ['acct/a', 'acct/b']);
    assert.deepEqual(store.view(1).get('acct/b'), new Uint8Array([2]));
  } finally {
    store.close();
  }
});
