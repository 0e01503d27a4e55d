import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GenerationalCache } from '../src/cache.ts';
import { isStateError } from '../src/errors.ts';
import { emptyInternal, setChild } from '../src/internal-node.ts';
import { decodeNode, encodeNode } from '../src/node-codec.ts';
import type { InternalNode } from '../src/types.ts';

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const child = fc.record({
  version: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  hash: hash32,
  leaf: fc.boolean(),
});

describe('node codec', () => {
  it('round-trips leaves and internal nodes', () => {
    fc.assert(
      fc.property(hash32, hash32, (keyHash, valueHash) => {
        assert.deepEqual(decodeNode(encodeNode({ kind: 'leaf', keyHash, valueHash })), {
          kind: 'leaf',
          keyHash,
          valueHash,
        });
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.option(child), { minLength: 16, maxLength: 16 }), (children) => {
        const node = emptyInternal();
        children.forEach((c, i) => {
          setChild(node, i, c ?? undefined);
        });
        const back = decodeNode(encodeNode(node)) as InternalNode;
        assert.deepEqual({ ...back, heap: back.heap.slice(512) }, { ...node, heap: node.heap.slice(512) });
      }),
    );
  });

  it('rejects bytes that are not a node with STATE_STORE_CORRUPT', () => {
    for (const b of [new Uint8Array(0), new Uint8Array(64), Uint8Array.of(1, 0, 1, 0, 0), Uint8Array.of(2)]) {
      assert.throws(
        () => decodeNode(b),
        (e) => isStateError(e, 'STATE_STORE_CORRUPT'),
      );
    }
  });
});

describe('generational cache', () => {
  it('stays bounded and keeps what was used recently', () => {
    const c = new GenerationalCache<number, number>(10);
    for (let i = 0; i < 100; i++) {
      c.set(i, i);
      assert.equal(c.get(0) ?? (i >= 1 ? 'evicted' : 0), 0, 'a key read every step stays');
      assert.ok(c.size <= 11);
    }
    assert.equal(c.get(50), undefined);
    assert.equal(c.get(99), 99);
  });
});
