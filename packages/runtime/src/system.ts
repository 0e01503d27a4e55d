/**
 * The system records a governing module may change: the validator set (`sys/validators`) and the
 * observer node registry (`sys/nodes`). Written at genesis; afterwards only by a module that
 * declares `governsValidators` (DESIGN §4: "the validator set lives in state; changes are governed
 * acts taking effect two heights later" — the node reads the set of height h from version h-2).
 * Every write is checked here, so no module can leave the chain without a usable set.
 */
import { decode, encode, toHex, type Value } from '@djchain/crypto';
import {
  checkValidatorSet,
  isLedgerError,
  type ValidatorSet,
  validatorSetFromValue,
  validatorSetToValue,
} from '@djchain/ledger';
import { RuntimeError } from './errors.ts';
import {
  type GenesisNode,
  SYS_NODES_KEY as SYS_NODES,
  SYS_VALIDATORS_KEY as SYS_VALIDATORS,
} from './genesis.ts';
import type { Overlay } from './overlay.ts';
import type { StateView } from './view.ts';

/** Read and write access to the validator set and the observer registry. */
export interface SystemStore {
  /** The set as written so far (in force two heights after the block that wrote it). */
  validators(): ValidatorSet;
  /** Replaces the set; throws RUNTIME_BAD_VALIDATORS when it is empty or malformed. */
  setValidators(set: ValidatorSet): void;
  /** Registered observer nodes (empty when none). */
  nodes(): GenesisNode[];
  /** Replaces the observer registry; throws RUNTIME_BAD_VALIDATORS on a duplicate or malformed entry. */
  setNodes(nodes: readonly GenesisNode[]): void;
}

/** The validator set in `view` (every chain has one from genesis on). */
export function readValidators(view: StateView): ValidatorSet {
  const bytes = view.get(SYS_VALIDATORS);
  if (bytes === undefined) throw new RuntimeError('RUNTIME_BAD_VALIDATORS', 'no validator set in state');
  return validatorSetFromValue(decode(bytes));
}

/** The observer nodes in `view`. */
export function readNodes(view: StateView): GenesisNode[] {
  const bytes = view.get(SYS_NODES);
  if (bytes === undefined) return [];
  const list = decode(bytes);
  if (!Array.isArray(list)) return [];
  return (list as readonly { publicKey?: Value; name?: Value; orgId?: Value }[]).flatMap((n) =>
    n.publicKey instanceof Uint8Array && typeof n.name === 'string'
      ? [
          {
            publicKey: n.publicKey,
            name: n.name,
            ...(typeof n.orgId === 'string' ? { orgId: n.orgId } : {}),
          },
        ]
      : [],
  );
}

/** The observer registry as stored: checked for distinct keys and names. */
export function nodesToValue(nodes: readonly GenesisNode[]): Value {
  const seen = new Set<string>();
  return nodes.map((n, i) => {
    const id = n.publicKey instanceof Uint8Array ? toHex(n.publicKey) : '';
    if (id === '' || n.publicKey.length < 32 || n.publicKey.length > 65 || seen.has(id)) {
      throw new RuntimeError(
        'RUNTIME_BAD_VALIDATORS',
        `nodes[${i}]: a distinct 32 to 65 byte key is required`,
      );
    }
    if (typeof n.name !== 'string' || n.name.length === 0 || n.name.length > 128) {
      throw new RuntimeError('RUNTIME_BAD_VALIDATORS', `nodes[${i}]: a name of 1 to 128 is required`);
    }
    seen.add(id);
    return { publicKey: n.publicKey, name: n.name, ...(n.orgId === undefined ? {} : { orgId: n.orgId }) };
  });
}

/** A SystemStore over a transaction's overlay; writes throw while `locked()` (authorize, verify). */
export function systemStore(overlay: Overlay, locked: () => boolean): SystemStore {
  const guard = () => {
    if (locked()) throw new RuntimeError('RUNTIME_WRITE_IN_VERIFY', 'authorize and verify must not write');
  };
  return {
    validators: () => readValidators(overlay),
    setValidators(set) {
      guard();
      try {
        checkValidatorSet(set);
        // Round-trip through the value form: the same checks the node applies when it reads it.
        overlay.set(
          SYS_VALIDATORS,
          encode(validatorSetToValue(validatorSetFromValue(validatorSetToValue(set)))),
        );
      } catch (e) {
        if (isLedgerError(e)) throw new RuntimeError('RUNTIME_BAD_VALIDATORS', e.message);
        throw e;
      }
    },
    nodes: () => readNodes(overlay),
    setNodes(nodes) {
      guard();
      overlay.set(SYS_NODES, encode(nodesToValue(nodes)));
    },
  };
}
