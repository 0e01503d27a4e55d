import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { decodeTx, verifyTxSignature } from '@djchain/ledger';
import fc from 'fast-check';
import {
  addressOf,
  buildTx,
  DjchainClient,
  fromBase64,
  isClientError,
  signTransaction,
  toBase64,
} from '../src/index.ts';

for (const id of ['intl', 'gm'] as const) {
  describe(`transactions (${id})`, () => {
    const suite = getSuite(id);
    const pair = suite.keyPairFromSeed(new Uint8Array(32).fill(3));

    it('builds, signs and encodes a transaction the ledger verifies', () => {
      const body = buildTx({
        chainId: 'dj-1',
        module: 'member',
        action: 'apply',
        params: { name: '王芳', date: '2024-05-04' },
        signer: pair.publicKey,
        nonce: 4,
        expiry: 120,
        onBehalfOf: 'ab'.repeat(20),
      });
      const signed = signTransaction(suite, pair.secretKey, body);
      const back = decodeTx(fromBase64(signed.base64));
      assert.deepEqual(back, signed.tx);
      assert.ok(verifyTxSignature(suite, back));
      assert.match(signed.hash, /^[0-9a-f]{64}$/);
    });

    it('signs a batch in order with consecutive nonces from the first, each verifying, none sent', () => {
      // No node at this address: signing is local, and nothing is fetched.
      const client = new DjchainClient({
        baseUrl: 'http://127.0.0.1:9',
        suite,
        chainId: 'dj-batch',
        trust: {
          kind: 'genesis',
          validators: { validators: [{ publicKey: pair.publicKey, power: 1, name: 'v' }] },
        },
      });
      const batch = client.signBatch(
        pair,
        [
          { module: 'dues', action: 'assess', params: { member: 'm1' } },
          { module: 'dues', action: 'assess', params: { member: 'm2' } },
          { module: 'member', action: 'note', params: { id: 'm3' } },
        ],
        7,
        130,
      );
      const back = batch.map((b) => decodeTx(fromBase64(b.base64)));
      assert.deepEqual(
        back.map((t) => [t.chainId, t.module, t.action, t.nonce, t.expiry]),
        [
          ['dj-batch', 'dues', 'assess', 7, 130],
          ['dj-batch', 'dues', 'assess', 8, 130],
          ['dj-batch', 'member', 'note', 9, 130],
        ],
      );
      assert.deepEqual(back[1]!.params, { member: 'm2' });
      for (const t of back) assert.ok(verifyTxSignature(suite, t));
    });

    it('derives the address as the first 20 bytes of the key hash', () => {
      assert.equal(addressOf(suite, pair.publicKey), toHex(suite.hash(pair.publicKey).subarray(0, 20)));
    });

    it('refuses a body whose signer is not the key, and bad fields', () => {
      const other = suite.keyPairFromSeed(new Uint8Array(32).fill(4));
      const req = {
        chainId: 'c',
        module: 'm',
        action: 'a',
        params: null,
        signer: other.publicKey,
        nonce: 0,
        expiry: 1,
      };
      assert.throws(
        () => signTransaction(suite, pair.secretKey, buildTx(req)),
        (e) => isClientError(e, 'CLIENT_BAD_TX'),
      );
      assert.throws(
        () => buildTx({ ...req, nonce: -1 }),
        (e) => isClientError(e, 'CLIENT_BAD_TX'),
      );
      assert.throws(
        () => buildTx({ ...req, onBehalfOf: 'XY' }),
        (e) => isClientError(e, 'CLIENT_BAD_TX'),
      );
    });
  });
}

describe('base64', () => {
  it('matches the standard encoding and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const text = toBase64(b);
        assert.equal(text, Buffer.from(b).toString('base64'));
        assert.deepEqual(fromBase64(text), b);
      }),
    );
  });
  it('rejects non-canonical and invalid text', () => {
    for (const t of ['QQ', 'QR==', 'QQ=A', '****', 'QUJD\n', 'Q===']) {
      assert.throws(
        () => fromBase64(t),
        (e) => isClientError(e, 'CLIENT_BAD_ENCODING'),
        t,
      );
    }
  });
});
