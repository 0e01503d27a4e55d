/**
 * 党务公开: what is in force on which day for which readers, the versions of a corrected item, and
 * the items recruitment and dues create by themselves (publicity periods counted by hand below from
 * the State Council's holiday notices).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex, type Value } from '@djchain/crypto';
import { txHash } from '@djchain/ledger';
import { Chain, type Step } from './harness.ts';
import { runPath } from './paths.ts';

const A_PUB = 'a1'.repeat(32);
const A_PUB2 = 'a2'.repeat(32);
const A_ORG = 'b1'.repeat(32);

interface Item {
  id: string;
  org: string;
  kind: string;
  scope: string;
  from: string;
  until: string | null;
  content: string | null;
  corrects: string | null;
  withdraws: string | null;
  source: { module: string; action: string; tx: string; height: number } | null;
  by: string | null;
}

/** b1's 组织委员 starts the 发展对象 publicity of the candidate, its notice `ref`. */
const publicity = (at: string, ref: string): Step => ({
  at,
  by: 'b1.org',
  do: 'recruitment.startPublicity',
  params: { member: 'cand', ref },
});

/** b1's 组织委员 starts the candidate's conversion publicity. */
const conversionPublicity = (at: string): Step => ({
  at,
  by: 'b1.org',
  do: 'recruitment.startConversionPublicity',
  params: { member: 'cand' },
});

function inForce(chain: Chain, params: { [k: string]: Value }): string[] {
  const r = chain.query('disclosure', 'inForce', params) as unknown as { items: Item[] };
  return r.items.map((i) => i.id);
}

function register(chain: Chain, at: string, hour: number, hash: string, scope: string, org = 'b1'): void {
  chain.ok({
    at,
    hour,
    by: org === 'b1' ? 'b1.clerk' : 'c.clerk',
    do: 'attachment.register',
    params: { hash, size: 10, mediaType: 'application/pdf', org, scope },
  });
}

describe('disclosure: in force', () => {
  it('an item is in force from its first to its last day, for its readers only', () => {
    const c = new Chain();
    register(c, '2024-03-01', 9, A_PUB, 'public');
    register(c, '2024-03-01', 10, A_ORG, 'org');
    const base = { org: 'b1', kind: '通知公告', from: '2024-03-10', until: '2024-03-20' };
    c.ok({
      at: '2024-03-04',
      by: 'b1.pub',
      do: 'disclosure.publish',
      params: { ...base, id: 'p', scope: 'public', content: A_PUB },
    });
    c.ok({
      at: '2024-03-05',
      by: 'b1.pub',
      do: 'disclosure.publish',
      params: { ...base, id: 'o', scope: 'org', content: A_ORG },
    });
    c.ok({
      at: '2024-03-06',
      by: 'c.pub',
      do: 'disclosure.publish',
      params: { ...base, id: 'k', org: 'c1', scope: 'community', content: A_PUB },
    });
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-09' }), []);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-10' }), ['p']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-20' }), ['p']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-21' }), []);
    // Members of the community see public and community items; members of b1 (and of g1 below it) b1's too.
    assert.deepEqual(
      inForce(c, { scope: 'community', on: '2024-03-15' }),
      ['k', 'o', 'p'].filter((x) => x !== 'o'),
    );
    assert.deepEqual(inForce(c, { scope: 'org', org: 'b1', on: '2024-03-15' }), ['k', 'o', 'p']);
    assert.deepEqual(inForce(c, { scope: 'org', org: 'g1', on: '2024-03-15' }), ['k', 'o', 'p']);
    assert.deepEqual(inForce(c, { scope: 'org', org: 'b2', on: '2024-03-15' }), ['k', 'p']);
    // An org-scope query without the organization sees no org items.
    assert.deepEqual(inForce(c, { scope: 'org', on: '2024-03-15' }), ['k', 'p']);
  });

  it('a correction replaces the item from the day it is recorded; a withdrawal leaves its notice', () => {
    const c = new Chain();
    register(c, '2024-03-01', 9, A_PUB, 'public');
    register(c, '2024-03-01', 10, A_PUB2, 'public');
    c.ok({
      at: '2024-03-04',
      by: 'b1.pub',
      do: 'disclosure.publish',
      params: {
        id: 'n',
        org: 'b1',
        kind: '工作公开',
        scope: 'public',
        from: '2024-03-04',
        until: '2024-03-31',
        content: A_PUB,
      },
    });
    c.ok({
      at: '2024-03-15',
      by: 'b1.pub',
      do: 'disclosure.correct',
      params: {
        id: 'n2',
        corrects: 'n',
        from: '2024-03-15',
        until: '2024-03-31',
        content: A_PUB2,
        reason: '金额有误',
      },
    });
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-14' }), ['n']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-15' }), ['n2']);
    c.ok({
      at: '2024-03-20',
      by: 'b1.sec',
      do: 'disclosure.withdraw',
      params: { id: 'w', withdraws: 'n2', reason: '事项取消' },
    });
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-19' }), ['n2']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-20' }), ['w']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-03-31' }), ['w']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2024-04-01' }), []);
    // The chain from any version: first publication, correction, withdrawal — each record unchanged.
    for (const id of ['n', 'n2', 'w']) {
      const r = c.query('disclosure', 'item', { id }) as unknown as { versions: Item[] };
      assert.deepEqual(
        r.versions.map((v) => [v.id, v.corrects, v.withdraws, v.content]),
        [
          ['n', null, null, A_PUB],
          ['n2', 'n', null, A_PUB2],
          ['w', null, 'n2', null],
        ],
      );
    }
    const first = c.query('disclosure', 'item', { id: 'n' }) as unknown as { item: Item; successor: Value };
    assert.equal(first.item.until, '2024-03-31');
    assert.deepEqual(first.successor, { id: 'n2', how: 'corrected', on: '2024-03-15' });
    const reg = c.query('disclosure', 'ofOrg', { org: 'b1' }) as unknown as { item: Item }[];
    assert.deepEqual(reg.map((r) => r.item.id).sort(), ['n', 'n2', 'w']);
  });
});

describe('disclosure: automatic items', () => {
  it('the 发展对象 publicity appears at the next block, public, for 5 working days from the step', () => {
    const c = new Chain();
    runPath(c, 'standard', 'assessment2');
    // Its content: the publicity notice, a public attachment of the branch named as the step's ref.
    register(c, '2025-03-28', 10, A_PUB, 'public');
    c.ok(publicity('2025-04-01', A_PUB));
    const recordedAt = c.height;
    assert.deepEqual(inForce(c, { scope: 'public', on: '2025-04-01' }), [], 'not before the next block');
    const events = c.tick('2025-04-01', 11);
    const published = events.filter((e) => e.type === 'disclosure.Published');
    assert.equal(published.length, 1);
    const id = `auto.recruitment.${recordedAt}.0`;
    const { item } = c.query('disclosure', 'item', { id }) as unknown as { item: Item };
    // 2025-04-01 (Tue) 1, 04-02 2, 04-03 3, 04-04..06 清明 (国办发明电〔2024〕12号), 04-07 4, 04-08 5.
    assert.deepEqual(
      [item.org, item.kind, item.scope, item.from, item.until, item.content, item.by],
      ['b1', '发展对象公示', 'public', '2025-04-01', '2025-04-08', A_PUB, null],
    );
    assert.deepEqual(
      [item.source?.module, item.source?.action, item.source?.height],
      ['recruitment', 'startPublicity', recordedAt],
    );
    assert.equal(item.source?.tx, toHex(txHash(c.suite, c.txs.at(-1)!)));
    assert.deepEqual(inForce(c, { scope: 'public', on: '2025-04-08' }), [id]);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2025-04-09' }), []);
    // The step itself still ends its period on the same day (the rule and the item agree).
    const proc = c.query('recruitment', 'process', { member: 'cand' }) as {
      steps: { startPublicity: { data: Value } };
    };
    assert.equal((proc.steps.startPublicity.data as { ends: string }).ends, '2025-04-08');
  });

  it('a ref that is no public attachment leaves the automatic item without content', () => {
    const c = new Chain();
    runPath(c, 'standard', 'assessment2');
    register(c, '2025-03-28', 10, A_ORG, 'org');
    c.ok(publicity('2025-04-07', A_ORG));
    c.tick('2025-04-07', 11);
    const [id] = inForce(c, { scope: 'public', on: '2025-04-07' });
    const { item } = c.query('disclosure', 'item', { id: id! }) as unknown as { item: Item };
    // 04-07 (Mon) … 04-11 (Fri): five working days.
    assert.deepEqual([item.content, item.from, item.until], [null, '2025-04-07', '2025-04-11']);
  });

  it('the conversion publicity appears with its period, and the branch meeting waits for its end', () => {
    const c = new Chain();
    runPath(c, 'standard', 'applyConversion');
    c.ok(conversionPublicity('2026-05-18'));
    const recordedAt = c.height;
    const vote = { member: 'cand', decision: 'convert', present: 9, yes: 9, no: 0, abstain: 0 };
    // 2026-05-18 (Mon) … 05-22 (Fri): the vote on the last day is refused, the next working day is not.
    const early = c.step({ at: '2026-05-22', by: 'b1.sec', do: 'recruitment.conversionVote', params: vote });
    assert.equal(early.receipt.error?.code, 'RECRUITMENT_PUBLICITY_INCOMPLETE');
    assert.equal(early.receipt.error?.cite, '《中国共产党发展党员工作细则》第三十三条');
    const { item } = c.query('disclosure', 'item', { id: `auto.recruitment.${recordedAt}.0` }) as unknown as {
      item: Item;
    };
    assert.deepEqual(
      [item.kind, item.scope, item.from, item.until, item.content],
      ['转正公示', 'public', '2026-05-18', '2026-05-22', null],
    );
    c.ok({ at: '2026-05-25', by: 'b1.sec', do: 'recruitment.conversionVote', params: vote });
  });

  it('across the 2026 劳动节 the conversion publicity counts the adjusted Saturday as a working day', () => {
    const c = new Chain();
    runPath(c, 'standard', 'applyConversion');
    c.ok(conversionPublicity('2026-05-06'));
    c.tick('2026-05-06', 11);
    // 05-06 (Wed) 1, 05-07 2, 05-08 3, 05-09 (Sat, a working day by the 2025-11-04 notice) 4, 05-11 (Mon) 5.
    const [id] = inForce(c, { scope: 'public', on: '2026-05-11' });
    const { item } = c.query('disclosure', 'item', { id: id! }) as unknown as { item: Item };
    assert.deepEqual([item.kind, item.until], ['转正公示', '2026-05-11']);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2026-05-12' }), []);
  });

  it('a local rule may require the conversion publicity before the branch meeting', () => {
    const c = new Chain();
    c.ok({
      at: '2024-02-20',
      by: 'c.sec',
      do: 'recruitment.setLocalRules',
      params: { org: 'c1', rules: { conversionPublicityWorkingDays: 7 }, resolution: 'res-local' },
    });
    runPath(c, 'standard', 'applyConversion');
    const vote = { member: 'cand', decision: 'convert', present: 9, yes: 9, no: 0, abstain: 0 };
    const r = c.step({ at: '2026-05-20', by: 'b1.sec', do: 'recruitment.conversionVote', params: vote });
    assert.equal(r.receipt.error?.code, 'RECRUITMENT_OUT_OF_ORDER');
    assert.deepEqual(r.receipt.error?.details, { missing: 'startConversionPublicity', step: 23 });
    c.ok(conversionPublicity('2026-05-21'));
    c.tick('2026-05-21', 11);
    // Seven working days: 05-21 (Thu), 22, 25, 26, 27, 28, 29 (Fri).
    const [id] = inForce(c, { scope: 'public', on: '2026-05-29' });
    const { item } = c.query('disclosure', 'item', { id: id! }) as unknown as { item: Item };
    assert.equal(item.until, '2026-05-29');
    const early = c.step({
      at: '2026-05-29',
      hour: 12,
      by: 'b1.sec',
      do: 'recruitment.conversionVote',
      params: vote,
    });
    assert.equal(early.receipt.error?.code, 'RECRUITMENT_PUBLICITY_INCOMPLETE');
    c.ok({ at: '2026-06-01', by: 'b1.sec', do: 'recruitment.conversionVote', params: vote });
  });

  it("the yearly dues notice is an item for the organization's members for a year", () => {
    const c = new Chain();
    register(c, '2025-01-10', 10, A_ORG, 'org');
    c.ok({
      at: '2025-01-15',
      by: 'b1.sec',
      do: 'dues.publishNotice',
      params: { id: 'notice-2024', org: 'b1', year: 2024, document: A_ORG },
    });
    const recordedAt = c.height;
    c.tick('2025-01-15', 11);
    const id = `auto.dues.${recordedAt}.0`;
    const { item } = c.query('disclosure', 'item', { id }) as unknown as { item: Item };
    assert.deepEqual(
      [item.org, item.kind, item.scope, item.from, item.until, item.content, item.source?.action],
      ['b1', '党费收缴公示', 'org', '2025-01-15', '2026-01-14', A_ORG, 'publishNotice'],
    );
    assert.deepEqual(inForce(c, { scope: 'org', org: 'b1', on: '2026-01-14' }), [id]);
    assert.deepEqual(inForce(c, { scope: 'org', org: 'b1', on: '2026-01-15' }), []);
    assert.deepEqual(inForce(c, { scope: 'org', org: 'b2', on: '2025-06-01' }), []);
    assert.deepEqual(inForce(c, { scope: 'public', on: '2025-06-01' }), []);
    assert.deepEqual(inForce(c, { scope: 'community', on: '2025-06-01' }), []);
  });
});
