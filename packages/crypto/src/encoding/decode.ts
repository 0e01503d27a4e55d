/**
 * Strict decoder for the canonical encoding: accepts exactly the bytes `encode` produces, so
 * encode(decode(b)) equals b for every b that decodes.
 */
import type { Value } from '../types.ts';
import { EncodingError, MAX_DEPTH } from './errors.ts';
import { utf8Decode } from './utf8.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// PERF: big-endian reads by shifts, not a DataView per decode (its construction cost more than
// decoding a small record).
class Reader {
  readonly bytes: Uint8Array;
  pos = 0;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** The big-endian unsigned 32-bit word at `at`. */
  u32(at: number): number {
    const b = this.bytes;
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }

  need(n: number, at: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new EncodingError('ENCODING_TRUNCATED', 'input ends inside an item', at);
    }
  }

  /** Reads the argument of a head whose additional info is `ai`, rejecting non-shortest forms. */
  argument(ai: number, at: number): number | bigint {
    if (ai < 24) return ai;
    let n: number | bigint;
    let min: number;
    switch (ai) {
      case 24:
        this.need(1, at);
        n = this.bytes[this.pos]!;
        this.pos += 1;
        min = 24;
        break;
      case 25:
        this.need(2, at);
        n = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
        this.pos += 2;
        min = 0x100;
        break;
      case 26:
        this.need(4, at);
        n = this.u32(this.pos);
        this.pos += 4;
        min = 0x10000;
        break;
      case 27: {
        this.need(8, at);
        const big = (BigInt(this.u32(this.pos)) << 32n) | BigInt(this.u32(this.pos + 4));
        this.pos += 8;
        if (big < 0x100000000n)
          throw new EncodingError('ENCODING_NON_CANONICAL', 'integer not in shortest form', at);
        return big <= MAX_SAFE ? Number(big) : big;
      }
      case 31:
        throw new EncodingError('ENCODING_UNSUPPORTED', 'indefinite length', at);
      default:
        throw new EncodingError('ENCODING_UNSUPPORTED', `reserved additional info ${ai}`, at);
    }
    if (n < min) throw new EncodingError('ENCODING_NON_CANONICAL', 'integer not in shortest form', at);
    return n;
  }

  /** A length argument that must fit in the remaining input, each element taking at least `unit` bytes. */
  length(ai: number, at: number, unit: number): number {
    const n = this.argument(ai, at);
    if (typeof n === 'bigint' || this.pos + n * unit > this.bytes.length) {
      throw new EncodingError('ENCODING_TRUNCATED', 'length runs past the end of the input', at);
    }
    return n;
  }
}

// PERF: short strings recur — map keys (field names, in every record of a kind) and values (ids,
// statuses, dates): a string of at most 32 bytes is kept by its exact bytes and handed back for the
// same bytes, instead of built (and, as a property name, internalized) again. Strings are
// immutable, so sharing one is safe. Only bytes that decoded as valid UTF-8 are kept; a slot holds
// the last string that hashed to it.
const TEXT_SLOTS = 1024;
const TEXT_MAX_BYTES = 32;
const slotBytes: (Uint8Array | undefined)[] = new Array(TEXT_SLOTS).fill(undefined);
const slotTexts: string[] = new Array(TEXT_SLOTS).fill('');

/** The text encoded in bytes[start, end) (UTF-8, validated). */
function shortText(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > TEXT_MAX_BYTES) return utf8Decode(bytes, start, end);
  let h = 0x811c9dc5; // FNV-1a
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  const slot = h & (TEXT_SLOTS - 1);
  const known = slotBytes[slot];
  if (known !== undefined && known.length === n) {
    let i = 0;
    while (i < n && known[i] === bytes[start + i]) i++;
    if (i === n) return slotTexts[slot]!;
  }
  const text = utf8Decode(bytes, start, end);
  slotBytes[slot] = bytes.slice(start, end);
  slotTexts[slot] = text;
  return text;
}

/** The byte order (as encode.ts compareBytes) of bytes[aStart, aEnd) and bytes[bStart, bEnd), in place (PERF: no views per map key). */
function compareRanges(
  bytes: Uint8Array,
  aStart: number,
  aEnd: number,
  bStart: number,
  bEnd: number,
): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = bytes[aStart + i]! - bytes[bStart + i]!;
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

function setKey(obj: { [key: string]: Value }, key: string, value: Value): void {
  // A plain assignment to "__proto__" would replace the prototype instead of adding a key.
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

function readValue(r: Reader, depth: number): Value {
  const at = r.pos;
  r.need(1, at);
  const ib = r.bytes[r.pos++]!;
  const major = ib >> 5;
  const ai = ib & 0x1f;
  switch (major) {
    case 0:
      return r.argument(ai, at);
    case 1: {
      const n = r.argument(ai, at);
      if (typeof n === 'number') return n === Number.MAX_SAFE_INTEGER ? -1n - BigInt(n) : -1 - n;
      return -1n - n;
    }
    case 2: {
      const n = r.length(ai, at, 1);
      const out = r.bytes.slice(r.pos, r.pos + n);
      r.pos += n;
      return out;
    }
    case 3: {
      const n = r.length(ai, at, 1);
      const s = shortText(r.bytes, r.pos, r.pos + n);
      r.pos += n;
      return s;
    }
    case 4: {
      if (depth >= MAX_DEPTH)
        throw new EncodingError('ENCODING_DEPTH', `nesting deeper than ${MAX_DEPTH}`, at);
      const n = r.length(ai, at, 1);
      const out: Value[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = readValue(r, depth + 1);
      return out;
    }
    case 5: {
      if (depth >= MAX_DEPTH)
        throw new EncodingError('ENCODING_DEPTH', `nesting deeper than ${MAX_DEPTH}`, at);
      const n = r.length(ai, at, 2);
      const out: { [key: string]: Value } = {};
      let prevStart = -1;
      let prevEnd = -1;
      for (let i = 0; i < n; i++) {
        const keyStart = r.pos;
        r.need(1, keyStart);
        if (r.bytes[keyStart]! >> 5 !== 3)
          throw new EncodingError('ENCODING_MAP_KEY', 'map key is not a text string', keyStart);
        r.pos++;
        const len = r.length(r.bytes[keyStart]! & 0x1f, keyStart, 1);
        const key = shortText(r.bytes, r.pos, r.pos + len);
        r.pos += len;
        const keyEnd = r.pos;
        if (prevStart >= 0) {
          const order = compareRanges(r.bytes, prevStart, prevEnd, keyStart, keyEnd);
          if (order === 0)
            throw new EncodingError('ENCODING_DUPLICATE_KEY', `duplicate map key "${key}"`, keyStart);
          if (order > 0)
            throw new EncodingError('ENCODING_NON_CANONICAL', 'map keys not in canonical order', keyStart);
        }
        prevStart = keyStart;
        prevEnd = keyEnd;
        setKey(out, key, readValue(r, depth + 1));
      }
      return out;
    }
    case 6:
      throw new EncodingError('ENCODING_UNSUPPORTED', 'tags are not part of the canonical encoding', at);
    default:
      switch (ai) {
        case 20:
          return false;
        case 21:
          return true;
        case 22:
          return null;
        case 25:
        case 26:
        case 27:
          throw new EncodingError(
            'ENCODING_UNSUPPORTED',
            'floats are not part of the canonical encoding',
            at,
          );
        default:
          throw new EncodingError('ENCODING_UNSUPPORTED', `simple value or break (0x${ib.toString(16)})`, at);
      }
  }
}

/**
 * The Value encoded by `bytes`. Throws EncodingError (see its `code`) on truncated input, trailing
 * bytes, non-shortest integers or lengths, unsorted or duplicate map keys, non-text map keys,
 * invalid UTF-8, floats, tags, undefined, indefinite lengths and nesting deeper than 64.
 * Integers in the safe range decode as numbers, others as bigint.
 */
export function decode(bytes: Uint8Array): Value {
  const r = new Reader(bytes);
  const v = readValue(r, 0);
  if (r.pos !== bytes.length)
    throw new EncodingError('ENCODING_TRAILING_BYTES', 'bytes after the value', r.pos);
  return v;
}

/** Moves past one item (its head and everything it contains) without building a value. */
function skipItem(r: Reader, depth: number): void {
  const at = r.pos;
  if (depth > MAX_DEPTH) throw new EncodingError('ENCODING_DEPTH', `nesting deeper than ${MAX_DEPTH}`, at);
  r.need(1, at);
  const ib = r.bytes[r.pos++]!;
  const major = ib >> 5;
  const ai = ib & 0x1f;
  if (major === 2 || major === 3) {
    // Not `r.pos += r.length(…)`: that would add to the position from before the length's bytes.
    const n = r.length(ai, at, 1);
    r.pos += n;
  } else if (major === 4 || major === 5) {
    const n = r.length(ai, at, major === 4 ? 1 : 2) * (major === 4 ? 1 : 2);
    for (let i = 0; i < n; i++) skipItem(r, depth + 1);
  } else if (major === 0 || major === 1 || (major === 7 && ai >= 24)) {
    r.argument(ai, at);
  }
}

/**
 * PERF: the exact bytes of each element of the array stored under `key` in the map that `bytes`
 * encodes (subarrays of `bytes`, no copy); undefined when the top-level item is not a map, has no
 * `key`, or its value is not an array. For bytes `decode` accepted: the encoding is canonical, so
 * each element's bytes are the encoding of the element's decoded value, which lets a caller hash
 * a block's transactions without encoding them again. On other input the spans are meaningless,
 * though the walk stays inside `bytes`.
 */
export function arrayItemEncodings(bytes: Uint8Array, key: string): Uint8Array[] | undefined {
  const r = new Reader(bytes);
  r.need(1, 0);
  const head = r.bytes[r.pos++]!;
  if (head >> 5 !== 5) return undefined;
  const entries = r.length(head & 0x1f, 0, 2);
  for (let i = 0; i < entries; i++) {
    const k = readValue(r, 1);
    if (k !== key) {
      skipItem(r, 1);
      continue;
    }
    const at = r.pos;
    r.need(1, at);
    const ib = r.bytes[r.pos++]!;
    if (ib >> 5 !== 4) return undefined;
    const n = r.length(ib & 0x1f, at, 1);
    const out: Uint8Array[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const start = r.pos;
      skipItem(r, 2);
      out[j] = bytes.subarray(start, r.pos);
    }
    return out;
  }
  return undefined;
}
