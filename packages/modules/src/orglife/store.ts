/**
 * The orglife module's records. A meeting holds ids, dates, counts and the minutes' hash — never
 * names or text about people; the minutes themselves stay off chain (content-addressed attachment).
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import type { YearMonth } from '../common/months.ts';
import { getRecord, SEP } from '../common/stores.ts';
import type { Ballot } from '../recruitment/vote.ts';
import type { MeetingKind, MeetingLength, MinutesScope, Rating } from './rules.ts';

export type AttendanceStatus = 'present' | 'excused' | 'absent';

export interface AttendanceLine {
  readonly member: string;
  readonly status: AttendanceStatus;
  /** Why an excused member was away (请假事由); null otherwise. */
  readonly reason: string | null;
}

export interface Held {
  readonly on: IsoDate;
  /** Every expected attendee once, sorted by member id. */
  readonly attendance: readonly AttendanceLine[];
  /** 党员大会: the members with a vote on that day (留党察看 and 预备党员 attend without one). */
  readonly voters: readonly string[];
  /** The quorum the regulation sets was reached (党员大会, 支部委员会); null where it sets none. */
  readonly quorate: boolean | null;
  readonly minutes: { readonly hash: string; readonly scope: MinutesScope } | null;
  readonly lecturer: string | null;
  /** 组织生活会: the superior's representative (a post holder above the branch). */
  readonly superiorRep: string | null;
  /** Held on another day than the branch's fixed 主题党日 day, and why. */
  readonly offDayReason: string | null;
  readonly recordedOn: IsoDate;
  /** Recorded after the month it was held in was closed (and judged without it). */
  readonly late: boolean;
  readonly by: string;
}

export interface Meeting {
  readonly id: string;
  readonly org: string;
  readonly kind: MeetingKind;
  readonly date: IsoDate;
  /** Hash of the agenda document (off chain). */
  readonly agenda: string | null;
  readonly length: MeetingLength;
  /** 谈心谈话: [committee member, member]. */
  readonly pair: readonly string[] | null;
  /** Expected attendees derived from the roster on the planned date (re-derived when held). */
  readonly expected: readonly string[];
  readonly status: 'planned' | 'held' | 'confirmed' | 'cancelled' | 'superseded';
  readonly held: Held | null;
  /** The record this one corrects, and the one that corrected it. */
  readonly corrects: string | null;
  readonly correctedBy: string | null;
  readonly plannedOn: IsoDate;
}

export interface Confirmation {
  /** self: the member with their own key; clerk: a 党务工作者 recording on their behalf. */
  readonly via: 'self' | 'clerk';
  readonly by: string;
  readonly on: IsoDate;
}

export interface Calendar {
  readonly org: string;
  /** The branch's fixed day of the month for 主题党日 (1–28). */
  readonly themeDay: number;
  /** The first month whose obligations the chain judges. */
  readonly from: YearMonth;
  readonly on: IsoDate;
}

/** A vote of a meeting: its ballot (the counts recruitment/vote.ts checks), whether it passed, when. */
export interface Resolution extends Ballot {
  readonly id: string;
  readonly meeting: string;
  readonly subject: string;
  readonly passed: boolean;
  readonly on: IsoDate;
}

export interface Appraisal {
  readonly member: string;
  readonly year: number;
  /** Hash of the member's self-assessment (off chain). */
  readonly selfAssessment: string | null;
  readonly rating: Rating | null;
  readonly meeting: string | null;
  /** Corrections of the rating, oldest first (`orglife.correctRating`): nothing is rewritten unseen. */
  readonly corrections?: readonly RatingCorrection[];
}

/** One correction of a 民主评议 rating, decided by the branch (its resolution) with a stated reason. */
export interface RatingCorrection {
  readonly from: Rating;
  readonly to: Rating;
  readonly on: IsoDate;
  readonly reason: string;
  readonly resolution: string;
}

export interface HandlingCase {
  readonly member: string;
  readonly org: string;
  readonly year: number;
  readonly openedOn: IsoDate;
  /** `withdrawn`: the 不合格 rating behind it was corrected before any decision. */
  readonly status: 'open' | 'decided' | 'withdrawn';
  readonly decision: { readonly outcome: string; readonly on: IsoDate; readonly resolution: string } | null;
}

/** Value of an attendance index entry: what the study and absence checks need without the meeting. */
export interface AttendanceEntry {
  readonly status: AttendanceStatus;
  readonly kind: MeetingKind;
  readonly hours: number;
}

export const lifeKeys = {
  meeting: (id: string) => `m${SEP}${id}`,
  /** Held meetings by organization, kind and day: the obligation checks scan these. */
  held: (org: string, kind: string, on: IsoDate, id: string) =>
    `h${SEP}${org}${SEP}${kind}${SEP}${on}${SEP}${id}`,
  heldPrefix: (org: string, kind: string, period: string) => `h${SEP}${org}${SEP}${kind}${SEP}${period}`,
  /** Meetings of an organization by planned date. */
  ofOrg: (org: string, date: IsoDate, id: string) => `o${SEP}${org}${SEP}${date}${SEP}${id}`,
  ofOrgPrefix: (org: string, period: string) => `o${SEP}${org}${SEP}${period}`,
  /** A member's line at a held meeting, by month. */
  attended: (member: string, on: IsoDate, id: string) => `a${SEP}${member}${SEP}${on}${SEP}${id}`,
  attendedPrefix: (member: string, period: string) => `a${SEP}${member}${SEP}${period}`,
  confirmation: (meeting: string, member: string) => `c${SEP}${meeting}${SEP}${member}`,
  calendar: (org: string) => `k${SEP}${org}`,
  calendarPrefix: `k${SEP}`,
  group: (member: string) => `g${SEP}${member}`,
  resolution: (meeting: string, id: string) => `r${SEP}${meeting}${SEP}${id}`,
  resolutionPrefix: (meeting: string) => `r${SEP}${meeting}${SEP}`,
  appraisal: (member: string, year: number) => `e${SEP}${member}${SEP}${year}`,
  handling: (member: string, year: number) => `x${SEP}${member}${SEP}${year}`,
  lapseCase: (member: string) => `l${SEP}${member}`,
  /** An obligation warned for a period (a late record then answers it). */
  warned: (org: string, kind: string, period: string) => `w${SEP}${org}${SEP}${kind}${SEP}${period}`,
  closed: 'closed',
  /** The month whose close is in progress over several blocks, and its branches still to judge. */
  closing: 'closing',
  closingTodo: (org: string) => `closing${SEP}${org}`,
  closingTodoPrefix: `closing${SEP}`,
  /** Branches judged per block of a close, when the genesis set it (`orglife.closeBranches`). */
  closeBranches: 'closeBranches',
};

export const getMeeting = (s: ReadStore, id: string) => getRecord<Meeting>(s, lifeKeys.meeting(id));
export const getCalendar = (s: ReadStore, org: string) => getRecord<Calendar>(s, lifeKeys.calendar(org));
export const getConfirmation = (s: ReadStore, meeting: string, member: string) =>
  getRecord<Confirmation>(s, lifeKeys.confirmation(meeting, member));
export const getAppraisal = (s: ReadStore, member: string, year: number) =>
  getRecord<Appraisal>(s, lifeKeys.appraisal(member, year));
export const getHandling = (s: ReadStore, member: string, year: number) =>
  getRecord<HandlingCase>(s, lifeKeys.handling(member, year));

/** Ids of held meetings of a kind in an organization whose day starts with `period` ('2024', '2024-03'). */
export function heldIn(s: ReadStore, org: string, kind: string, period: string): string[] {
  const prefix = lifeKeys.heldPrefix(org, kind, period);
  return s.keys(prefix, 10_000).map((k) => k.slice(k.lastIndexOf(SEP) + 1));
}
