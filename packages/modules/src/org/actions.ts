/** Org actions: organizations, posts, 换届 (with history kept across terms). */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addYears, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { deriveRights } from '../member/rights.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { actorOf, storesFor } from '../permissions/authorize.ts';
import { COMMITTEE_POSTS, ORG_POSTS, type OrgPost } from '../permissions/rules.ts';
import { checkPostBar } from './bars.ts';
import { OrgErrors as E } from './errors.ts';
import {
  getOrg,
  isWithin,
  type OrgKind,
  type OrgRecord,
  orgKeys,
  type PastPostRecord,
  type PostRecord,
  postsInOrg,
} from './store.ts';

const M = MODULE.org;

/** Which kinds may sit under which (党章第三十条; 支部工作条例). */
const PARENTS: { readonly [K in OrgKind]: readonly OrgKind[] } = {
  党委: ['党委'],
  党总支: ['党委'],
  党支部: ['党委', '党总支'],
  党小组: ['党支部'],
};

/** Terms: community organizations 5 years, others 3 (支部工作条例第九条). */
export const defaultOrgParams = { communityTermYears: 5, otherTermYears: 3, maxCommitteeSize: 7 };

function canBeElected(ctx: ReadContext, member: string): boolean {
  const s = storesFor(ctx, M);
  const today = chinaDate(ctx.time);
  const status = memberStatus(s, member, today);
  return status !== null && deriveRights(status, memberSanctions(s, member), today).beElected;
}

/**
 * Whether a member belongs to an organization for holding a post there (issue 10): membership is held
 * in a 党支部 (党章第八条), so for a 党支部 the member's own branch; for a 党小组 the branch it belongs
 * to; for a 党委 or 党总支 any branch under it (its committee members are registered in its branches).
 */
function belongsTo(ctx: ReadContext, member: string, org: string): boolean {
  const s = storesFor(ctx, M);
  const home = currentOrg(s, member);
  const target = getOrg(s.org, org);
  if (home === null || target === undefined) return false;
  if (target.kind === '党支部') return home === org;
  if (target.kind === '党小组') return home === target.parent;
  return isWithin(s.org, home, org);
}

function canHoldPost(ctx: ReadContext, member: string): boolean {
  const s = storesFor(ctx, M);
  const today = chinaDate(ctx.time);
  const status = memberStatus(s, member, today);
  return status !== null && deriveRights(status, memberSanctions(s, member), today).holdPosts;
}

export function writePost(ctx: ActionContext | { store: ActionContext['store'] }, p: PostRecord): void {
  ctx.store.set(orgKeys.post(p.org, p.member, p.post), asValue(p));
  ctx.store.set(orgKeys.holder(p.member, p.org, p.post), asValue(p));
}

function endPostRecord(ctx: ActionContext, p: PostRecord, ended: string, reason: string): void {
  ctx.store.delete(orgKeys.post(p.org, p.member, p.post));
  ctx.store.delete(orgKeys.holder(p.member, p.org, p.post));
  const past: PastPostRecord = { ...p, ended, reason };
  ctx.store.set(orgKeys.past(p.org, ended, p.member, p.post), asValue(past));
}

interface CreateOrg {
  id: string;
  name: string;
  kind: OrgKind;
  parent: string;
  community?: boolean;
}

export const createOrg = defineAction<CreateOrg>(M, E, {
  description: 'Create an organization under a parent (党委 / 党总支 / 党支部 / 党小组).',
  shape: {
    id: 'id',
    name: { type: 'text', kind: 'name' },
    kind: { type: 'text', oneOf: ['党委', '党总支', '党支部', '党小组'] },
    parent: 'id',
    community: { type: 'bool', optional: true },
  },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target: (ctx, p) => (getOrg(ctx.store, p.parent) ? { org: p.parent } : null),
  verify(ctx, p) {
    if (getOrg(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const parent = getOrg(ctx.store, p.parent)!;
    if (!PARENTS[p.kind].includes(parent.kind))
      return failure(E.BAD_NESTING, { kind: p.kind, parentKind: parent.kind });
    return okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const community = p.community ?? getOrg(ctx.store, p.parent)!.community;
    const rec: OrgRecord = {
      id: p.id,
      name: p.name,
      kind: p.kind,
      parent: p.parent,
      community,
      termYears: community ? defaultOrgParams.communityTermYears : defaultOrgParams.otherTermYears,
      termStart: today,
      createdOn: today,
    };
    ctx.store.set(orgKeys.org(p.id), asValue(rec));
    ctx.store.set(orgKeys.child(p.parent, p.id), true);
    emitAct(ctx, M, 'org.Created', [orgEntity(p.id), orgEntity(p.parent)], {
      org: p.id,
      // Public (the portal shows it), and never a bare `name`: that field is a person's everywhere.
      orgName: p.name,
      kind: p.kind,
      parent: p.parent,
    });
  },
});

interface AppointPost {
  org: string;
  member: string;
  post: '党务工作者' | '党小组长';
}

export const appointPost = defineAction<AppointPost>(M, E, {
  description: 'Appoint a 党务工作者 (clerk) of an organization or the 党小组长 of a group (by its branch).',
  shape: { org: 'id', member: 'id', post: { type: 'text', oneOf: ['党务工作者', '党小组长'] } },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target(ctx, p) {
    const org = getOrg(ctx.store, p.org);
    if (!org) return null;
    // A 党小组长 is appointed by the branch the group belongs to.
    return { org: org.kind === '党小组' && org.parent !== null ? org.parent : org.id, member: p.member };
  },
  verify(ctx, p) {
    const org = getOrg(ctx.store, p.org)!;
    if ((p.post === '党小组长') !== (org.kind === '党小组'))
      return failure(E.POST_NOT_ALLOWED, { post: p.post, kind: org.kind });
    if (actorOf(ctx, M).by === p.member) return failure(E.SELF_APPOINTMENT);
    if (!belongsTo(ctx, p.member, p.org)) return failure(E.NOT_IN_ORG, { member: p.member, org: p.org });
    if (!canHoldPost(ctx, p.member)) return failure(E.NOT_ELIGIBLE, { member: p.member });
    if (ctx.store.has(orgKeys.post(p.org, p.member, p.post))) return failure(E.POST_HELD);
    return checkPostBar(ctx, p.member, p.org, p.post);
  },
  execute(ctx, p) {
    const since = chinaDate(ctx.time);
    writePost(ctx, { org: p.org, member: p.member, post: p.post, since, termEnd: null });
    emitAct(ctx, M, 'org.PostAppointed', [orgEntity(p.org), memberEntity(p.member)], {
      org: p.org,
      member: p.member,
      post: p.post,
    });
  },
});

interface ElectCommittee {
  org: string;
  committee: { readonly [post: string]: string };
}

export const electCommittee = defineAction<ElectCommittee>(M, E, {
  description:
    "换届: record an elected committee (approved by the superior 党委); the old committee's posts move to history.",
  shape: { org: 'id', committee: 'record' },
  permission: [{ posts: ['书记', '组织委员'], of: 'superiorCommittee' }],
  check(p) {
    const entries = Object.entries(p.committee);
    for (const [post, member] of entries) {
      if (!COMMITTEE_POSTS.includes(post as OrgPost) || typeof member !== 'string')
        return failure(E.BAD_PARAMS, { field: 'committee', post });
    }
    return okResult;
  },
  target: (ctx, p) => (getOrg(ctx.store, p.org) ? { org: p.org } : null),
  verify(ctx, p) {
    const entries = Object.entries(p.committee);
    if (typeof p.committee.书记 !== 'string') return failure(E.SECRETARY_REQUIRED);
    if (entries.length > defaultOrgParams.maxCommitteeSize)
      return failure(E.COMMITTEE_TOO_LARGE, { size: entries.length });
    const by = actorOf(ctx, M).by;
    for (const [post, member] of entries) {
      if (member === by) return failure(E.SELF_APPOINTMENT);
      if (!belongsTo(ctx, member, p.org)) return failure(E.NOT_IN_ORG, { member, org: p.org });
      if (!canBeElected(ctx, member)) return failure(E.NOT_ELIGIBLE, { member });
      const barred = checkPostBar(ctx, member, p.org, post as OrgPost);
      if (!barred.ok) return barred;
    }
    return okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const org = getOrg(ctx.store, p.org)!;
    const elected = new Set(Object.values(p.committee));
    // The outgoing committee's posts end (换届); a member who held one and is not elected again is
    // named too: the end of their post is a record about them (their history, and the warning
    // centre's member-bound checks, warnings/register.ts, rest on every such record naming them).
    const leaving = new Set<string>();
    for (const old of postsInOrg(ctx.store, p.org)) {
      if (!COMMITTEE_POSTS.includes(old.post)) continue;
      endPostRecord(ctx, old, today, '换届');
      if (!elected.has(old.member)) leaving.add(old.member);
    }
    const termEnd = addYears(today, org.termYears);
    for (const post of Object.keys(p.committee).sort()) {
      const member = p.committee[post]!;
      writePost(ctx, { org: p.org, member, post: post as OrgPost, since: today, termEnd });
    }
    ctx.store.set(orgKeys.org(p.org), asValue({ ...org, termStart: today }));
    emitAct(
      ctx,
      M,
      'org.CommitteeElected',
      [orgEntity(p.org), ...[...elected, ...leaving].map(memberEntity)],
      {
        org: p.org,
        committee: p.committee,
        termEnd,
        leaving: [...leaving],
      },
    );
  },
});

interface EndPost {
  org: string;
  member: string;
  post: string;
  reason: string;
}

export const endPost = defineAction<EndPost>(M, E, {
  description: 'End a post before the term (resignation, removal, transfer); the record moves to history.',
  shape: {
    org: 'id',
    member: 'id',
    post: { type: 'text', oneOf: ORG_POSTS },
    reason: { type: 'text', kind: 'reason' },
  },
  permission: [
    { posts: ['书记'], of: 'org' },
    { posts: ['书记', '组织委员'], of: 'superiorCommittee' },
  ],
  target: (ctx, p) => (getOrg(ctx.store, p.org) ? { org: p.org, member: p.member } : null),
  verify(ctx, p) {
    if (!ctx.store.has(orgKeys.post(p.org, p.member, p.post))) return failure(E.POST_NOT_HELD);
    return okResult;
  },
  execute(ctx, p) {
    const rec = ctx.store.get(orgKeys.post(p.org, p.member, p.post)) as unknown as PostRecord;
    endPostRecord(ctx, rec, chinaDate(ctx.time), p.reason);
    emitAct(ctx, M, 'org.PostEnded', [orgEntity(p.org), memberEntity(p.member)], {
      org: p.org,
      member: p.member,
      post: p.post,
    });
  },
});
