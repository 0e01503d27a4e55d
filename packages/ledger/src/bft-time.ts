/**
 * BFT time (DESIGN §4): the one rule for a block's time, used by the node (from a stored commit
 * certificate, `commitTime`) and by the consensus machine (from its precommits, `bftTime`).
 */

/** One voter's precommit time and voting power (each voter once). */
export interface TimedPower {
  readonly time: number;
  readonly power: number;
}

/**
 * Weighted median over the voters' OWN power (as CometBFT's MedianTime): the earliest time t such
 * that voters holding at least half of the power in `entries` voted at or before t. When `entries`
 * hold more than 2/3 of a set's power and faulty voters less than 1/3, correct voters hold more than
 * half of the entries' power, so t lies between two correct voters' times whatever the faulty ones
 * stamp. (Half of the WHOLE set's power instead lets 2 faulty of 7 pick the time of a 5-vote commit.)
 * Returns null for no entries.
 */
export function weightedMedianTime(entries: readonly TimedPower[]): number | null {
  const sorted = [...entries].sort((a, b) => a.time - b.time);
  let total = 0;
  for (const e of sorted) total += e.power;
  let cumulative = 0;
  for (const e of sorted) {
    cumulative += e.power;
    if (cumulative * 2 >= total && cumulative > 0) return e.time;
  }
  return null;
}
