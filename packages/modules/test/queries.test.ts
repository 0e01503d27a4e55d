/**
 * Module queries parse their parameters like actions (defineQuery): every query of every module
 * has a shape, and parameters of the wrong shape are refused with the module's coded BAD_PARAMS
 * error naming the field — before the query reads anything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { allModules, chinaTime } from '../src/index.ts';
import { GENESIS_DATE } from './fixture.ts';
import { Chain } from './harness.ts';

const chain = new Chain();

/** The query's answer, or the code and details of its refusal. */
function ask(q: string, params: Value): { ok: true; value: Value } | { code: string; details: unknown } {
  const [module, name] = q.split('.') as [string, string];
  const r = chain.executor.query(module, name, params, chain.state, chain.height, chinaTime(GENESIS_DATE, 9));
  return r.ok ? { ok: true, value: r.value } : { code: r.error.code, details: r.error.details };
}

describe('module queries have a parsed shape', () => {
  it('every query of every module declares its parameters', () => {
    for (const m of allModules)
      for (const [name, q] of Object.entries(m.queries)) {
        assert.equal(typeof q.parse, 'function', `${m.name}.${name} parses its parameters`);
        assert.equal(typeof (q as { shape?: unknown }).shape, 'object', `${m.name}.${name} has a shape`);
      }
  });

  // [query, parameters, code, details] — written by hand from each query's declared parameters.
  const refused: ReadonlyArray<readonly [string, Value, string, object]> = [
    ['member.member', { id: 5 }, 'MEMBER_BAD_PARAMS', { field: 'id', expected: 'an opaque id' }],
    ['member.member', null, 'MEMBER_BAD_PARAMS', { field: 'id', expected: 'a value' }],
    [
      'member.member',
      { id: 'm1', on: '2026-02-30' },
      'MEMBER_BAD_PARAMS',
      { field: 'on', expected: 'a date YYYY-MM-DD' },
    ],
    [
      'member.member',
      { id: 'm1', org: 'x' },
      'MEMBER_BAD_PARAMS',
      { field: 'org', expected: 'no such field' },
    ],
    // A key every object inherits is no parameter either.
    [
      'member.member',
      { id: 'm1', toString: 'x' },
      'MEMBER_BAD_PARAMS',
      { field: 'toString', expected: 'no such field' },
    ],
    [
      'member.byAddress',
      { address: ['ab'] },
      'MEMBER_BAD_PARAMS',
      { field: 'address', expected: 'an opaque id' },
    ],
    ['org.org', 'o1', 'ORG_BAD_PARAMS', { field: null, expected: 'an object' }],
    ['org.children', { id: 'a b' }, 'ORG_BAD_PARAMS', { field: 'id', expected: 'an opaque id' }],
    ['org.posts', { id: 'o1' }, 'ORG_BAD_PARAMS', { field: 'id', expected: 'no such field' }],
    ['org.superior', { any: 1 }, 'ORG_BAD_PARAMS', { field: 'any', expected: 'no such field' }],
    [
      'discipline.effects',
      { member: 'm1', on: 'today' },
      'DISCIPLINE_BAD_PARAMS',
      { field: 'on', expected: 'a date YYYY-MM-DD' },
    ],
    ['discipline.sanctions', {}, 'DISCIPLINE_BAD_PARAMS', { field: 'member', expected: 'a value' }],
    [
      'recruitment.process',
      { member: 1 },
      'RECRUITMENT_BAD_PARAMS',
      { field: 'member', expected: 'an opaque id' },
    ],
    [
      'recruitment.effectiveParams',
      { version: '1999' },
      'RECRUITMENT_BAD_PARAMS',
      { field: 'version', expected: 'one of 2014, 2026' },
    ],
    ['transfer.transfer', { id: true }, 'TRANSFER_BAD_PARAMS', { field: 'id', expected: 'an opaque id' }],
    [
      'transfer.responsible',
      { member: 'm/1' },
      'TRANSFER_BAD_PARAMS',
      { field: 'member', expected: 'an opaque id' },
    ],
    [
      'governance.proposals',
      { limit: 0 },
      'GOVERNANCE_BAD_PARAMS',
      { field: 'limit', expected: 'an integer ≥ 1' },
    ],
    [
      'governance.proposals',
      { status: 'done' },
      'GOVERNANCE_BAD_PARAMS',
      { field: 'status', expected: 'one of pending, applied, expired' },
    ],
    ['governance.proposal', { id: '1' }, 'GOVERNANCE_BAD_PARAMS', { field: 'id', expected: 'an integer' }],
    [
      'evidence.list',
      { limit: 5000 },
      'EVIDENCE_BAD_PARAMS',
      { field: 'limit', expected: 'an integer ≤ 1000' },
    ],
    [
      'dues.amount',
      { group: '在职', base: -1 },
      'DUES_BAD_PARAMS',
      { field: 'base', expected: 'an integer ≥ 0' },
    ],
    [
      'dues.register',
      { org: 'b1', month: '2026-13' },
      'DUES_BAD_PARAMS',
      { field: 'month', expected: 'a month YYYY-MM' },
    ],
    [
      'dues.account',
      { member: 'm1', year: '2024' },
      'DUES_BAD_PARAMS',
      { field: 'year', expected: 'an integer' },
    ],
    ['orglife.meeting', { id: 5 }, 'ORGLIFE_BAD_PARAMS', { field: 'id', expected: 'an opaque id' }],
    [
      'orglife.obligations',
      { org: 'b1', year: '2024' },
      'ORGLIFE_BAD_PARAMS',
      { field: 'year', expected: 'an integer' },
    ],
    ['orglife.member', { year: 2024 }, 'ORGLIFE_BAD_PARAMS', { field: 'member', expected: 'a value' }],
    [
      'study.progress',
      { member: 'm1', year: 1900 },
      'STUDY_BAD_PARAMS',
      { field: 'year', expected: 'an integer ≥ 1949' },
    ],
    [
      'study.register',
      { org: 'b1', rank: true },
      'STUDY_BAD_PARAMS',
      { field: 'rank', expected: 'no such field' },
    ],
  ];
  for (const [q, params, code, details] of refused)
    it(`${q} ${JSON.stringify(params)}: ${code} ${JSON.stringify(details)}`, () => {
      assert.deepEqual(ask(q, params), { code, details });
    });

  it('well-shaped parameters are answered; queries without parameters take none (null)', () => {
    assert.deepEqual(ask('member.member', { id: 'nobody' }), { ok: true, value: null });
    assert.deepEqual(ask('evidence.jailed', null), { ok: true, value: [] });
    assert.deepEqual(ask('evidence.list', { limit: 10 }), { ok: true, value: [] });
    assert.deepEqual(ask('governance.proposals', { status: 'pending' }), { ok: true, value: [] });
    assert.deepEqual(ask('governance.proposal', { id: 1 }), { ok: true, value: null });
    const rules = ask('recruitment.ruleSets', null) as { ok: true; value: { active: string } };
    assert.equal(rules.ok, true);
    assert.ok(['2014', '2026'].includes(rules.value.active));
    const params = ask('recruitment.effectiveParams', { version: '2014' });
    assert.equal('ok' in params && params.ok, true);
  });
});
