/** BFT time (DESIGN §4): a block's time is the weighted median of the precommit times that committed its parent. */
import { weightedMedianTime } from '@djchain/ledger';
import type { ValidatorSet, Vote } from './types.ts';
import { isQuorum, powerOf } from './validators.ts';

/**
 * The ledger's `weightedMedianTime` (the one rule, also the node's `commitTime`) over the commit's
 * own voters: the earliest time t such that voters holding at least half of the COMMIT's power
 * voted at or before t. The commit holds more than 2/3 of the set's power and faulty validators
 * less than 1/3, so correct voters hold more than half of the commit's power: t lies between two
 * correct voters' times, whatever the faulty ones stamp. (Taking half of the whole set's power
 * instead let faulty voters drag t to their own time when the commit is small; the simulator found
 * it, seed 332, and the node still used it until issue 9: see the regression tests.)
 * Returns null when the votes carry no more than 2/3 of the power (not a commit).
 * Votes without a time, from unknown validators, or repeated validators are ignored.
 */
export function bftTime(set: ValidatorSet, commit: readonly Vote[]): number | null {
  const seen = new Set<string>();
  const weighted: { time: number; power: number }[] = [];
  let commitPower = 0;
  for (const v of commit) {
    if (v.time === undefined || seen.has(v.validator)) continue;
    const power = powerOf(set, v.validator);
    if (power === 0) continue;
    seen.add(v.validator);
    weighted.push({ time: v.time, power });
    commitPower += power;
  }
  if (!isQuorum(set, commitPower)) return null;
  return weightedMedianTime(weighted);
}
