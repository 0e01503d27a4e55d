/** The recruitment module's records: one process per candidate, local rules, settings. */
import type { Value } from '@djchain/crypto';
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import { RECRUITMENT_PHASES } from '../lists.ts';
import type { RecruitmentParams } from './params.ts';

/** The recruitment phases in the order of the process (lists.ts: the web app shows them). */
export const PHASES = RECRUITMENT_PHASES;
export type Phase = (typeof PHASES)[number];

/** One recorded step: when, by whom (member id), on whose behalf, plus step data. */
export interface StepRecord {
  readonly on: IsoDate;
  readonly by: string;
  readonly onBehalfOf: string | null;
  readonly data: { readonly [key: string]: Value };
}

export interface Process {
  readonly member: string;
  readonly branch: string;
  /** Rule set the process started under; it finishes under it (no silent migration). */
  readonly version: string;
  /** National parameters of the version tightened by local rules in force at the application. */
  readonly params: RecruitmentParams;
  readonly phase: Phase;
  readonly steps: { readonly [step: string]: StepRecord };
  readonly contacts: readonly string[];
  readonly introducers: readonly string[];
  readonly assessments: readonly IsoDate[];
  readonly materials: { readonly [kind: string]: string };
  readonly probationEnd: IsoDate | null;
  readonly extended: boolean;
  /**
   * A discipline outcome decided by the branch (条例第三十六条: 延长预备期 or 取消预备党员资格) awaiting the
   * superior's approval (党章第七条), by the case id it was recorded under. Absent when none.
   */
  readonly disciplinePending?: string | null;
  readonly partyAgeFrom: IsoDate | null;
}

export const recruitmentKeys = {
  process: (member: string) => `p${SEP}${member}`,
  processPrefix: `p${SEP}`,
  /** Ended processes are kept under history so a new application can start. */
  past: (member: string, seq: number) => `e${SEP}${member}${SEP}${String(seq).padStart(4, '0')}`,
  pastPrefix: (member: string) => `e${SEP}${member}${SEP}`,
  local: (org: string) => `l${SEP}${org}`,
  activeVersion: 'activeVersion',
  lastCheck: 'lastCheck',
  warned: (member: string, kind: string, due: string, level: string) =>
    `w${SEP}${member}${SEP}${kind}${SEP}${due}${SEP}${level}`,
};

export function getProcess(store: ReadStore, member: string): Process | undefined {
  return getRecord<Process>(store, recruitmentKeys.process(member));
}
