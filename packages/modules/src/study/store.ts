/** The study module's records: individual study a member reports and the branch confirms. */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';

export interface StudyRecord {
  readonly id: string;
  readonly member: string;
  /** The branch that confirms it (the one holding the membership when reported). */
  readonly org: string;
  readonly on: IsoDate;
  readonly topic: string;
  readonly hours: number;
  /** Hash of a document (certificate, notes) kept off chain. */
  readonly ref: string | null;
  readonly status: 'reported' | 'confirmed' | 'rejected';
  readonly reportedOn: IsoDate;
  /** self: the member's own key; clerk: a 党务工作者 entered it for them. */
  readonly via: 'self' | 'clerk';
  readonly decidedBy: string | null;
}

export const studyKeys = {
  record: (id: string) => `s${SEP}${id}`,
  ofMember: (member: string, year: number, id: string) => `m${SEP}${member}${SEP}${year}${SEP}${id}`,
  ofMemberPrefix: (member: string, year: number) => `m${SEP}${member}${SEP}${year}${SEP}`,
  /** Reports awaiting the branch's decision, by branch: its confirmation page reads these. */
  pending: (org: string, id: string) => `p${SEP}${org}${SEP}${id}`,
  pendingPrefix: (org: string) => `p${SEP}${org}${SEP}`,
};

export const getStudy = (s: ReadStore, id: string) => getRecord<StudyRecord>(s, studyKeys.record(id));

export function studiesOf(s: ReadStore, member: string, year: number): StudyRecord[] {
  const prefix = studyKeys.ofMemberPrefix(member, year);
  return s.keys(prefix, 10_000).map((k) => getStudy(s, k.slice(prefix.length))!);
}

/** A branch's reports awaiting its decision (at most `max`), in id order. */
export function pendingOf(s: ReadStore, org: string, max: number): StudyRecord[] {
  const prefix = studyKeys.pendingPrefix(org);
  return s.keys(prefix, max).map((k) => getStudy(s, k.slice(prefix.length))!);
}
