/**
 * `orglife_month_close_ms`: the block-start hook that closes a month of organizational life for a
 * community of N members (default 10,000) in branches of 50 (the regulation's usual size) — every
 * branch's obligations judged, every member's last six months read for the 自行脱党 run — measured as
 * the wall time of the blocks that do it (20 branches a block since issue 20:
 * `orglife_month_close_blocks`, the longest `orglife_month_close_block_max_ms`), through the real
 * runtime Executor and modules over the in-memory state. Each branch holds its 主题党日 every month from January to June; 10% of the members
 * are absent from each, so the close of June opens that many six-month cases; no branch holds a
 * 支部委员会 (none has a committee here) or a 党员大会, so the quarter's close warns each branch.
 */
import type { Value } from '@djchain/crypto';
import type { Transaction } from '@djchain/ledger';
import { chinaTime } from '@djchain/modules';
import { type BenchBlock, benchCommunity } from './community.ts';

export type { BenchBlock } from './community.ts';

const CHAIN = 'dj-bench-orglife';
const PER_BRANCH = 50;

/**
 * The community of this bench, through June 2025: genesis, calendars, six months of 主题党日 with
 * 10% absent. Returns the block runner to go on with (the index bench, bench/insight.ts, uses it).
 */
export function orgLifeCommunity(
  log: (line: string) => void,
  opts: { members: number },
): {
  block: BenchBlock;
  members: number;
  has: (key: string) => boolean;
  get: (key: string) => Value | undefined;
} {
  const branches = Math.max(1, Math.ceil(opts.members / PER_BRANCH));
  const ids = Array.from({ length: opts.members }, (_, i) => `m${String(i).padStart(6, '0')}`);
  const branchOf = (i: number) => Math.floor(i / PER_BRANCH);
  const { block, tx, has, get } = benchCommunity({
    chainId: CHAIN,
    module: 'orglife',
    branches,
    members: ids.map((id, i) => ({ id, org: `b${branchOf(i)}` })),
  });
  const all = (make: (b: number) => Transaction) => Array.from({ length: branches }, (_, b) => make(b));
  block([], chinaTime('2025-01-03', 9));
  block(
    all((b) => tx(b, 'setCalendar', { org: `b${b}`, themeDay: 10 })),
    chinaTime('2025-01-04', 9),
  );
  log(`orglife: ${ids.length} members in ${branches} branches, a 主题党日 a month for six months`);
  for (let month = 1; month <= 6; month++) {
    const ym = `2025-${String(month).padStart(2, '0')}`;
    block(
      all((b) => tx(b, 'plan', { id: `td-${b}-${ym}`, org: `b${b}`, kind: '主题党日', date: `${ym}-10` })),
      chinaTime(`${ym}-10`, 9),
    );
    block(
      all((b) => {
        const own = ids.filter((_, i) => branchOf(i) === b);
        // Every tenth member of the branch is absent every month (the six-month run).
        const absent = own.filter((_, k) => k % 10 === 0);
        const present = [...own.filter((_, k) => k % 10 !== 0), `sec${b}`];
        return tx(b, 'hold', { meeting: `td-${b}-${ym}`, heldOn: `${ym}-10`, present, absent });
      }),
      chinaTime(`${ym}-10`, 10),
    );
  }
  return { block, members: ids.length, has, get };
}

export async function benchOrgLife(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const { block, members, has, get } = orgLifeCommunity(log, opts);
  // The months before July close 20 branches a block (issue 20): the setup's few blocks a month leave
  // them behind, so empty blocks (a node makes one every 5 s at least) let them finish first.
  let at = chinaTime('2025-06-20', 9);
  for (let n = 0; has('orglife/closing') || get('orglife/closed') !== '2025-05'; n++) {
    if (n >= 1000) throw new Error('orglife: the closes before July did not end within 1,000 blocks');
    at += 1000;
    block([], at);
  }
  at = chinaTime('2025-07-01', 9);
  const measured = [block([], at)];
  while (has('orglife/closing')) {
    if (measured.length >= 1000)
      throw new Error('orglife: the close of June did not end within 1,000 blocks');
    at += 1000;
    measured.push(block([], at));
  }
  const times = measured.map((b) => b.ms);
  const total = times.reduce((a, b) => a + b, 0);
  const max = Math.max(...times);
  const events = measured.flatMap((b) => b.events);
  const cases = events.filter((e) => e.type === 'orglife.LapseCaseOpened').length;
  const warnings = events.filter((e) => e.type === 'orglife.ObligationMissed').length;
  log(`orglife: the close's blocks (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  log(
    `orglife: month close of ${members} members in ${times.length} blocks, ${total.toFixed(0)} ms in all, the longest ${max.toFixed(0)} ms (${warnings} warnings, ${cases} cases)`,
  );
  return {
    orglife_month_close_ms: Math.round(total),
    orglife_month_close_block_max_ms: Math.round(max),
    orglife_month_close_blocks: times.length,
    orglife_month_close_members: members,
    orglife_month_close_warnings: warnings,
    orglife_month_close_cases: cases,
    orglife_month_close_us_per_member: Math.round((total * 1000) / members),
  };
}
