/**
 * The genesis section `resident`: the community's thresholds of 四议两公开 and the residents' write
 * limits. Every value is local practice (domain/RULES.md §3: "local versions: ≥ 2/3 present at 审议,
 * ≥ 7 days of posting"), so every value is a parameter with that default.
 */
import type { Value } from '@djchain/crypto';
import { ModuleError } from '../common/errors.ts';

/** A share of a total: met when count/total ≥ num/den, or > num/den when `strict`. */
export interface Share {
  readonly num: number;
  readonly den: number;
  readonly strict: boolean;
}

export interface ResidentParams {
  /** 支部会提议: committee members present of those holding committee posts (支部工作条例: more than half). */
  readonly proposeQuorum: Share;
  /** 两委会商议: members of the two committees present. */
  readonly deliberateQuorum: Share;
  /** 党员大会审议: voting members present of those expected (local: at least ⅔). */
  readonly reviewQuorum: Share;
  /** 党员大会审议 passes: yes votes of the expected voting members (支部工作条例: more than half). */
  readonly reviewPass: Share;
  /** Days the reviewed matter is posted before the 居民代表会议 may vote (local: 7). */
  readonly postingDays: number;
  /** 居民代表会议: representatives who voted of those designated at opening (local: at least ⅔). */
  readonly voteQuorum: Share;
  /** 居民代表会议 passes: yes votes of the representatives present (more than half). */
  readonly votePass: Share;
  /** Days after a step within which the next meeting is expected (later ones are marked late). */
  readonly stepWithinDays: number;
  /** Days after the decision within which the resolution is published (later: marked late). */
  readonly publishWithinDays: number;
  /** A resident's writes (comments, votes) per China day and per block. */
  readonly writesPerDay: number;
  readonly writesPerBlock: number;
}

export const DEFAULT_RESIDENT_PARAMS: ResidentParams = {
  proposeQuorum: { num: 1, den: 2, strict: true },
  deliberateQuorum: { num: 1, den: 2, strict: true },
  reviewQuorum: { num: 2, den: 3, strict: false },
  reviewPass: { num: 1, den: 2, strict: true },
  postingDays: 7,
  voteQuorum: { num: 2, den: 3, strict: false },
  votePass: { num: 1, den: 2, strict: true },
  stepWithinDays: 30,
  publishWithinDays: 7,
  writesPerDay: 20,
  writesPerBlock: 1,
};

/** Whether `count` of `total` meets the share (integers only: count·den against num·total). */
export function meets(share: Share, count: number, total: number): boolean {
  const left = count * share.den;
  const right = share.num * total;
  return share.strict ? left > right : left >= right;
}

const SHARES = ['proposeQuorum', 'deliberateQuorum', 'reviewQuorum', 'reviewPass', 'voteQuorum', 'votePass'];
const COUNTS = ['postingDays', 'stepWithinDays', 'publishWithinDays', 'writesPerDay', 'writesPerBlock'];

function bad(message: string): never {
  throw new ModuleError('MODULES_BAD_GENESIS', `resident genesis: ${message}`);
}

/** Checks the genesis section (every field optional); throws with a message a person can act on. */
export function parseResidentGenesis(config: Value): ResidentParams {
  if (config === null || config === undefined) return DEFAULT_RESIDENT_PARAMS;
  if (typeof config !== 'object' || Array.isArray(config) || config instanceof Uint8Array)
    bad('the section must be an object');
  const c = config as { readonly [k: string]: Value };
  const out: { [k: string]: Value } = { ...(DEFAULT_RESIDENT_PARAMS as unknown as { [k: string]: Value }) };
  for (const [k, v] of Object.entries(c)) {
    if (SHARES.includes(k)) {
      const s = v as { num?: Value; den?: Value; strict?: Value };
      const ok =
        typeof s === 'object' &&
        s !== null &&
        Number.isSafeInteger(s.num) &&
        Number.isSafeInteger(s.den) &&
        (s.num as number) >= 1 &&
        (s.den as number) >= (s.num as number) &&
        (s.den as number) <= 100 &&
        typeof s.strict === 'boolean';
      if (!ok) bad(`${k} must be { num, den, strict } with 1 ≤ num ≤ den ≤ 100`);
      out[k] = { num: s.num as number, den: s.den as number, strict: s.strict as boolean };
    } else if (COUNTS.includes(k)) {
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 3660)
        bad(`${k} must be an integer from 0 to 3660`);
      out[k] = v;
    } else bad(`unknown field ${k}`);
  }
  if ((out.writesPerBlock as number) < 1 || (out.writesPerDay as number) < 1)
    bad('writesPerBlock and writesPerDay must be at least 1');
  return out as unknown as ResidentParams;
}

/** The parameters in force (written at genesis; the defaults on a chain whose genesis had none). */
export function residentParams(store: { get(key: string): Value | undefined }): ResidentParams {
  const v = store.get(PARAMS_KEY);
  return v === undefined ? DEFAULT_RESIDENT_PARAMS : (v as unknown as ResidentParams);
}
export const PARAMS_KEY = 'params';
