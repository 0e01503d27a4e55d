/**
 * Domain tags of every hash and signature the ledger defines. A tag names the structure and its
 * version, so bytes signed or hashed as one kind can never be read as another.
 */
import { concatBytes, type Suite, taggedHash } from '@djchain/crypto';

export const TAG = {
  tx: 'djchain/tx/v1',
  txId: 'djchain/txid/v1',
  header: 'djchain/header/v1',
  vote: 'djchain/vote/v1',
  commit: 'djchain/commit/v1',
  validators: 'djchain/validators/v1',
  receipt: 'djchain/receipt/v1',
} as const;

const utf8 = new TextEncoder();

/** The suite's domain-separated hash of `data` under `tag`. */
export function domainHash(suite: Suite, tag: string, data: Uint8Array): Uint8Array {
  return taggedHash(suite, tag, data);
}

/**
 * Bytes to sign: UTF-8 tag, one 0x00 byte, then the canonical body. Tags contain no NUL, so the
 * split between tag and body is unambiguous.
 */
export function signingBytes(tag: string, body: Uint8Array): Uint8Array {
  return concatBytes(utf8.encode(tag), new Uint8Array(1), body);
}
