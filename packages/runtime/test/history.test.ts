/** Per-entity history heads (DESIGN §5) and block-start hooks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode, taggedHash } from '@djchain/crypto';
import { BLOCK_TX_INDEX, eventHash, GENESIS_HEAD, readEvents, readHead, replayHead } from '../src/index.ts';
import { demoModule, REMIND_AFTER } from './example-module.ts';
import { Harness, keyOf } from './harness.ts';

describe('history heads', () => {
  it('follow head′ = H_tag("djchain/history/v1", head, eventHash, cbor([height, txIndex]))', () => {
    const h = new Harness();
    h.block([h.tx(keyOf(h.suite, 1), 'apply', { id: '7' })]);
    const ev = { module: 'demo', type: 'Applied', entities: ['member:7'], data: { id: '7' } };
    const evHash = taggedHash(h.suite, 'djchain/event/v1', encode(ev));
    assert.deepEqual(eventHash(h.suite, ev), evHash);
    const expected = taggedHash(h.suite, 'djchain/history/v1', GENESIS_HEAD, evHash, encode([1, 0]));
    assert.deepEqual(readHead(h.state, 'member:7'), { head: expected, count: 1, last: 1 });
  });

  it('are recomputable from the stored events, across transactions, hooks and entities', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    h.block([h.tx(alice, 'apply', { id: '7' }), h.tx(alice, 'apply', { id: '8' })]);
    h.block([h.tx(alice, 'note', null)]);
    for (let i = 0; i < REMIND_AFTER; i++) h.block([]);
    h.block([h.tx(h.admin, 'approve', { id: '7' })]);
    const member = readEvents(h.state, 'member:7');
    assert.deepEqual(
      member.map((e) => [e.type, e.height, e.txIndex]),
      [
        ['Applied', 1, 0],
        ['Reminder', 1 + REMIND_AFTER, BLOCK_TX_INDEX],
        ['Approved', 6, 0],
      ],
    );
    assert.deepEqual(replayHead(h.suite, member), readHead(h.state, 'member:7').head);
    // org:1 saw genesis, the note and the approval (shared with member:7).
    const org = readEvents(h.state, 'org:1');
    assert.deepEqual(
      org.map((e) => [e.type, e.height]),
      [
        ['OrgCreated', 0],
        ['Noted', 2],
        ['Approved', 6],
      ],
    );
    const head = readHead(h.state, 'org:1');
    assert.deepEqual(replayHead(h.suite, org), head.head);
    assert.equal(head.count, 3);
    assert.equal(head.last, 6);
  });

  it('a dropped, reordered or altered event gives another head', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    h.block([h.tx(alice, 'apply', { id: '7' })]);
    for (let i = 0; i < REMIND_AFTER; i++) h.block([]);
    h.block([h.tx(h.admin, 'approve', { id: '7' })]);
    const events = readEvents(h.state, 'member:7');
    const head = readHead(h.state, 'member:7').head;
    assert.equal(events.length, 3);
    assert.notDeepEqual(replayHead(h.suite, events.slice(1)), head);
    assert.notDeepEqual(replayHead(h.suite, [events[1]!, events[0]!, events[2]!]), head);
    assert.notDeepEqual(replayHead(h.suite, [{ ...events[0]!, txIndex: 1 }, ...events.slice(1)]), head);
    assert.notDeepEqual(
      replayHead(h.suite, [{ ...events[0]!, data: { id: '8' } }, ...events.slice(1)]),
      head,
    );
  });
});

describe('block-start hooks', () => {
  it('fire before the transactions, every block, and their events have txIndex -1', () => {
    const h = new Harness();
    h.block([h.tx(keyOf(h.suite, 1), 'apply', { id: '7' })]);
    for (let i = 1; i < REMIND_AFTER; i++) assert.deepEqual(h.block([]).events, []);
    const res = h.block([h.tx(keyOf(h.suite, 1), 'note', null)]);
    assert.deepEqual(
      res.events.map((e) => [e.type, e.txIndex]),
      [
        ['Reminder', BLOCK_TX_INDEX],
        ['Noted', 0],
      ],
    );
    assert.equal(h.state.keys('demo/due/', 10).length, 0);
    assert.deepEqual(h.executor.query('demo', 'count', null, h.state, h.height, 0), { ok: true, value: 1 });
  });

  it('a throwing hook is recorded as HookFailed and its writes are discarded; the block goes on', () => {
    const h = new Harness({ modules: [demoModule({ brokenHook: true })] });
    const res = h.block([h.tx(keyOf(h.suite, 1), 'apply', { id: '7' })]);
    assert.deepEqual(res.events[0], {
      module: 'runtime',
      type: 'HookFailed',
      entities: [],
      data: { module: 'demo', code: 'RUNTIME_MODULE_FAILED' },
      txIndex: BLOCK_TX_INDEX,
    });
    assert.equal(h.state.get('demo/ticks'), undefined);
    assert.equal(res.receipts[0]!.status, 'ok');
  });

  it('run in module-name order whatever the registration order', () => {
    const seen: string[] = [];
    const mod = (name: string) => ({
      name,
      actions: {},
      queries: {},
      beginBlock: () => void seen.push(name),
    });
    const h = new Harness({ modules: [mod('zeta'), demoModule(), mod('alpha')] });
    h.block([]);
    assert.deepEqual(seen, ['alpha', 'zeta']);
  });
});
