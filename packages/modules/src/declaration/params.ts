/**
 * Genesis parameters of the declaration module (README "Genesis"): the kinds of personal matters a
 * member declares and the deadlines of each workflow, in calendar days. Without a genesis section
 * the defaults hold and nothing is written to state (existing chains keep their roots).
 */
import type { Value } from '@djchain/crypto';
import type { ReadStore } from '@djchain/runtime';
import { ModuleError } from '../common/errors.ts';
import { getRecord } from '../common/stores.ts';

export interface DeclarationParams {
  /** Kinds of personal matters (领导干部报告个人有关事项 and the like); a local choice. */
  readonly personalKinds: readonly string[];
  /** A superior answers a request or report within this many days of its filing. */
  readonly answerDays: number;
  /** A personal matter is declared within this many days of its date; later filings are flagged. */
  readonly filingDays: number;
  /** A declaration is received within this many days of filing … */
  readonly receiveDays: number;
  /** … and closed (verified, or queried and answered) within this many days of filing. */
  readonly closeDays: number;
}

export type DeclarationGenesis = Partial<DeclarationParams>;

export const DEFAULT_DECLARATION_PARAMS: DeclarationParams = {
  personalKinds: ['婚姻变化', '因私出国（境）', '配偶子女从业', '经商办企业', '受到处理', '其他'],
  answerDays: 15,
  filingDays: 30,
  receiveDays: 5,
  closeDays: 30,
};

export const PARAMS_KEY = 'params';

export function declarationParams(store: ReadStore): DeclarationParams {
  return getRecord<DeclarationParams>(store, PARAMS_KEY) ?? DEFAULT_DECLARATION_PARAMS;
}

const KIND = /^[\p{L}\p{N}（）()、]{1,16}$/u;

/** The genesis section checked and completed with the defaults. */
export function parseDeclarationGenesis(config: Value): DeclarationParams {
  const c = (config ?? {}) as DeclarationGenesis;
  const bad = (why: string) => new ModuleError('MODULES_BAD_GENESIS', `declaration genesis: ${why}`);
  const p = { ...DEFAULT_DECLARATION_PARAMS, ...c };
  const kinds = p.personalKinds;
  if (
    !Array.isArray(kinds) ||
    kinds.length === 0 ||
    kinds.length > 32 ||
    !kinds.every((k) => typeof k === 'string' && KIND.test(k)) ||
    new Set(kinds).size !== kinds.length
  )
    throw bad('personalKinds must be 1 to 32 distinct short names');
  for (const k of ['answerDays', 'filingDays', 'receiveDays', 'closeDays'] as const) {
    const v = p[k];
    if (!Number.isSafeInteger(v) || v < 1 || v > 366) throw bad(`${k} must be a number of days (1 to 366)`);
  }
  if (p.receiveDays > p.closeDays) throw bad('receiveDays cannot exceed closeDays');
  return p;
}
