/** Canonical bytes ⇄ values for ledger records, with decoding failures mapped to the record's code. */
import { decode, type Value } from '@djchain/crypto';
import { LedgerError, type LedgerErrorCode } from './errors.ts';

/** Decodes canonical CBOR; malformed or non-canonical bytes fail with `code`. */
export function decodeValue(code: LedgerErrorCode, what: string, bytes: Uint8Array): Value {
  if (!(bytes instanceof Uint8Array)) throw new LedgerError(code, `${what}: expected bytes`);
  try {
    return decode(bytes);
  } catch (e) {
    const cause = e as { code?: string; message?: string };
    throw new LedgerError(code, `${what}: not canonical CBOR (${cause.message ?? 'unknown'})`, {
      cause: cause.code,
    });
  }
}
