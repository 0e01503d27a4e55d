/**
 * The monthly dues amount (党费) as ONE pure function of (group, base, rule version), used by the
 * chain, the CLI, the web app and the import alike.
 *
 * 《关于中国共产党党费收缴、使用和管理的规定》(中组发〔2008〕3号) 第二条 to 第六条:
 * - on salary, on an annual-salary system (pay received that month) and self-employed without a
 *   monthly income (last quarter's average monthly net income): ≤ 3000 元 0.5%, ≤ 5000 元 1%,
 *   ≤ 10000 元 1.5%, above 2%;
 * - retired (pension): ≤ 5000 元 0.5%, above 1%;
 * - farmers: 0.2 to 1 元 a month, set by the branch;
 * - students, the unemployed, members on relief or 低保: 0.2 元 a month.
 * The rate applies to the WHOLE base (3000.00 元 → 15.00 元; 3000.01 元 → 30.00 元).
 *
 * Money is integer fen. Rounding: half up to the fen — amount = floor((base × bp + 5000) / 10000)
 * where bp is the rate in basis points (0.5% = 50). Every product stays below 2^53.
 */
import { cite, DOC } from '../common/cites.ts';
import type { YearMonth } from '../common/months.ts';

export const DUES_GROUPS = [
  '在职',
  '年薪制',
  '个体经营',
  '离退休',
  '农民',
  '学生',
  '下岗失业',
  '低保或救济',
] as const;
export type DuesGroup = (typeof DUES_GROUPS)[number];

/** Groups whose amount is a rate of a base (the base is personal data, sealed off chain). */
export const BASED_GROUPS: readonly DuesGroup[] = ['在职', '年薪制', '个体经营', '离退休'];

/** One bracket: bases up to `upTo` fen (inclusive; null = no upper bound) pay `bp` basis points. */
export interface Bracket {
  readonly upTo: number | null;
  readonly bp: number;
}

export interface DuesRule {
  /** Version id, e.g. '2008'. */
  readonly version: string;
  /** First month the version applies to (a revision changes amounts from its month only). */
  readonly from: YearMonth;
  readonly source: string;
  readonly salaried: readonly Bracket[];
  readonly retired: readonly Bracket[];
  /** Farmers: the branch sets an amount in this range (fen). */
  readonly farmer: { readonly min: number; readonly max: number };
  /** Students, unemployed, relief / 低保 (fen). */
  readonly minimal: number;
  /** Largest monthly base accepted (fen): anything above is a typing error, not an income. */
  readonly maxBase: number;
  /** Months of arrears that may be paid back without a stated reason. */
  readonly backPayMonths: number;
  /** Consecutive unpaid months that raise a warning to the member and the branch. */
  readonly warnAfter: number;
  /** Consecutive unpaid months without an approved reason that open a 自行脱党 case (党章第九条). */
  readonly lapseAfter: number;
}

export const DUES_SOURCE = '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）';

export const DUES_RULE_2008: DuesRule = {
  version: '2008',
  from: '2008-04',
  source: DUES_SOURCE,
  salaried: [
    { upTo: 300_000, bp: 50 },
    { upTo: 500_000, bp: 100 },
    { upTo: 1_000_000, bp: 150 },
    { upTo: null, bp: 200 },
  ],
  retired: [
    { upTo: 500_000, bp: 50 },
    { upTo: null, bp: 100 },
  ],
  farmer: { min: 20, max: 100 },
  minimal: 20,
  maxBase: 100_000_000,
  backPayMonths: 6,
  warnAfter: 3,
  lapseAfter: 6,
};

/** Every rule version, oldest first. */
export const DUES_RULES: readonly DuesRule[] = [DUES_RULE_2008];

/** The version in force for a month: the newest whose `from` is not after it. */
export function duesRuleFor(month: YearMonth): DuesRule {
  let rule = DUES_RULES[0]!;
  for (const r of DUES_RULES) if (r.from <= month) rule = r;
  return rule;
}

export function duesRuleByVersion(version: string): DuesRule | undefined {
  return DUES_RULES.find((r) => r.version === version);
}

export type DuesAmount =
  | { readonly ok: true; readonly fen: number; readonly bp: number | null; readonly rule: string }
  | {
      readonly ok: false;
      readonly code: 'DUES_BAD_BASE' | 'DUES_BAD_FARMER_AMOUNT' | 'DUES_NO_BASE';
      readonly cite: string;
    };

/** The article of the 规定 that sets each group's base and rate (第一条 defines the salary base). */
export const GROUP_ARTICLE: { readonly [G in DuesGroup]: number } = {
  在职: 2,
  年薪制: 3,
  个体经营: 4,
  离退休: 5,
  农民: 6,
  学生: 6,
  下岗失业: 6,
  低保或救济: 6,
};

/** Half up to the fen: base × bp / 10000 in integers. */
export function applyRate(baseFen: number, bp: number): number {
  return Math.floor((baseFen * bp + 5000) / 10000);
}

function bracketOf(brackets: readonly Bracket[], baseFen: number): number {
  for (const b of brackets) if (b.upTo === null || baseFen <= b.upTo) return b.bp;
  return brackets[brackets.length - 1]!.bp;
}

/**
 * The monthly amount. `base` is the monthly base in fen for the based groups, the amount the
 * branch set for farmers, and ignored otherwise.
 */
export function monthlyDues(rule: DuesRule, group: DuesGroup, base: number | null): DuesAmount {
  if (group === '学生' || group === '下岗失业' || group === '低保或救济')
    return { ok: true, fen: rule.minimal, bp: null, rule: rule.version };
  if (group === '农民') {
    if (base === null || !Number.isSafeInteger(base) || base < rule.farmer.min || base > rule.farmer.max)
      return { ok: false, code: 'DUES_BAD_FARMER_AMOUNT', cite: cite(DOC.dues, 6) };
    return { ok: true, fen: base, bp: null, rule: rule.version };
  }
  const article = cite(DOC.dues, GROUP_ARTICLE[group]);
  if (base === null) return { ok: false, code: 'DUES_NO_BASE', cite: article };
  if (!Number.isSafeInteger(base) || base < 0 || base > rule.maxBase)
    return { ok: false, code: 'DUES_BAD_BASE', cite: article };
  const bp = bracketOf(group === '离退休' ? rule.retired : rule.salaried, base);
  return { ok: true, fen: applyRate(base, bp), bp, rule: rule.version };
}

/**
 * Whether `fen` is an amount the rule can give this group for some base, and at which rate: the
 * chain never sees the base, but it refuses an amount no base could produce (e.g. 20.00 元 for a
 * salaried member: 0.5% of at most 3000 元 is 15.00 元, 1% of more than 3000 元 is 30.00 元 or more).
 */
export function possibleAmount(rule: DuesRule, group: DuesGroup, fen: number): { bp: number | null } | null {
  if (!Number.isSafeInteger(fen) || fen < 0) return null;
  if (group === '学生' || group === '下岗失业' || group === '低保或救济')
    return fen === rule.minimal ? { bp: null } : null;
  if (group === '农民') return fen >= rule.farmer.min && fen <= rule.farmer.max ? { bp: null } : null;
  const brackets = group === '离退休' ? rule.retired : rule.salaried;
  let lo = 0;
  for (const b of brackets) {
    const hi = b.upTo ?? rule.maxBase;
    // Every amount between the ends is reached: one fen more of base adds less than one fen.
    if (fen >= applyRate(lo, b.bp) && fen <= applyRate(hi, b.bp)) return { bp: b.bp };
    lo = hi + 1;
  }
  return null;
}
