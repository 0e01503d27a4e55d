/**
 * The genesis section `governance`: who approves node admission. Either one named superior body that
 * signs with its own key (e.g. the 街道党工委 as an observer organization), or at least two thirds of
 * the organizations running validators, each by its 书记. Proposals stay open `proposalTtl` blocks.
 */
import { fromHex, type Value } from '@djchain/crypto';
import { ModuleError } from '../common/errors.ts';

export type Approval =
  | { readonly by: 'validatorOrgs' }
  | { readonly by: 'superior'; readonly name: string; readonly publicKey: string };

export interface GovernanceParams {
  readonly approval: Approval;
  /** Blocks a proposal stays open for approval. */
  readonly proposalTtl: number;
}

/** `GenesisDoc.modules.governance` (all optional). */
export interface GovernanceGenesis {
  readonly approval?: Approval;
  readonly proposalTtl?: number;
}

export const DEFAULT_PARAMS: GovernanceParams = { approval: { by: 'validatorOrgs' }, proposalTtl: 1000 };

export const KEY_HEX = /^(?:[0-9a-f]{2}){32,65}$/;

/** Checks the genesis section; throws with a message a person can act on. */
export function parseGenesis(config: Value): GovernanceParams {
  if (config === null || config === undefined) return DEFAULT_PARAMS;
  const c = config as { approval?: Value; proposalTtl?: Value };
  const ttl = c.proposalTtl ?? DEFAULT_PARAMS.proposalTtl;
  if (typeof ttl !== 'number' || !Number.isSafeInteger(ttl) || ttl < 1 || ttl > 1_000_000)
    throw new ModuleError(
      'MODULES_BAD_GENESIS',
      'governance genesis: proposalTtl must be an integer from 1 to 1000000 blocks',
    );
  const a = (c.approval ?? DEFAULT_PARAMS.approval) as { by?: Value; name?: Value; publicKey?: Value };
  if (a.by === 'validatorOrgs') return { approval: { by: 'validatorOrgs' }, proposalTtl: ttl };
  if (a.by === 'superior') {
    if (typeof a.name !== 'string' || a.name.length === 0 || a.name.length > 128)
      throw new ModuleError(
        'MODULES_BAD_GENESIS',
        'governance genesis: approval.name (the superior body) is required',
      );
    if (typeof a.publicKey !== 'string' || !KEY_HEX.test(a.publicKey))
      throw new ModuleError(
        'MODULES_BAD_GENESIS',
        'governance genesis: approval.publicKey must be the superior body’s key in lowercase hex',
      );
    fromHex(a.publicKey);
    return { approval: { by: 'superior', name: a.name, publicKey: a.publicKey }, proposalTtl: ttl };
  }
  throw new ModuleError(
    'MODULES_BAD_GENESIS',
    "governance genesis: approval.by must be 'validatorOrgs' or 'superior'",
  );
}
