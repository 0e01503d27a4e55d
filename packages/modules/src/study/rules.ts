/**
 * Yearly study targets as a versioned rule set: 《中国共产党党员教育管理工作条例》(2019) 第二十条 —
 * members at least 32 学时 a year; branch secretaries and committee members 56 (RULES.md §5: not
 * confirmed for the 2024–2028 plan, so a parameter); a day counts 8 学时, half a day 4 (local practice).
 * A published version is never edited: a new one is added with the year it applies from.
 */
import { cite, DOC } from '../common/cites.ts';

export interface StudyRules {
  readonly version: string;
  /** First year the version applies to. */
  readonly from: number;
  readonly memberHours: number;
  /** 党支部书记 and committee members (any committee post held on the year's last day). */
  readonly cadreHours: number;
  readonly hoursPerDay: number;
  readonly hoursPerHalfDay: number;
  /** Most hours one individual study record may claim (a week of full days). */
  readonly maxHoursPerRecord: number;
  readonly cite: string;
}

export const STUDY_RULES_2019: StudyRules = {
  version: '2019',
  from: 2019,
  memberHours: 32,
  cadreHours: 56,
  hoursPerDay: 8,
  hoursPerHalfDay: 4,
  maxHoursPerRecord: 56,
  cite: cite(DOC.education, 20),
};

export const STUDY_RULES: readonly StudyRules[] = [STUDY_RULES_2019];

/** The version in force for a year: the newest whose `from` is not after it. */
export function studyRulesFor(year: number): StudyRules {
  let found = STUDY_RULES[0]!;
  for (const r of STUDY_RULES) if (r.from <= year) found = r;
  return found;
}
