/**
 * The precommit memo (issue 20, round 10): a signature found valid is not checked again; anything
 * else still is. Counted against the real suite wrapped to count its checks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, type Suite } from '@djchain/crypto';
import { decodeBlock, encodeBlock } from '@djchain/ledger';
import { SignatureMemo } from '../src/app/signature-memo.ts';
import { HandChain } from './chain.ts';
import { keyOf, tempDir } from './helpers.ts';

const intl = getSuite('intl');
const utf8 = new TextEncoder();

function counting(): { suite: Suite; checks: () => number } {
  let n = 0;
  return {
    suite: {
      ...intl,
      verify: (publicKey, message, signature) => {
        n++;
        return intl.verify(publicKey, message, signature);
      },
    },
    checks: () => n,
  };
}

test('a valid signature is checked once; an invalid one, another key, message or signature every time', () => {
  const base = counting();
  const memo = new SignatureMemo(base.suite);
  const k = keyOf(intl, 1);
  const other = keyOf(intl, 2);
  const msg = utf8.encode('precommit h=7');
  const sig = intl.sign(k.secretKey, msg);
  assert.equal(memo.suite.verify(k.publicKey, msg, sig), true);
  assert.equal(memo.suite.verify(k.publicKey, msg, sig), true);
  assert.equal(memo.suite.verify(k.publicKey, msg.slice(), sig.slice()), true, 'equal bytes, other arrays');
  assert.equal(base.checks(), 1);
  assert.equal(memo.hits, 2);
  // The remembered triple does not vouch for any other.
  const flipped = sig.slice();
  flipped[5]! ^= 1;
  assert.equal(memo.suite.verify(k.publicKey, msg, flipped), false);
  assert.equal(memo.suite.verify(k.publicKey, msg, flipped), false);
  assert.equal(memo.suite.verify(other.publicKey, msg, sig), false);
  assert.equal(memo.suite.verify(k.publicKey, utf8.encode('precommit h=8'), sig), false);
  // The parts are length-prefixed: moving a byte from the message to the key is another triple.
  assert.equal(
    memo.suite.verify(k.publicKey.subarray(0, 31), concat(k.publicKey.subarray(31), msg), sig),
    false,
  );
  assert.equal(base.checks(), 6);
  assert.equal(memo.hits, 2);
});

test('the memo is bounded: past its size the oldest valid signature is checked again', () => {
  const base = counting();
  const memo = new SignatureMemo(base.suite, 2);
  const k = keyOf(intl, 3);
  const triples = [1, 2, 3].map((i) => {
    const msg = utf8.encode(`vote ${i}`);
    return [k.publicKey, msg, intl.sign(k.secretKey, msg)] as const;
  });
  for (const t of triples) assert.equal(memo.suite.verify(...t), true);
  assert.equal(base.checks(), 3);
  // 2 and 3 remembered; 1 forgotten.
  assert.equal(memo.suite.verify(...triples[2]!), true);
  assert.equal(memo.suite.verify(...triples[1]!), true);
  assert.equal(base.checks(), 3);
  assert.equal(memo.suite.verify(...triples[0]!), true);
  assert.equal(base.checks(), 4);
});

test("a certificate checked when its block committed is not checked again as the next block's lastCommit", (t) => {
  const proposer = new HandChain(tempDir(t));
  t.after(() => proposer.close());
  const base = counting();
  const validator = new HandChain(tempDir(t), { verifyWorkers: 0 }, base.suite);
  t.after(() => validator.close());
  const first = proposer.block();
  const second = proposer.block();
  const certificate = second.block.lastCommit!;
  assert.equal(certificate.precommits.length, 1);
  // The validator executes block 1 and commits it with its certificate: one check.
  const executed = validator.app.validate(decodeBlock(encodeBlock(first.block)));
  validator.app.commit(executed, certificate);
  assert.equal(base.checks(), 1);
  // Block 2 carries that certificate: executed without checking it again.
  const next = validator.app.validate(decodeBlock(encodeBlock(second.block)));
  assert.equal(base.checks(), 1);
  assert.equal(validator.app.precommits.hits, 1);
  assert.deepEqual(next.result.receiptRoot, second.result.receiptRoot);
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
