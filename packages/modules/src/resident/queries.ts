/**
 * The resident module's queries. Nothing here is personal (opaque ids, key addresses, commitments,
 * counts, public documents' hashes), so matters, comments and representatives are public; the list
 * of accounts is for the community's post holders (packages/node/src/api/access.ts).
 */
import type { Value } from '@djchain/crypto';
import type { ReadStore } from '@djchain/runtime';
import { defineQuery } from '../common/query.ts';
import { allKeys, asValue, getRecord } from '../common/stores.ts';
import { memberIdByAddress } from '../member/store.ts';
import { activePosts, storesFor } from '../permissions/authorize.ts';
import { BIND_POSTS } from './accounts.ts';
import { checkCommunity, M, todayOf } from './common.ts';
import { representatives } from './decide.ts';
import { ResidentErrors as E } from './errors.ts';
import { votingMembers } from './meetings.ts';
import { residentParams } from './params.ts';
import {
  type Comment,
  getMatter,
  getResident,
  type Matter,
  residentIdByAddress,
  residentKeys,
} from './store.ts';

const bad = E.BAD_PARAMS;

function matters(store: ReadStore): Matter[] {
  return allKeys(store, residentKeys.matterPrefix, 10_000)
    .map((k) => getRecord<Matter>(store, k))
    .filter((m): m is Matter => m !== undefined);
}

export const residentQueries = {
  params: defineQuery<Record<string, never>>(bad, {
    description: 'The community’s 四议两公开 thresholds and the residents’ write limits in force.',
    shape: {},
    run: (ctx) => asValue(residentParams(ctx.store)),
  }),
  resident: defineQuery<{ id?: string; address?: string }>(bad, {
    description:
      'A resident account by id or by key address (null when none): status, commitment, designation.',
    shape: { id: { type: 'id', optional: true }, address: { type: 'id', optional: true } },
    run(ctx, p) {
      const id = p.id ?? (p.address === undefined ? undefined : residentIdByAddress(ctx.store, p.address));
      const r = id === undefined ? undefined : getResident(ctx.store, id);
      return (r as unknown as Value) ?? null;
    },
  }),
  residents: defineQuery<{ after?: string }>(bad, {
    description: 'Resident accounts in id order, 200 at a time after `after`.',
    shape: { after: { type: 'id', optional: true } },
    run(ctx, p) {
      const out: Value[] = [];
      for (const k of allKeys(ctx.store, residentKeys.prefix, 100_000)) {
        const id = k.slice(residentKeys.prefix.length);
        if (p.after !== undefined && id <= p.after) continue;
        out.push(getResident(ctx.store, id) as unknown as Value);
        if (out.length >= 200) break;
      }
      return out;
    },
  }),
  binder: defineQuery<{ address: string; org: string }>(bad, {
    description:
      'The member whose key this is and the posts they hold now that let them bind residents in the community organization (null when none): the sealed-data service asks it before sealing a check.',
    shape: { address: 'id', org: 'id' },
    run(ctx, p) {
      const stores = storesFor(ctx, M);
      const member = memberIdByAddress(stores.member, p.address);
      if (member === undefined || !checkCommunity(ctx, p.org).ok) return null;
      // The same rule as resident.bind's permission: active posts (status, sanctions) in that org.
      const posts = activePosts(stores, member, p.org, todayOf(ctx)).filter((x) => BIND_POSTS.includes(x));
      return posts.length === 0 ? null : asValue({ member, posts });
    },
  }),
  voters: defineQuery<{ org: string; on: string }>(bad, {
    description:
      'Members with a vote in an organization and those below it on a date (those expected at its 党员大会审议), ascending.',
    shape: { org: 'id', on: 'date' },
    run: (ctx, p) => votingMembers(storesFor(ctx, M), p.org, p.on),
  }),
  representatives: defineQuery<Record<string, never>>(bad, {
    description: 'Ids of the residents designated 居民代表 now.',
    shape: {},
    run: (ctx) => representatives(ctx.store),
  }),
  matters: defineQuery<Record<string, never>>(bad, {
    description: '四议两公开 matters with their steps, rounds and publications, newest id last.',
    shape: {},
    run: (ctx) => matters(ctx.store) as unknown as Value,
  }),
  matter: defineQuery<{ id: string }>(bad, {
    description: 'One matter (null when none), with the signed votes of its rounds by representative.',
    shape: { id: 'id' },
    run(ctx, p) {
      const m = getMatter(ctx.store, p.id);
      if (!m) return null;
      const votes = m.rounds.map((r) =>
        r.expected
          .map((res) => ({
            resident: res,
            choice: ctx.store.get(residentKeys.vote(m.id, r.round, res)) ?? null,
          }))
          .filter((v) => v.choice !== null),
      );
      return asValue({ ...m, votes });
    },
  }),
  comments: defineQuery<{ matter?: string; item?: string }>(bad, {
    description: 'Comments on a matter or a public document, in order (at most 500).',
    shape: { matter: { type: 'id', optional: true }, item: { type: 'hash', optional: true } },
    run(ctx, p) {
      if ((p.matter === undefined) === (p.item === undefined)) return [];
      const target = p.matter !== undefined ? `matter:${p.matter}` : `doc:${p.item}`;
      return allKeys(ctx.store, residentKeys.commentPrefix(target), 500)
        .map((k) => getRecord<Comment>(ctx.store, k))
        .filter((c): c is Comment => c !== undefined) as unknown as Value;
    },
  }),
};
