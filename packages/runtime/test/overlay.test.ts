/** Overlays and MemoryState agree with a plain sorted map, including prefix listings with limits. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareKeys } from '@djchain/ledger';
import fc from 'fast-check';
import { MemoryState, Overlay } from '../src/index.ts';

const keyArb = fc.constantFrom(
  'a',
  'a/1',
  'a/2',
  'a/10',
  'ab',
  'b',
  'b/x',
  'é',
  '😀',
  '\uffff',
  'a/😀',
  'a/\uffff',
);
const opArb = fc.tuple(keyArb, fc.option(fc.nat(9), { nil: null }));
const prefixArb = fc.constantFrom('', 'a', 'a/', 'b', 'x', '\uffff', '😀');

/** Reference: the merged map's keys with the prefix, sorted by UTF-8 bytes. */
function expected(map: Map<string, number>, prefix: string, limit: number): string[] {
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  return [...map.keys()]
    .filter((k) => k.startsWith(prefix))
    .sort((x, y) => Buffer.compare(utf8(x), utf8(y)))
    .slice(0, limit);
}

describe('Overlay over MemoryState', () => {
  it('get and keys(prefix, limit) match the reference through two layers', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 12 }),
        fc.array(opArb, { maxLength: 8 }),
        fc.array(opArb, { maxLength: 8 }),
        prefixArb,
        fc.integer({ min: 0, max: 6 }),
        (base, mid, top, prefix, limit) => {
          const ref = new Map<string, number>();
          const state = new MemoryState();
          state.apply(base.map(([k, v]) => [k, v === null ? null : new Uint8Array([v])]));
          for (const [k, v] of base) v === null ? ref.delete(k) : ref.set(k, v);
          const o1 = new Overlay(state);
          const o2 = new Overlay(o1);
          for (const [layer, ops] of [
            [o1, mid],
            [o2, top],
          ] as const) {
            for (const [k, v] of ops) {
              if (v === null) {
                layer.delete(k);
                ref.delete(k);
              } else {
                layer.set(k, new Uint8Array([v]));
                ref.set(k, v);
              }
            }
          }
          assert.deepEqual(o2.keys(prefix, limit), expected(ref, prefix, limit));
          for (const [k] of [...base, ...mid, ...top]) assert.equal(o2.get(k)?.[0], ref.get(k));
          // Merging the top layer down and then the middle into a fresh base reproduces the map.
          o2.mergeInto(o1);
          const fresh = new MemoryState();
          fresh.apply(state.entries());
          fresh.apply(o1.netWrites());
          assert.deepEqual(
            fresh.entries().map(([k, v]) => [k, v[0]]),
            expected(ref, '', 100).map((k) => [k, ref.get(k)]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with cacheReads, listings taken between writes still show every write (only the parent is remembered)', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 12 }),
        fc.array(opArb, { maxLength: 10 }),
        prefixArb,
        fc.integer({ min: 0, max: 6 }),
        (base, ops, prefix, limit) => {
          const ref = new Map<string, number>();
          const state = new MemoryState();
          state.apply(base.map(([k, v]) => [k, v === null ? null : new Uint8Array([v])]));
          for (const [k, v] of base) v === null ? ref.delete(k) : ref.set(k, v);
          const o = new Overlay(state, { cacheReads: true });
          assert.deepEqual(o.keys(prefix, limit), expected(ref, prefix, limit));
          for (const [k, v] of ops) {
            if (v === null) {
              o.delete(k);
              ref.delete(k);
            } else {
              o.set(k, new Uint8Array([v]));
              ref.set(k, v);
            }
            assert.deepEqual(o.keys(prefix, limit), expected(ref, prefix, limit));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compareKeys is UTF-8 byte order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        assert.equal(Math.sign(compareKeys(a, b)), bytes);
      }),
    );
  });
});
