/** Snapshot chunks: every chunk verifies, any tamper fails, importing all chunks reproduces the tree. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toHex } from '../src/hash.ts';
import { MemoryNodeStore } from '../src/memory-store.ts';
import { verifyProof } from '../src/proof.ts';
import { isSnapshotError } from '../src/snapshot-errors.ts';
import { exportSnapshotChunks, SnapshotExport } from '../src/snapshot-export.ts';
import { importSnapshot, prepareSnapshotImport } from '../src/snapshot-import.ts';
import { childPrefix, coversSpaceOnce, hasPrefix, ROOT_PREFIX } from '../src/snapshot-prefix.ts';
import type { SnapshotChunk } from '../src/snapshot-types.ts';
import { checkSnapshotChunk, verifySnapshotChunk } from '../src/snapshot-verify.ts';
import { StateTree } from '../src/tree.ts';
import { chosenKey } from './helpers.ts';
import { flip, hasher, prefixArb, TAMPERS, tamper, twoVersionTreeArb } from './snapshot-fixtures.ts';

const fresh = () => {
  const store = new MemoryNodeStore();
  return { store, tree: new StateTree({ hasher }, { store }) };
};

describe('snapshot chunks of random trees', () => {
  it('every chunk verifies, the prefixes cover the space once, and respect the leaf limit', () => {
    fc.assert(
      fc.property(twoVersionTreeArb, ({ store, tree, maxChunkLeaves }) => {
        for (const v of [1, 2]) {
          const { manifest, chunks } = exportSnapshotChunks({ hasher, store }, v, { maxChunkLeaves });
          assert.deepEqual(manifest.root, tree.root(v));
          assert.ok(coversSpaceOnce(chunks.map((c) => c.prefix)));
          let leaves = 0;
          chunks.forEach((c, i) => {
            assert.deepEqual(checkSnapshotChunk(hasher, tree.root(v), c), { ok: true });
            assert.equal(manifest.chunks[i]!.leaves, c.entries.length);
            assert.ok(c.entries.length <= maxChunkLeaves);
            leaves += c.entries.length;
          });
          assert.equal(leaves, store.keysWithPrefix(new Uint8Array(0), v, 1e6).length);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('any tamper with a chunk makes it fail (planned prefixes and arbitrary ones)', () => {
    fc.assert(
      fc.property(
        twoVersionTreeArb,
        fc.option(prefixArb, { nil: undefined }),
        fc.nat(),
        fc.constantFrom(...TAMPERS),
        fc.nat(),
        ({ store, tree, maxChunkLeaves }, anyPrefix, pick, how, seed) => {
          const exp = new SnapshotExport({ hasher, store }, 2, { maxChunkLeaves });
          const chunk = exp.chunk(anyPrefix ?? exp.prefixes()[pick % exp.prefixes().length]!);
          assert.ok(verifySnapshotChunk(hasher, tree.root(2), chunk));
          const bad = tamper(chunk, how, seed);
          fc.pre(bad !== undefined);
          assert.equal(verifySnapshotChunk(hasher, tree.root(2), bad!), false, how);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a chunk of another version fails, even with its root field rewritten', () => {
    fc.assert(
      fc.property(twoVersionTreeArb, fc.nat(), ({ store, tree, maxChunkLeaves }, pick) => {
        fc.pre(toHex(tree.root(1)) !== toHex(tree.root(2)));
        const { chunks } = exportSnapshotChunks({ hasher, store }, 1, { maxChunkLeaves });
        const old = chunks[pick % chunks.length]!;
        assert.equal(verifySnapshotChunk(hasher, tree.root(2), old), false);
        assert.equal(verifySnapshotChunk(hasher, tree.root(2), { ...old, root: tree.root(2) }), false);
        // And the import refuses a version-1 chunk set for version 2.
        assert.throws(() => prepareSnapshotImport(hasher, 2, tree.root(2), chunks), isSnapshotError);
      }),
      { numRuns: 60 },
    );
  });

  it('a chunk moved to another prefix verifies only when it is the true chunk there', () => {
    fc.assert(
      fc.property(
        twoVersionTreeArb,
        fc.nat(),
        fc.nat({ max: 2 }),
        ({ store, tree, maxChunkLeaves }, pick, move) => {
          const exp = new SnapshotExport({ hasher, store }, 2, { maxChunkLeaves });
          const chunk = exp.chunk(exp.prefixes()[pick % exp.prefixes().length]!);
          const p = chunk.prefix;
          const to =
            move === 0
              ? childPrefix(p, 0)
              : move === 1 && p.bits > 0
                ? { bits: p.bits, bytes: flip(pad(p.bytes), p.bits - 1).subarray(0, p.bytes.length) }
                : childPrefix(p, 1);
          const moved: SnapshotChunk = { ...chunk, prefix: to };
          if (verifySnapshotChunk(hasher, tree.root(2), moved)) {
            assert.deepEqual(moved.entries, exp.chunk(to).entries);
          }
          assert.ok(verifySnapshotChunk(hasher, tree.root(2), exp.chunk(to)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('importing all chunks (in any order) reproduces the root, values and proofs, and the tree continues', () => {
    fc.assert(
      fc.property(twoVersionTreeArb, fc.nat(), ({ store, tree, keys, maxChunkLeaves }, rot) => {
        const { chunks } = exportSnapshotChunks({ hasher, store }, 2, { maxChunkLeaves });
        const shuffled = [...chunks.slice(rot % chunks.length), ...chunks.slice(0, rot % chunks.length)];
        const copy = fresh();
        const root = importSnapshot(hasher, copy.tree, 2, tree.root(2), shuffled);
        assert.deepEqual(root, tree.root(2));
        assert.deepEqual(copy.tree.versions(), { oldest: 2, latest: 2 });
        for (const k of keys) {
          const value = tree.get(k, 2);
          assert.deepEqual(copy.tree.get(k, 2), value);
          assert.ok(verifyProof(hasher, root, k, value, copy.tree.prove(k, 2)));
        }
        const next = keys.slice(0, 3).map((k, i) => [k, Uint8Array.of(9, i)] as const);
        assert.deepEqual(copy.tree.update(3, next), tree.update(3, next));
      }),
      { numRuns: 60 },
    );
  });
});

function pad(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(bytes);
  return out;
}

describe('snapshot edge cases', () => {
  it('an empty tree is one empty chunk that imports to the empty root', () => {
    const { tree, store } = fresh();
    tree.update(0, []);
    const { manifest, chunks } = exportSnapshotChunks({ hasher, store }, 0);
    assert.equal(chunks.length, 1);
    assert.deepEqual(chunks[0]!.prefix, ROOT_PREFIX);
    assert.deepEqual(manifest.root, new Uint8Array(32));
    assert.ok(verifySnapshotChunk(hasher, tree.root(0), chunks[0]!));
    const copy = fresh();
    assert.deepEqual(importSnapshot(hasher, copy.tree, 0, tree.root(0), chunks), new Uint8Array(32));
  });

  it('a one-key tree verifies as one chunk, and as split chunks whose paths end above the prefix', () => {
    const { tree, store } = fresh();
    const key = chosenKey(new Uint8Array(32).fill(0xa5));
    tree.update(4, [[key, Uint8Array.of(1)]]);
    const root = tree.root(4);
    const exp = new SnapshotExport({ hasher, store }, 4);
    assert.equal(exp.prefixes().length, 1);
    assert.ok(verifySnapshotChunk(hasher, root, exp.chunk(ROOT_PREFIX)));
    // Prefix 1 holds the leaf (path ends at the root); prefix 0 is empty with the leaf as boundary.
    const one = exp.chunk(childPrefix(ROOT_PREFIX, 1));
    const zero = exp.chunk(childPrefix(ROOT_PREFIX, 0));
    assert.equal(one.entries.length, 1);
    assert.equal(one.siblings.length, 0);
    assert.equal(zero.entries.length, 0);
    assert.notEqual(zero.boundary, null);
    assert.ok(verifySnapshotChunk(hasher, root, one));
    assert.ok(verifySnapshotChunk(hasher, root, zero));
    // The leaf claimed by the wrong half, or dropped from its own, fails.
    assert.equal(verifySnapshotChunk(hasher, root, { ...zero, entries: one.entries, boundary: null }), false);
    assert.equal(verifySnapshotChunk(hasher, root, { ...one, entries: [] }), false);
    const copy = fresh();
    assert.deepEqual(importSnapshot(hasher, copy.tree, 4, root, [zero, one]), root);
  });

  it('keys sharing 255 bits split into 256-bit prefixes that verify and import', () => {
    const base = new Uint8Array(32).fill(0x3c);
    const { tree, store } = fresh();
    const entries = [base, flip(base, 255), flip(base, 200)].map(
      (h, i) => [chosenKey(h), Uint8Array.of(i)] as const,
    );
    tree.update(1, entries);
    const { chunks } = exportSnapshotChunks({ hasher, store }, 1, { maxChunkLeaves: 1 });
    assert.ok(chunks.some((c) => c.prefix.bits === 256));
    for (const c of chunks) assert.ok(verifySnapshotChunk(hasher, tree.root(1), c));
    assert.deepEqual(importSnapshot(hasher, fresh().tree, 1, tree.root(1), chunks), tree.root(1));
  });

  it('splits by bytes as well as by leaves', () => {
    const { tree, store } = fresh();
    const writes = Array.from(
      { length: 40 },
      (_, i) => [Uint8Array.of(i), new Uint8Array(100).fill(i)] as const,
    );
    tree.update(1, writes);
    const exp = new SnapshotExport({ hasher, store }, 1, { maxChunkBytes: 1000 });
    for (const p of exp.prefixes()) assert.ok(exp.sizeOf(p).bytes <= 1000 || exp.sizeOf(p).leaves === 1);
    assert.ok(exp.prefixes().length >= 5);
  });
});

describe('snapshot import refusals', () => {
  const { tree, store } = fresh();
  const keys = Array.from({ length: 50 }, (_, i) => chosenKey(new Uint8Array(32).fill(i * 5)));
  tree.update(
    7,
    keys.map((k, i) => [k, Uint8Array.of(i)] as const),
  );
  const root = tree.root(7);
  const { chunks } = exportSnapshotChunks({ hasher, store }, 7, { maxChunkLeaves: 4 });
  const code = (c: string) => (e: unknown) => isSnapshotError(e, c as never);

  it('a missing or duplicated chunk is incomplete', () => {
    assert.throws(
      () => prepareSnapshotImport(hasher, 7, root, chunks.slice(1)),
      code('STATE_SNAPSHOT_INCOMPLETE'),
    );
    assert.throws(
      () => prepareSnapshotImport(hasher, 7, root, [...chunks, chunks[0]!]),
      code('STATE_SNAPSHOT_INCOMPLETE'),
    );
  });

  it('a tampered chunk is refused naming it, and nothing is written', () => {
    const bad = chunks.map((c, i) => (i === 2 ? { ...c, entries: c.entries.slice(1) } : c));
    const target = fresh();
    assert.throws(
      () => importSnapshot(hasher, target.tree, 7, root, bad),
      (e: unknown) => {
        return isSnapshotError(e, 'STATE_SNAPSHOT_CHUNK_INVALID') && e.details.index === 2;
      },
    );
    assert.equal(target.tree.versions(), undefined);
  });

  it('a store that holds versions is not a target', () => {
    const target = fresh();
    target.tree.update(0, []);
    assert.throws(
      () => importSnapshot(hasher, target.tree, 7, root, chunks),
      code('STATE_SNAPSHOT_TARGET_NOT_EMPTY'),
    );
  });

  it('chunks of one prefix hold exactly the keys hashing under it', () => {
    for (const c of chunks) for (const e of c.entries) assert.ok(hasPrefix(hasher(e.key), c.prefix));
  });
});
