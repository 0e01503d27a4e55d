/**
 * The watch after a signer-state reset (issue 9). A validator whose directory was wiped, restored
 * or re-bootstrapped from a snapshot does not know what its key signed before; `--signer-state-reset`
 * puts the floor at the whole next height of ITS chain data — but a snapshot from a lagging peer
 * starts that data below the heights the key may have signed at (it may have signed at the
 * network's tip T, and the peer served a state of T − 3). So, after a reset, the node signs nothing
 * (the driver holds each height it enters) until it has heard where the other validators are —
 * each one's highest height, from its `status` and its verified votes — from validators with at
 * least 2/3 of the power (all the others when they hold less). Then the floor becomes the whole
 * of height Q + 1, where Q is the highest height that validators with more than 1/3 of the power
 * have reached: at least one correct validator is there, so Q is at most the tip (a Byzantine claim
 * of a far height cannot stop the node for good), and Q + 1 covers the tip the key may have signed
 * at when correct validators lag a height behind it (they had not yet seen the commit it saw).
 * Pure: the driver feeds the claims and applies the result.
 *
 * A safeguard, not a proof: correct validators lagging together with Byzantine ones claiming low
 * heights can leave Q below a height the key signed at, and a validator down keeps the watch open
 * while the others hold less than 2/3 without it. The chain's safety does not rest on it (an
 * amnesiac validator is one of the f faulty); the operator's confirmation before a reset stays.
 */
import type { ValidatorSet } from '@djchain/consensus';

/**
 * The height whose whole the floor must cover once enough validators are heard (Q + 1), or null
 * while too few are. `claims`: validator id → the highest height it was heard at.
 */
export function watchFloorHeight(
  claims: ReadonlyMap<string, number>,
  set: ValidatorSet,
  self: string,
): number | null {
  const others = set.validators.filter((v) => v.id !== self);
  const othersPower = others.reduce((n, v) => n + v.power, 0);
  const heard = others.filter((v) => claims.has(v.id));
  const heardPower = heard.reduce((n, v) => n + v.power, 0);
  if (3 * heardPower < 2 * set.totalPower && heardPower < othersPower) return null;
  // Highest first (equal heights give the same answer in any order).
  const byHeight = heard
    .map((v) => ({ power: v.power, height: claims.get(v.id)! }))
    .sort((a, b) => b.height - a.height);
  let power = 0;
  for (const c of byHeight) {
    power += c.power;
    if (3 * power > set.totalPower) return c.height + 1;
  }
  // The others hold at most 1/3 (one validator alone, or this one holds the rest): every one of
  // them was heard; the highest of their heights.
  return (byHeight[0]?.height ?? 0) + 1;
}
