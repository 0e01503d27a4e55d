/**
 * The operation index (社区党建标准化运行指数): per organization and period, computed on chain at the
 * period's close from the records alone — 不漏人 (people.ts), 不缺项 (items.ts), 不掉链 (links.ts) —
 * with a versioned rule set the top 党委 adopts (rules.ts, actions.ts). Code: close.ts. Credit (信用) of
 * members (credit.ts) and organizations (orgcredit.ts), and members' correction requests (corrections.ts).
 */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { adoptRules } from './actions.ts';
import { closeIndexMonths, insightGenesis } from './close.ts';
import { answerCreditCorrection, requestCreditCorrection } from './corrections.ts';
import { insightQueries } from './queries.ts';

export const insightModule: ModuleDef = {
  name: MODULE.insight,
  actions: { adoptRules, requestCreditCorrection, answerCreditCorrection },
  queries: insightQueries,
  genesis: (ctx: HookContext, config: Value) => insightGenesis(ctx, config),
  beginBlock: (ctx: HookContext) => closeIndexMonths(ctx),
};
