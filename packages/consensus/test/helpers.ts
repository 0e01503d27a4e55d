/** A 4-validator harness (power 1 each: 2f+1 = 3, f+1 = 2) observed from validator `a`. */
import {
  type Action,
  defaultMachineOptions,
  type Env,
  type Input,
  init,
  type MachineConfig,
  type Proposal,
  type State,
  step,
  type Validator,
  type ValueId,
  type Vote,
} from '@djchain/consensus';

export const VALIDATORS: Validator[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, power: 1 }));
export const H = 1;
// With equal powers the cycle is a, b, c, d and proposer(h, r) = cycle[(h + r) mod 4].
export const PROPOSER = (round: number): string => ['a', 'b', 'c', 'd'][(H + round) % 4]!;

export function makeEnv(valid: (v: ValueId) => boolean = (v) => !v.startsWith('bad'), now = 1000): Env {
  return { isValid: (_h, v) => valid(v), getValue: (h, r) => `new-${h}-${r}`, now: () => now };
}

/** Feeds inputs one after the other, collecting every action. */
export class Harness {
  state: State;
  env: Env;
  log: Action[] = [];
  constructor(config: Partial<MachineConfig> = {}, env: Env = makeEnv()) {
    this.state = init({ ...defaultMachineOptions, self: 'a', ...config });
    this.env = env;
  }
  feed(...inputs: Input[]): Action[] {
    const out: Action[] = [];
    for (const input of inputs) {
      const r = step(this.state, input, this.env);
      this.state = r.state;
      out.push(...r.actions);
    }
    this.log.push(...out);
    return out;
  }
  start(extra: Partial<Extract<Input, { kind: 'start' }>> = {}): Action[] {
    return this.feed({ kind: 'start', height: H, validators: VALIDATORS, prevBlockTime: 500, ...extra });
  }
}

export function proposal(round: number, value: ValueId, validRound = -1, from = PROPOSER(round)): Input {
  const p: Proposal = { height: H, round, value, validRound, proposer: from };
  return { kind: 'proposal', proposal: p };
}

export function prevote(validator: string, round: number, value: ValueId | null): Input {
  return { kind: 'prevote', vote: { type: 'prevote', height: H, round, value, validator } };
}

export function precommit(validator: string, round: number, value: ValueId | null, time = 2000): Input {
  return { kind: 'precommit', vote: { type: 'precommit', height: H, round, value, validator, time } };
}

export function timeout(stepName: 'propose' | 'prevote' | 'precommit', round: number): Input {
  return { kind: 'timeout', step: stepName, height: H, round };
}

export function votesOf(actions: Action[], type?: 'prevote' | 'precommit'): Vote[] {
  return actions
    .filter((a): a is Extract<Action, { kind: 'broadcastVote' }> => a.kind === 'broadcastVote')
    .map((a) => a.vote)
    .filter((v) => type === undefined || v.type === type);
}

export function kinds(actions: Action[]): string[] {
  return actions.map((a) => a.kind);
}

export function timeoutsOf(actions: Action[]): Extract<Action, { kind: 'scheduleTimeout' }>[] {
  return actions.filter(
    (a): a is Extract<Action, { kind: 'scheduleTimeout' }> => a.kind === 'scheduleTimeout',
  );
}

/**
 * Brings `a` (not the proposer in rounds 0–2) to a lock on `value` in `round` (reached through
 * timeouts): proposal, prevotes from a, b, c, so a precommits `value`.
 */
export function lockOn(h: Harness, round: number, value: ValueId): void {
  for (let r = h.state.round; r < round; r++) h.feed(timeout('propose', r), timeout('precommit', r));
  h.feed(proposal(round, value), prevote('b', round, value), prevote('c', round, value));
}
