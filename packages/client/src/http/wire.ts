/** Reading the node's JSON answers strictly: every field checked, bytes decoded from base64. */
import { decode, type Value } from '@djchain/crypto/browser';
import {
  type CommitCertificate,
  decodeCommit,
  decodeHeader,
  decodeReceipt,
  decodeValidatorSet,
  type Header,
  type MerkleProof,
  merkleProofFromValue,
  type Receipt,
  type ValidatorSet,
} from '@djchain/ledger';
import { decodeProof, type Proof } from '@djchain/state';
import { fromBase64 } from '../base64.ts';
import { ClientError } from '../errors.ts';

export function badResponse(message: string, details: Record<string, unknown> = {}): ClientError {
  return new ClientError('CLIENT_BAD_RESPONSE', message, details);
}

export function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badResponse(`${what} must be an object`);
  return v as Record<string, unknown>;
}

export function str(o: Record<string, unknown>, k: string, what: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw badResponse(`${what}.${k} must be a string`);
  return v;
}

export function uint(o: Record<string, unknown>, k: string, what: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw badResponse(`${what}.${k} must be a uint`);
  return v;
}

/** Decodes base64 field `k` with `dec`, mapping any failure to CLIENT_BAD_RESPONSE. */
export function field<T>(o: Record<string, unknown>, k: string, what: string, dec: (b: Uint8Array) => T): T {
  const text = str(o, k, what);
  try {
    return dec(fromBase64(text, `${what}.${k}`));
  } catch (e) {
    throw badResponse(`${what}.${k}: ${(e as Error).message}`);
  }
}

export const asHeader = (b: Uint8Array): Header => decodeHeader(b);
export const asCommit = (b: Uint8Array): CommitCertificate => decodeCommit(b);
export const asValidatorSet = (b: Uint8Array): ValidatorSet => decodeValidatorSet(b);
export const asReceipt = (b: Uint8Array): Receipt => decodeReceipt(b);
export const asStateProof = (b: Uint8Array): Proof => decodeProof(b);
export const asMerkleProof = (b: Uint8Array): MerkleProof => merkleProofFromValue(decode(b) as Value);
export const asBytes = (b: Uint8Array): Uint8Array => b;
