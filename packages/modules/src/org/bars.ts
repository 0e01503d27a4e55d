/**
 * The sanction bars on new posts (《中国共产党纪律处分条例》第十条至第十二条), checked by EVERY act that
 * gives a post: `org.appointPost`, `org.electCommittee` (each elected post). Genesis posts are the
 * state the chain starts from, not acts. The bars are derived (discipline/effects.ts), never stored.
 */
import type { ReadContext, Result } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { MODULE } from '../common/stores.ts';
import { memberSanctions } from '../discipline/carried.ts';
import { barOn, sanctionEffects } from '../discipline/effects.ts';
import { storesFor } from '../permissions/authorize.ts';
import type { OrgPost } from '../permissions/rules.ts';
import { OrgErrors as E } from './errors.ts';
import { postRank } from './rank.ts';
import { getOrg } from './store.ts';

/** Refuses a post the member's sanctions bar on the act's date, citing the sanction's article. */
export function checkPostBar(ctx: ReadContext, member: string, org: string, post: OrgPost): Result {
  const s = storesFor(ctx, MODULE.org);
  const kind = getOrg(s.org, org)?.kind;
  if (kind === undefined) return okResult;
  const rank = postRank(kind, post);
  const bar = barOn(sanctionEffects(memberSanctions(s, member), chinaDate(ctx.time)), rank);
  if (bar === null) return okResult;
  return failure(
    E.POST_BARRED,
    {
      member,
      org,
      post,
      rank,
      bar: bar.kind,
      sanction: bar.sanction,
      sanctionKind: bar.sanctionKind,
      formerRank: bar.formerRank,
      until: bar.until,
    },
    bar.cite,
  );
}
