/** @djchain/cli: the `djchain` command's parts, for tests and embedding. */

export { COLUMNS, EDUCATION, idCheckChar, type RowKey } from '@djchain/client/roster';
export {
  anchorParams,
  reclaimProof,
  registerChild,
  relayAnchor,
  transferDossier,
} from './commands/anchor.ts';
export { type DemoOptions, type RunningDemo, runDemo } from './demo/index.ts';
export { loadDir, type NodeConfig } from './files.ts';
export { CliError, type Lang, langOf, messageTable, t } from './i18n.ts';
export { type InitArgs, type InitResult, initDir } from './init.ts';
export { chainModules, loadModules } from './modules.ts';
export { NODE_FLAGS } from './node-flags.ts';
export { type StartArgs, type Started, startDir } from './start.ts';
