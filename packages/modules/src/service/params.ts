/**
 * The genesis section `service`: the community's own service rules (《社区党群服务中心服务规则》) as
 * configuration — the days each step of an order may take, counted in chain time (China dates of
 * the blocks), and when a late step goes on from the grid leader to the committee. No national
 * article sets these; every value is the community's, with these defaults.
 */
import type { Value } from '@djchain/crypto';
import { ModuleError } from '../common/errors.ts';

export interface ServiceParams {
  /** Days from an order (or a refusal) within which the centre dispatches it (派单). */
  readonly dispatchWithinDays: number;
  /** Days from dispatch within which the provider accepts or refuses (接单). */
  readonly acceptWithinDays: number;
  /** Days from acceptance within which the service is done (or reported failed). */
  readonly doneWithinDays: number;
  /** Days from completion within which the resident confirms and rates (评单). */
  readonly confirmWithinDays: number;
  /** Days past a step's due day after which the escalation goes on from the grid leader to the committee. */
  readonly committeeAfterDays: number;
  /** The most minutes one completed service may count. */
  readonly maxMinutes: number;
  /**
   * The most active orders (ordered, dispatched or accepted) one resident may have at a time,
   * whoever placed them: one key cannot flood the board or take an item's whole capacity.
   */
  readonly openPerResident: number;
}

export const DEFAULT_SERVICE_PARAMS: ServiceParams = {
  dispatchWithinDays: 1,
  acceptWithinDays: 2,
  doneWithinDays: 7,
  confirmWithinDays: 7,
  committeeAfterDays: 3,
  maxMinutes: 480,
  openPerResident: 5,
};

export const PARAMS_KEY = 'params';

/**
 * The highest `openPerResident` a genesis may set. At the default 5 the board (2,000 orders read)
 * holds every active order of 400 residents all at their limit at once, the daily escalation scan
 * (10,000) those of 2,000; beyond that both read the oldest orders first (store.ts, `open`), so
 * what a burst pushes out of reach is the newest orders, never an old (late) one.
 */
export const MAX_OPEN_PER_RESIDENT = 20;

function bad(message: string): never {
  throw new ModuleError('MODULES_BAD_GENESIS', `service genesis: ${message}`);
}

export function parseServiceGenesis(config: Value): ServiceParams {
  if (config === null || config === undefined) return DEFAULT_SERVICE_PARAMS;
  if (typeof config !== 'object' || Array.isArray(config) || config instanceof Uint8Array)
    bad('the section must be an object');
  const out: { [k: string]: number } = { ...(DEFAULT_SERVICE_PARAMS as unknown as { [k: string]: number }) };
  for (const [k, v] of Object.entries(config as { readonly [k: string]: Value })) {
    if (!(k in out)) bad(`unknown field ${k}`);
    const min = k === 'maxMinutes' || k === 'openPerResident' ? 1 : 0;
    const max = k === 'openPerResident' ? MAX_OPEN_PER_RESIDENT : 3660;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
      bad(`${k} must be an integer from ${min} to ${max}`);
    out[k] = v;
  }
  return out as unknown as ServiceParams;
}

export function serviceParams(store: { get(key: string): Value | undefined }): ServiceParams {
  const v = store.get(PARAMS_KEY);
  return v === undefined ? DEFAULT_SERVICE_PARAMS : (v as unknown as ServiceParams);
}
