/**
 * The dues module (党费): amounts by regulation, payments, arrears and the six-month case, hardship,
 * remittance and statements — 《关于中国共产党党费收缴、使用和管理的规定》 and 党章第九条 as code.
 */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { closeMonths, duesGenesis } from './close.ts';
import {
  assess,
  confirmPayment,
  correctPayment,
  recordPayment,
  reportPayment,
  setArrangement,
} from './payments.ts';
import { duesQueries } from './queries.ts';
import {
  acknowledgeRemittance,
  acknowledgeRemittanceAbove,
  approveRelief,
  decideLapseCase,
  publishNotice,
  remit,
  requestRelief,
} from './relief.ts';

export const duesModule: ModuleDef = {
  name: MODULE.dues,
  actions: {
    assess,
    setArrangement,
    recordPayment,
    reportPayment,
    confirmPayment,
    correctPayment,
    requestRelief,
    approveRelief,
    remit,
    acknowledgeRemittance,
    acknowledgeRemittanceAbove,
    decideLapseCase,
    publishNotice,
  },
  queries: duesQueries,
  genesis: (ctx: HookContext, config: Value) => duesGenesis(ctx, config),
  beginBlock: (ctx: HookContext) => closeMonths(ctx),
};
