/** DjError, the one error base: code, message, details and name, and the crypto package's own derive from it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CryptoError, DjError, decode, EncodingError, fromHex } from '@djchain/crypto';

test('a DjError carries its code, message, details and cause; details default to an empty object', () => {
  const cause = new DjError('X_CAUSE', 'below');
  const e = new DjError('X_TOP', 'above', { height: 3 }, { cause });
  assert.equal(e.code, 'X_TOP');
  assert.equal(e.message, 'above');
  assert.deepEqual(e.details, { height: 3 });
  assert.equal(e.name, 'DjError');
  assert.equal(e.cause, cause);
  assert.ok(e instanceof Error);
  assert.deepEqual(new DjError('X', 'y').details, {});
});

test('the crypto package throws DjErrors with their own names and codes', () => {
  assert.throws(
    () => fromHex('zz'),
    (e) =>
      e instanceof DjError &&
      e instanceof CryptoError &&
      e.name === 'CryptoError' &&
      e.code === 'CRYPTO_BAD_HEX',
  );
  assert.throws(
    () => decode(new Uint8Array([0x18])),
    (e) =>
      e instanceof DjError &&
      e instanceof EncodingError &&
      e.name === 'EncodingError' &&
      e.code === 'ENCODING_TRUNCATED' &&
      e.details.offset === 0,
  );
});
