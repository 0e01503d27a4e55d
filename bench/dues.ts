/**
 * `dues_month_close_ms`: the block-start hook that closes a month for a community of N members
 * (default 10,000) — every member's month judged, runs of unpaid months counted, warnings and cases
 * opened, per-branch totals — measured as the wall time of the blocks that do it (1,000 members a
 * block since issue 20: `dues_month_close_blocks`, the longest `dues_month_close_block_max_ms`),
 * through the real runtime Executor and modules over the in-memory state (the hook's own cost; the
 * node adds the state tree's commit of its writes). Members are spread over 10 branches; 70% paid the
 * month, 10% have three unpaid months (a warning each) and the rest two.
 */
import type { Value } from '@djchain/crypto';
import type { Transaction } from '@djchain/ledger';
import { chinaTime } from '@djchain/modules';
import { benchCommunity } from './community.ts';

const CHAIN = 'dj-bench-dues';
const BRANCHES = 10;

export async function benchDues(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const ids = Array.from({ length: opts.members }, (_, i) => `m${String(i).padStart(6, '0')}`);
  const community = benchCommunity({
    chainId: CHAIN,
    module: 'dues',
    branches: BRANCHES,
    members: ids.map((id, i) => ({ id, org: `b${i % BRANCHES}` })),
  });
  const { block, has } = community;
  /** Member `i`'s branch secretary signs. */
  const tx = (i: number, action: string, params: Value): Transaction =>
    community.tx(i % BRANCHES, action, params);
  const commitment = 'ab'.repeat(32);
  const batches = (make: (i: number) => Transaction | null, at: number) => {
    let built: Transaction[] = [];
    for (let i = 0; i < ids.length; i++) {
      const t = make(i);
      if (t) built.push(t);
      if (built.length === 1000 || i === ids.length - 1) {
        at += 1000;
        block(built, at);
        built = [];
      }
    }
    return at;
  };
  log(`dues: assessing ${ids.length} members`);
  batches(
    (i) => tx(i, 'assess', { member: ids[i]!, group: '在职', from: '2025-01', fen: 3000, commitment }),
    chinaTime('2025-01-03', 9),
  );
  // Paid through: 70% paid February, 10% paid only January, the rest paid January and nothing after.
  log('dues: recording payments');
  batches(
    (i) => {
      const r = i % 10;
      const months = r < 7 ? ['2025-01', '2025-02'] : ['2025-01'];
      return tx(i, 'recordPayment', {
        id: `p${i}`,
        member: ids[i]!,
        months,
        fen: 3000 * months.length,
        method: '现金',
      });
    },
    chinaTime('2025-02-20', 9),
  );
  // Close February and March (each over the blocks its close takes), then April: the measured blocks.
  const closeFrom = (at: number) => {
    const out = [block([], at)];
    for (let n = 0; has('dues/closing'); n++) {
      if (n >= 1000) throw new Error('dues: a month close did not end within 1,000 blocks');
      out.push(block([], at + 1000 * (n + 1)));
    }
    return out;
  };
  closeFrom(chinaTime('2025-03-01', 9));
  closeFrom(chinaTime('2025-04-01', 9));
  const measured = closeFrom(chinaTime('2025-05-01', 9));
  const times = measured.map((b) => b.ms);
  const total = times.reduce((a, b) => a + b, 0);
  const max = Math.max(...times);
  const warnings = measured.flatMap((b) => b.events).filter((e) => e.type === 'dues.ArrearsWarning').length;
  // A block after the close, with nothing to do but the hooks' standing work (the warning centre's
  // sweep over the open warnings among it): what every block of the chain costs from now on.
  const idle = block([], chinaTime('2025-05-01', 12)).ms;
  log(`dues: an empty block after the close (${warnings} warnings open): ${idle.toFixed(0)} ms`);
  // The warning centre looks at a member-bound warning (arrears among them) only when its member's
  // history grew in the block before, and at all of them at a date's first block (issue 20): the
  // next empty block the same day, and the first of the next day.
  const later = block([], chinaTime('2025-05-01', 13)).ms;
  const nextDay = block([], chinaTime('2025-05-02', 9)).ms;
  log(`dues: the next empty block: ${later.toFixed(0)} ms; the next day's first: ${nextDay.toFixed(0)} ms`);
  log(`dues: the close's blocks (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  log(
    `dues: month close of ${ids.length} members in ${times.length} blocks, ${total.toFixed(0)} ms in all, the longest ${max.toFixed(0)} ms (${warnings} warnings)`,
  );
  return {
    dues_month_close_ms: Math.round(total),
    dues_month_close_block_max_ms: Math.round(max),
    dues_month_close_blocks: times.length,
    dues_month_close_members: ids.length,
    dues_month_close_warnings: warnings,
    dues_month_close_us_per_member: Math.round((total * 1000) / ids.length),
    dues_idle_block_after_close_ms: Math.round(idle),
    dues_idle_block_later_ms: Math.round(later),
    dues_first_block_of_day_ms: Math.round(nextDay),
  };
}
