/**
 * The warning centre (精准预警): one register for every module's deadlines and conditions — level,
 * owner (organization and posts), due date, cited article, the acts that resolve it — raised at block
 * boundaries by the source modules (common/warnings.ts) and closed at the first block start after
 * the resolving act is recorded. No actions: people answer a warning by doing what it asks.
 */
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { warningsQueries } from './queries.ts';
import { runRegister } from './register.ts';

export const warningsModule: ModuleDef = {
  name: MODULE.warnings,
  actions: {},
  queries: warningsQueries,
  beginBlock: (ctx: HookContext) => runRegister(ctx),
};

/**
 * The warning centre checking every open warning at every block start (no MEMBER_BOUND shortcut):
 * the reference the chain's centre must equal, block by block (cli/test/warning-sweep.test.ts).
 * Same name and state; not in allModules, never on a chain.
 */
export const warningsModuleCheckingAll: ModuleDef = {
  ...warningsModule,
  beginBlock: (ctx: HookContext) => runRegister(ctx, { everyWarning: true }),
};
