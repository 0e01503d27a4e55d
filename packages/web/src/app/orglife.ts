/**
 * The organizational life records as the orglife and study queries return them (@djchain/modules
 * src/orglife/store.ts, queries.ts; src/study/progress.ts), and the few derivations the pages share.
 */
import { MEETING_KINDS } from '@djchain/modules/lists';

export { MEETING_KINDS };
export type MeetingKind = (typeof MEETING_KINDS)[number];

export type AttendanceStatus = 'present' | 'excused' | 'absent';
export interface AttendanceLine {
  readonly member: string;
  readonly status: AttendanceStatus;
  readonly reason: string | null;
}
export interface Meeting {
  readonly id: string;
  readonly org: string;
  readonly kind: MeetingKind;
  readonly date: string;
  readonly agenda: string | null;
  readonly length: '一天' | '半天';
  readonly pair: readonly string[] | null;
  readonly expected: readonly string[];
  readonly status: 'planned' | 'held' | 'confirmed' | 'cancelled' | 'superseded';
  readonly held: {
    readonly on: string;
    readonly attendance: readonly AttendanceLine[];
    readonly voters: readonly string[];
    readonly quorate: boolean | null;
    readonly minutes: { readonly hash: string; readonly scope: string } | null;
    readonly late: boolean;
    readonly by: string;
  } | null;
}
export interface Confirmation {
  readonly member: string;
  readonly via: 'self' | 'clerk' | null;
  readonly by: string | null;
  readonly on: string | null;
}
export interface MeetingView extends Meeting {
  readonly confirmations: readonly Confirmation[];
}
export type ObligationStatus = 'held' | 'heldLate' | 'missed' | 'due' | 'closing' | 'notJudged' | 'notOwed';
export interface ObligationRow {
  readonly kind: MeetingKind;
  readonly period: string;
  readonly every: 'month' | 'quarter' | 'year';
  readonly status: ObligationStatus;
  readonly meetings: readonly string[];
  readonly cite: string;
}
export interface Obligations {
  readonly org: string;
  readonly year: number;
  readonly calendar: { themeDay: number; from: string } | null;
  readonly rows: readonly ObligationRow[];
}
export interface MemberLife {
  readonly meetings: readonly {
    meeting: string;
    org: string;
    kind: MeetingKind;
    heldOn: string | null;
    status: AttendanceStatus;
    confirmation: { via: 'self' | 'clerk'; by: string; on: string } | null;
  }[];
  readonly appraisal: { rating: string | null; selfAssessment: string | null } | null;
  readonly lapseCase: { status: string; months: readonly string[] } | null;
}
export interface StudyProgress {
  readonly role: 'member' | 'cadre';
  readonly target: number;
  readonly meetingHours: number;
  readonly individualHours: number;
  readonly total: number;
  readonly remaining: number;
  readonly cite: string;
}

/** Posts that plan and record meetings (orglife RECORDERS). */
export const RECORDER_POSTS = ['书记', '副书记', '组织委员', '党务工作者', '党小组长'];

/** The period (2026-03, 2026-Q1, 2026) a day falls in, for a frequency. */
export function periodOfDay(every: 'month' | 'quarter' | 'year', day: string): string {
  if (every === 'year') return day.slice(0, 4);
  if (every === 'month') return day.slice(0, 7);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Counts of a branch's obligations of a year (the superior's table). */
export function obligationCounts(rows: readonly ObligationRow[], today: string) {
  const now = (r: ObligationRow) => r.period === periodOfDay(r.every, today);
  return {
    held: rows.filter((r) => r.status === 'held' || r.status === 'heldLate').length,
    due: rows.filter((r) => r.status === 'due' && now(r)).length,
    missed: rows.filter((r) => r.status === 'missed' || r.status === 'closing').length,
  };
}

export const OBLIGATION_COLOR: Record<ObligationStatus, string> = {
  held: 'green',
  heldLate: 'cyan',
  missed: 'red',
  due: 'blue',
  closing: 'orange',
  notJudged: 'default',
  notOwed: 'default',
};
