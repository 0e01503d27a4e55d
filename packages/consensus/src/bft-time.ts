/** BFT time (DESIGN §4): a block's time is the weighted median of the precommit times that committed its parent. */
import type { ValidatorSet, Vote } from './types.ts';
import { powerOf } from './validators.ts';

/**
 * Weighted median of the commit's precommit times (as CometBFT's MedianTime): the earliest time t
 * such that validators with at least half of the set's total power voted at or before t. Faulty
 * validators hold less than 1/3 of the power, so at least one correct voter's time is ≤ t: they
 * cannot pull it below the correct clocks. Returns null when the votes carry less than half of the
 * power (not a commit).
 * Votes without a time, from unknown validators, or repeated validators are ignored.
 */
export function bftTime(set: ValidatorSet, commit: readonly Vote[]): number | null {
  const seen = new Set<string>();
  const weighted: { time: number; power: number }[] = [];
  for (const v of commit) {
    if (v.time === undefined || seen.has(v.validator)) continue;
    const power = powerOf(set, v.validator);
    if (power === 0) continue;
    seen.add(v.validator);
    weighted.push({ time: v.time, power });
  }
  weighted.sort((a, b) => a.time - b.time);
  let cumulative = 0;
  for (const w of weighted) {
    cumulative += w.power;
    if (cumulative * 2 >= set.totalPower) return w.time;
  }
  return null;
}
