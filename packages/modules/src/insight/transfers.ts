/**
 * 不漏人's transfer check (rule sets with `transferDays`, `2026-v3`, issue 18): transfers completed on
 * time (组织关系转接; RULES.md §5: a transfer may not be refused without cause, and until the receiver
 * accepts, the sender stays responsible). A transfer inside the chain is due `transferDays` days after
 * its request — the day the transfer module raises `transfer.unanswered` — and waits past its
 * deadline from that day until the day it is accepted, refused or withdrawn (that day not counted).
 * Its member is missing in every month that holds a day of that wait, in the branch whose roster
 * holds them at the close (the sender while it waits, the receiver once it accepted).
 *
 * Transfers to another chain (`releaseOut`) are not judged: the sender cannot see their admission.
 * From the transfer records alone (request and decision days), integer dates, a bounded scan.
 */
import type { ReadContext } from '@djchain/runtime';
import { addDays, type IsoDate } from '../common/dates.ts';
import { firstDay, lastDay, type YearMonth } from '../common/months.ts';
import { allKeys, getRecord, MODULE } from '../common/stores.ts';
import { type TransferRecord, transferKeys } from '../transfer/store.ts';

const MAX_TRANSFERS = 200_000;

/** A transfer waiting past its deadline in a month: the record behind the figure and its due day. */
export interface LateTransfer {
  readonly transfer: string;
  readonly due: IsoDate;
}

/**
 * The members whose transfer waited past its deadline on some day of `month`, each with that transfer
 * (the latest requested, should there be two); empty when the rule set does not judge transfers.
 */
export function lateTransfers(
  ctx: ReadContext,
  month: YearMonth,
  days: number | null,
): Map<string, LateTransfer> {
  const out = new Map<string, LateTransfer & { requestedOn: IsoDate }>();
  if (days === null) return out;
  const first = firstDay(month);
  const last = lastDay(month);
  const store = ctx.readStore(MODULE.transfer);
  const prefix = transferKeys.transfer('');
  // Keys in byte order: the same map on every node.
  for (const key of allKeys(store, prefix, MAX_TRANSFERS)) {
    const t = getRecord<TransferRecord>(store, key)!;
    if (t.toChain !== undefined) continue;
    const due = addDays(t.requestedOn, days);
    // Waiting past the deadline on [due, decidedOn): some day of it within [first, last].
    if (due > last) continue;
    if (t.decidedOn !== null && (t.decidedOn <= due || t.decidedOn <= first)) continue;
    const seen = out.get(t.member);
    if (seen && seen.requestedOn > t.requestedOn) continue;
    out.set(t.member, { transfer: t.id, due, requestedOn: t.requestedOn });
  }
  return new Map([...out].map(([m, l]) => [m, { transfer: l.transfer, due: l.due }]));
}
