/** The client-side `djchain` commands, for main.ts to dispatch: name → (argv after the name, io). */
import { anchorCommand } from './anchor.ts';
import { attachCommand } from './attach.ts';
import { queryCommand, statusCommand, txCommand } from './chain.ts';
import { declareCommand } from './declare.ts';
import { dossierCommand } from './dossier.ts';
import { duesCommand } from './dues.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { indexCommand } from './indexer.ts';
import type { Command } from './io.ts';
import { keysCommand } from './keys.ts';
import { orglifeCommand } from './orglife.ts';
import { sealedCommand } from './sealed-cmd.ts';
import { validatorsCommand } from './validators.ts';
import { vaultCommand } from './vault-cmd.ts';

export { anchorParams, registerChild, relayAnchor, transferDossier } from './anchor.ts';
export { type Command, type CommandIo, processIo } from './io.ts';

export const commands: Record<string, Command> = {
  keys: keysCommand,
  status: statusCommand,
  tx: txCommand,
  query: queryCommand,
  dossier: dossierCommand,
  import: importCommand,
  export: exportCommand,
  vault: vaultCommand,
  sealed: sealedCommand,
  validators: validatorsCommand,
  attach: attachCommand,
  orglife: orglifeCommand,
  dues: duesCommand,
  anchor: anchorCommand,
  declare: declareCommand,
  index: indexCommand,
};
