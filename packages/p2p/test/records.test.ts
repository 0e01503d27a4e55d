import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeRecords, encodeRecords } from '../src/records.ts';

const record = fc.record({
  channel: fc.integer({ min: 0, max: 255 }),
  payload: fc.uint8Array({ maxLength: 100 }),
});

describe('frame records', () => {
  it('roundtrip any batch of records', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 10 }), (records) => {
        const back = decodeRecords(encodeRecords(records));
        assert.deepEqual(
          back.map((r) => [r.channel, Buffer.from(r.payload)]),
          records.map((r) => [r.channel, Buffer.from(r.payload)]),
        );
      }),
    );
  });

  it('a plaintext the records do not tile exactly is P2P_BAD_FRAME', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (records, cut) => {
          const plain = encodeRecords(records);
          assert.throws(() => decodeRecords(plain.subarray(0, plain.length - cut)), {
            code: 'P2P_BAD_FRAME',
          });
        },
      ),
    );
    assert.throws(() => decodeRecords(new Uint8Array(0)), { code: 'P2P_BAD_FRAME' });
  });
});
