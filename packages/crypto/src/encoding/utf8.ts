/** UTF-8 for the canonical encoding: strict both ways, with an ASCII fast path (most keys and ids are ASCII). */
import { EncodingError } from './errors.ts';

const encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is content, so re-encoding is exact.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of `s`; throws ENCODING_INVALID_UTF8 on a lone surrogate (TextEncoder would silently replace it). */
export function utf8Encode(s: string): Uint8Array {
  const n = s.length;
  if (n < 64) {
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
      return out;
    }
  }
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    throw new EncodingError('ENCODING_INVALID_UTF8', 'string holds a lone surrogate');
  }
  return encoder.encode(s);
}

/** The string of UTF-8 `bytes[start, end)`; throws ENCODING_INVALID_UTF8 on invalid UTF-8. */
export function utf8Decode(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n < 64) {
    let s = '';
    let i = start;
    for (; i < end; i++) {
      const b = bytes[i]!;
      if (b > 0x7f) break;
      s += String.fromCharCode(b);
    }
    if (i === end) return s;
  }
  try {
    return decoder.decode(bytes.subarray(start, end));
  } catch {
    throw new EncodingError('ENCODING_INVALID_UTF8', 'text string is not valid UTF-8', start);
  }
}
