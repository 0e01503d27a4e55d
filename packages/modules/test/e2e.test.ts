/** One member from application to full membership through the real runtime Executor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readHead, replayHead } from '@djchain/runtime';
import { Chain, type Step } from './harness.ts';
import paths from './vectors/paths.json' with { type: 'json' };

describe('recruitment end to end', () => {
  it('takes a person from application to full membership, every step on the member history', () => {
    const chain = new Chain();
    for (const s of paths.standard as unknown as (Step & { label: string })[]) {
      const r = chain.step(s);
      assert.equal(r.receipt.status, 'ok', `${s.label}: ${JSON.stringify(r.receipt.error)}`);
    }
    const view = chain.member('cand');
    assert.equal(view.status, '正式党员');
    assert.equal(view.partyAgeFrom, '2026-05-20');
    assert.equal(view.rights.vote, true);
    assert.equal(view.rights.introducer, true);
    const events = chain.events('member:cand');
    const steps = events
      .filter((e) => e.type === 'recruitment.StepRecorded')
      .map((e) => (e.data as { step: number | null }).step)
      .filter((n) => n !== null);
    assert.deepEqual(
      [...new Set(steps)].sort((a, b) => a - b),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    assert.deepEqual(replayHead(chain.suite, events), readHead(chain.state, 'member:cand').head);
  });
});
