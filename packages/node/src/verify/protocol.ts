/**
 * Messages between the verification pool and its workers. A batch travels as ONE buffer of the
 * transactions' canonical encodings with their end offsets, transferred (not copied) both ways.
 */
import type { SuiteId } from '@djchain/crypto';

export interface VerifyRequest {
  readonly id: number;
  readonly suite: SuiteId;
  /** The encodings, back to back. */
  readonly bytes: Uint8Array;
  /** ends[i] = offset just past transaction i. */
  readonly ends: Uint32Array;
}

export interface VerifyResponse {
  readonly id: number;
  /** 1 when transaction i decodes and its signature verifies, else 0. */
  readonly ok: Uint8Array;
  /** The transactions' ids (H_tag(txid, encoding)), `hashLength` bytes each, back to back. */
  readonly hashes: Uint8Array;
  readonly hashLength: number;
}

/** Packs encodings into one buffer and their end offsets. */
export function pack(encodings: readonly Uint8Array[]): {
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
} {
  let total = 0;
  for (const e of encodings) total += e.length;
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(encodings.length);
  let at = 0;
  encodings.forEach((e, i) => {
    bytes.set(e, at);
    at += e.length;
    ends[i] = at;
  });
  return { bytes, ends };
}
