/** Round timeouts: timeoutX(r) = base + r × delta (paper §3, "timeouts grow per round"). */
import type { Step } from './types.ts';

export interface TimeoutConfig {
  readonly proposeBaseMs: number;
  readonly proposeDeltaMs: number;
  readonly prevoteBaseMs: number;
  readonly prevoteDeltaMs: number;
  readonly precommitBaseMs: number;
  readonly precommitDeltaMs: number;
}

/**
 * Defaults for a consortium on a LAN or WAN. The bases are far above a Node GC pause, and the
 * growth per round means that after any pause or partition the timeouts eventually exceed the real
 * message delay, which is all liveness needs (the paper's argument after GST).
 */
export const defaultTimeoutConfig: TimeoutConfig = {
  proposeBaseMs: 3000,
  proposeDeltaMs: 500,
  prevoteBaseMs: 1000,
  prevoteDeltaMs: 500,
  precommitBaseMs: 1000,
  precommitDeltaMs: 500,
};

/** Duration of the timeout for `step` in `round`. */
export function timeoutMs(config: TimeoutConfig, step: Step, round: number): number {
  switch (step) {
    case 'propose':
      return config.proposeBaseMs + round * config.proposeDeltaMs;
    case 'prevote':
      return config.prevoteBaseMs + round * config.prevoteDeltaMs;
    case 'precommit':
      return config.precommitBaseMs + round * config.precommitDeltaMs;
  }
}
