/**
 * Receipts (DESIGN §4): the outcome of one transaction. Chain without fees: no gas fields. A failed
 * transaction carries its coded error and, as its only write, the signer's account (nonce).
 */
import { encode, type Suite, type Value } from '@djchain/crypto';
import { decodeValue } from './codec.ts';
import { domainHash, TAG } from './hashing.ts';
import { Fields } from './shape.ts';

export interface ReceiptError {
  readonly code: string;
  readonly message: string;
  /** The rule the check comes from, e.g. "《中国共产党发展党员工作细则》第十三条". */
  readonly cite?: string;
  readonly details?: { readonly [key: string]: Value };
}

export interface ReceiptEvent {
  readonly module: string;
  readonly type: string;
  /** Entities whose history heads this event advanced, e.g. "member:42". */
  readonly entities: readonly string[];
  readonly data: Value;
}

export interface Receipt {
  readonly txHash: Uint8Array;
  readonly status: 'ok' | 'failed';
  readonly error?: ReceiptError;
  readonly events: readonly ReceiptEvent[];
  /** State keys this transaction wrote, ascending. */
  readonly writes: readonly string[];
}

export function eventToValue(e: ReceiptEvent): Value {
  return { module: e.module, type: e.type, entities: [...e.entities], data: e.data };
}

export function eventFromValue(v: Value, what = 'event'): ReceiptEvent {
  const f: Fields = new Fields('LEDGER_BAD_RECEIPT', what, v);
  const module = f.str('module', 64);
  const type = f.str('type', 128);
  const entities = f.strings('entities', 1000, 128);
  const data = f.raw('data');
  f.done();
  return { module, type, entities, data };
}

export function receiptToValue(r: Receipt): Value {
  const v: Record<string, Value> = {
    txHash: r.txHash,
    status: r.status,
    events: r.events.map(eventToValue),
    writes: [...r.writes],
  };
  if (r.error) {
    const err: Record<string, Value> = { code: r.error.code, message: r.error.message };
    if (r.error.cite !== undefined) err.cite = r.error.cite;
    if (r.error.details !== undefined) err.details = r.error.details;
    v.error = err;
  }
  return v;
}

export function receiptFromValue(v: Value): Receipt {
  const f: Fields = new Fields('LEDGER_BAD_RECEIPT', 'receipt', v);
  const txHash = f.bytes('txHash', 32);
  const status = f.str('status', 8);
  if (status !== 'ok' && status !== 'failed') f.fail('status', "must be 'ok' or 'failed'");
  const error = f.optional('error', (k) => {
    const g: Fields = new Fields('LEDGER_BAD_RECEIPT', 'receipt.error', f.raw(k));
    const code = g.str('code', 128);
    const message = g.str('message', 4096);
    const cite = g.optional('cite', (c) => g.str(c, 1024));
    const details = g.optional('details', (d) => {
      const raw = g.raw(d);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
        g.fail(d, 'must be a map');
      }
      return raw as { readonly [key: string]: Value };
    });
    g.done();
    return {
      code,
      message,
      ...(cite === undefined ? {} : { cite }),
      ...(details === undefined ? {} : { details }),
    };
  });
  if ((status === 'failed') !== (error !== undefined))
    f.fail('error', 'is present exactly when status is failed');
  const events = f.list('events').map((e, i) => eventFromValue(e, `receipt.events[${i}]`));
  const writes = f.strings('writes', 1_000_000, 1024);
  for (let i = 1; i < writes.length; i++) {
    if (compareKeys(writes[i - 1]!, writes[i]!) >= 0) f.fail('writes', 'must be strictly ascending');
  }
  f.done();
  return error === undefined ? { txHash, status, events, writes } : { txHash, status, error, events, writes };
}

export function encodeReceipt(r: Receipt): Uint8Array {
  return encode(receiptToValue(r));
}

export function decodeReceipt(bytes: Uint8Array): Receipt {
  return receiptFromValue(decodeValue('LEDGER_BAD_RECEIPT', 'receipt', bytes));
}

/** A receipt-root leaf: H_tag("djchain/receipt/v1", canonical CBOR of the receipt). */
export function receiptHash(suite: Suite, r: Receipt): Uint8Array {
  return receiptHashOfEncoding(suite, encodeReceipt(r));
}

/**
 * The same leaf from the receipt's canonical encoding (`encodeReceipt(r)`), for callers that keep
 * the bytes anyway (PERF: the executor hashes them and the block store writes them; one encoding).
 */
export function receiptHashOfEncoding(suite: Suite, encoded: Uint8Array): Uint8Array {
  return domainHash(suite, TAG.receipt, encoded);
}

/**
 * Order of state keys: ascending Unicode code points, which is the byte order of their UTF-8
 * (what the state store sorts by). Plain `<` on JS strings compares UTF-16 units and differs
 * above U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort above all BMP code units U+E000..U+FFFF.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Index of the first key of `sorted` (ascending by compareKeys) not below `key`: where it is or goes. */
export function keyIndex(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(sorted[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
