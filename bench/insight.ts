/**
 * `index_close_ms`: the period close of the operation index (社区党建标准化运行指数) for a community of
 * N members (default 10,000) in branches of 50 — the community of bench/orglife.ts (six months of
 * 主题党日, 10% absent). The first block of July closes June in dues and orglife (and the warning
 * centre takes their warnings in); the NEXT block closes the index for June and for the second
 * quarter: every member's dues, organizational life and study pace, every branch's obligations and
 * open links, the 党委's sums. Measured: the wall time of that one block through the real Executor
 * over the in-memory state (its block-start hooks: the index close, and the warning centre's sweep
 * of its open warnings).
 */
import { chinaTime } from '@djchain/modules';
import { orgLifeCommunity } from './orglife.ts';

export async function benchInsight(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const { block, members } = orgLifeCommunity(log, opts);
  const first = block([], chinaTime('2025-07-01', 9));
  log(`insight: June closed by dues and orglife in ${first.ms.toFixed(0)} ms`);
  const measured = block([], chinaTime('2025-07-01', 9) + 1000);
  log(`insight: index close (June and Q2) of ${members} members in ${measured.ms.toFixed(0)} ms`);
  return {
    index_close_ms: Math.round(measured.ms),
    index_close_members: members,
    index_close_us_per_member: Math.round((measured.ms * 1000) / members),
  };
}
