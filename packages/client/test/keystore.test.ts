import assert from 'node:assert/strict';
import { scrypt } from 'node:crypto';
import { describe, it } from 'node:test';
import { getSuite } from '@djchain/crypto';
import {
  type ClientErrorCode,
  createKeystore,
  isClientError,
  KEYSTORE_MIN_N,
  type KeystoreFile,
  openKeystore,
  parseKeystore,
} from '../src/index.ts';

const weak = { N: 2 ** 10, allowWeakKdf: true } as const;
/** Test files use a cheap KDF; opening them needs the same test-only permission. */
const openWeak = { allowWeakKdf: true } as const;

async function rejectsCode(p: Promise<unknown>, code: ClientErrorCode): Promise<void> {
  await assert.rejects(p, (e) => isClientError(e, code) || assert.fail(`expected ${code}, got ${String(e)}`));
}

for (const id of ['intl', 'gm'] as const) {
  describe(`keystore (${id})`, () => {
    const suite = getSuite(id);
    const pair = suite.keyPairFromSeed(new Uint8Array(32).fill(42));

    it('round-trips through JSON text and opens only with the passphrase', async () => {
      const file = await createKeystore(suite, pair.secretKey, '为人民服务 2024', {
        ...weak,
        label: '书记 李明',
      });
      const text = JSON.stringify(file, null, 2);
      const opened = await openKeystore(text, '为人民服务 2024', suite, openWeak);
      assert.deepEqual(opened.secretKey, pair.secretKey);
      assert.deepEqual(opened.publicKey, pair.publicKey);
      assert.ok(
        !text.includes(Buffer.from(pair.secretKey).toString('hex')),
        'the secret key is not in the file',
      );
      await rejectsCode(
        openKeystore(text, '为人民服务 2025', suite, openWeak),
        'CLIENT_KEYSTORE_BAD_PASSPHRASE',
      );
    });
  });
}

describe('keystore format', () => {
  const suite = getSuite('intl');
  const pair = suite.keyPairFromSeed(new Uint8Array(32).fill(7));
  let counter = 0;
  // Deterministic randomness for reproducible files.
  const random = (n: number) => new Uint8Array(n).fill(++counter);

  it('uses scrypt N = 2^17 by default and records the parameters', async () => {
    const file = await createKeystore(suite, pair.secretKey, 'correct horse');
    assert.equal(KEYSTORE_MIN_N, 131072);
    assert.deepEqual(
      { ...file.kdf, salt: undefined },
      {
        name: 'scrypt',
        N: 131072,
        r: 8,
        p: 1,
        dkLen: 32,
        salt: undefined,
      },
    );
    assert.equal(file.cipher.name, 'aes-256-gcm');
    assert.deepEqual((await openKeystore(file, 'correct horse', suite)).secretKey, pair.secretKey);
  });

  it('refuses a weak KDF unless a test allows it', async () => {
    await rejectsCode(createKeystore(suite, pair.secretKey, 'x', { N: 2 ** 10 }), 'CLIENT_KEYSTORE_WEAK_KDF');
    // New files: the old default 2^15 is no longer enough.
    await rejectsCode(createKeystore(suite, pair.secretKey, 'x', { N: 2 ** 16 }), 'CLIENT_KEYSTORE_WEAK_KDF');
    await rejectsCode(
      createKeystore(suite, pair.secretKey, 'x', { N: 1000, allowWeakKdf: true }),
      'CLIENT_KEYSTORE_MALFORMED',
    );
  });

  it('opens files made at the old 2^15 but refuses anything weaker, before deriving', async () => {
    const old = await createKeystore(suite, pair.secretKey, 'pw', { N: 2 ** 15, allowWeakKdf: true });
    assert.deepEqual((await openKeystore(old, 'pw', suite)).secretKey, pair.secretKey);
    const weaker = await createKeystore(suite, pair.secretKey, 'pw', { N: 2 ** 14, allowWeakKdf: true });
    await rejectsCode(openKeystore(weaker, 'pw', suite), 'CLIENT_KEYSTORE_WEAK_KDF');
    await rejectsCode(
      openKeystore(await createKeystore(suite, pair.secretKey, 'pw', weak), 'pw', suite),
      'CLIENT_KEYSTORE_WEAK_KDF',
    );
  });

  it('an injected native scrypt (the CLI’s node:crypto) makes and opens the same files as @noble’s', async () => {
    const native = (
      pass: Uint8Array,
      salt: Uint8Array,
      o: { N: number; r: number; p: number; dkLen: 32; maxmem: number },
    ) =>
      new Promise<Uint8Array>((ok, fail) =>
        scrypt(pass, salt, o.dkLen, { N: o.N, r: o.r, p: o.p, maxmem: o.maxmem }, (e, k) =>
          e ? fail(e) : ok(new Uint8Array(k)),
        ),
      );
    const fixed = (n: number) => new Uint8Array(n).fill(3);
    const a = await createKeystore(suite, pair.secretKey, 'pw', weak, { random: fixed });
    const b = await createKeystore(suite, pair.secretKey, 'pw', weak, { random: fixed, scrypt: native });
    assert.deepEqual(b, a);
    assert.deepEqual(
      (await openKeystore(a, 'pw', suite, { ...openWeak, scrypt: native })).secretKey,
      pair.secretKey,
    );
  });

  it('authenticates every field: a changed parameter or label fails like a wrong passphrase', async () => {
    const file = await createKeystore(suite, pair.secretKey, 'pw', { ...weak, label: 'a' }, { random });
    const variants: KeystoreFile[] = [
      { ...file, label: 'b' },
      { ...file, kdf: { ...file.kdf, r: 9 } },
      { ...file, kdf: { ...file.kdf, salt: '00'.repeat(32) } },
      { ...file, cipher: { ...file.cipher, nonce: '00'.repeat(12) } },
      { ...file, ciphertext: `${file.ciphertext.slice(0, -2)}00` },
    ];
    for (const v of variants)
      await rejectsCode(openKeystore(v, 'pw', suite, openWeak), 'CLIENT_KEYSTORE_BAD_PASSPHRASE');
    // The public key and address are authenticated too.
    const other = getSuite('intl').keyPairFromSeed(new Uint8Array(32).fill(8)).publicKey;
    await rejectsCode(
      openKeystore({ ...file, publicKey: Buffer.from(other).toString('hex') }, 'pw', suite, openWeak),
      'CLIENT_KEYSTORE_BAD_PASSPHRASE',
    );
  });

  it('normalizes the passphrase (NFKC), so the same text typed anywhere opens it', async () => {
    const file = await createKeystore(suite, pair.secretKey, 'caf\u00e9', weak);
    assert.deepEqual((await openKeystore(file, 'cafe\u0301', suite, openWeak)).secretKey, pair.secretKey);
  });

  it('rejects malformed files with a coded error naming the problem', () => {
    const bad = (v: unknown) =>
      assert.throws(
        () => parseKeystore(v),
        (e) => isClientError(e, 'CLIENT_KEYSTORE_MALFORMED'),
      );
    bad('{');
    bad('[]');
    bad({ format: 'other' });
    bad(JSON.stringify({ format: 'djchain-keystore', version: 2 }));
  });

  it('refuses a hostile KDF cost and a keystore of another suite', async () => {
    const file = await createKeystore(suite, pair.secretKey, 'pw', weak);
    assert.throws(
      () => parseKeystore({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }),
      (e) => isClientError(e, 'CLIENT_KEYSTORE_MALFORMED'),
    );
    await rejectsCode(openKeystore(file, 'pw', getSuite('gm'), openWeak), 'CLIENT_SUITE_MISMATCH');
  });
});
