/**
 * The warning centre re-checks a warning of a member-bound kind (recruitment deadlines, dues arrears,
 * the two lapse cases: warnings/register.ts MEMBER_BOUND) only at the day's first block start or when
 * its member's history grew in the block before. Over the demo plan's whole history — with two empty
 * blocks after every wave on the same date, so that an answer recorded in a wave closes its warning in
 * a block that is not the day's first — the chain must do exactly what a centre checking every open
 * warning at every block start does: the same events block by block, and the same state at the end.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { allModules, MEMBER_BOUND, warningsModuleCheckingAll } from '@djchain/modules';
import { generatePlan } from '../src/demo/index.ts';
import { replayPlan } from './plan-replay.ts';

const suite = getSuite('intl');

test('over the demo history, checking member-bound warnings only when their member changed closes every warning in the same block as checking all', () => {
  const plan = generatePlan(suite, { seed: 7, members: 40, today: '2026-11-25' });
  const run = (modules: typeof allModules) => {
    const blocks: string[] = [];
    /** Closures of member-bound kinds in the empty blocks after a wave (never a day's first block). */
    const laterInDay: string[] = [];
    const replay = replayPlan(plan, {
      modules,
      ticksAfterWave: 2,
      onBlock(out, _date, batch) {
        blocks.push(JSON.stringify(out.events));
        for (const e of out.events) {
          const d = e.data as { kind?: string; closedBy?: string };
          if (batch.length === 0 && e.type === 'warnings.Closed' && MEMBER_BOUND.has(d.kind as never))
            laterInDay.push(`${d.kind} ${d.closedBy}`);
        }
      },
    });
    return { blocks, laterInDay, state: replay.state.entries() };
  };
  const chain = run(allModules);
  const reference = run(allModules.map((m) => (m.name === 'warnings' ? warningsModuleCheckingAll : m)));
  assert.equal(chain.blocks.length, reference.blocks.length);
  const differs = chain.blocks.findIndex((b, i) => b !== reference.blocks[i]);
  assert.equal(
    differs,
    -1,
    `block ${differs + 1} differs:\n${chain.blocks[differs]}\n${reference.blocks[differs]}`,
  );
  assert.deepEqual(chain.state, reference.state);
  // The comparison covers the shortcut: member-bound warnings answered by a payment, a relief or a
  // recruitment step closed in an empty block after the wave that answered them (by hand for seed 7,
  // 40 members: at least the arrears paid back and the talk recorded late).
  const kinds = new Set(chain.laterInDay.map((x) => x.split(' ')[0]));
  assert.ok(kinds.has('dues.arrears'), chain.laterInDay.join(', '));
  assert.ok(kinds.has('recruitment.deadline'), chain.laterInDay.join(', '));
});
