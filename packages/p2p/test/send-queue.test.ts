import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Channel } from '../src/channels.ts';
import { MESSAGE_OVERHEAD, SendQueue } from '../src/send-queue.ts';

const droppable = new Set<number>([Channel.mempool]);
const msg = (n: number, size = 10): Uint8Array => new Uint8Array(size).fill(n);

describe('bounded send queue', () => {
  it('drops the oldest droppable message to make room, keeping order of the rest', () => {
    const q = new SendQueue({ maxBytes: 1 << 20, maxMessages: 3, droppable });
    assert.equal(q.push(Channel.mempool, msg(1)).result, 'queued');
    assert.equal(q.push(Channel.consensus, msg(2)).result, 'queued');
    assert.equal(q.push(Channel.mempool, msg(3)).result, 'queued');
    assert.deepEqual(q.push(Channel.consensus, msg(4)), { result: 'queued', evicted: 1 });
    assert.deepEqual(
      [q.shift(), q.shift(), q.shift(), q.shift()].map((m) => m?.payload[0]),
      [2, 3, 4, undefined],
    );
  });

  it('overflows (disconnect) when only non-droppable messages are queued', () => {
    const q = new SendQueue({ maxBytes: 3 * (10 + MESSAGE_OVERHEAD), maxMessages: 100, droppable });
    for (let i = 0; i < 3; i++) assert.equal(q.push(Channel.consensus, msg(i)).result, 'queued');
    assert.equal(q.push(Channel.consensus, msg(9)).result, 'overflow');
    assert.equal(q.push(Channel.blocksync, msg(9)).result, 'overflow');
  });

  it('a droppable message that cannot fit is itself dropped', () => {
    const q = new SendQueue({ maxBytes: 2 * (10 + MESSAGE_OVERHEAD), maxMessages: 100, droppable });
    q.push(Channel.consensus, msg(1));
    q.push(Channel.consensus, msg(2));
    assert.deepEqual(q.push(Channel.mempool, msg(3)), { result: 'dropped', evicted: 0 });
  });

  it('never exceeds its limits and accounts bytes exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('push' as const),
              ch: fc.integer({ min: 0, max: 3 }),
              size: fc.nat(200),
            }),
            fc.record({ op: fc.constant('shift' as const) }),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const limits = { maxBytes: 1000, maxMessages: 8, droppable };
          const q = new SendQueue(limits);
          const model: { ch: number; size: number }[] = [];
          for (const o of ops) {
            if (o.op === 'push') {
              const r = q.push(o.ch, new Uint8Array(o.size));
              for (let k = 0; k < r.evicted; k++) {
                model.splice(
                  model.findIndex((m) => droppable.has(m.ch)),
                  1,
                );
              }
              if (r.result === 'queued') model.push({ ch: o.ch, size: o.size });
            } else {
              const got = q.shift();
              const want = model.shift();
              assert.equal(got?.payload.length, want?.size);
              assert.equal(got?.channel, want?.ch);
            }
            assert.ok(q.bytes <= limits.maxBytes && q.length <= limits.maxMessages);
            assert.equal(q.length, model.length);
            assert.equal(
              q.bytes,
              model.reduce((s, m) => s + m.size + MESSAGE_OVERHEAD, 0),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
