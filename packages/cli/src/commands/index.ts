/**
 * The client-side `djchain` commands, for cli.ts to dispatch: name → a loader of the command
 * (argv after the name, io). Each command's code is imported only when it runs, so `djchain dues pay`
 * does not load the spreadsheet library, the indexer's PostgreSQL client or the sealed-data server.
 */
import type { Command } from './io.ts';

export { type Command, type CommandIo, processIo } from './io.ts';

export const commands: Record<string, () => Promise<Command>> = {
  keys: async () => (await import('./keys.ts')).keysCommand,
  status: async () => (await import('./chain.ts')).statusCommand,
  tx: async () => (await import('./chain.ts')).txCommand,
  query: async () => (await import('./chain.ts')).queryCommand,
  dossier: async () => (await import('./dossier.ts')).dossierCommand,
  import: async () => (await import('./import.ts')).importCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  vault: async () => (await import('./vault-cmd.ts')).vaultCommand,
  sealed: async () => (await import('./sealed-cmd.ts')).sealedCommand,
  validators: async () => (await import('./validators.ts')).validatorsCommand,
  attach: async () => (await import('./attach.ts')).attachCommand,
  orglife: async () => (await import('./orglife.ts')).orglifeCommand,
  dues: async () => (await import('./dues.ts')).duesCommand,
  anchor: async () => (await import('./anchor.ts')).anchorCommand,
  declare: async () => (await import('./declare.ts')).declareCommand,
  index: async () => (await import('./indexer.ts')).indexCommand,
};
