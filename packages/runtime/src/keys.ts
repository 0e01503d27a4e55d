/**
 * The global key space. Each module owns `<module>/…`; the runtime owns the reserved namespaces:
 * `acct/<address>` (next nonce), `hist/<entity>` (history head), `evt/<entity>/<seq>` (the entity's
 * events in order) and `sys/…` (chain parameters and validators written at genesis).
 */
import { RuntimeError } from './errors.ts';

export const RESERVED_NAMESPACES: readonly string[] = ['acct', 'evt', 'hist', 'runtime', 'sys'];

const MODULE_NAME = /^[a-z][a-z0-9_]{0,31}$/;
// In a `u` regex a well-formed surrogate pair is one code point, so \p{Cs} matches lone halves only,
// which have no UTF-8 form and so no state-tree key.
const LONE_SURROGATE = /\p{Cs}/u;

/** Longest module-relative key, in UTF-16 units. */
export const MAX_KEY_LENGTH = 512;
/** Digits of an event sequence number in `evt/<entity>/<seq>`: zero-padded so keys sort by seq. */
export const SEQ_DIGITS = 10;

export function isModuleName(name: string): boolean {
  return MODULE_NAME.test(name) && !RESERVED_NAMESPACES.includes(name);
}

/** Throws RUNTIME_BAD_KEY unless `key` can be a module-relative key. */
export function checkKey(key: string): void {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    LONE_SURROGATE.test(key)
  ) {
    throw new RuntimeError('RUNTIME_BAD_KEY', `key must be a non-empty string of at most ${MAX_KEY_LENGTH}`, {
      key: String(key).slice(0, 64),
    });
  }
}

/** Throws RUNTIME_BAD_EVENT unless `entity` is usable in `hist/<entity>` and `evt/<entity>/…`. */
export function checkEntity(entity: string): void {
  if (
    typeof entity !== 'string' ||
    entity.length === 0 ||
    entity.length > 128 ||
    entity.includes('/') ||
    LONE_SURROGATE.test(entity)
  ) {
    throw new RuntimeError(
      'RUNTIME_BAD_EVENT',
      'an entity is a non-empty string of at most 128 without "/"',
      {
        entity: String(entity).slice(0, 64),
      },
    );
  }
}

export const moduleKey = (module: string, key: string): string => `${module}/${key}`;
export const accountKey = (address: string): string => `acct/${address}`;
export { historyKey } from '@djchain/ledger';
export const eventKey = (entity: string, seq: number): string =>
  `evt/${entity}/${String(seq).padStart(SEQ_DIGITS, '0')}`;
