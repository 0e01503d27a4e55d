/**
 * `dues_month_close_ms`: the block-start hook that closes a month for a community of N members
 * (default 10,000) — every member's month judged, runs of unpaid months counted, warnings and cases
 * opened, per-branch totals — measured as the wall time of the one block that does it, through the
 * real runtime Executor and modules over the in-memory state (the hook's own cost; the node adds the
 * state tree's commit of its writes). Members are spread over 10 branches; 70% paid the month, 10%
 * have three unpaid months (a warning each) and the rest two.
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
  const block = community.block;
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
  // Close February and March (two blocks: each closes what is due), then April: the measured block.
  block([], chinaTime('2025-03-01', 9));
  block([], chinaTime('2025-04-01', 9));
  const measured = block([], chinaTime('2025-05-01', 9));
  const warnings = measured.events.filter((e) => e.type === 'dues.ArrearsWarning').length;
  log(`dues: month close of ${ids.length} members in ${measured.ms.toFixed(0)} ms (${warnings} warnings)`);
  return {
    dues_month_close_ms: Math.round(measured.ms),
    dues_month_close_members: ids.length,
    dues_month_close_warnings: warnings,
    dues_month_close_us_per_member: Math.round((measured.ms * 1000) / ids.length),
  };
}
