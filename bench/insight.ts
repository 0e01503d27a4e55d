/**
 * `index_close_ms`: the period close of the operation index (社区党建标准化运行指数) for a community of
 * N members (default 10,000) in branches of 50 — the community of bench/orglife.ts (six months of
 * 主题党日, 10% absent). The first blocks of July close June in dues and orglife (20 branches a
 * block, issue 20; the warning centre takes their warnings in); from the block after the index
 * closes June and the second quarter:
 * every member's dues, organizational life and study pace, every branch's obligations and open links,
 * the 党委's sums — a batch of branches a block (`CLOSE_BRANCHES_PER_BLOCK`), the records in the block
 * of the last batch. Measured: the wall time of each block of the close through the real Executor
 * over the in-memory state (its block-start hooks: the index close, and the warning centre's sweep of
 * its open warnings), their total (`index_close_ms`), the longest (`index_close_block_max_ms`) and
 * how many (`index_close_blocks`), until the 党委's June record is in state.
 */
import { chinaTime } from '@djchain/modules';
import { orgLifeCommunity } from './orglife.ts';

export async function benchInsight(
  log: (line: string) => void,
  opts: { members: number },
): Promise<Record<string, number>> {
  const { block, members, has } = orgLifeCommunity(log, opts);
  // The months before June close a batch of branches a block: the setup's few blocks a month leave
  // them behind, so empty blocks (a node makes one every 5 s at least) let them finish before July.
  let at = chinaTime('2025-06-10', 11);
  for (let n = 0; !has('insight/x/c1/2025-05'); n++) {
    if (n >= 1000) throw new Error('insight: the closes before June did not end within 1,000 blocks');
    at += 1000;
    block([], at);
  }
  at = chinaTime('2025-07-01', 9);
  const first = block([], at);
  log(
    `insight: the first block of July (June's dues close, orglife's first branches) ${first.ms.toFixed(0)} ms`,
  );
  // Orglife closes June 20 branches a block (issue 20); the index close starts in the block after.
  for (let n = 0; has('orglife/closing'); n++) {
    if (n >= 1000) throw new Error('insight: the orglife close of June did not end within 1,000 blocks');
    at += 1000;
    block([], at);
  }
  const times: number[] = [];
  while (!has('insight/x/c1/2025-06')) {
    if (times.length >= 1000) throw new Error('insight: the index close did not end within 1,000 blocks');
    at += 1000;
    times.push(block([], at).ms);
  }
  const total = times.reduce((a, b) => a + b, 0);
  const max = Math.max(...times);
  log(`insight: the close's blocks (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
  log(
    `insight: index close (June and Q2) of ${members} members in ${times.length} blocks, ${total.toFixed(0)} ms in all, the longest ${max.toFixed(0)} ms`,
  );
  return {
    index_close_ms: Math.round(total),
    index_close_block_max_ms: Math.round(max),
    index_close_blocks: times.length,
    index_close_members: members,
    index_close_us_per_member: Math.round((total * 1000) / members),
  };
}
