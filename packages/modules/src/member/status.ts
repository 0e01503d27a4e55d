/**
 * A member's status, derived from the facts each module records (registration, recruitment steps,
 * sanctions, suspension, exit) — never stored, so it cannot drift from the records.
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { sanctionEffects } from '../discipline/effects.ts';
import type { SanctionRecord } from '../discipline/store.ts';
import { MEMBER_STATUSES } from '../lists.ts';
import { getProcess, type Phase } from '../recruitment/store.ts';
import { transferredTo } from '../transfer/store.ts';
import { type ExitReason, getMember, type MemberRecord } from './store.ts';

/** A member's statuses in the order of the membership's course (lists.ts: the web app shows them). */
export const STATUSES = MEMBER_STATUSES;
export type MemberStatus = (typeof STATUSES)[number];

export interface StatusInfo {
  readonly status: MemberStatus;
  readonly exitReason: ExitReason | null;
  /** Party age (党龄) counts from this date (党章第七条: from conversion). */
  readonly partyAgeFrom: IsoDate | null;
  readonly probationEnd: IsoDate | null;
}

/** The stores status depends on. */
export interface MemberStores {
  readonly member: ReadStore;
  readonly recruitment: ReadStore;
  readonly discipline: ReadStore;
  readonly transfer: ReadStore;
}

/** The member status each recruitment phase means. */
export const PHASE_STATUS: { readonly [P in Phase]: MemberStatus } = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
  cancelled: '出党',
  notApproved: '群众',
};

function info(status: MemberStatus, extra: Partial<StatusInfo> = {}): StatusInfo {
  return { status, exitReason: null, partyAgeFrom: null, probationEnd: null, ...extra };
}

/** Status on a date from the member record, its recruitment process and its sanctions. */
function statusFrom(
  m: MemberRecord,
  process: ReturnType<typeof getProcess>,
  sanctions: readonly SanctionRecord[],
  on: IsoDate,
): StatusInfo {
  const effects = sanctionEffects(sanctions, on);
  if (effects.expelledOn !== null) return info('出党', { exitReason: '开除' });
  if (m.exit !== null && m.exit.on <= on) return info('出党', { exitReason: m.exit.reason });
  if (process?.phase === 'cancelled') return info('出党', { exitReason: '取消预备党员资格' });
  if (m.suspended !== null && m.suspended.on <= on) return info('停止党籍');
  if (process && process.phase !== 'notApproved') {
    return info(PHASE_STATUS[process.phase], {
      partyAgeFrom: process.partyAgeFrom,
      probationEnd: process.phase === 'probationary' ? process.probationEnd : null,
    });
  }
  if (m.imported !== null && m.imported.since <= on) {
    return info(m.imported.status, {
      partyAgeFrom: m.imported.status === '正式党员' ? m.imported.since : null,
      probationEnd: m.imported.probationEnd,
    });
  }
  return info('群众');
}

export function memberStatus(stores: MemberStores, id: string, on: IsoDate): StatusInfo | null {
  const m = getMember(stores.member, id);
  if (!m) return null;
  return statusFrom(m, getProcess(stores.recruitment, id), memberSanctions(stores, id), on);
}

/** The organization holding the membership: the registration org, moved by accepted transfers. */
export function currentOrg(stores: Pick<MemberStores, 'member' | 'transfer'>, id: string): string | null {
  const moved = transferredTo(stores.transfer, id);
  if (moved !== undefined) return moved;
  return getMember(stores.member, id)?.org ?? null;
}
