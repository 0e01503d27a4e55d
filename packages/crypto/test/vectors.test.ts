/** Published vectors, run against every implementation of each suite. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allSuites, fromHex, toHex } from '../src/index.ts';
import { vectors } from './helpers.ts';

interface HashVector {
  name: string;
  input?: string;
  repeat?: { byte: string; count: number };
  digest: string;
}
interface AeadVector {
  name: string;
  key: string;
  nonce: string;
  aad: string;
  plaintext: string;
  ciphertext: string;
  tag: string;
}
interface EdVector {
  name: string;
  secretKey: string;
  publicKey: string;
  message: string;
  signature: string;
}

const hashes = vectors<{ intl: HashVector[]; gm: HashVector[] }>('hashes.json');
const aead = vectors<{ intl: AeadVector[]; gm: AeadVector[] }>('aead.json');
const ed = vectors<{ vectors: EdVector[] }>('ed25519.json');

for (const suite of allSuites) {
  describe(`${suite.id}/${suite.impl} published vectors`, () => {
    for (const v of hashes[suite.id]) {
      test(`hash ${v.name}`, () => {
        const input = v.repeat
          ? new Uint8Array(v.repeat.count).fill(fromHex(v.repeat.byte)[0]!)
          : fromHex(v.input!);
        assert.equal(toHex(suite.hash(input)), v.digest);
      });
    }

    for (const v of aead[suite.id]) {
      test(`AEAD ${v.name}`, () => {
        const [key, nonce, aad, pt] = [
          fromHex(v.key),
          fromHex(v.nonce),
          fromHex(v.aad),
          fromHex(v.plaintext),
        ];
        const sealed = suite.aeadEncrypt(key, nonce, pt, aad);
        assert.equal(toHex(sealed), v.ciphertext + v.tag);
        assert.deepEqual(suite.aeadDecrypt(key, nonce, sealed, aad), pt);
        const badTag = sealed.slice();
        badTag[badTag.length - 1]! ^= 0x80;
        assert.equal(suite.aeadDecrypt(key, nonce, badTag, aad), null);
      });
    }

    if (suite.id === 'intl') {
      for (const v of ed.vectors) {
        test(`Ed25519 RFC 8032 ${v.name}`, () => {
          const sk = fromHex(v.secretKey);
          const msg = fromHex(v.message);
          assert.equal(toHex(suite.publicKeyOf(sk)), v.publicKey);
          assert.deepEqual(suite.keyPairFromSeed(sk), { publicKey: fromHex(v.publicKey), secretKey: sk });
          assert.equal(toHex(suite.sign(sk, msg)), v.signature);
          assert.equal(suite.verify(fromHex(v.publicKey), msg, fromHex(v.signature)), true);
          assert.equal(
            suite.verify(fromHex(v.publicKey), new Uint8Array([...msg, 0]), fromHex(v.signature)),
            false,
          );
        });
      }
    }
  });
}
