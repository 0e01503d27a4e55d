/** The org module: hierarchy, posts and terms, 换届 with history. */

import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef, ReadContext } from '@djchain/runtime';
import { addYears, chinaDate, isIsoDate } from '../common/dates.ts';
import { ModuleError } from '../common/errors.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { allKeys, asValue, getRecord, MODULE } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import type { OrgPost } from '../permissions/rules.ts';
import { appointPost, createOrg, defaultOrgParams, electCommittee, endPost, writePost } from './actions.ts';
import { OrgErrors } from './errors.ts';
import {
  type ChainSuperior,
  chainSuperior,
  childrenOf,
  getOrg,
  type OrgKind,
  type OrgRecord,
  orgKeys,
  type PastPostRecord,
  postsInOrg,
  postsOfMember,
} from './store.ts';

/** Genesis section of the org module (see README). */
export interface OrgGenesis {
  readonly orgs?: readonly {
    id: string;
    name: string;
    kind: OrgKind;
    parent?: string | null;
    community?: boolean;
    termStart: string;
  }[];
  readonly posts?: readonly { org: string; member: string; post: OrgPost; since: string }[];
  /**
   * The superior body above the top 党委 (e.g. 街道党工委) and the key address it signs with. It is the
   * second party that recovering a key of the top committee's post holders needs (docs/threat-model.md);
   * without it those keys can only be rotated by their holders.
   */
  readonly superior?: ChainSuperior;
}

const bad = OrgErrors.BAD_PARAMS;

export const orgModule: ModuleDef = {
  name: MODULE.org,
  // Admission: the superior body named in genesis signs key-recovery approvals with a key no member
  // record holds.
  knowsSigner: (ctx, address) => chainSuperior(ctx.store)?.address === address,
  actions: { createOrg, appointPost, electCommittee, endPost },
  queries: {
    org: defineQuery<{ id: string }>(bad, {
      description: 'An organization by id.',
      shape: { id: 'id' },
      run: (ctx, p) => (getOrg(ctx.store, p.id) as unknown as Value) ?? null,
    }),
    children: defineQuery<{ id: string }>(bad, {
      description: 'Ids of the organizations directly under one.',
      shape: { id: 'id' },
      run: (ctx, p) => childrenOf(ctx.store, p.id),
    }),
    posts: defineQuery<{ org: string }>(bad, {
      description: 'Current posts in an organization.',
      shape: { org: 'id' },
      run: (ctx, p) => postsInOrg(ctx.store, p.org) as unknown as Value,
    }),
    superior: defineQuery<Record<string, never>>(bad, {
      description: 'The superior body above the top 党委 named in genesis (name, key address), or null.',
      shape: {},
      run: (ctx) => (chainSuperior(ctx.store) as unknown as Value) ?? null,
    }),
    postsOf: defineQuery<{ member: string }>(bad, {
      description: 'Current posts of a member.',
      shape: { member: 'id' },
      run: (ctx, p) => postsOfMember(ctx.store, p.member) as unknown as Value,
    }),
    history: defineQuery<{ org: string }>(bad, {
      description: 'Past posts of an organization (kept across 换届).',
      shape: { org: 'id' },
      run: (ctx: ReadContext, p) =>
        allKeys(ctx.store, orgKeys.pastPrefix(p.org)).map(
          (k) => getRecord<PastPostRecord>(ctx.store, k) as unknown as Value,
        ),
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    const g = (config ?? {}) as unknown as OrgGenesis;
    for (const o of g.orgs ?? []) {
      if (!isIsoDate(o.termStart))
        throw new ModuleError('MODULES_BAD_GENESIS', `org genesis: bad termStart for ${o.id}`);
      const community = o.community ?? true;
      const rec: OrgRecord = {
        id: o.id,
        name: o.name,
        kind: o.kind,
        parent: o.parent ?? null,
        community,
        termYears: community ? defaultOrgParams.communityTermYears : defaultOrgParams.otherTermYears,
        termStart: o.termStart,
        createdOn: o.termStart,
      };
      ctx.store.set(orgKeys.org(o.id), asValue(rec));
      if (rec.parent !== null) ctx.store.set(orgKeys.child(rec.parent, o.id), true);
      emitHook(ctx, 'org.Created', [orgEntity(o.id)], {
        org: o.id,
        orgName: o.name,
        kind: o.kind,
        parent: rec.parent,
        genesis: true,
      });
    }
    if (g.superior !== undefined) {
      const { name, address } = g.superior;
      if (typeof name !== 'string' || typeof address !== 'string' || !/^[0-9a-f]{40}$/.test(address))
        throw new ModuleError(
          'MODULES_BAD_GENESIS',
          'org genesis: superior needs a name and a key address (40 hex)',
        );
      ctx.store.set(orgKeys.superior, asValue({ name, address }));
      const tops = (g.orgs ?? []).filter((o) => (o.parent ?? null) === null).map((o) => orgEntity(o.id));
      emitHook(ctx, 'org.SuperiorNamed', tops, { body: name, address, genesis: true });
    }
    for (const p of g.posts ?? []) {
      const org = getOrg(ctx.store, p.org);
      const termEnd = org ? addYears(org.termStart, org.termYears) : null;
      writePost(ctx, { org: p.org, member: p.member, post: p.post, since: p.since, termEnd });
      emitHook(ctx, 'org.PostAppointed', [orgEntity(p.org), memberEntity(p.member)], {
        org: p.org,
        member: p.member,
        post: p.post,
        since: p.since,
        genesis: true,
      });
    }
  },
  /** 支部工作条例第九条: terms of 3 or 5 years; a term past its end without 换届 raises one warning. */
  beginBlock(ctx: HookContext) {
    const today = chinaDate(ctx.time);
    if (ctx.store.get(orgKeys.lastCheck) === today) return;
    ctx.store.set(orgKeys.lastCheck, today);
    for (const key of allKeys(ctx.store, 'o/')) {
      const org = getRecord<OrgRecord>(ctx.store, key);
      if (!org || org.kind === '党小组') continue;
      const termEnd = addYears(org.termStart, org.termYears);
      if (termEnd > today || ctx.store.has(orgKeys.termWarned(org.id, termEnd))) continue;
      ctx.store.set(orgKeys.termWarned(org.id, termEnd), true);
      emitHook(ctx, 'org.TermOverdue', [orgEntity(org.id)], {
        org: org.id,
        termEnd,
        cite: '《中国共产党支部工作条例（试行）》第九条',
      });
      raiseWarning(ctx, {
        kind: 'org.term',
        subject: `${org.id}:${termEnd}`,
        level: 'overdue',
        org: org.id,
        posts: ['书记'],
        member: null,
        due: termEnd,
        cite: '《中国共产党支部工作条例（试行）》第九条',
        resolves: ['org.electCommittee'],
        data: { org: org.id, termEnd },
      });
    }
  },
};
