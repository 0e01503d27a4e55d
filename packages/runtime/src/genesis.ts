/** The genesis state: chain parameters and validators under `sys/`, then each module's genesis hook. */
import { encode, type Suite, type SuiteId, toHex, type Value } from '@djchain/crypto';
import {
  checkValidatorSet,
  isLedgerError,
  type ReceiptEvent,
  type ValidatorSet,
  validatorSetToValue,
} from '@djchain/ledger';
import { RuntimeError } from './errors.ts';
import { runHook } from './hooks.ts';
import { MemoryState } from './memory-state.ts';
import { thrownError } from './outcome.ts';
import { Overlay } from './overlay.ts';
import type { ModuleDef } from './types.ts';
import type { StateView, StateWrite } from './view.ts';

export interface GenesisDoc {
  readonly chainId: string;
  readonly suite: SuiteId;
  /** Genesis time (ms): the time genesis hooks see. */
  readonly time: number;
  readonly validators: ValidatorSet;
  /** Each module's genesis configuration; a registered module without one gets null. */
  readonly modules: { readonly [name: string]: Value };
  /**
   * Registered non-validator (observer) nodes, e.g. superior Party bodies following the chain.
   * With the validators they form the node registry that p2p admission is bound to. Written to
   * `sys/nodes` only when given, so a genesis without observers keeps its state root.
   */
  readonly nodes?: readonly GenesisNode[];
}

/** A registered node that is not a validator: its p2p identity key and a name for people. */
export interface GenesisNode {
  readonly publicKey: Uint8Array;
  readonly name: string;
  readonly orgId?: string;
}

export interface GenesisResult {
  /** Version 0 of state, ascending by key. */
  readonly writes: StateWrite[];
  readonly events: ReceiptEvent[];
}

/** `sys/chain` = { chainId, suite, genesisTime }; `sys/validators` = the validator set value. */
export const SYS_CHAIN_KEY = 'sys/chain';
export const SYS_VALIDATORS_KEY = 'sys/validators';
/** `sys/nodes` = [{ publicKey, name, orgId? }] of observer nodes (see `GenesisDoc.nodes`). */
export const SYS_NODES_KEY = 'sys/nodes';

export function executeGenesis(
  suite: Suite,
  chainId: string,
  names: readonly string[],
  modules: ReadonlyMap<string, ModuleDef>,
  doc: GenesisDoc,
  view: StateView = new MemoryState(),
): GenesisResult {
  const bad = (message: string) => new RuntimeError('RUNTIME_BAD_GENESIS', message);
  if (doc.chainId !== chainId) throw bad(`genesis is for chain ${doc.chainId}, not ${chainId}`);
  if (doc.suite !== suite.id) throw bad(`genesis suite ${doc.suite} is not the executor's ${suite.id}`);
  if (!Number.isSafeInteger(doc.time) || doc.time < 0) throw bad('genesis time must be a uint (ms)');
  try {
    checkValidatorSet(doc.validators);
  } catch (e) {
    throw isLedgerError(e) ? bad(e.message) : e;
  }
  for (const name of Object.keys(doc.modules)) if (!modules.has(name)) throw bad(`unknown module ${name}`);

  const overlay = new Overlay(view);
  overlay.set(SYS_CHAIN_KEY, encode({ chainId, suite: suite.id, genesisTime: doc.time }));
  overlay.set(SYS_VALIDATORS_KEY, encode(validatorSetToValue(doc.validators)));
  if (doc.nodes !== undefined) {
    const seen = new Set<string>();
    const nodes = doc.nodes.map((n, i) => {
      const id = n.publicKey instanceof Uint8Array ? toHex(n.publicKey) : '';
      if (id === '' || seen.has(id) || typeof n.name !== 'string') {
        throw bad(`nodes[${i}]: a distinct public key and a name are required`);
      }
      seen.add(id);
      return { publicKey: n.publicKey, name: n.name, ...(n.orgId === undefined ? {} : { orgId: n.orgId }) };
    });
    overlay.set(SYS_NODES_KEY, encode(nodes));
  }
  const scope = { chainId, height: 0, time: doc.time, modules, view: overlay, depth: 0 };
  const events: ReceiptEvent[] = [];
  for (const name of names) {
    const def = modules.get(name)!;
    if (!def.genesis) continue;
    const config = Object.hasOwn(doc.modules, name) ? doc.modules[name]! : null;
    const out = runHook(suite, scope, overlay, def, (ctx) => def.genesis!(ctx, config));
    if (!out.ok) {
      const err = thrownError(out.error, `${name}.genesis`);
      throw bad(
        `${name}.genesis failed: ${err.code}${out.error instanceof Error ? ` (${out.error.message})` : ''}`,
      );
    }
    events.push(...out.events);
  }
  return { writes: overlay.netWrites(), events };
}
