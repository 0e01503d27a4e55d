/**
 * The service module: the community's Party-mass service centre (党群服务中心) on the chain — grids,
 * the service menu, 双报到 registrations, and traceable service orders from order to rating.
 */
import type { ModuleDef } from '@djchain/runtime';
import { asValue, MODULE } from '../common/stores.ts';
import { checkServiceDeadlines } from './deadlines.ts';
import { endRegistration, register } from './dual.ts';
import { accept, cancel, complete, confirm, dispatch, fail, order, refuse, withdraw } from './orders.ts';
import { PARAMS_KEY, parseServiceGenesis } from './params.ts';
import { serviceQueries } from './queries.ts';
import { setGrid, setItem } from './setup.ts';

export const serviceModule: ModuleDef = {
  name: MODULE.service,
  genesis(ctx, config) {
    // Only a genesis that sets the section writes it: older chains' genesis state stays the same.
    const params = parseServiceGenesis(config);
    if (config !== null && config !== undefined) ctx.store.set(PARAMS_KEY, asValue(params));
  },
  actions: {
    setGrid,
    setItem,
    register,
    endRegistration,
    order,
    dispatch,
    accept,
    refuse,
    complete,
    fail,
    confirm,
    cancel,
    withdraw,
  },
  queries: serviceQueries,
  beginBlock: checkServiceDeadlines,
};
