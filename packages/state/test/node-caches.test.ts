import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { verifyProof } from '../src/proof.ts';
import { SqliteNodeStore } from '../src/sqlite-store.ts';
import { StateTree, type Write } from '../src/tree.ts';
import { sha256 } from './helpers.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Version v: 10 hot keys rewritten every version, 40 new keys, every 4th version deletes some. */
function writesAt(v: number): Write[] {
  const out: Write[] = [];
  for (let i = 0; i < 10; i++)
    out.push([utf8(`hot/${i}`), v % 4 === 3 && i % 3 === 0 ? null : utf8(`h${v}.${i}`)]);
  for (let i = 0; i < 40; i++) out.push([utf8(`new/${v}/${i}`), utf8(`n${v}.${i}`)]);
  return out;
}

function tree(cache: number) {
  const db = new DatabaseSync(':memory:');
  const t = new StateTree({ hasher: sha256, cacheNodes: cache }, { store: new SqliteNodeStore({ db }) });
  return { db, t };
}

describe('node caches', () => {
  it('the internal-node cache (none, small, large) give the roots and proofs of a tree without them', () => {
    const none = tree(0);
    const small = tree(6);
    const large = tree(100_000);
    for (let v = 0; v < 12; v++) {
      const r = none.t.update(v, writesAt(v));
      assert.deepEqual(small.t.update(v, writesAt(v)), r);
      assert.deepEqual(large.t.update(v, writesAt(v)), r);
      if (v === 8) for (const x of [none, small, large]) x.t.prune(5);
    }
    for (let i = 0; i < 10; i++) {
      const k = utf8(`hot/${i}`);
      for (const v of [5, 9, 11]) {
        const p = large.t.prove(k, v);
        assert.deepEqual(p, none.t.prove(k, v));
        assert.ok(verifyProof(sha256, large.t.root(v), k, large.t.get(k, v), p));
      }
    }
  });
});
