/**
 * The operation index's rule sets (社区党建标准化运行指数): weights of the three components in percent
 * and the thresholds of its levels, in permille. A published version is never edited; the top 党委
 * adopts another with `insight.adoptRules` (as `recruitment.adoptVersion` adopts a 细则 version), and
 * every index record names the version it was computed with.
 */
import { TRANSFER_REMIND_DAYS } from '../transfer/store.ts';

export interface IndexRules {
  readonly version: string;
  /** Percent; the three sum to 100. */
  readonly weights: { readonly people: number; readonly items: number; readonly links: number };
  /** Levels by the overall figure (permille): at least `good` 良好, at least `fair` 一般, else 需关注. */
  readonly levels: { readonly good: number; readonly fair: number };
  /** Study counts as on pace when hours × 12 ≥ target × months of the year elapsed. */
  readonly studyPace: boolean;
  /**
   * The study pace owed only for the whole months of membership of a member who joined in the year
   * (admitted, imported or transferred in from another chain; study/pace.ts): from `2026-v4` on.
   */
  readonly studyProRata: boolean;
  /**
   * 不漏人, nobody out of contact (失去联系的党员, 《党员教育管理工作条例》; RULES.md §5): months without a
   * sign of contact after which a member counts as possibly out of contact; null: not judged.
   */
  readonly contactMonths: number | null;
  /** 不漏人, roster complete: every member's sealed profile (commitment and reference) recorded. */
  readonly rosterProfile: boolean;
  /**
   * 不漏人, transfers completed on time (组织关系转接, RULES.md §5): days after its request within which
   * the receiving branch answers a transfer inside the chain; a member whose transfer waits on or past
   * that day is missing in each month it waits; null: not judged.
   */
  readonly transferDays: number | null;
}

export const INDEX_RULES_2026: IndexRules = {
  version: '2026',
  weights: { people: 40, items: 30, links: 30 },
  levels: { good: 900, fair: 700 },
  studyPace: true,
  studyProRata: false,
  contactMonths: null,
  rosterProfile: false,
  transferDays: null,
};

/** A stricter variant a 党委 may adopt: items weigh more, higher thresholds. */
export const INDEX_RULES_2026_STRICT: IndexRules = {
  version: '2026-strict',
  weights: { people: 35, items: 40, links: 25 },
  levels: { good: 950, fair: 800 },
  studyPace: true,
  studyProRata: false,
  contactMonths: null,
  rosterProfile: false,
  transferDays: null,
};

/**
 * 2026 with 不漏人 complete (issue 18): the weights and levels of `2026`, and two more checks of each
 * member — nobody out of contact (a 停止党籍 for lost contact on record, or no attended meeting,
 * confirmed dues payment or confirmed study in the last 6 months) and the roster complete (the sealed
 * profile recorded). Versions published before it give the results they always gave.
 */
export const INDEX_RULES_2026_V2: IndexRules = {
  ...INDEX_RULES_2026,
  version: '2026-v2',
  contactMonths: 6,
  rosterProfile: true,
};

/**
 * 2026-v2 with the last check of 不漏人 (issue 18): transfers completed on time — a transfer inside the
 * chain still waiting `TRANSFER_REMIND_DAYS` (30) days after its request (the day the transfer module
 * raises `transfer.unanswered`) lists its member in each month it waits. One definition: the value is
 * the transfer module's, read here; `insight.adoptRules` records it on chain with the version, so a
 * chain keeps the deadline it adopted should the constant change, and each closed record names the
 * deadline it was judged by (`transferDays`). `2026-v2` closes stay as they were.
 */
export const INDEX_RULES_2026_V3: IndexRules = {
  ...INDEX_RULES_2026_V2,
  version: '2026-v3',
  transferDays: TRANSFER_REMIND_DAYS,
};

/**
 * 2026-v3 with the study pace pro-rated (issue 18): 条例第二十条's 32 (56) 学时 a year are owed by a
 * member who joins in the year only for the whole months they belong (study/pace.ts: joined on 1 July,
 * half; on 1 January, all; on a month's last day, from the next month). Closes under earlier versions
 * keep the full year's pace for everyone.
 */
export const INDEX_RULES_2026_V4: IndexRules = {
  ...INDEX_RULES_2026_V3,
  version: '2026-v4',
  studyProRata: true,
};

export const INDEX_RULES: { readonly [version: string]: IndexRules } = {
  [INDEX_RULES_2026.version]: INDEX_RULES_2026,
  [INDEX_RULES_2026_STRICT.version]: INDEX_RULES_2026_STRICT,
  [INDEX_RULES_2026_V2.version]: INDEX_RULES_2026_V2,
  [INDEX_RULES_2026_V3.version]: INDEX_RULES_2026_V3,
  [INDEX_RULES_2026_V4.version]: INDEX_RULES_2026_V4,
};
export const DEFAULT_INDEX_VERSION = INDEX_RULES_2026.version;

/** A share in permille, rounded down (integer arithmetic); 1000 when nothing was owed. */
export const permille = (done: number, owed: number): number =>
  owed === 0 ? 1000 : Math.floor((done * 1000) / owed);

export function overall(rules: IndexRules, people: number, items: number, links: number): number {
  const w = rules.weights;
  return Math.floor((w.people * people + w.items * items + w.links * links) / 100);
}

export type IndexLevel = '良好' | '一般' | '需关注';
export function levelOf(rules: IndexRules, score: number): IndexLevel {
  return score >= rules.levels.good ? '良好' : score >= rules.levels.fair ? '一般' : '需关注';
}
