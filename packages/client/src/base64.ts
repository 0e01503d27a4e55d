/**
 * Standard base64 (RFC 4648 §4, padded), the API’s byte encoding. Written out because browsers
 * lack Node's buffers and atob/btoa work on binary strings; decoding is strict (canonical padding
 * only), so one byte string has exactly one text form.
 */
import { ClientError } from './errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Bytes of padded standard base64; CLIENT_BAD_ENCODING for anything else. */
export function fromBase64(text: string, what = 'base64'): Uint8Array {
  const bad = (why: string) => new ClientError('CLIENT_BAD_ENCODING', `${what}: ${why}`);
  if (typeof text !== 'string' || text.length % 4 !== 0) throw bad('length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const last = i + 4 === text.length;
      let d: number;
      if (c === 61 /* = */ && last && j >= 4 - pad) d = 0;
      else d = c < 128 ? INDEX[c]! : -1;
      if (d < 0) throw bad(`invalid character at ${i + j}`);
      n = (n << 6) | d;
    }
    const b = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    const take = i + 4 === text.length ? 3 - pad : 3;
    // Canonical form: the bits under the padding are zero.
    for (let k = take; k < 3; k++) if (b[k] !== 0) throw bad('non-zero padding bits');
    for (let k = 0; k < take; k++) out[o++] = b[k]!;
  }
  return out;
}
