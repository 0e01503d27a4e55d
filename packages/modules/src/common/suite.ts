/**
 * The chain's crypto suite, as module code sees it. The runtime's contexts carry no suite, but genesis
 * writes `sys/chain` = { chainId, suite, genesisTime } (runtime SYS_CHAIN_KEY) before any module runs,
 * so the suite id is chain state every node reads alike.
 */
import { getSuite, type Suite, type SuiteId } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { ModuleError } from './errors.ts';

/** The suite fixed at this chain's genesis (native implementation: the same bytes as the browser's). */
export function chainSuite(ctx: ReadContext): Suite {
  const chain = ctx.readStore('sys').get('chain') as { suite?: SuiteId } | undefined;
  if (chain?.suite !== 'intl' && chain?.suite !== 'gm')
    throw new ModuleError('MODULES_NO_SUITE', 'sys/chain holds no suite id');
  return getSuite(chain.suite);
}
