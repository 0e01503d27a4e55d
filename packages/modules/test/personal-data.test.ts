/**
 * The personal-data check (src/common/personalData.ts) against its hand-written vectors, and its use
 * in every action's parse: every identifier, free-text field, id list and record of every action
 * refuses an ID number (a phone number in free text) with the module's PERSONAL_DATA error naming the
 * field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import type { RuleAction } from '../src/common/action.ts';
import { findPersonalData, idCheckValid, luhnValid } from '../src/common/personalData.ts';
import { allModules } from '../src/index.ts';
import vectors from './vectors/checks/personal-data.json' with { type: 'json' };

describe('personal-data check: vectors', () => {
  for (const v of vectors.refused) {
    it(`refuses ${v.text} (${v.kind})`, () => assert.equal(findPersonalData(v.text), v.kind));
  }
  for (const v of vectors.accepted) {
    it(`accepts ${v.text}`, () => assert.equal(findPersonalData(v.text), null));
  }
  it('check character and Luhn, by hand', () => {
    assert.equal(idCheckValid('11010519491231002X'), true);
    assert.equal(idCheckValid('110105194912310021'), false);
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
  });
});

const ID_NUMBER = '11010519491231002X';
/** Short enough for the shortest text kind (a code, 16 characters). */
const MOBILE = '13912345678';

/** A value of the field's kind carrying an ID or phone number (lists and records carry it inside). */
function carrier(type: string): Value | null {
  if (type === 'id') return ID_NUMBER;
  if (type === 'text') return MOBILE;
  if (type === 'ids') return [ID_NUMBER];
  if (type === 'record') return { 书记: ID_NUMBER };
  return null;
}

describe('personal-data check: every action, every identifier and free-text field', () => {
  it('refuses an ID number in each, naming the field', () => {
    let checked = 0;
    for (const m of allModules) {
      for (const [name, a] of Object.entries(m.actions)) {
        const action = a as RuleAction<unknown>;
        if (action.shape === undefined) continue; // evidence.submit: signed consensus votes, bytes only
        for (const [field, s] of Object.entries(action.shape)) {
          const spec = typeof s === 'string' ? { type: s } : s;
          const bad = 'oneOf' in spec && spec.oneOf ? null : carrier(spec.type);
          if (bad === null) continue;
          // Fill the other fields with valid values so that parse reaches this one.
          const full = action.parse(fill(action.shape, field, bad));
          assert.equal(full.ok, false, `${m.name}.${name}.${field}`);
          if (!full.ok) {
            assert.equal(
              full.error.code,
              `${m.name.toUpperCase()}_PERSONAL_DATA`,
              `${m.name}.${name}.${field}`,
            );
            assert.equal((full.error.details as { field?: string }).field, field);
            assert.match(String((full.error.details as { zh?: string }).zh), /身份证号|手机号码/);
          }
          checked++;
        }
      }
    }
    assert.ok(checked >= 60, `only ${checked} fields`);
  });
});

/** Parameters that pass the shape, with `bad` in `field`. */
function fill(shape: RuleAction<unknown>['shape'], field: string, bad: Value): Value {
  const out: { [k: string]: Value } = {};
  for (const [k, s] of Object.entries(shape)) {
    const spec = typeof s === 'string' ? { type: s } : s;
    if (k === field) {
      out[k] = bad;
      continue;
    }
    if (spec.optional) continue;
    const oneOf = 'oneOf' in spec ? spec.oneOf : undefined;
    out[k] = oneOf
      ? oneOf[0]!
      : ({
          id: 'x1',
          text: '说明',
          date: '2024-03-01',
          month: '2024-03',
          int: 'min' in spec && spec.min !== undefined ? spec.min : 1,
          bool: true,
          ids: ['x1'],
          hash: 'ab'.repeat(32),
          record: {},
          bytes: new Uint8Array(spec.length ?? 32),
        }[spec.type] as Value);
  }
  return out;
}
