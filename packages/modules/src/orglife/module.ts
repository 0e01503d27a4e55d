/**
 * The orglife module (组织生活): 三会一课, 主题党日, 组织生活会, 民主评议党员, 谈心谈话 —
 * 《中国共产党支部工作条例（试行）》 as code: plans, held records with attendance confirmed by the
 * members, quorums, resolutions, ratings, the obligations judged at month, quarter and year ends, and
 * the six-month case of 党章第九条.
 */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { assignGroup, setCalendar } from './calendar.ts';
import { closeLifeMonths, orgLifeGenesis } from './close.ts';
import {
  correctRating,
  decideHandling,
  decideLapseCase,
  rate,
  recordResolution,
  selfAssess,
} from './decisions.ts';
import { cancel, confirmAttendance, correct, hold, plan } from './meetings.ts';
import { orgLifeQueries } from './queries.ts';

export const orgLifeModule: ModuleDef = {
  name: MODULE.orglife,
  actions: {
    setCalendar,
    assignGroup,
    plan,
    hold,
    cancel,
    correct,
    confirmAttendance,
    recordResolution,
    selfAssess,
    correctRating,
    rate,
    decideHandling,
    decideLapseCase,
  },
  queries: orgLifeQueries,
  genesis: (ctx: HookContext, config: Value) => orgLifeGenesis(ctx, config),
  beginBlock: (ctx: HookContext) => closeLifeMonths(ctx),
};
