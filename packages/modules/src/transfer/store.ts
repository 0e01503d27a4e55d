/** The transfer module's records: requests and each member's current organization after transfers. */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import type { SanctionRecord } from '../discipline/store.ts';

/**
 * Days after its request within which the receiving branch answers a transfer inside the chain: a
 * request unanswered this many days raises one `transfer.unanswered` warning to both branches
 * (module.ts), and the index's rule sets that judge transfers on time (`2026-v3` on) take it as the
 * deadline (insight/rules.ts; each chain keeps the value its 党委 adopted, insight/actions.ts).
 */
export const TRANSFER_REMIND_DAYS = 30;

export interface TransferRecord {
  readonly id: string;
  readonly member: string;
  readonly from: string;
  readonly to: string;
  readonly requestedOn: IsoDate;
  /**
   * Across chains: released → reclaimed, only after `expiresOn` and with a proof that the receiving
   * chain did not admit it (release.ts). A release is never withdrawn: the sender cannot see an
   * admission, so withdrawing could leave one member on two chains.
   */
  readonly status: 'pending' | 'accepted' | 'refused' | 'withdrawn' | 'released' | 'reclaimed';
  readonly decidedOn: IsoDate | null;
  readonly reason: string | null;
  /** Across chains (`releaseOut`): the receiving chain; `to` is the branch there. */
  readonly toChain?: string;
  /** Across chains: what the sender attests of the membership, for the receiving chain to carry over. */
  readonly carried?: Carried;
  /** Across chains: the last day (China date) the receiving chain may admit on (介绍信有效期). */
  readonly expiresOn?: IsoDate;
}

/** The standing a released membership carries to the receiving chain (as `member.importMember` takes it). */
export interface Carried {
  readonly status: '正式党员' | '预备党员';
  /** 正式党员: the day Party age counts from; 预备党员: the day of admission. */
  readonly since: IsoDate;
  readonly probationEnd: IsoDate | null;
  /**
   * The member's sanctions decided here (approved, or 留党察看 concluded), as this chain records
   * them: the receiving chain keeps them in force (the bars of 处分条例 第十条至第十三条 and an
   * observation still running), so a transfer never erases a sanction. Absent on older releases.
   */
  readonly sanctions?: readonly SanctionRecord[];
}

export const transferKeys = {
  transfer: (id: string) => `t${SEP}${id}`,
  pending: (member: string) => `n${SEP}${member}`,
  pendingPrefix: `n${SEP}`,
  current: (member: string) => `c${SEP}${member}`,
  warned: (id: string) => `w${SEP}${id}`,
  /** A membership released to another chain: frozen here until reclaimed. */
  frozen: (member: string) => `x${SEP}${member}`,
};

/** The release that froze `member`'s membership, if any. */
export function frozenBy(store: ReadStore, member: string): TransferRecord | undefined {
  const id = store.get(transferKeys.frozen(member));
  return typeof id === 'string' ? getTransfer(store, id) : undefined;
}

export function getTransfer(store: ReadStore, id: string): TransferRecord | undefined {
  return getRecord<TransferRecord>(store, transferKeys.transfer(id));
}

/** The organization an accepted transfer moved the member to, if any. */
export function transferredTo(store: ReadStore, member: string): string | undefined {
  const v = store.get(transferKeys.current(member));
  return typeof v === 'string' ? v : undefined;
}

export function pendingTransfer(store: ReadStore, member: string): TransferRecord | undefined {
  const id = store.get(transferKeys.pending(member));
  return typeof id === 'string' ? getTransfer(store, id) : undefined;
}
