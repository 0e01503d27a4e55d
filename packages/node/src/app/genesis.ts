/** genesis.json: the genesis document in JSON (keys as hex), checked with messages a person can act on. */
import { fromHex, type SuiteId, toHex, type Value } from '@djchain/crypto';
import type { ValidatorJson } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { NodeError } from '../errors.ts';

export interface GenesisJson {
  readonly chainId: string;
  readonly suite: SuiteId;
  /** Genesis time, ms since the Unix epoch. */
  readonly time: number;
  readonly validators: readonly ValidatorJson[];
  readonly modules: { readonly [name: string]: unknown };
  /** Registered observer (non-validator) nodes; absent when there are none. */
  readonly nodes?: ReadonlyArray<{
    readonly publicKey: string;
    readonly name: string;
    readonly orgId?: string;
  }>;
}

const bad = (message: string) => new NodeError('NODE_BAD_GENESIS', `genesis.json: ${message}`);

export function genesisToJson(doc: GenesisDoc): GenesisJson {
  return {
    chainId: doc.chainId,
    suite: doc.suite,
    time: doc.time,
    validators: doc.validators.validators.map((v) => ({
      publicKey: toHex(v.publicKey),
      power: v.power,
      name: v.name,
      ...(v.orgId === undefined ? {} : { orgId: v.orgId }),
    })),
    modules: doc.modules,
    ...(doc.nodes === undefined
      ? {}
      : {
          nodes: doc.nodes.map((n) => ({
            publicKey: toHex(n.publicKey),
            name: n.name,
            ...(n.orgId === undefined ? {} : { orgId: n.orgId }),
          })),
        }),
  };
}

/** Parses the JSON form; the runtime checks the rest (validator set, module configs) at genesis. */
export function genesisFromJson(json: unknown): GenesisDoc {
  if (typeof json !== 'object' || json === null) throw bad('must be a JSON object');
  const g = json as Partial<GenesisJson>;
  if (typeof g.chainId !== 'string' || !/^[a-zA-Z0-9._-]{1,64}$/.test(g.chainId)) {
    throw bad('chainId must be 1 to 64 letters, digits, ".", "_" or "-"');
  }
  if (g.suite !== 'intl' && g.suite !== 'gm') throw bad('suite must be "intl" or "gm"');
  if (!Number.isSafeInteger(g.time) || (g.time as number) < 0) throw bad('time must be ms since the epoch');
  if (!Array.isArray(g.validators) || g.validators.length === 0)
    throw bad('validators must be a non-empty list');
  const validators = g.validators.map((v, i) => {
    if (typeof v?.publicKey !== 'string' || !/^[0-9a-f]+$/.test(v.publicKey)) {
      throw bad(`validators[${i}].publicKey must be lowercase hex`);
    }
    if (!Number.isSafeInteger(v.power) || v.power <= 0)
      throw bad(`validators[${i}].power must be a positive integer`);
    if (typeof v.name !== 'string') throw bad(`validators[${i}].name must be a string`);
    return {
      publicKey: fromHex(v.publicKey),
      power: v.power,
      name: v.name,
      ...(typeof v.orgId === 'string' ? { orgId: v.orgId } : {}),
    };
  });
  const modules = g.modules ?? {};
  if (typeof modules !== 'object' || modules === null || Array.isArray(modules)) {
    throw bad('modules must be an object of module configurations');
  }
  let nodes: GenesisDoc['nodes'];
  if (g.nodes !== undefined) {
    if (!Array.isArray(g.nodes)) throw bad('nodes must be a list of observer nodes');
    nodes = g.nodes.map((n, i) => {
      if (typeof n?.publicKey !== 'string' || !/^[0-9a-f]+$/.test(n.publicKey)) {
        throw bad(`nodes[${i}].publicKey must be lowercase hex`);
      }
      if (typeof n.name !== 'string') throw bad(`nodes[${i}].name must be a string`);
      return {
        publicKey: fromHex(n.publicKey),
        name: n.name,
        ...(typeof n.orgId === 'string' ? { orgId: n.orgId } : {}),
      };
    });
  }
  return {
    chainId: g.chainId,
    suite: g.suite,
    time: g.time as number,
    validators: { validators },
    modules: modules as { [name: string]: Value },
    ...(nodes === undefined ? {} : { nodes }),
  };
}
