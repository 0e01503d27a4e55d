/**
 * Scenario vectors (vectors/*.json): each sets up the test community, optionally runs a canned path
 * (vectors/paths.json), then signed steps by named actors at given China dates, each with the expected
 * result — ok, or an error code with the cited article — and optional checks of derived state.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { Chain, type Step } from './harness.ts';
import { runPath } from './paths.ts';

type Expect = 'ok' | { readonly error: string; readonly cite: string | null; readonly details?: Value };

interface VectorStep extends Partial<Step> {
  /** A block without transactions at this date (block-start hooks run). */
  readonly tick?: string;
  readonly expect?: Expect;
  /** Event types the step (or tick) must emit, in order among its events; [] = none at all. */
  readonly events?: readonly string[];
  /** Partial match of event data of the first event of each listed type. */
  readonly eventData?: { readonly [type: string]: Value };
  /** Each entry partially matches SOME event of its type (for several events of one type). */
  readonly eventsMatch?: readonly { readonly type: string; readonly data: Value }[];
  /** Event types the step must NOT emit. */
  readonly noEvents?: readonly string[];
  /** After the step: partial matches of members' derived views. */
  readonly members?: { readonly [id: string]: Value };
  /** After the step: partial match of a query result. */
  readonly query?: {
    readonly module: string;
    readonly name: string;
    readonly params: Value;
    readonly match: Value;
  };
}

interface Vector {
  readonly name: string;
  readonly setup?: {
    readonly path?: string;
    readonly through?: string;
    readonly version?: string;
    /** Local rules the community 党委 sets (2024-02-20) before the path: they bind processes begun after. */
    readonly localRules?: { readonly [param: string]: number | null };
  };
  readonly steps: readonly VectorStep[];
}

const dir = new URL('./vectors/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'paths.json')
  .sort();

/** `actual` contains every field of `expected` (recursively for maps; lists and scalars compared whole). */
function assertSubset(actual: Value | undefined, expected: Value, where: string): void {
  if (
    expected !== null &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    !(expected instanceof Uint8Array)
  ) {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${where}: not a map`);
    for (const [k, v] of Object.entries(expected)) {
      assertSubset((actual as { [k: string]: Value })[k], v as Value, `${where}.${k}`);
    }
  } else assert.deepEqual(actual, expected, where);
}

function runVector(v: Vector): void {
  const chain = new Chain();
  if (v.setup?.version) {
    const r = chain.step({
      at: '2024-02-01',
      by: 'c.sec',
      do: 'recruitment.adoptVersion',
      params: { org: 'c1', version: v.setup.version, resolution: 'res-version' },
    });
    assert.equal(r.receipt.status, 'ok', 'adoptVersion');
  }
  if (v.setup?.localRules) {
    const r = chain.step({
      at: '2024-02-20',
      by: 'c.sec',
      do: 'recruitment.setLocalRules',
      params: { org: 'c1', rules: v.setup.localRules, resolution: 'res-local' },
    });
    assert.equal(r.receipt.status, 'ok', `setLocalRules: ${JSON.stringify(r.receipt.error)}`);
  }
  if (v.setup?.path) runPath(chain, v.setup.path, v.setup.through);
  v.steps.forEach((s, i) => {
    const where = `${v.name} #${i + 1}${s.do ? ` ${s.do}` : ''}`;
    let events: readonly { type: string; data: Value }[];
    if (s.tick !== undefined) events = chain.tick(s.tick, s.hour ?? 10);
    else {
      const r = chain.step(s as Step);
      events = r.events;
      const expect = s.expect ?? 'ok';
      if (expect === 'ok')
        assert.equal(r.receipt.status, 'ok', `${where}: ${JSON.stringify(r.receipt.error)}`);
      else {
        assert.equal(r.receipt.status, 'failed', `${where}: expected ${expect.error}`);
        assert.equal(r.receipt.error?.code, expect.error, `${where}: ${JSON.stringify(r.receipt.error)}`);
        assert.equal(r.receipt.error?.cite ?? null, expect.cite, `${where}: cite`);
        if (expect.details !== undefined)
          assertSubset(r.receipt.error?.details, expect.details, `${where} details`);
      }
    }
    if (s.events) {
      const types = events.map((e) => e.type);
      // An empty list means: no event at all (a tick on which nothing may be warned).
      if (s.events.length === 0) assert.deepEqual(types, [], `${where}: expected no events`);
      let at = 0;
      for (const t of s.events) {
        const found = types.indexOf(t, at);
        assert.ok(found >= 0, `${where}: event ${t} missing in [${types.join(', ')}]`);
        at = found + 1;
      }
    }
    for (const [type, data] of Object.entries(s.eventData ?? {})) {
      const e = events.find((x) => x.type === type);
      assert.ok(e, `${where}: no ${type} event`);
      assertSubset(e.data, data as Value, `${where} ${type}`);
    }
    for (const want of s.eventsMatch ?? []) {
      const candidates = events.filter((x) => x.type === want.type);
      const hit = candidates.some((x) => {
        try {
          assertSubset(x.data, want.data, '');
          return true;
        } catch {
          return false;
        }
      });
      assert.ok(hit, `${where}: no ${want.type} matching ${JSON.stringify(want.data)}`);
    }
    for (const t of s.noEvents ?? []) {
      assert.ok(!events.some((x) => x.type === t), `${where}: unexpected ${t}`);
    }
    for (const [id, view] of Object.entries(s.members ?? {})) {
      assertSubset(chain.member(id) as unknown as Value, view as Value, `${where} member ${id}`);
    }
    if (s.query) {
      assertSubset(
        chain.query(s.query.module, s.query.name, s.query.params),
        s.query.match,
        `${where} query`,
      );
    }
  });
}

let total = 0;
for (const file of files) {
  const vectors = (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { vectors: Vector[] }).vectors;
  total += vectors.length;
  describe(`vectors/${file}`, () => {
    for (const v of vectors) {
      it(v.name, () => {
        assert.ok(v.steps.length > 0, 'a vector has steps');
        for (const s of v.steps) {
          if (s.expect !== undefined && s.expect !== 'ok')
            assert.ok('cite' in s.expect, 'an error names its cite');
        }
        runVector(v);
      });
    }
  });
}

describe('vector set', () => {
  it('holds at least 80 scenarios', () => assert.ok(total >= 80, `only ${total}`));
});
