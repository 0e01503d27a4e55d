/**
 * Recruitment parameters. National values come from the rule set's version; local rules may only
 * tighten them: a 'min' parameter may be raised, a 'max' (deadline) parameter lowered or set where
 * the national rule sets none. Rules marked [verify] in RULES.md are parameters, never constants.
 */
export interface RecruitmentParams {
  /** 党章第一条: 18 full years on the application date. */
  readonly minAge: number;
  /** 细则第七条: talk within 1 month of the application. */
  readonly talkWithinMonths: number;
  /** Local rule (3–6 months): minimum time from application to activist; national 0. */
  readonly applyToActivistMinMonths: number;
  /** 细则第十三条: activist at least 1 year before 发展对象. */
  readonly activistMinMonths: number;
  /** Assessment of activists every half year (2026 第十一条 [verify]); null = not checked. */
  readonly assessmentEveryMonths: number | null;
  /** Publicity before naming 发展对象, in working days (2026 第十三条 [verify]). */
  readonly publicityWorkingDays: number;
  /**
   * Publicity of a conversion before the branch meeting, in working days: no national rule (细则第三十三条
   * asks the opinions of members and residents); local rules publicize "at four points" for 5
   * working days [verify]. null = not required (a publicity started anyway must run out first).
   */
  readonly conversionPublicityWorkingDays: number | null;
  /** 培养联系人: 1–2 full members (细则第九条). */
  readonly maxContacts: number;
  /** 细则第十七条: training ≥ 3 days or ≥ 24 学时. */
  readonly trainingMinDays: number;
  readonly trainingMinHours: number;
  /** Local rule: political review valid N months; null = no limit. */
  readonly politicalReviewValidMonths: number | null;
  /** Branch meeting within N months of the pre-review (2026 第十九条 [verify]); null = none. */
  readonly meetingAfterPreReviewMonths: number | null;
  /** Superior approval within 3 months of the branch resolution, 6 in special cases (细则第二十四条 [verify]). */
  readonly approvalWithinMonths: number;
  readonly approvalSpecialMonths: number;
  /** Oath within N months of approval (2026 第二十九条 [verify]); null = none. */
  readonly oathWithinMonths: number | null;
  /** 党章第七条: probation 1 year; extension once, 6–12 months. */
  readonly probationMonths: number;
  readonly extensionMinMonths: number;
  readonly extensionMaxMonths: number;
  /** Warnings are raised this many days before a deadline. */
  readonly dueSoonDays: number;
}

export type ParamName = keyof RecruitmentParams;

/** How a local rule may change each parameter: raise a minimum, lower a maximum, or not at all. */
export const tightening: { readonly [K in ParamName]: 'raise' | 'lower' | 'fixed' } = {
  minAge: 'fixed',
  talkWithinMonths: 'lower',
  applyToActivistMinMonths: 'raise',
  activistMinMonths: 'raise',
  assessmentEveryMonths: 'lower',
  publicityWorkingDays: 'raise',
  conversionPublicityWorkingDays: 'raise',
  maxContacts: 'lower',
  trainingMinDays: 'raise',
  trainingMinHours: 'raise',
  politicalReviewValidMonths: 'lower',
  meetingAfterPreReviewMonths: 'lower',
  approvalWithinMonths: 'lower',
  approvalSpecialMonths: 'lower',
  oathWithinMonths: 'lower',
  probationMonths: 'fixed',
  extensionMinMonths: 'fixed',
  extensionMaxMonths: 'fixed',
  dueSoonDays: 'raise',
};

/** Whether `local` tightens (or keeps) `national` for parameter `name`. */
export function isTightening(name: ParamName, national: number | null, local: number | null): boolean {
  const how = tightening[name];
  if (how === 'fixed') return local === national;
  if (local === null) return national === null;
  if (how === 'raise') return national === null || local >= national;
  return national === null || local <= national;
}

/** National parameters tightened by each local rule set (outermost first). */
export function tighten(
  national: RecruitmentParams,
  locals: readonly { readonly [name: string]: number | null }[],
): RecruitmentParams {
  const out: { [K in ParamName]: number | null } = { ...national };
  for (const local of locals) {
    for (const name of Object.keys(local).sort() as ParamName[]) {
      const v = local[name];
      if (v === undefined || v === null || !(name in tightening)) continue;
      const cur = out[name];
      const how = tightening[name];
      if (how === 'raise') out[name] = cur === null ? v : Math.max(cur, v);
      else if (how === 'lower') out[name] = cur === null ? v : Math.min(cur, v);
    }
  }
  return out as unknown as RecruitmentParams;
}
