/**
 * Credit (信用) of an organization for a year, derived on read from its attested records only (issue
 * 18), every point beside the record behind it:
 * - organizational life: +1 for each required obligation the close judged held (the meeting), 0 for one
 *   held after its period was warned (the meeting), −1 for one missed (the `orglife.missed` warning) —
 *   its own and those of its 党小组, read through orglife's `obligations` query as the index does;
 * - requests and reports (请示报告) it answered as the superior during the year: +1 on time, −1 late
 *   (`declaration.request/<id>`, the `late` flag recorded with the answer);
 * - dues: +1 for each remittance it sent (the index also lists those it received: skipped) during the year that the receiver acknowledged
 *   (`dues.remittance/<id>`).
 * Integer points in a fixed order (obligations in orglife's row order, then requests and remittances
 * by id); no total is compared with another organization's.
 */
import type { Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { warningId } from '../common/warnings.ts';
import { declarationKeys, getRequest } from '../declaration/store.ts';
import { duesKeys, getRemittance } from '../dues/store.ts';
import { childrenOf, getOrg } from '../org/store.ts';

export interface OrgCreditEntry {
  readonly points: number;
  readonly kind:
    | 'meetingHeld'
    | 'meetingHeldLate'
    | 'meetingMissed'
    | 'answeredOnTime'
    | 'answeredLate'
    | 'remitted';
  /** The organization the point is about (itself or one of its 党小组). */
  readonly org: string;
  /** The obligation's period, or the day of the answer or the remittance. */
  readonly on: string;
  /** `orglife.meeting/<id>`, `orglife.missed/…` (the warning), `declaration.request/<id>`, `dues.remittance/<id>`. */
  readonly record: string;
}

/** Bound on the requests and remittances scanned (as other queries bound their scans). */
export const ORG_CREDIT_SCAN = 10_000;

interface ObligationRow {
  readonly kind: string;
  readonly period: string;
  readonly status: string;
  readonly meetings: readonly string[];
}

export function orgCreditOf(ctx: ReadContext, org: string, year: number) {
  const entries: OrgCreditEntry[] = [];
  const orgs = ctx.readStore(MODULE.org);
  if (getOrg(orgs, org) === undefined) return null;
  const groups = childrenOf(orgs, org).filter((g) => getOrg(orgs, g)?.kind === '党小组');
  for (const o of [org, ...groups]) {
    const answer = ctx.query(MODULE.orglife, 'obligations', { org: o, year }) as {
      rows: ObligationRow[];
    } & Value;
    for (const row of answer.rows) {
      if (row.status === 'held' || row.status === 'heldLate')
        entries.push({
          points: row.status === 'held' ? 1 : 0,
          kind: row.status === 'held' ? 'meetingHeld' : 'meetingHeldLate',
          org: o,
          on: row.period,
          record: `orglife.meeting/${row.meetings[0]}`,
        });
      else if (row.status === 'missed')
        entries.push({
          points: -1,
          kind: 'meetingMissed',
          org: o,
          on: row.period,
          record: warningId('orglife.missed', `${o}:${row.kind}:${row.period}`),
        });
    }
  }
  const y = String(year);
  const decl = ctx.readStore(MODULE.declaration);
  const answeredPrefix = declarationKeys.toOrg(org);
  for (const key of decl.keys(answeredPrefix, ORG_CREDIT_SCAN)) {
    const r = getRequest(decl, key.slice(answeredPrefix.length));
    if (r === undefined || r.status !== 'answered' || r.answeredOn === null || !r.answeredOn.startsWith(y))
      continue;
    entries.push({
      points: r.late ? -1 : 1,
      kind: r.late ? 'answeredLate' : 'answeredOnTime',
      org,
      on: r.answeredOn,
      record: `declaration.request/${r.id}`,
    });
  }
  const dues = ctx.readStore(MODULE.dues);
  const remitPrefix = duesKeys.remittancesOfPrefix(org);
  for (const key of dues.keys(remitPrefix, ORG_CREDIT_SCAN)) {
    const m = getRemittance(dues, key.slice(remitPrefix.length));
    if (m === undefined || m.org !== org || m.status !== 'acknowledged' || !m.on.startsWith(y)) continue;
    entries.push({ points: 1, kind: 'remitted', org, on: m.on, record: `dues.remittance/${m.id}` });
  }
  return { org, year, total: entries.reduce((a, e) => a + e.points, 0), entries };
}
