/** The transfer module's records: requests and each member's current organization after transfers. */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';

export interface TransferRecord {
  readonly id: string;
  readonly member: string;
  readonly from: string;
  readonly to: string;
  readonly requestedOn: IsoDate;
  readonly status: 'pending' | 'accepted' | 'refused' | 'withdrawn';
  readonly decidedOn: IsoDate | null;
  readonly reason: string | null;
}

export const transferKeys = {
  transfer: (id: string) => `t${SEP}${id}`,
  pending: (member: string) => `n${SEP}${member}`,
  pendingPrefix: `n${SEP}`,
  current: (member: string) => `c${SEP}${member}`,
  warned: (id: string) => `w${SEP}${id}`,
};

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
