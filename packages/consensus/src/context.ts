/** The working copy one `step` mutates; callers only ever see the finished, new `State`. */
import type { Action, Env, RoundMessages, State } from './types.ts';

export type Draft = { -readonly [K in Exclude<keyof State, 'rounds'>]: State[K] } & {
  rounds: Record<number, RoundMessages>;
};

export interface Ctx {
  readonly s: Draft;
  readonly env: Env;
  readonly actions: Action[];
}

const emptyRound: RoundMessages = { proposal: null, prevotes: {}, precommits: {}, conflicts: [] };

export function roundAt(s: Draft | State, round: number): RoundMessages {
  return s.rounds[round] ?? emptyRound;
}

/** Rounds holding messages, ascending (record keys are not trusted for order). */
export function roundNumbers(s: Draft | State): number[] {
  return Object.keys(s.rounds)
    .map(Number)
    .sort((a, b) => a - b);
}
