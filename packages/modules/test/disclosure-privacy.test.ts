/**
 * 党务公开 without personal data: every record the disclosure module writes (items, replacement
 * links) and every announcement recruitment and dues write for it holds opaque ids, dates, closed
 * lists, hashes and short reasons — and a public 公示 does not even name the candidate's member id:
 * who it is about is in the content (an attachment the branch chose to publish), not in the record
 * anonymous residents read, nor in the events of the organization's history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, type Value } from '@djchain/crypto';
import { Chain, type Step } from './harness.ts';
import { PATHS, runPath } from './paths.ts';

const PERSONAL_KEYS = [
  'name',
  'birthDate',
  'idNumber',
  'phone',
  'address',
  'income',
  'member',
  'members',
  'subject',
];
const ID_LIKE = /\d{17}[\dXx]|(?<!\d)1[3-9]\d{9}(?!\d)/;
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function walk(v: Value, visit: (key: string | null, value: Value) => void, key: string | null = null): void {
  visit(key, v);
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
    for (const [k, x] of Object.entries(v)) walk(x as Value, visit, k);
}

describe('disclosure: privacy of every new record', () => {
  const chain = new Chain();
  const ok = (s: Step) => {
    const r = chain.step(s);
    assert.equal(r.receipt.status, 'ok', `${s.do}: ${JSON.stringify(r.receipt.error)}`);
  };
  // The whole recruitment of `cand` with both publicities, a dues notice, and a published,
  // corrected and withdrawn item.
  runPath(chain, 'standard', 'applyConversion');
  ok({
    at: '2026-05-06',
    by: 'b1.org',
    do: 'recruitment.startConversionPublicity',
    params: { member: 'cand' },
  });
  for (const s of PATHS.standard!.slice(PATHS.standard!.findIndex((x) => x.label === 'conversionVote')))
    ok(s);
  const A = 'a1'.repeat(32);
  const B = 'a2'.repeat(32);
  for (const [i, h] of [A, B].entries())
    ok({
      at: '2026-06-08',
      hour: 9 + i,
      by: 'b1.clerk',
      do: 'attachment.register',
      params: { hash: h, size: 10, mediaType: 'application/pdf', org: 'b1', scope: 'public' },
    });
  ok({
    at: '2026-06-09',
    by: 'b1.pub',
    do: 'disclosure.publish',
    params: { id: 'pv1', org: 'b1', kind: '工作公开', scope: 'public', from: '2026-06-09', content: A },
  });
  ok({
    at: '2026-06-10',
    by: 'b1.pub',
    do: 'disclosure.correct',
    params: { id: 'pv2', corrects: 'pv1', from: '2026-06-10', content: B, reason: '附件更换' },
  });
  ok({
    at: '2026-06-11',
    by: 'b1.sec',
    do: 'disclosure.withdraw',
    params: { id: 'pv3', withdraws: 'pv2', reason: '撤回' },
  });
  ok({
    at: '2026-06-12',
    by: 'b1.sec',
    do: 'dues.publishNotice',
    params: { id: 'nt', org: 'b1', year: 2025, document: A },
  });
  chain.tick('2026-06-13');

  const records = chain.state
    .entries()
    .filter(
      ([k]) => k.startsWith('disclosure/') || k.startsWith('recruitment/pub/') || k.startsWith('dues/pub/'),
    );

  it('writes items for both publicities, the notice and the three published acts', () => {
    const items = records
      .filter(([k]) => k.startsWith('disclosure/i/'))
      .map(([, v]) => decode(v) as { kind: string });
    assert.deepEqual(items.map((i) => i.kind).sort(), [
      '党费收缴公示',
      '发展对象公示',
      '工作公开',
      '工作公开',
      '撤回声明',
      '转正公示',
    ]);
    assert.equal(records.filter(([k]) => k.includes('/pub/')).length, 3, 'three announcements');
  });

  it('holds no personal field, no member id of the candidate, only ids, dates, hashes and short texts', () => {
    for (const [key, bytes] of records) {
      walk(decode(bytes), (k, v) => {
        assert.ok(k === null || !PERSONAL_KEYS.includes(k), `${key} has a field ${k}`);
        if (typeof v !== 'string') return;
        assert.notEqual(v, 'cand', `${key} names the candidate`);
        if (!HEX_DIGEST.test(v)) assert.ok(!ID_LIKE.test(v), `${key} carries ${v}`);
        if (ISO_DATE.test(v)) assert.ok(v >= '2024-01-01', `${key} carries the date ${v}`);
        assert.ok(v.length <= 100 || HEX_DIGEST.test(v), `${key}: a long text ${v.slice(0, 20)}…`);
      });
    }
  });

  it("the events of disclosure name organizations only: no member's history gains a public 公示", () => {
    const events = chain.state
      .entries()
      .filter(([k]) => k.startsWith('evt/member:cand/'))
      .map(([, v]) => JSON.stringify(decode(v)));
    assert.ok(events.length > 0);
    for (const e of events) assert.ok(!e.includes('disclosure.'), e.slice(0, 80));
    const orgEvents = chain.state.keys('evt/org:b1/', 10_000);
    assert.ok(orgEvents.length > 0);
  });
});
