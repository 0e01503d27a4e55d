/** Explicit scenarios for targeted tests (the seed runs use `makeScenario`). */
import type { Behaviour, Scenario } from '@djchain/sim';

export function plainScenario(powers: readonly number[], extra: Partial<Scenario> = {}): Scenario {
  const validators = powers.map((power, i) => ({ id: `v${i}`, power, behaviour: 'correct' as Behaviour }));
  return {
    seed: 1,
    profile: 'mixed',
    validators,
    nodeValidator: validators.map((_, i) => i),
    clockSkewMs: validators.map((_, i) => (i * 37) % 90),
    targetHeight: 5,
    faultEnd: 0,
    dropP: 0,
    duplicateP: 0,
    extraDelayMs: 0,
    gossipIntervalMs: 1000,
    faults: [],
    ...extra,
  };
}

/** The same scenario with validator `index` given a Byzantine behaviour (a twin gets a second node). */
export function withByzantine(s: Scenario, index: number, behaviour: Behaviour): Scenario {
  const validators = s.validators.map((v, i) => (i === index ? { ...v, behaviour } : v));
  const nodeValidator = behaviour === 'twin' ? [...s.nodeValidator, index] : s.nodeValidator;
  const clockSkewMs = nodeValidator.map((_, i) => s.clockSkewMs[i] ?? 0);
  return { ...s, validators, nodeValidator, clockSkewMs };
}
