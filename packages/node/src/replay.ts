/** Replaying a chain from genesis into a fresh store: every block must reproduce its state root. */
import { getSuite, toHex } from '@djchain/crypto';
import type { BlockStore } from '@djchain/ledger';
import type { GenesisDoc, ModuleDef } from '@djchain/runtime';
import { Application } from './app/application.ts';
import { NodeError } from './errors.ts';
import { ChainStore } from './storage/chain-store.ts';

/**
 * Re-executes blocks 1..latest of `source` over a fresh database at `file` (validating each as a
 * proposal would be: links, certificates, BFT time, roots). Returns every state root in order;
 * throws NODE_BAD_BLOCK at the first block whose execution differs.
 */
export function replayChain(
  source: BlockStore,
  opts: { genesis: GenesisDoc; modules: readonly ModuleDef[]; file: string },
): string[] {
  const suite = getSuite(opts.genesis.suite);
  const store = new ChainStore({ file: opts.file, suite });
  try {
    const app = new Application({ suite, genesis: opts.genesis, modules: opts.modules }, { store });
    if (app.height() !== 0) throw new NodeError('NODE_STORE_CONFLICT', 'replay needs an empty database');
    const roots: string[] = [];
    const latest = source.latestHeight();
    for (let h = 1; h <= latest; h++) {
      const block = source.getBlock(h)!;
      const executed = app.validate(block);
      app.commit(executed, source.getCommit(h)!);
      roots.push(toHex(executed.block.header.stateRoot));
    }
    return roots;
  } finally {
    store.close();
  }
}
