/**
 * The service statement of a 双报到 member: the dossier of their account, verified, read for
 * confirmed services naming them as provider. A changed file (minutes raised, an event dropped, a
 * confirmation for someone else relabelled) fails verification. Expectations written by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, type Value } from '@djchain/crypto';
import type { ReceiptEvent } from '@djchain/ledger';
import { buildDossier, verifyServiceStatement } from '../src/index.ts';
import { keyOf, TestChain } from './chain.ts';

const utf8 = new TextEncoder();
const V = 'resident:res-v';

function svc(type: string, entities: string[], data: Record<string, string | number | null>) {
  return { module: 'service', type, entities, data } satisfies ReceiptEvent;
}

/** res-v registered; o1 confirmed (60 min, 5), o2 done but not confirmed, o3 confirmed (45 min, 4). */
function chain(): TestChain {
  const c = new TestChain('intl');
  const clerk = keyOf(c.suite, 30);
  const tx = () => c.tx(clerk, 'service', 'x', {});
  const blocks: ReceiptEvent[][] = [
    [svc('service.Registered', ['registration:dsb-1', V], { registration: 'dsb-1', homeOrg: 'tax:b9' })],
    [svc('service.Dispatched', ['order:o1', V], { order: 'o1', provider: V })],
    [svc('service.Completed', ['order:o1', V], { order: 'o1', provider: V })],
    [
      svc('service.Confirmed', ['order:o1', V], {
        order: 'o1',
        provider: V,
        kind: '助老助餐',
        item: 'meal',
        minutes: 60,
        rating: 5,
      }),
    ],
    [svc('service.Completed', ['order:o2', V], { order: 'o2', provider: V })],
    // res-v ordered o4 themself: its confirmation names them, but another provider served.
    [
      svc('service.Confirmed', ['order:o4', V, 'member:m1'], {
        order: 'o4',
        provider: 'member:m1',
        kind: '上门维修',
        item: null,
        minutes: 90,
        rating: 5,
      }),
    ],
    [
      svc('service.Confirmed', ['order:o3', V], {
        order: 'o3',
        provider: V,
        kind: '法律咨询',
        item: 'law',
        minutes: 45,
        rating: 4,
      }),
    ],
  ];
  for (const events of blocks) c.add({ txs: [{ tx: tx(), events }] });
  return c;
}

function fileOf(c: TestChain, entity = V): Uint8Array {
  const b = c.blocks[c.height - 1]!;
  return buildDossier({
    suite: c.suite,
    chainId: c.chainId,
    entity,
    events: c.events.get(entity) ?? [],
    proof: c.tree.prove(utf8.encode(`hist/${entity}`), c.height),
    header: b.block.header,
    commit: b.commit,
    validatorSet: b.set,
  });
}

const trust = (c: TestChain) => ({ suite: c.suite, chainId: c.chainId, validatorSets: [c.genesisSet] });

function tamper(bytes: Uint8Array, edit: (events: Record<string, Value>[]) => void): Uint8Array {
  const d = structuredClone(decode(bytes)) as Record<string, Value> & { events: Record<string, Value>[] };
  edit(d.events);
  return encode(d);
}

describe('service statement', () => {
  const c = chain();
  const file = fileOf(c);

  it('lists the confirmed services the account provided: o1 and o3, 105 minutes; not o2 (unconfirmed) nor o4 (served by another)', () => {
    const v = verifyServiceStatement(file, trust(c));
    assert.ok(v.ok, v.ok ? '' : String(v.error));
    assert.equal(v.statement.account, V);
    assert.equal(v.statement.orders, 2);
    assert.equal(v.statement.minutes, 105);
    assert.deepEqual(
      v.statement.services.map((s) => [s.order, s.kind, s.minutes, s.rating]),
      [
        ['o1', '助老助餐', 60, 5],
        ['o3', '法律咨询', 45, 4],
      ],
    );
  });

  it('a file with the minutes raised fails at that event', () => {
    const forged = tamper(file, (events) => {
      (events[3]!.data as Record<string, Value>).minutes = 600;
    });
    const v = verifyServiceStatement(forged, trust(c));
    assert.equal(v.ok, false);
    if (!v.ok) {
      assert.equal(v.check, 'EVENT_HEAD');
      assert.equal((v as { index?: number }).index, 3);
    }
  });

  it('a file with the other provider relabelled as this account fails; one with an event cut fails', () => {
    const relabelled = tamper(file, (events) => {
      (events[5]!.data as Record<string, Value>).provider = V;
    });
    assert.equal(verifyServiceStatement(relabelled, trust(c)).ok, false);
    const cut = tamper(file, (events) => {
      events.pop();
    });
    const v = verifyServiceStatement(cut, trust(c));
    assert.equal(v.ok, false);
    if (!v.ok) assert.equal(v.check, 'STATE_PROOF');
  });

  it('a file of something that is no account is no statement', () => {
    const v = verifyServiceStatement(fileOf(c, 'order:o1'), trust(c));
    assert.equal(v.ok, false);
    if (!v.ok) assert.equal(v.check, 'ACCOUNT');
  });
});
