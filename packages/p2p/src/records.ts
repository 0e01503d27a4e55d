/**
 * A frame's plaintext is one or more records `channel (1) ‖ length (4, BE) ‖ payload`. Batching
 * the messages queued for a peer into one sealed frame pays the AEAD set-up once per batch rather
 * than once per message (about 70 µs per call for AES-256-GCM on node:crypto).
 */
import { P2PError } from './errors.ts';

export const RECORD_HEADER_BYTES = 5;

export interface WireRecord {
  readonly channel: number;
  readonly payload: Uint8Array;
}

/** The plaintext carrying `records` in order. */
export function encodeRecords(records: readonly WireRecord[]): Uint8Array {
  let size = 0;
  for (const r of records) size += RECORD_HEADER_BYTES + r.payload.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const r of records) {
    out[at] = r.channel;
    view.setUint32(at + 1, r.payload.length);
    out.set(r.payload, at + RECORD_HEADER_BYTES);
    at += RECORD_HEADER_BYTES + r.payload.length;
  }
  return out;
}

/** The records of a decrypted frame; throws P2P_BAD_FRAME unless they tile it exactly. */
export function decodeRecords(plain: Uint8Array): WireRecord[] {
  if (plain.length === 0) throw new P2PError('P2P_BAD_FRAME', 'empty frame');
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const out: WireRecord[] = [];
  let at = 0;
  while (at < plain.length) {
    if (plain.length - at < RECORD_HEADER_BYTES)
      throw new P2PError('P2P_BAD_FRAME', 'truncated record header');
    const length = view.getUint32(at + 1);
    const end = at + RECORD_HEADER_BYTES + length;
    if (end > plain.length) throw new P2PError('P2P_BAD_FRAME', 'record longer than its frame');
    out.push({ channel: plain[at]!, payload: plain.subarray(at + RECORD_HEADER_BYTES, end) });
    at = end;
  }
  return out;
}
