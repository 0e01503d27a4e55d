/** Wire helpers: base64 of canonical bytes, hex hashes, and JSON-safe query results. */
import { toHex, type Value } from '@djchain/crypto';
import { ApiError } from './errors.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Standard, padded base64 only (Buffer alone would accept anything). */
export function fromB64(s: string): Uint8Array | null {
  if (!BASE64.test(s)) return null;
  const buf = Buffer.from(s, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function parseHash(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new ApiError('REQUEST_INVALID', 'hash must be 64 lowercase hex digits');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** A state value as JSON: bytes as lowercase hex, big integers as decimal strings. */
export function jsonSafe(v: Value): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x as Value);
    return out;
  }
  return v;
}

/** JSON parameters as a canonical value: integers only (money is integer fen), no floats. */
export function valueFromJson(raw: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError('REQUEST_INVALID', 'params must be JSON');
  }
  const check = (x: unknown, depth: number): Value => {
    if (depth > 32) throw new ApiError('REQUEST_INVALID', 'params nest too deeply');
    if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x)) throw new ApiError('REQUEST_INVALID', 'params numbers must be integers');
      return x;
    }
    if (Array.isArray(x)) return x.map((y) => check(y, depth + 1));
    if (typeof x === 'object') {
      // Null prototype: a key "__proto__" stays an own key instead of setting the prototype (which
      // a module would then read through, e.g. params {"__proto__":{"id":"m1"}} reading id m1).
      const out: Record<string, Value> = Object.create(null);
      for (const [k, y] of Object.entries(x as object)) out[k] = check(y, depth + 1);
      return out;
    }
    throw new ApiError('REQUEST_INVALID', 'params hold an unsupported value');
  };
  return check(parsed, 0);
}
