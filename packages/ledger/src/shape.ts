/**
 * Reading typed records out of decoded canonical values: every decoder checks the exact set of
 * fields and each field's type, and fails with the caller's coded error naming the field.
 */
import type { Value } from '@djchain/crypto';
import { LedgerError, type LedgerErrorCode } from './errors.ts';

/** A decoded CBOR map. */
export type ValueMap = { readonly [key: string]: Value };

/** True for a map value (not null, an array or bytes). */
export function isMap(v: Value | undefined): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Field-by-field reader of one record; `done()` rejects fields it did not read. */
export class Fields {
  private readonly code: LedgerErrorCode;
  private readonly what: string;
  private readonly map: ValueMap;
  private readonly seen = new Set<string>();

  constructor(code: LedgerErrorCode, what: string, v: Value | undefined) {
    if (!isMap(v)) throw new LedgerError(code, `${what} must be a map`);
    this.code = code;
    this.what = what;
    this.map = v;
  }

  fail(field: string, why: string): never {
    throw new LedgerError(this.code, `${this.what}.${field} ${why}`, { field });
  }

  has(field: string): boolean {
    return Object.hasOwn(this.map, field);
  }

  raw(field: string): Value {
    this.seen.add(field);
    if (!this.has(field)) this.fail(field, 'is missing');
    return this.map[field] as Value;
  }

  str(field: string, maxLength = 256): string {
    const v = this.raw(field);
    if (typeof v !== 'string' || v.length > maxLength)
      this.fail(field, `must be a string of at most ${maxLength}`);
    return v;
  }

  bytes(field: string, length?: number): Uint8Array {
    const v = this.raw(field);
    if (!(v instanceof Uint8Array)) this.fail(field, 'must be bytes');
    if (length !== undefined && v.length !== length) this.fail(field, `must be ${length} bytes`);
    return v;
  }

  uint(field: string): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.fail(field, 'must be a uint');
    return v;
  }

  list(field: string, maxLength = 1_000_000): readonly Value[] {
    const v = this.raw(field);
    if (!Array.isArray(v) || v.length > maxLength) this.fail(field, 'must be a list');
    return v as readonly Value[];
  }

  /** A list of strings, each at most `maxLength`. */
  strings(field: string, maxItems: number, maxLength = 256): string[] {
    return this.list(field, maxItems).map((v, i) => {
      if (typeof v !== 'string' || v.length > maxLength) this.fail(`${field}[${i}]`, 'must be a string');
      return v;
    });
  }

  /** A list of byte strings, each exactly `length` bytes. */
  byteList(field: string, maxItems: number, length: number): Uint8Array[] {
    return this.list(field, maxItems).map((v, i) => {
      if (!(v instanceof Uint8Array) || v.length !== length)
        this.fail(`${field}[${i}]`, `must be ${length} bytes`);
      return v;
    });
  }

  /** Reads an optional field; undefined when absent (absent, never null, is the canonical form). */
  optional<T>(field: string, read: (f: string) => T): T | undefined {
    if (!this.has(field)) {
      this.seen.add(field);
      return undefined;
    }
    return read(field);
  }

  done(): void {
    for (const k of Object.keys(this.map)) {
      if (!this.seen.has(k))
        throw new LedgerError(this.code, `${this.what} has unknown field ${k}`, { field: k });
    }
  }
}
