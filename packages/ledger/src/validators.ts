/** Validator sets: who signs blocks and with what voting power. The set lives in state (DESIGN §4). */
import { encode, type Suite, toHex, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { LedgerError } from './errors.ts';
import { domainHash, TAG } from './hashing.ts';
import { Fields } from './shape.ts';

export interface Validator {
  readonly publicKey: Uint8Array;
  /** Voting power, a positive integer. */
  readonly power: number;
  /** Human-readable name of the node (e.g. "东风社区党委"). */
  readonly name: string;
  /** The organization running the node, when registered. */
  readonly orgId?: string;
}

/**
 * A validator as JSON files and configs carry it (genesis.json, the web page's /app-config.json):
 * the key as hex, the other fields as in `Validator`.
 */
export interface ValidatorJson {
  readonly publicKey: string;
  readonly power: number;
  readonly name: string;
  readonly orgId?: string;
}

/** An ordered list: `validatorIndex` in commits refers to this order. */
export interface ValidatorSet {
  readonly validators: readonly Validator[];
}

// Keeps 3 × total power exact in a double (the >2/3 test multiplies by 3).
const MAX_TOTAL_POWER = Math.floor(Number.MAX_SAFE_INTEGER / 4);

export function validatorSetToValue(set: ValidatorSet): Value {
  return {
    validators: set.validators.map((v) => {
      const out: Record<string, Value> = { publicKey: v.publicKey, power: v.power, name: v.name };
      if (v.orgId !== undefined) out.orgId = v.orgId;
      return out;
    }),
  };
}

/** Checks shape and invariants: at least one validator, distinct keys, positive powers, bounded total. */
export function validatorSetFromValue(v: Value): ValidatorSet {
  const f: Fields = new Fields('LEDGER_BAD_VALIDATORS', 'validatorSet', v);
  const list = f.list('validators', 10_000);
  f.done();
  const validators = list.map((item, i): Validator => {
    const g: Fields = new Fields('LEDGER_BAD_VALIDATORS', `validators[${i}]`, item);
    const publicKey = g.bytes('publicKey');
    if (publicKey.length < 32 || publicKey.length > 65) g.fail('publicKey', 'must be 32 to 65 bytes');
    const power = g.uint('power');
    if (power === 0) g.fail('power', 'must be positive');
    const name = g.str('name', 128);
    const orgId = g.optional('orgId', (k) => g.str(k, 128));
    g.done();
    return orgId === undefined ? { publicKey, power, name } : { publicKey, power, name, orgId };
  });
  const set = { validators };
  checkValidatorSet(set);
  return set;
}

/** Throws LEDGER_BAD_VALIDATORS unless the set is usable for consensus. */
export function checkValidatorSet(set: ValidatorSet): void {
  if (set.validators.length === 0) throw new LedgerError('LEDGER_BAD_VALIDATORS', 'validator set is empty');
  const keys = new Set<string>();
  for (const v of set.validators) {
    const k = toHex(v.publicKey);
    if (keys.has(k))
      throw new LedgerError('LEDGER_BAD_VALIDATORS', 'duplicate validator key', { publicKey: k });
    keys.add(k);
    if (!Number.isSafeInteger(v.power) || v.power <= 0) {
      throw new LedgerError('LEDGER_BAD_VALIDATORS', 'power must be a positive integer', { publicKey: k });
    }
  }
  if (totalPower(set) > MAX_TOTAL_POWER)
    throw new LedgerError('LEDGER_BAD_VALIDATORS', 'total power too large');
}

export function totalPower(set: ValidatorSet): number {
  let sum = 0;
  for (const v of set.validators) sum += v.power;
  return sum;
}

/** Index of the validator with this public key, or -1. */
export function validatorIndex(set: ValidatorSet, publicKey: Uint8Array): number {
  const k = toHex(publicKey);
  return set.validators.findIndex((v) => toHex(v.publicKey) === k);
}

export function encodeValidatorSet(set: ValidatorSet): Uint8Array {
  return encode(validatorSetToValue(set));
}

export function decodeValidatorSet(bytes: Uint8Array): ValidatorSet {
  return validatorSetFromValue(decodeValue('LEDGER_BAD_VALIDATORS', 'validatorSet', bytes));
}

/** H_tag("djchain/validators/v1", canonical CBOR of the set): the header's validatorsHash. */
export function validatorSetHash(suite: Suite, set: ValidatorSet): Uint8Array {
  return domainHash(suite, TAG.validators, encodeValidatorSet(set));
}
