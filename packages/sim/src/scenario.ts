/**
 * A seed → one scenario: validators and powers, Byzantine behaviours, target height, network
 * quality and fault schedule. Two profiles: `mixed` (4–10 validators, every behaviour and fault
 * kind, mostly short fault windows) and `hostile` (4–7 validators, an amnesiac proposer and
 * equivocators at the f bound, a lossy network for most of the run and slow re-gossip: the profile
 * in which a broken lock rule turns into a fork, see the broken-machine test).
 */
import { type Behaviour, BYZANTINE_BEHAVIOURS } from './byzantine.ts';
import { Prng } from './prng.ts';

export type Fault =
  | { readonly kind: 'crash'; readonly at: number; readonly node: number; readonly restartAt: number }
  | {
      readonly kind: 'partition';
      readonly at: number;
      readonly until: number;
      readonly groups: readonly number[];
    }
  | { readonly kind: 'pause'; readonly at: number; readonly node: number; readonly until: number };

export type Profile = 'mixed' | 'hostile';

export interface Scenario {
  readonly seed: number;
  readonly profile: Profile;
  /** Validators v0…v(n−1) with their powers and behaviours. */
  readonly validators: readonly {
    readonly id: string;
    readonly power: number;
    readonly behaviour: Behaviour;
  }[];
  /** Node i runs validator nodeValidator[i] (a twin is a second node for the same validator). */
  readonly nodeValidator: readonly number[];
  readonly clockSkewMs: readonly number[];
  readonly targetHeight: number;
  /** Until this time the network is lossy (drop, duplicate, delay/reorder); then it heals. */
  readonly faultEnd: number;
  readonly dropP: number;
  readonly duplicateP: number;
  readonly extraDelayMs: number;
  /** How often a node whose height did not move re-announces what it holds. */
  readonly gossipIntervalMs: number;
  readonly faults: readonly Fault[];
}

export interface ScenarioOptions {
  readonly minValidators: number;
  readonly maxValidators: number;
  readonly minHeights: number;
  readonly maxHeights: number;
  readonly maxFaultEndMs: number;
  /** Probability of the hostile profile (1 forces it, 0 never). */
  readonly hostileP: number;
}

export const defaultScenarioOptions: ScenarioOptions = {
  minValidators: 4,
  maxValidators: 10,
  minHeights: 4,
  maxHeights: 7,
  maxFaultEndMs: 15_000,
  hostileP: 0.25,
};

type MutableValidator = { id: string; power: number; behaviour: Behaviour };

/** Marks validators Byzantine (behaviours drawn from `pool`) while their power stays below 1/3. */
function makeByzantine(
  rng: Prng,
  validators: MutableValidator[],
  pool: readonly Behaviour[],
  wanted: number,
): void {
  const total = validators.reduce((s, v) => s + v.power, 0);
  let byzPower = 0;
  let made = 0;
  for (const i of rng.shuffle(validators.map((_, k) => k))) {
    const v = validators[i]!;
    if (made >= wanted || (byzPower + v.power) * 3 >= total) continue;
    byzPower += v.power;
    v.behaviour = made === 0 ? pool[0]! : rng.pick(pool);
    made++;
  }
}

/** Derives the scenario from the seed alone. */
export function makeScenario(seed: number, options: Partial<ScenarioOptions> = {}): Scenario {
  const opts = { ...defaultScenarioOptions, ...options };
  const rng = new Prng(seed);
  const hostile = rng.chance(opts.hostileP);
  const n = hostile
    ? rng.range(opts.minValidators, Math.min(7, opts.maxValidators))
    : rng.range(opts.minValidators, opts.maxValidators);
  const weighted = rng.chance(0.5);
  const validators: MutableValidator[] = Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    power: weighted ? rng.range(1, 4) : 1,
    behaviour: 'correct',
  }));
  if (hostile) {
    makeByzantine(rng, validators, ['amnesiacProposer', 'equivocatingVoter', 'amnesiacProposer'], n);
  } else if (rng.chance(0.6)) {
    makeByzantine(rng, validators, rng.shuffle(BYZANTINE_BEHAVIOURS), rng.range(1, n));
  }
  const nodeValidator: number[] = validators.map((_, i) => i);
  validators.forEach((v, i) => {
    if (v.behaviour === 'twin') nodeValidator.push(i);
  });
  const nodes = nodeValidator.length;
  const clockSkewMs = nodeValidator.map(() => rng.range(-100, 100));
  const targetHeight = rng.range(opts.minHeights, opts.maxHeights);

  const faults: Fault[] = [];
  let faultEnd = 0;
  let dropP = 0;
  let duplicateP = 0;
  let extraDelayMs = 0;
  let gossipIntervalMs = 1000;
  if (hostile) {
    faultEnd = rng.range(opts.maxFaultEndMs, opts.maxFaultEndMs * 2);
    dropP = rng.pick([0.1, 0.3, 0.5]);
    extraDelayMs = rng.pick([0, 200, 1000]);
    gossipIntervalMs = 5000;
  } else if (rng.chance(0.75)) {
    faultEnd = rng.range(1000, opts.maxFaultEndMs);
    dropP = rng.pick([0, 0.05, 0.2, 0.5]);
    duplicateP = rng.pick([0, 0, 0.1, 0.3]);
    extraDelayMs = rng.pick([0, 200, 1000, 3000]);
    gossipIntervalMs = rng.pick([1000, 1000, 2000]);
  }
  if (faultEnd > 0) {
    const correctNodes = nodeValidator
      .map((v, i) => ({ v, i }))
      .filter((x) => validators[x.v]!.behaviour === 'correct');
    for (let k = rng.range(0, 2); k > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      const groups = nodeValidator.map(() => rng.int(2));
      faults.push({ kind: 'partition', at, until: Math.min(faultEnd, at + rng.range(500, 10_000)), groups });
    }
    for (let k = hostile ? 0 : rng.range(0, 3); k > 0 && correctNodes.length > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      const node = rng.pick(correctNodes).i;
      faults.push({ kind: 'crash', at, node, restartAt: Math.min(faultEnd, at + rng.range(100, 8000)) });
    }
    for (let k = hostile ? 0 : rng.range(0, 2); k > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      faults.push({ kind: 'pause', at, node: rng.int(nodes), until: at + rng.range(50, 3000) });
    }
  }
  return {
    seed,
    profile: hostile ? 'hostile' : 'mixed',
    validators,
    nodeValidator,
    clockSkewMs,
    targetHeight,
    faultEnd,
    dropP,
    duplicateP,
    extraDelayMs,
    gossipIntervalMs,
    faults,
  };
}

/** One line a person can read in a failure report. */
export function summarize(s: Scenario): string {
  const byz = s.validators.filter((v) => v.behaviour !== 'correct').map((v) => `${v.id}:${v.behaviour}`);
  const powers = s.validators.map((v) => v.power).join(',');
  return (
    `${s.profile} n=${s.validators.length} powers=[${powers}] byzantine=[${byz.join(' ')}] heights=${s.targetHeight} ` +
    `faultEnd=${s.faultEnd}ms drop=${s.dropP} dup=${s.duplicateP} delay+${s.extraDelayMs}ms gossip=${s.gossipIntervalMs}ms ` +
    `faults=[${s.faults.map((f) => `${f.kind}@${f.at}`).join(' ')}]`
  );
}
