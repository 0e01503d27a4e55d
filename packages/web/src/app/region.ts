/**
 * 辖区看板 (issue 19): what a street or district committee sees of the chains below it, read from
 * the index (`djchain index --serve`, forwarded by the web server as GET /region/*; the server
 * lets through only readers the node lets read a top organization's operation index). Pure: the
 * answers' shapes, the request, and the page's view — chains in chain-id order, organizations in
 * id order, periods in time order. Never ordered by a figure or a score (国办函〔2026〕12号).
 */

import type { ChainProof, RegionAnswer } from '@djchain/client';
import { MEMBER_STATUSES, RECRUITMENT_PHASES } from '@djchain/modules/lists';
import { AppError } from './errors.ts';

export type { ChainProof, RegionAnswer } from '@djchain/client';

interface OrgRow {
  readonly chainId: string;
  readonly org: string;
  readonly orgName: string | null;
}
export interface MembersRow extends OrgRow {
  readonly status: string;
  readonly members: number;
}
export interface RecruitmentRow {
  readonly chainId: string;
  readonly phase: string;
  readonly cases: number;
}
export interface DuesRow extends OrgRow {
  readonly month: string;
  readonly paidFen: number;
}
export interface MeetingsRow extends OrgRow {
  readonly kind: string;
  readonly quarter: string;
  readonly meetings: number;
}
export interface IndexRow extends OrgRow {
  readonly period: string;
  readonly overall: number;
  readonly level: string;
  readonly people: number;
  readonly items: number;
  readonly links: number;
  readonly peopleMissing: number;
  readonly itemsMissing: number;
  readonly linksMissing: number;
  readonly closedOn: string;
  readonly height: number;
}

export interface RegionData {
  readonly chains: readonly ChainProof[];
  readonly members: readonly MembersRow[];
  readonly recruitment: readonly RecruitmentRow[];
  readonly dues: readonly DuesRow[];
  readonly meetings: readonly MeetingsRow[];
  readonly index: readonly IndexRow[];
  /** Some answer had more rows than the index sends at once. */
  readonly truncated: boolean;
}

/** The index is not configured behind this web server (the page explains how to configure it). */
export const NOT_CONFIGURED = 'INDEX_NOT_CONFIGURED';

/** GET /region/<route> with the reader's session; a refusal as a coded AppError. */
export async function regionGet<R>(
  route: string,
  token: string | undefined,
  fetchFn: typeof fetch = fetch,
): Promise<RegionAnswer<R>> {
  const res = await fetchFn(`./region/${route}`, {
    cache: 'no-store',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await res.json().catch(() => null)) as
    | (RegionAnswer<R> & { error?: { code?: string; message?: string } })
    | null;
  if (!res.ok || body === null || !Array.isArray(body.rows)) {
    const e = body?.error;
    throw new AppError(e?.code ?? 'WEB_REGION', e?.message ?? `/region/${route}: HTTP ${res.status}`);
  }
  return body;
}

/** The six answers the page shows (the chains' proofs from the first; each answer carries them). */
export async function loadRegion(
  token: string | undefined,
  fetchFn: typeof fetch = fetch,
): Promise<RegionData> {
  const [chains, members, recruitment, dues, meetings, index] = await Promise.all([
    regionGet<ChainProof>('chains', token, fetchFn),
    regionGet<MembersRow>('members', token, fetchFn),
    regionGet<RecruitmentRow>('recruitment', token, fetchFn),
    regionGet<DuesRow>('dues', token, fetchFn),
    regionGet<MeetingsRow>('meetings', token, fetchFn),
    regionGet<IndexRow>('index', token, fetchFn),
  ]);
  return {
    chains: chains.rows,
    members: members.rows,
    recruitment: recruitment.rows,
    dues: dues.rows,
    meetings: meetings.rows,
    index: index.rows,
    truncated: [members, recruitment, dues, meetings, index].some((a) => a.truncated),
  };
}

/** One organization's figures in a chain's card. */
export interface OrgFigures {
  readonly org: string;
  readonly name: string;
  /** Members by status, in the order of the membership's course (STATUS_ORDER), then others. */
  readonly byStatus: readonly { readonly status: string; readonly members: number }[];
  readonly members: number;
  /** Confirmed dues per month (fen), months in time order. */
  readonly dues: readonly { readonly month: string; readonly fen: number }[];
  /** Meetings per quarter and kind, quarters in time order. */
  readonly meetings: readonly {
    readonly quarter: string;
    readonly kind: string;
    readonly meetings: number;
  }[];
  readonly index: IndexRow | null;
}

export interface ChainFigures {
  readonly proof: ChainProof;
  /** The community's name (its top organization's), or the chain id when not known. */
  readonly name: string;
  readonly members: number;
  readonly recruitment: readonly { readonly phase: string; readonly cases: number }[];
  /** Confirmed dues of the whole chain per month (fen). */
  readonly duesByMonth: readonly { readonly month: string; readonly fen: number }[];
  readonly orgs: readonly OrgFigures[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The statuses in the order of the membership's course, and the recruitment phases in order. */
export const STATUS_ORDER = MEMBER_STATUSES;
export const PHASE_ORDER = RECRUITMENT_PHASES;
/** Position of `x` in `list`; unknown values after every known one. */
const rank = (list: readonly string[], x: string) => {
  const i = list.indexOf(x);
  return i < 0 ? list.length : i;
};

/**
 * The page's view: one entry per chain in chain-id order; in each, its organizations in id order
 * with their figures. Nothing is ordered by a figure or a score.
 */
export function regionView(d: RegionData): ChainFigures[] {
  const chains = [...d.chains].sort((a, b) => byText(a.chainId, b.chainId));
  return chains.map((proof) => {
    const c = proof.chainId;
    const orgIds = new Set<string>();
    const names = new Map<string, string>();
    for (const r of [...d.members, ...d.dues, ...d.meetings, ...d.index])
      if (r.chainId === c) {
        orgIds.add(r.org);
        if (r.orgName) names.set(r.org, r.orgName);
      }
    const orgs = [...orgIds].sort(byText).map((org): OrgFigures => {
      const mine = <R extends OrgRow>(rows: readonly R[]) =>
        rows.filter((r) => r.chainId === c && r.org === org);
      const byStatus = mine(d.members)
        .map((r) => ({ status: r.status, members: r.members }))
        .sort(
          (a, b) => rank(STATUS_ORDER, a.status) - rank(STATUS_ORDER, b.status) || byText(a.status, b.status),
        );
      return {
        org,
        name: names.get(org) ?? org,
        byStatus,
        members: byStatus.reduce((n, r) => n + r.members, 0),
        dues: mine(d.dues)
          .map((r) => ({ month: r.month, fen: r.paidFen }))
          .sort((a, b) => byText(a.month, b.month)),
        meetings: mine(d.meetings)
          .map((r) => ({ quarter: r.quarter, kind: r.kind, meetings: r.meetings }))
          .sort((a, b) => byText(a.quarter, b.quarter) || byText(a.kind, b.kind)),
        index: mine(d.index)[0] ?? null,
      };
    });
    const months = new Map<string, number>();
    for (const r of d.dues) if (r.chainId === c) months.set(r.month, (months.get(r.month) ?? 0) + r.paidFen);
    return {
      proof,
      name: proof.name ?? c,
      members: orgs.reduce((n, o) => n + o.members, 0),
      recruitment: d.recruitment
        .filter((r) => r.chainId === c)
        .map((r) => ({ phase: r.phase, cases: r.cases }))
        .sort((a, b) => rank(PHASE_ORDER, a.phase) - rank(PHASE_ORDER, b.phase) || byText(a.phase, b.phase)),
      duesByMonth: [...months.entries()]
        .sort((a, b) => byText(a[0], b[0]))
        .map(([month, fen]) => ({ month, fen })),
      orgs,
    };
  });
}

/** Integer fen as 元 with two decimals — integer arithmetic only (money is integer fen everywhere). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const f = Math.abs(fen);
  return `${sign}¥${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
}
