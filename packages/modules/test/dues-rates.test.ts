/**
 * The dues amount against hand-computed vectors (vectors/checks/dues-rates.json): every bracket edge on
 * both sides, half-up rounding, the fixed groups and absurd input. The expectations were computed by
 * hand from the 规定's table, not by the code under test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DUES_GROUPS,
  DUES_RULE_2008,
  type DuesGroup,
  duesRuleFor,
  monthlyDues,
  possibleAmount,
} from '../src/index.ts';

interface Vectors {
  amounts: { group: DuesGroup; base: number | null; expect: number | string; why: string }[];
  possible: { group: DuesGroup; fen: number; bp: number | 'fixed' | null }[];
}
const v = JSON.parse(
  readFileSync(new URL('./vectors/checks/dues-rates.json', import.meta.url), 'utf8'),
) as Vectors;

describe('monthly dues (规定第二条至第六条)', () => {
  for (const c of v.amounts) {
    it(`${c.group} ${c.base === null ? '—' : `${c.base} 分`}: ${c.why}`, () => {
      const r = monthlyDues(DUES_RULE_2008, c.group, c.base);
      if (typeof c.expect === 'number') {
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.fen, c.expect);
      } else {
        assert.equal(r.ok, false);
        assert.equal(r.ok ? '' : r.code, c.expect);
      }
    });
  }

  it('an amount the chain accepts is exactly one some base gives', () => {
    for (const c of v.possible) {
      const got = possibleAmount(DUES_RULE_2008, c.group, c.fen);
      const want = c.bp === null ? null : { bp: c.bp === 'fixed' ? null : c.bp };
      assert.deepEqual(got, want, `${c.group} ${c.fen}`);
    }
  });

  it('every computed amount is one the chain accepts, at the same rate (property)', () => {
    const based = DUES_GROUPS.filter(
      (g) => g === '在职' || g === '年薪制' || g === '个体经营' || g === '离退休',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...based),
        fc.integer({ min: 0, max: DUES_RULE_2008.maxBase }),
        (g, base) => {
          const r = monthlyDues(DUES_RULE_2008, g, base);
          assert.ok(r.ok);
          assert.deepEqual(possibleAmount(DUES_RULE_2008, g, r.fen), { bp: r.bp });
        },
      ),
      { numRuns: 2000, seed: 20081 },
    );
  });

  it('the 2008 rule is in force from April 2008 (第三十二条) and for every month since', () => {
    assert.equal(DUES_RULE_2008.from, '2008-04');
    assert.equal(duesRuleFor('2026-12').version, '2008');
  });
});
