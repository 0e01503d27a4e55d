/** Validator sets, voting-power thresholds and proposer selection. */

import { ConsensusError } from './errors.ts';
import type { Validator, ValidatorSet } from './types.ts';

/** Sorts by id and totals the power. Throws on an empty set, duplicate ids or non-positive powers. */
export function makeValidatorSet(validators: readonly Validator[]): ValidatorSet {
  if (validators.length === 0) throw new ConsensusError('CONSENSUS_BAD_VALIDATORS', 'empty validator set');
  const sorted = [...validators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (!Number.isSafeInteger(v.power) || v.power <= 0) {
      throw new ConsensusError('CONSENSUS_BAD_VALIDATORS', `power of ${v.id} must be a positive integer`);
    }
    if (i > 0 && sorted[i - 1]!.id === v.id)
      throw new ConsensusError('CONSENSUS_BAD_VALIDATORS', `duplicate ${v.id}`);
    total += v.power;
  }
  if (total > Number.MAX_SAFE_INTEGER / 4)
    throw new ConsensusError('CONSENSUS_BAD_VALIDATORS', 'total power too large');
  return { validators: sorted, totalPower: total };
}

/** Voting power of a validator, 0 when it is not in the set. */
export function powerOf(set: ValidatorSet, id: string): number {
  let index = powers.get(set);
  if (!index) {
    index = new Map(set.validators.map((v) => [v.id, v.power]));
    powers.set(set, index);
  }
  return index.get(id) ?? 0;
}

// PERF: power lookups happen for every vote counted; index each set once.
const powers = new WeakMap<ValidatorSet, Map<string, number>>();

/** "2f + 1" of the paper with weighted votes: strictly more than 2/3 of the total power. */
export function isQuorum(set: ValidatorSet, power: number): boolean {
  return power * 3 > set.totalPower * 2;
}

/** "f + 1" of the paper with weighted votes: strictly more than 1/3 of the total power. */
export function isOneThird(set: ValidatorSet, power: number): boolean {
  return power * 3 > set.totalPower;
}

/** Sum of the powers of distinct ids (ids not in the set count 0). */
export function powerOfIds(set: ValidatorSet, ids: Iterable<string>): number {
  const seen = new Set<string>();
  let sum = 0;
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    sum += powerOf(set, id);
  }
  return sum;
}

// Longest proposer cycle computed; larger totals are scaled down (each validator keeps ≥ 1 slot).
const MAX_CYCLE = 1 << 16;
const cycles = new WeakMap<ValidatorSet, readonly string[]>();

/**
 * The cycle of smooth weighted round-robin (each validator appears `power` times per cycle, spread
 * evenly; the same idea as Tendermint's proposer priority, without state carried across heights).
 */
function cycleOf(set: ValidatorSet): readonly string[] {
  const cached = cycles.get(set);
  if (cached) return cached;
  const scale = set.totalPower > MAX_CYCLE ? MAX_CYCLE / set.totalPower : 1;
  const weights = set.validators.map((v) => Math.max(1, Math.floor(v.power * scale)));
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const out: string[] = [];
  for (let k = 0; k < total; k++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i]! += weights[i]!;
      if (current[i]! > current[best]!) best = i; // ties go to the lower id: deterministic
    }
    current[best]! -= total;
    out.push(set.validators[best]!.id);
  }
  cycles.set(set, out);
  return out;
}

/**
 * proposer(h, r) of the paper: position (h + r) mod T in the weighted round-robin cycle, so the
 * proposer rotates both across heights and across the rounds of one height, each validator
 * proposing in proportion to its power.
 */
export function proposer(set: ValidatorSet, height: number, round: number): string {
  const cycle = cycleOf(set);
  return cycle[(height + round) % cycle.length]!;
}
