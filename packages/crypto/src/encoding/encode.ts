/**
 * Canonical encoding of a Value: the core deterministic CBOR of RFC 8949 §4.2.1, restricted to
 * integers, byte and text strings, arrays, string-keyed maps, true, false and null.
 */
import type { Value } from '../types.ts';
import { EncodingError, MAX_DEPTH } from './errors.ts';
import { utf8Encode } from './utf8.ts';
import { Writer } from './writer.ts';

const MAX_U64 = (1n << 64n) - 1n;

// PERF: the same few map keys (field names) recur in every transaction; cache their encoded form.
const keyCache = new Map<string, Uint8Array>();
const KEY_CACHE_LIMIT = 4096;

/** The encoded CBOR text string for a map key (head + UTF-8). */
function encodedKey(key: string): Uint8Array {
  let enc = keyCache.get(key);
  if (enc === undefined) {
    const w = new Writer(key.length + 9);
    const utf8 = utf8Encode(key);
    w.head(3, utf8.length);
    w.bytes(utf8);
    enc = w.finish();
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(key, enc);
  }
  return enc;
}

/** Bytewise lexicographic order of encoded keys (RFC 8949 §4.2.1). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function writeInt(w: Writer, v: number | bigint): void {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) {
      throw new EncodingError('ENCODING_INT_RANGE', `number ${v} is not a safe integer (no floats)`);
    }
    if (v >= 0) w.head(0, v);
    else w.head(1, -1 - v);
    return;
  }
  if (v >= 0n) {
    if (v > MAX_U64) throw new EncodingError('ENCODING_INT_RANGE', 'bigint above 2^64-1');
    w.head(0, v);
  } else {
    const n = -1n - v;
    if (n > MAX_U64) throw new EncodingError('ENCODING_INT_RANGE', 'bigint below -2^64');
    w.head(1, n);
  }
}

function writeValue(w: Writer, v: Value, depth: number): void {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      writeInt(w, v);
      return;
    case 'string': {
      const utf8 = utf8Encode(v);
      w.head(3, utf8.length);
      w.bytes(utf8);
      return;
    }
    case 'boolean':
      w.byte(v ? 0xf5 : 0xf4);
      return;
    case 'object':
      break;
    default:
      throw new EncodingError('ENCODING_UNSUPPORTED', `cannot encode a ${typeof v}`);
  }
  if (v === null) {
    w.byte(0xf6);
    return;
  }
  if (v instanceof Uint8Array) {
    w.head(2, v.length);
    w.bytes(v);
    return;
  }
  if (depth >= MAX_DEPTH) throw new EncodingError('ENCODING_DEPTH', `nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(v)) {
    w.head(4, v.length);
    for (let i = 0; i < v.length; i++) writeValue(w, v[i] as Value, depth + 1);
    return;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new EncodingError('ENCODING_UNSUPPORTED', 'only plain objects encode as maps');
  }
  const obj = v as { readonly [key: string]: Value };
  const keys = Object.keys(obj);
  const entries: { enc: Uint8Array; value: Value }[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    entries[i] = { enc: encodedKey(key), value: obj[key] as Value };
  }
  entries.sort((a, b) => compareBytes(a.enc, b.enc));
  w.head(5, entries.length);
  for (const e of entries) {
    if (e.value === undefined) throw new EncodingError('ENCODING_UNSUPPORTED', 'undefined map value');
    w.bytes(e.enc);
    writeValue(w, e.value, depth + 1);
  }
}

/**
 * Canonical bytes of `v`. Throws EncodingError for floats, unsafe numbers, integers beyond 64 bits,
 * lone surrogates, undefined, non-plain objects and nesting deeper than 64. A bigint within the safe
 * range encodes exactly like the number, so it decodes as a number.
 */
export function encode(v: Value): Uint8Array {
  // PERF: one writer reused across calls (a fresh 256-byte buffer per call was ≈ 3 % of a node's
  // time with the garbage it made); a nested call (none today) takes a new one.
  const w = spare ?? new Writer();
  spare = null;
  w.pos = 0;
  try {
    writeValue(w, v, 0);
    return w.finish();
  } finally {
    // A writer grown past SPARE_MAX_BYTES by one large value is dropped, not kept for the next.
    if (w.buf.length <= SPARE_MAX_BYTES) spare = w;
  }
}

const SPARE_MAX_BYTES = 64 * 1024;
let spare: Writer | null = null;
