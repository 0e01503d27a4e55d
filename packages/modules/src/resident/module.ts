/**
 * The resident module: residents (群众) on the chain — accounts bound by the community's clerk,
 * 居民代表 designated by a recorded act — and community major matters by 四议两公开 with the
 * representatives' own signed votes, and consultations (征求意见) on published items.
 */
import type { ModuleDef } from '@djchain/runtime';
import { asValue, MODULE } from '../common/stores.ts';
import { bind, designate, rebind, revoke, unbind } from './accounts.ts';
import { comment } from './comments.ts';
import { closeVote, openVote, publishResolution, publishResult, vote } from './decide.ts';
import { deliberate, propose, review } from './meetings.ts';
import { PARAMS_KEY, parseResidentGenesis } from './params.ts';
import { residentQueries } from './queries.ts';
import { residentStanding } from './standing.ts';

export const residentModule: ModuleDef = {
  name: MODULE.resident,
  // A bound resident key is an account (admission); what it may do is the actions' permissions.
  knowsSigner: (ctx, address) => residentStanding(ctx.store, address).isResident,
  // Only a genesis that sets the section writes it: without one the defaults apply (params.ts) and
  // the genesis state of chains that predate this module stays the same.
  genesis(ctx, config) {
    const params = parseResidentGenesis(config);
    if (config !== null && config !== undefined) ctx.store.set(PARAMS_KEY, asValue(params));
  },
  actions: {
    bind,
    rebind,
    unbind,
    designate,
    revoke,
    propose,
    deliberate,
    review,
    openVote,
    vote,
    closeVote,
    publishResolution,
    publishResult,
    comment,
  },
  queries: residentQueries,
};
