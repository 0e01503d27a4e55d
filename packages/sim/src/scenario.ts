/** A seed → one scenario: validators and powers, Byzantine behaviours, target height and fault schedule. */
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

export interface Scenario {
  readonly seed: number;
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
  /** Until this time the network is lossy (drop, duplicate, delay/reorder) and faults happen; then all heal. */
  readonly faultEnd: number;
  readonly dropP: number;
  readonly duplicateP: number;
  readonly extraDelayMs: number;
  readonly faults: readonly Fault[];
}

export interface ScenarioOptions {
  readonly minValidators: number;
  readonly maxValidators: number;
  readonly minHeights: number;
  readonly maxHeights: number;
  readonly maxFaultEndMs: number;
}

export const defaultScenarioOptions: ScenarioOptions = {
  minValidators: 4,
  maxValidators: 10,
  minHeights: 4,
  maxHeights: 7,
  maxFaultEndMs: 15_000,
};

/** Derives the scenario from the seed alone. */
export function makeScenario(seed: number, options: Partial<ScenarioOptions> = {}): Scenario {
  const opts = { ...defaultScenarioOptions, ...options };
  const rng = new Prng(seed);
  const n = rng.range(opts.minValidators, opts.maxValidators);
  const weighted = rng.chance(0.5);
  const validators = Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    power: weighted ? rng.range(1, 4) : 1,
    behaviour: 'correct' as Behaviour,
  }));
  const total = validators.reduce((s, v) => s + v.power, 0);
  // Byzantine validators: as many as fit strictly under 1/3 of the power, each with a behaviour.
  if (rng.chance(0.6)) {
    let byzPower = 0;
    const wanted = rng.range(1, n);
    let made = 0;
    for (const i of rng.shuffle(validators.map((_, k) => k))) {
      const v = validators[i]!;
      if (made >= wanted || (byzPower + v.power) * 3 >= total) continue;
      byzPower += v.power;
      v.behaviour = rng.pick(BYZANTINE_BEHAVIOURS);
      made++;
    }
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
  if (rng.chance(0.75)) {
    faultEnd = rng.range(1000, opts.maxFaultEndMs);
    dropP = rng.pick([0, 0.05, 0.2, 0.5]);
    duplicateP = rng.pick([0, 0, 0.1, 0.3]);
    extraDelayMs = rng.pick([0, 200, 1000, 3000]);
    const correctNodes = nodeValidator
      .map((v, i) => ({ v, i }))
      .filter((x) => validators[x.v]!.behaviour === 'correct');
    for (let k = rng.range(0, 2); k > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      const groups = nodeValidator.map(() => rng.int(2));
      faults.push({ kind: 'partition', at, until: Math.min(faultEnd, at + rng.range(500, 10_000)), groups });
    }
    for (let k = rng.range(0, 3); k > 0 && correctNodes.length > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      const node = rng.pick(correctNodes).i;
      faults.push({ kind: 'crash', at, node, restartAt: Math.min(faultEnd, at + rng.range(100, 8000)) });
    }
    for (let k = rng.range(0, 2); k > 0; k--) {
      const at = rng.range(0, faultEnd - 1);
      faults.push({ kind: 'pause', at, node: rng.int(nodes), until: at + rng.range(50, 3000) });
    }
  }
  return {
    seed,
    validators,
    nodeValidator,
    clockSkewMs,
    targetHeight,
    faultEnd,
    dropP,
    duplicateP,
    extraDelayMs,
    faults,
  };
}

/** One line a person can read in a failure report. */
export function summarize(s: Scenario): string {
  const byz = s.validators.filter((v) => v.behaviour !== 'correct').map((v) => `${v.id}:${v.behaviour}`);
  const powers = s.validators.map((v) => v.power).join(',');
  return (
    `n=${s.validators.length} powers=[${powers}] byzantine=[${byz.join(' ')}] heights=${s.targetHeight} ` +
    `faultEnd=${s.faultEnd}ms drop=${s.dropP} dup=${s.duplicateP} delay+${s.extraDelayMs}ms ` +
    `faults=[${s.faults.map((f) => `${f.kind}@${f.at}`).join(' ')}]`
  );
}
