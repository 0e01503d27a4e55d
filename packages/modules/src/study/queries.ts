/** The study module's queries: the rule set, a member's progress, a branch's register (by member id, never ranked). */
import type { QueryDef } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { branchMembers } from '../orglife/roster.ts';
import { storesFor } from '../permissions/authorize.ts';
import { StudyErrors } from './errors.ts';
import { progress } from './progress.ts';
import { STUDY_RULES, studyRulesFor } from './rules.ts';
import { pendingOf } from './store.ts';

const BAD = StudyErrors.BAD_PARAMS;
const YEAR = { type: 'int', optional: true, min: 1949, max: 2200 } as const;

export const studyQueries: { readonly [name: string]: QueryDef } = {
  rules: defineQuery<{ year?: number }>(BAD, {
    description: 'The study rule set in force for a year (targets, hours per day) and every version.',
    shape: { year: YEAR },
    run: (ctx, p) =>
      asValue({
        inForce: studyRulesFor(p.year ?? Number(chinaDate(ctx.time).slice(0, 4))),
        versions: [...STUDY_RULES],
      }),
  }),
  progress: defineQuery<{ member: string; year?: number }>(BAD, {
    description:
      "A member's study hours of a year: attended 党课 and 主题党日, confirmed individual study, the target for their role (diagnostic).",
    shape: { member: 'id', year: YEAR },
    run: (ctx, p) => asValue(progress(ctx, p.member, p.year ?? Number(chinaDate(ctx.time).slice(0, 4)))),
  }),
  pending: defineQuery<{ org: string }>(BAD, {
    description:
      "A branch's reported individual study awaiting its confirmation (oldest id first, at most 500).",
    shape: { org: 'id' },
    run: (ctx, p) => asValue({ org: p.org, reports: pendingOf(ctx.store, p.org, 500) }),
  }),
  register: defineQuery<{ org: string; year?: number }>(BAD, {
    description:
      "A branch's study register of a year: each member's hours and target, in member-id order (never ranked).",
    shape: { org: 'id', year: YEAR },
    run(ctx, p) {
      const today = chinaDate(ctx.time);
      const y = p.year ?? Number(today.slice(0, 4));
      const on = `${y}-12-31` < today ? `${y}-12-31` : today;
      const rows = branchMembers(storesFor(ctx, MODULE.study), p.org, on).map((m) => {
        const { meetings: _m, studies: _s, ...row } = progress(ctx, m, y);
        return row;
      });
      return asValue({ org: p.org, year: y, rows });
    },
  }),
};
