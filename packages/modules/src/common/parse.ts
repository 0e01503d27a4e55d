/**
 * Shape checks for action parameters: a declared shape per action, unknown keys refused,
 * every failure the module's BAD_PARAMS error with the offending field. Every string a person types
 * (free text, identifiers, strings inside records) also passes the personal-data check
 * (personalData.ts): a hit is the module's PERSONAL_DATA error naming the field.
 */
import type { Value } from '@djchain/crypto';
import type { Result } from '@djchain/runtime';
import { isIsoDate } from './dates.ts';
import { type ErrorSpec, failure } from './errors.ts';
import { isYearMonth } from './months.ts';
import { findPersonalData, PERSONAL_DATA_LABELS } from './personalData.ts';

export type FieldType =
  | 'id'
  | 'text'
  | 'date'
  | 'month'
  | 'int'
  | 'bool'
  | 'ids'
  | 'hash'
  | 'record'
  | 'bytes';

/**
 * Kinds of free text and their length limits (characters). Text on chain stays there for good and is
 * read by many: short by design; anything longer belongs in a document referenced by hash.
 */
export const TEXT_LIMITS = { name: 50, purpose: 50, reason: 100, code: 16, comment: 200 } as const;
export type TextKind = keyof typeof TEXT_LIMITS;

export interface FieldSpec {
  readonly type: FieldType;
  readonly optional?: boolean;
  /** Kind of a free 'text' field (its length limit); fields with oneOf need none. */
  readonly kind?: TextKind;
  readonly oneOf?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Exact length of a 'bytes' field (`max`: its longest length). */
  readonly length?: number;
}

export type Shape = { readonly [field: string]: FieldType | FieldSpec };

/** Opaque identifiers: no personal data, printable, short. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const HASH = /^[0-9a-f]{64}$/;

function isRecord(v: Value | undefined): v is { readonly [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function checkField(v: Value, spec: FieldSpec): string | null {
  switch (spec.type) {
    case 'id':
      if (typeof v !== 'string' || !ID.test(v)) return 'an opaque id';
      break;
    case 'text': {
      // `max` is for machine text (a hex key); what people type takes its kind's limit.
      const limit = spec.max ?? TEXT_LIMITS[spec.kind ?? 'code'];
      if (typeof v !== 'string' || v.length === 0 || v.length > limit)
        return `a non-empty text of at most ${limit} characters`;
      break;
    }
    case 'date':
      if (!isIsoDate(v)) return 'a date YYYY-MM-DD';
      break;
    case 'month':
      if (!isYearMonth(v)) return 'a month YYYY-MM';
      break;
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return 'an integer';
      if (spec.min !== undefined && v < spec.min) return `an integer ≥ ${spec.min}`;
      if (spec.max !== undefined && v > spec.max) return `an integer ≤ ${spec.max}`;
      return null;
    case 'bool':
      if (typeof v !== 'boolean') return 'true or false';
      break;
    case 'ids':
      if (
        !Array.isArray(v) ||
        v.length > (spec.max ?? 200) ||
        !v.every((x) => typeof x === 'string' && ID.test(x))
      )
        return 'a list of opaque ids';
      break;
    case 'hash':
      if (typeof v !== 'string' || !HASH.test(v)) return 'a 32-byte hex hash';
      break;
    case 'record':
      if (!isRecord(v)) return 'an object';
      break;
    case 'bytes':
      if (!(v instanceof Uint8Array) || (spec.length !== undefined && v.length !== spec.length))
        return spec.length === undefined ? 'bytes' : `${spec.length} bytes`;
      if (spec.max !== undefined && v.length > spec.max) return `at most ${spec.max} bytes`;
      return null;
  }
  if (spec.oneOf && !spec.oneOf.includes(v as string)) return `one of ${spec.oneOf.join(', ')}`;
  return null;
}

/** Every string in a value (lists and records too, keys included), depth-bounded. */
function strings(v: Value, out: string[], depth = 0): string[] {
  if (typeof v === 'string') out.push(v);
  else if (depth < 8 && Array.isArray(v)) for (const x of v) strings(x, out, depth + 1);
  else if (depth < 8 && isRecord(v))
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out, depth + 1);
    }
  return out;
}

/** Checks `raw` against `shape`; the result is typed by the caller. */
export function parseShape<P>(raw: Value, shape: Shape, bad: ErrorSpec, personal?: ErrorSpec): Result<P> {
  if (!isRecord(raw)) return failure(bad, { field: null, expected: 'an object' });
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(shape, key)) return failure(bad, { field: key, expected: 'no such field' });
  }
  const out: { [key: string]: Value } = {};
  for (const [key, s] of Object.entries(shape)) {
    const spec: FieldSpec = typeof s === 'string' ? { type: s } : s;
    const v = raw[key];
    if (v === undefined || v === null) {
      if (spec.optional) continue;
      return failure(bad, { field: key, expected: 'a value' });
    }
    const problem = checkField(v, spec);
    if (problem) return failure(bad, { field: key, expected: problem });
    if (personal !== undefined && !spec.oneOf) {
      for (const text of strings(v, [])) {
        const kind = findPersonalData(text);
        if (kind !== null) {
          const label = PERSONAL_DATA_LABELS[kind];
          return failure(personal, {
            field: key,
            kind,
            zh: `字段 ${key} 含有疑似${label}，个人信息不得上链。`,
          });
        }
      }
    }
    out[key] = v;
  }
  return { ok: true, value: out as P };
}
