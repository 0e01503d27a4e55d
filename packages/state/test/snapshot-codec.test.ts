/** Snapshot encodings: round trips, strict decoding, and no byte of a chunk unprotected. */
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { encode } from '@djchain/crypto';
import fc from 'fast-check';
import {
  decodeSnapshotChunk,
  decodeSnapshotManifest,
  encodeSnapshotChunk,
  encodeSnapshotManifest,
} from '../src/snapshot-codec.ts';
import { isSnapshotError } from '../src/snapshot-errors.ts';
import { exportSnapshotChunks, SnapshotExport } from '../src/snapshot-export.ts';
import { importSnapshot } from '../src/snapshot-import.ts';
import { verifySnapshotChunk } from '../src/snapshot-verify.ts';
import { SqliteNodeStore } from '../src/sqlite-store.ts';
import { StateTree } from '../src/tree.ts';
import { suites, utf8 } from './helpers.ts';
import { hasher, prefixArb, twoVersionTreeArb } from './snapshot-fixtures.ts';

describe('snapshot codec', () => {
  it('chunks and manifests round-trip', () => {
    fc.assert(
      fc.property(
        twoVersionTreeArb,
        fc.option(prefixArb, { nil: undefined }),
        ({ store, maxChunkLeaves }, p) => {
          const exp = new SnapshotExport({ hasher, store }, 2, { maxChunkLeaves });
          const chunk = exp.chunk(p ?? exp.prefixes()[0]!);
          assert.deepEqual(decodeSnapshotChunk(encodeSnapshotChunk(chunk)), chunk);
          const manifest = exp.manifest();
          assert.deepEqual(decodeSnapshotManifest(encodeSnapshotManifest(manifest)), manifest);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('changing any byte of an encoded chunk is refused by decoding, verification or version, unless it is the true chunk of another prefix', () => {
    fc.assert(
      fc.property(twoVersionTreeArb, prefixArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (t, p, at, x) => {
        const exp = new SnapshotExport({ hasher, store: t.store }, 2, { maxChunkLeaves: t.maxChunkLeaves });
        const bytes = encodeSnapshotChunk(exp.chunk(p));
        const bad = bytes.slice();
        bad[at % bad.length]! ^= x;
        let decoded: ReturnType<typeof decodeSnapshotChunk>;
        try {
          decoded = decodeSnapshotChunk(bad);
        } catch (e) {
          assert.ok(isSnapshotError(e, 'STATE_SNAPSHOT_MALFORMED'));
          return;
        }
        if (decoded.version === 2 && verifySnapshotChunk(hasher, t.tree.root(2), decoded)) {
          // Only a change of prefix can pass, and then only as the true chunk of that prefix
          // (an empty prefix below an empty subtree has the same path as its empty neighbours).
          assert.notDeepEqual(decoded.prefix, exp.chunk(p).prefix);
          assert.deepEqual(decoded.entries, exp.chunk(decoded.prefix).entries);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses other shapes with STATE_SNAPSHOT_MALFORMED', () => {
    const malformed = (e: unknown) => isSnapshotError(e, 'STATE_SNAPSHOT_MALFORMED');
    const ok = {
      v: 1,
      root: new Uint8Array(32),
      bits: 0,
      prefix: new Uint8Array(0),
      entries: [],
      siblings: [],
      boundary: null,
    };
    assert.deepEqual(decodeSnapshotChunk(encode(ok)).entries, []);
    const cases = [
      { ...ok, extra: 1 },
      { ...ok, bits: 3, prefix: Uint8Array.of(0xff) },
      { ...ok, bits: 257, prefix: new Uint8Array(33) },
      { ...ok, root: new Uint8Array(31) },
      { ...ok, entries: [[utf8('k')]] },
      { ...ok, siblings: [new Uint8Array(32)] },
      { ...ok, boundary: [new Uint8Array(32)] },
      { ...ok, v: -1 },
    ];
    for (const c of cases) assert.throws(() => decodeSnapshotChunk(encode(c)), malformed);
    assert.throws(() => decodeSnapshotChunk(Uint8Array.of(0xff)), malformed);
    assert.throws(
      () => decodeSnapshotManifest(encode({ v: 1, root: new Uint8Array(32), chunks: [[1]] })),
      malformed,
    );
  });
});

describe('snapshot over sqlite stores', () => {
  for (const [name, suiteHasher] of suites) {
    it(`${name}: 2,500 keys export from one sqlite store and import into another with the same root`, () => {
      const source = new SqliteNodeStore({ db: new DatabaseSync(':memory:') });
      const tree = new StateTree({ hasher: suiteHasher }, { store: source });
      tree.update(0, [[utf8('genesis'), utf8('x')]]);
      const writes = Array.from(
        { length: 2500 },
        (_, i) => [utf8(`member/${i}`), utf8(`{"n":${i}}`)] as const,
      );
      tree.update(1, writes);
      const { manifest, chunks } = exportSnapshotChunks({ hasher: suiteHasher, store: source }, 1, {
        maxChunkLeaves: 256,
      });
      assert.ok(manifest.chunks.length >= 10);
      const wire = chunks.map((c) => decodeSnapshotChunk(encodeSnapshotChunk(c)));
      const target = new SqliteNodeStore({ db: new DatabaseSync(':memory:') });
      const copy = new StateTree({ hasher: suiteHasher }, { store: target });
      assert.deepEqual(importSnapshot(suiteHasher, copy, 1, tree.root(1), wire), tree.root(1));
      assert.equal(target.keysWithPrefix(utf8('member/'), 1, 10_000).length, 2500);
      assert.deepEqual(copy.get(utf8('member/77'), 1), utf8('{"n":77}'));
      assert.deepEqual(
        copy.update(2, [[utf8('member/1'), null]]),
        tree.update(2, [[utf8('member/1'), null]]),
      );
    });
  }
});
