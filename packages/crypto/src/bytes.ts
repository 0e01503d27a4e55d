/** Byte helpers shared by every suite; no Buffer, so the same code runs in browsers. */
import { CryptoError } from './errors.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Bytes of a hex string (either case, even length); throws CryptoError CRYPTO_BAD_HEX otherwise. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new CryptoError('CRYPTO_BAD_HEX', 'hex string has odd length');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new CryptoError('CRYPTO_BAD_HEX', `not a hex digit at ${2 * i}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** One new array holding `parts` in order. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Whether `a` and `b` hold the same bytes. The time depends only on the lengths, not on where
 * they differ, so it is safe for tags and MACs.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Big-endian unsigned integer of `bytes`. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}

/** `n` as exactly `length` big-endian bytes; throws when it does not fit. */
export function bigIntToBytes(n: bigint, length: number): Uint8Array {
  const hex = n.toString(16);
  if (n < 0n || hex.length > length * 2) throw new CryptoError('CRYPTO_RANGE', 'integer does not fit');
  return fromHex(hex.padStart(length * 2, '0'));
}
