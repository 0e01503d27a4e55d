import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FrameOpener, FrameReader, FrameSealer } from '../src/frame.ts';
import { suiteOf } from './helpers.ts';

const MAX = 4096;

/** Seals `messages` into one byte stream, then reads them back through a fresh reader/opener. */
function roundtrip(suiteId: 'intl' | 'gm', key: Uint8Array, messages: Uint8Array[], splits: number[]) {
  const suite = suiteOf(suiteId);
  const sealer = new FrameSealer(suite, key);
  const stream = Buffer.concat(messages.map((m) => sealer.seal(m)));
  const reader = new FrameReader(MAX + 16);
  const opener = new FrameOpener(suite, key);
  const out: Uint8Array[] = [];
  let at = 0;
  // Feed the stream in arbitrary chunk sizes: framing must not depend on how TCP splits it.
  for (const s of [...splits, stream.length]) {
    const end = Math.min(stream.length, at + s);
    reader.push(stream.subarray(at, end));
    at = end;
    for (let body = reader.next(); body !== null; body = reader.next()) out.push(opener.open(body));
  }
  return { out, stream };
}

for (const suiteId of ['intl', 'gm'] as const) {
  const keyLength = suiteOf(suiteId).aeadKeyLength;
  describe(`frame codec (${suiteId})`, () => {
    it('roundtrips any messages under any chunking', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
          fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }),
          fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }),
          (key, messages, splits) => {
            const { out } = roundtrip(suiteId, key, messages, splits);
            assert.deepEqual(
              out.map((m) => Buffer.from(m)),
              messages.map((m) => Buffer.from(m)),
            );
          },
        ),
        { numRuns: suiteId === 'gm' ? 60 : 200 },
      );
    });

    it('any flipped bit in the stream fails: never the original messages', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: keyLength, maxLength: keyLength }),
          fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 4 }),
          fc.nat(),
          fc.integer({ min: 0, max: 7 }),
          (key, messages, where, bit) => {
            const suite = suiteOf(suiteId);
            const sealer = new FrameSealer(suite, key);
            const stream = Buffer.concat(messages.map((m) => sealer.seal(m)));
            stream[where % stream.length]! ^= 1 << bit;
            const reader = new FrameReader(MAX + 16);
            const opener = new FrameOpener(suite, key);
            reader.push(stream);
            const opened: Buffer[] = [];
            let failed = false;
            try {
              for (let body = reader.next(); body !== null; body = reader.next()) {
                opened.push(Buffer.from(opener.open(body)));
              }
            } catch (e) {
              failed = true;
              assert.match((e as { code: string }).code, /^P2P_(DECRYPT_FAILED|FRAME_TOO_LARGE)$/);
            }
            // Either an error, or (length grown) the reader still waits: never all messages accepted.
            assert.ok(failed || opened.length < messages.length);
          },
        ),
        { numRuns: suiteId === 'gm' ? 60 : 200 },
      );
    });
  });
}

describe('frame codec limits and order', () => {
  const suite = suiteOf('intl');
  const key = new Uint8Array(32).fill(7);

  it('a header announcing more than the maximum is P2P_FRAME_TOO_LARGE before the body arrives', () => {
    const reader = new FrameReader(1024);
    reader.push(Uint8Array.of(0, 0, 4, 1));
    assert.throws(() => reader.next(), { code: 'P2P_FRAME_TOO_LARGE' });
  });

  it('a replayed or reordered frame fails (counter nonces)', () => {
    const sealer = new FrameSealer(suite, key);
    const f0 = sealer.seal(Uint8Array.of(1));
    const f1 = sealer.seal(Uint8Array.of(2));
    const opener = new FrameOpener(suite, key);
    assert.throws(() => opener.open(f1.subarray(4)), { code: 'P2P_DECRYPT_FAILED' });
    const opener2 = new FrameOpener(suite, key);
    assert.deepEqual(opener2.open(f0.subarray(4)), Uint8Array.of(1));
    assert.throws(() => opener2.open(f0.subarray(4)), { code: 'P2P_DECRYPT_FAILED' });
  });

  it('a frame that fails does not advance the counter: the genuine one still opens after it', () => {
    const sealer = new FrameSealer(suite, key);
    const f0 = sealer.seal(Uint8Array.of(1));
    const f1 = sealer.seal(Uint8Array.of(2));
    const opener = new FrameOpener(suite, key);
    const forged = Uint8Array.from(f0.subarray(4));
    forged[0]! ^= 1;
    assert.throws(() => opener.open(forged), { code: 'P2P_DECRYPT_FAILED', details: { frame: 0 } });
    assert.deepEqual(opener.open(f0.subarray(4)), Uint8Array.of(1));
    assert.throws(() => opener.open(forged), { code: 'P2P_DECRYPT_FAILED', details: { frame: 1 } });
    assert.deepEqual(opener.open(f1.subarray(4)), Uint8Array.of(2));
  });

  it('neither a sealer nor an opener shows its key as a property', () => {
    for (const o of [new FrameSealer(suite, key), new FrameOpener(suite, key)]) {
      assert.deepEqual(Object.keys(o), []);
      assert.equal(JSON.stringify(o), '{}');
    }
  });

  it('a frame sealed under the other direction key fails', () => {
    const other = new Uint8Array(32).fill(8);
    const frame = new FrameSealer(suite, other).seal(Uint8Array.of(9));
    assert.throws(() => new FrameOpener(suite, key).open(frame.subarray(4)), { code: 'P2P_DECRYPT_FAILED' });
  });
});
