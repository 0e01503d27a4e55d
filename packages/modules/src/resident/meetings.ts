/**
 * 四议两公开, the first three 议: 支部会提议 (the community Party organization's committee proposes),
 * 两委会商议 (the Party committee and the residents' committee deliberate together), 党员大会审议 (the
 * Party members' meeting reviews and votes). Each is the record of a meeting held, signed by the
 * organization's 书记 or 副书记; the chain checks order, dates and quorum, counts what it can derive
 * from the roster (committee members, members with a vote) and records the outcome — it decides
 * nothing. A meeting later than `stepWithinDays` after the previous one is recorded as late.
 */
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addDays, type IsoDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { orgEntity } from '../common/events.ts';
import { allKeys, asValue } from '../common/stores.ts';
import { currentOrg } from '../member/status.ts';
import { memberKeys } from '../member/store.ts';
import { isWithin } from '../org/store.ts';
import { committeeOf, isMemberOn, votersAmong } from '../orglife/roster.ts';
import { actorOf, type Stores, storesFor } from '../permissions/authorize.ts';
import type { OrgPost } from '../permissions/rules.ts';
import { checkCommunity, communityTarget, emitResidentAct, M, matterEntity, todayOf } from './common.ts';
import { ResidentErrors as E, FOUR_TWO_PARAMS } from './errors.ts';
import { meets, residentParams, type Share } from './params.ts';
import { getMatter, type Matter, type MatterStep, residentKeys } from './store.ts';

export const LEADERS: readonly OrgPost[] = ['书记', '副书记'];

/** Members with a vote whose membership an organization or one below it holds on a date, sorted. */
export function votingMembers(stores: Stores, org: string, on: IsoDate): string[] {
  const all: string[] = [];
  for (const key of allKeys(stores.member, memberKeys.prefix, 200_000)) {
    const id = key.slice(memberKeys.prefix.length);
    const home = currentOrg(stores, id);
    if (home !== null && isWithin(stores.org, home, org) && isMemberOn(stores, id, on)) all.push(id);
  }
  return votersAmong(stores, all, on);
}

export const matterTarget = (ctx: ReadContext, id: string) => {
  const m = getMatter(ctx.store, id);
  return m ? { org: m.org } : null;
};

/** heldOn not in the future and not before the previous step. */
function checkDate(ctx: ActionContext, heldOn: IsoDate, previous: IsoDate | null): Result {
  if (heldOn > todayOf(ctx) || (previous !== null && heldOn < previous))
    return failure(E.BAD_DATE, { heldOn, earliest: previous, latest: todayOf(ctx) });
  return okResult;
}

function checkQuorum(share: Share, present: number, expected: number): Result {
  return meets(share, present, expected)
    ? okResult
    : failure(E.QUORUM, { present, expected, share: `${share.num}/${share.den}`, strict: share.strict });
}

function isLate(ctx: ActionContext, heldOn: IsoDate, previous: IsoDate): boolean {
  return heldOn > addDays(previous, residentParams(ctx.store).stepWithinDays);
}

function sorted(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}

function save(ctx: ActionContext, m: Matter): void {
  ctx.store.set(residentKeys.matter(m.id), asValue(m));
}

function step(ctx: ActionContext, s: Omit<MatterStep, 'recordedOn' | 'by'>): MatterStep {
  return { ...s, recordedOn: todayOf(ctx), by: actorOf(ctx, M).by };
}

export interface ProposeParams {
  id: string;
  org: string;
  title: string;
  document: string;
  heldOn: string;
  present: string[];
}

export const propose = defineAction<ProposeParams>(M, E, {
  description:
    '支部会提议: records the community Party organization committee meeting that proposed a major matter (minutes by hash); its committee members present are checked against the quorum.',
  shape: {
    id: 'id',
    org: 'id',
    title: { type: 'text', kind: 'name' },
    document: 'hash',
    heldOn: 'date',
    present: { type: 'ids', max: 50 },
  },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => communityTarget(ctx, p.org),
  verify(ctx, p) {
    const c = checkCommunity(ctx, p.org);
    if (!c.ok) return c;
    if (getMatter(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const d = checkDate(ctx, p.heldOn, null);
    if (!d.ok) return d;
    const committee = committeeOf(storesFor(ctx, M), p.org, p.heldOn);
    if (!sorted(p.present)) return failure(E.BAD_PARAMS, { field: 'present', expected: 'ascending ids' });
    const stranger = p.present.find((m) => !committee.includes(m));
    if (stranger !== undefined) return failure(E.NOT_ATTENDEE, { member: stranger });
    return checkQuorum(residentParams(ctx.store).proposeQuorum, p.present.length, committee.length);
  },
  execute(ctx, p) {
    const committee = committeeOf(storesFor(ctx, M), p.org, p.heldOn);
    const s = step(ctx, {
      heldOn: p.heldOn,
      document: p.document,
      expected: committee.length,
      present: p.present.length,
      attendees: [...p.present],
      yes: null,
      no: null,
      abstain: null,
      outcome: 'proposed',
      late: false,
    });
    save(ctx, {
      id: p.id,
      org: p.org,
      title: p.title,
      status: 'proposed',
      propose: s,
      deliberate: null,
      review: null,
      rounds: [],
      resolution: null,
      result: null,
    });
    emitResidentAct(ctx, 'resident.MatterProposed', [matterEntity(p.id), orgEntity(p.org)], {
      matter: p.id,
      title: p.title,
      heldOn: p.heldOn,
      expected: s.expected,
      present: s.present,
      document: p.document,
    });
  },
});

export interface DeliberateParams {
  matter: string;
  document: string;
  heldOn: string;
  expected: number;
  present: number;
  outcome: 'agreed' | 'notAgreed';
}

export const deliberate = defineAction<DeliberateParams>(M, E, {
  description:
    '两委会商议: records the joint meeting of the community Party committee and the residents’ committee (members of the residents’ committee are not all on chain: counts), and whether it agreed.',
  shape: {
    matter: 'id',
    document: 'hash',
    heldOn: 'date',
    expected: { type: 'int', min: 1, max: 99 },
    present: { type: 'int', min: 0, max: 99 },
    outcome: { type: 'text', oneOf: ['agreed', 'notAgreed'] },
  },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    if (m.status !== 'proposed') return failure(E.WRONG_STEP, { status: m.status });
    const d = checkDate(ctx, p.heldOn, m.propose.heldOn);
    if (!d.ok) return d;
    if (p.present > p.expected) return failure(E.BAD_COUNTS, { present: p.present, expected: p.expected });
    return checkQuorum(residentParams(ctx.store).deliberateQuorum, p.present, p.expected);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const s = step(ctx, {
      heldOn: p.heldOn,
      document: p.document,
      expected: p.expected,
      present: p.present,
      attendees: [],
      yes: null,
      no: null,
      abstain: null,
      outcome: p.outcome,
      late: isLate(ctx, p.heldOn, m.propose.heldOn),
    });
    save(ctx, { ...m, status: p.outcome === 'agreed' ? 'deliberated' : 'rejected', deliberate: s });
    emitResidentAct(ctx, 'resident.MatterDeliberated', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      heldOn: p.heldOn,
      expected: p.expected,
      present: p.present,
      outcome: p.outcome,
      late: s.late,
    });
  },
});

export interface ReviewParams {
  matter: string;
  document: string;
  heldOn: string;
  present: string[];
  yes: number;
  no: number;
  abstain: number;
}

export const review = defineAction<ReviewParams>(M, E, {
  description:
    '党员大会审议: records the Party members’ meeting of the community organization: the members present (checked against those with a vote, derived from the roster), the quorum, and the votes; passed, the matter is posted for the residents.',
  shape: {
    matter: 'id',
    document: 'hash',
    heldOn: 'date',
    present: { type: 'ids', max: 2000 },
    yes: { type: 'int', min: 0, max: 100_000 },
    no: { type: 'int', min: 0, max: 100_000 },
    abstain: { type: 'int', min: 0, max: 100_000 },
  },
  permission: [{ posts: LEADERS, of: 'org' }],
  target: (ctx, p) => matterTarget(ctx, p.matter),
  verify(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    if (m.status !== 'deliberated' || m.deliberate === null)
      return failure(E.WRONG_STEP, { status: m.status });
    const d = checkDate(ctx, p.heldOn, m.deliberate.heldOn);
    if (!d.ok) return d;
    if (!sorted(p.present)) return failure(E.BAD_PARAMS, { field: 'present', expected: 'ascending ids' });
    const voters = votingMembers(storesFor(ctx, M), m.org, p.heldOn);
    const voterSet = new Set(voters);
    const stranger = p.present.find((x) => !voterSet.has(x));
    if (stranger !== undefined) return failure(E.NOT_ATTENDEE, { member: stranger });
    if (p.yes + p.no + p.abstain > p.present.length)
      return failure(E.BAD_COUNTS, { votes: p.yes + p.no + p.abstain, present: p.present.length });
    return checkQuorum(residentParams(ctx.store).reviewQuorum, p.present.length, voters.length);
  },
  execute(ctx, p) {
    const m = getMatter(ctx.store, p.matter)!;
    const expected = votingMembers(storesFor(ctx, M), m.org, p.heldOn).length;
    const passed = meets(residentParams(ctx.store).reviewPass, p.yes, expected);
    const s = step(ctx, {
      heldOn: p.heldOn,
      document: p.document,
      expected,
      present: p.present.length,
      attendees: [...p.present],
      yes: p.yes,
      no: p.no,
      abstain: p.abstain,
      outcome: passed ? 'passed' : 'rejected',
      late: isLate(ctx, p.heldOn, m.deliberate!.heldOn),
    });
    save(ctx, { ...m, status: passed ? 'reviewed' : 'rejected', review: s });
    emitResidentAct(ctx, 'resident.MatterReviewed', [matterEntity(m.id), orgEntity(m.org)], {
      matter: m.id,
      heldOn: p.heldOn,
      expected,
      present: p.present.length,
      yes: p.yes,
      no: p.no,
      abstain: p.abstain,
      outcome: s.outcome,
      late: s.late,
      cite: FOUR_TWO_PARAMS,
    });
  },
});
