import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, type Value } from '@djchain/crypto';
import type { ReceiptEvent } from '@djchain/ledger';
import fc from 'fast-check';
import {
  buildDossier,
  type DossierCheck,
  eventHash,
  GENESIS_HEAD,
  LightClient,
  nextHead,
  verifyDossier,
} from '../src/index.ts';
import { event, keyOf, TestChain } from './chain.ts';

const utf8 = new TextEncoder();

/** Blocks 1..5: member:m1's history spread over txs, blocks and shared events; m2 and m3 alongside. */
function communityChain(suiteId: 'intl' | 'gm' = 'intl', nextSetAt?: number): TestChain {
  const c = new TestChain(suiteId);
  const clerk = keyOf(c.suite, 30);
  const tx = () => c.tx(clerk, 'member', 'record', {});
  const specs = [
    [{ tx: tx(), events: [event('applied', ['member:m1'], { date: '2024-03-01' })] }],
    [
      { tx: tx(), events: [event('talked', ['member:m1']), event('applied', ['member:m2'])] },
      {
        tx: tx(),
        events: [event('activist', ['member:m1', 'org:b1']), event('note', ['member:m1'], { n: 1 })],
      },
    ],
    [{ tx: tx(), events: [event('applied', ['member:m3'])] }],
    [{ tx: tx(), events: [event('candidate', ['member:m1'], { introducers: 2 })] }],
    [],
  ];
  for (const [i, txs] of specs.entries()) {
    const nextSet = { keys: [0, 1, 2, 7].map((k) => keyOf(c.suite, k)) };
    c.add(nextSetAt === i + 1 ? { txs, nextSet } : { txs });
  }
  return c;
}

function dossierOf(c: TestChain, entity: string, height = c.height): Uint8Array {
  const b = c.blocks[height - 1]!;
  const events = (c.events.get(entity) ?? []).filter((e) => e.height <= height);
  return buildDossier({
    suite: c.suite,
    chainId: c.chainId,
    entity,
    events,
    proof: c.tree.prove(utf8.encode(`hist/${entity}`), height),
    header: b.block.header,
    commit: b.commit,
    validatorSet: b.set,
  });
}

function trustOf(c: TestChain) {
  return { suite: c.suite, chainId: c.chainId, validatorSets: [c.genesisSet] };
}

/** Decodes, lets `edit` change the value, re-encodes canonically. */
function tamper(
  bytes: Uint8Array,
  edit: (d: Record<string, Value> & { events: Record<string, Value>[] }) => void,
) {
  const d = structuredClone(decode(bytes)) as Record<string, Value> & { events: Record<string, Value>[] };
  edit(d);
  return encode(d);
}

/** Swaps events i and j and restates every head so each event follows from the one before. */
function restated(bytes: Uint8Array, c: TestChain, i: number, j: number): Uint8Array {
  return tamper(bytes, (d) => {
    [d.events[i], d.events[j]] = [d.events[j]!, d.events[i]!];
    let head: Uint8Array = GENESIS_HEAD;
    for (const e of d.events) {
      const {
        head: _stated,
        height,
        txIndex,
        ...rest
      } = e as Record<string, Value> & { height: number; txIndex: number };
      head = nextHead(c.suite, head, eventHash(c.suite, rest as unknown as ReceiptEvent), height, txIndex);
      e.head = head;
    }
  });
}

function expectBroken(bytes: Uint8Array, c: TestChain, check: DossierCheck, index?: number): void {
  const v = verifyDossier(bytes, trustOf(c));
  assert.equal(v.ok, false, 'expected a broken dossier');
  if (v.ok) return;
  assert.equal(v.check, check, v.error.message);
  assert.equal(v.index, index, v.error.message);
  assert.match(v.error.code, /^CLIENT_DOSSIER_/);
}

for (const suiteId of ['intl', 'gm'] as const) {
  it(`a dossier built from the chain verifies (${suiteId})`, () => {
    const c = communityChain(suiteId);
    const v = verifyDossier(dossierOf(c, 'member:m1'), trustOf(c));
    assert.ok(v.ok, v.ok ? '' : v.error.message);
    assert.deepEqual(
      v.events.map((e) => e.type),
      ['applied', 'talked', 'activist', 'note', 'candidate'],
    );
    assert.equal(v.header.height, 5);
  });
}

describe('dossier verification', () => {
  const c = communityChain();
  const good = dossierOf(c, 'member:m1');

  it('verifies an entity without events by the absence of its head', () => {
    const v = verifyDossier(dossierOf(c, 'member:nobody'), trustOf(c));
    assert.ok(v.ok && v.events.length === 0);
  });

  it('verifies a dossier at an older height', () => {
    assert.ok(verifyDossier(dossierOf(c, 'member:m1', 3), trustOf(c)).ok);
  });

  it('names the event where one was removed, changed, or two swapped', () => {
    expectBroken(
      tamper(good, (d) => d.events.splice(1, 1)),
      c,
      'EVENT_HEAD',
      1,
    );
    expectBroken(
      tamper(good, (d) => {
        d.events[2]!.data = { forged: 1 };
      }),
      c,
      'EVENT_HEAD',
      2,
    );
    expectBroken(
      tamper(good, (d) => {
        d.events[3]!.head = new Uint8Array(32);
      }),
      c,
      'EVENT_HEAD',
      3,
    );
    // Events 2 and 3 come from the same transaction: only the head chain shows the swap.
    expectBroken(
      tamper(good, (d) => {
        [d.events[2], d.events[3]] = [d.events[3]!, d.events[2]!];
      }),
      c,
      'EVENT_HEAD',
      2,
    );
    expectBroken(
      tamper(good, (d) => {
        [d.events[0], d.events[1]] = [d.events[1]!, d.events[0]!];
      }),
      c,
      'EVENT_HEAD',
      0,
    );
    // A forger who also restates every head: blocks out of order are caught by the order check,
    // a swap inside one transaction by the state proof.
    expectBroken(restated(good, c, 0, 1), c, 'EVENT_ORDER', 1);
    expectBroken(restated(good, c, 2, 3), c, 'STATE_PROOF');
    expectBroken(
      tamper(good, (d) => {
        d.events[4]!.entities = ['member:m2'];
      }),
      c,
      'EVENT_ENTITY',
      4,
    );
    expectBroken(
      tamper(good, (d) => {
        d.events[1]!.height = 'x';
      }),
      c,
      'FORMAT',
      1,
    );
  });

  it('detects events cut from the end by the state proof', () => {
    expectBroken(
      tamper(good, (d) => d.events.pop()),
      c,
      'STATE_PROOF',
    );
    expectBroken(
      tamper(good, (d) => {
        d.events = [];
      }),
      c,
      'STATE_PROOF',
    );
  });

  it('detects a tampered proof, header, set or commit', () => {
    const other = dossierOf(c, 'member:m2');
    expectBroken(
      tamper(good, (d) => {
        d.proof = (decode(other) as Record<string, Value>).proof!;
      }),
      c,
      'STATE_PROOF',
    );
    expectBroken(
      tamper(good, (d) => {
        (d.header as Record<string, Value>).time = 1;
      }),
      c,
      'COMMIT',
    );
    expectBroken(
      tamper(good, (d) => {
        (d.header as Record<string, Value>).height = 4;
      }),
      c,
      'HEADER',
    );
    expectBroken(
      tamper(good, (d) => {
        ((d.validatorSet as Record<string, Value[]>).validators![0] as Record<string, Value>).power = 99;
      }),
      c,
      'VALIDATOR_SET',
    );
    expectBroken(
      tamper(good, (d) => {
        (d.commit as Record<string, Value[]>).precommits!.splice(1, 2);
      }),
      c,
      'COMMIT',
    );
    expectBroken(
      tamper(good, (d) => {
        d.chainId = 'another';
      }),
      c,
      'CHAIN',
    );
    expectBroken(
      tamper(good, (d) => {
        d.version = 2;
      }),
      c,
      'FORMAT',
    );
  });

  it('trusts a later set only through a light client that followed the change', () => {
    const changed = communityChain('intl', 2);
    const bytes = dossierOf(changed, 'member:m1');
    const untrusted = verifyDossier(bytes, trustOf(changed));
    assert.ok(
      !untrusted.ok && untrusted.check === 'TRUST' && untrusted.error.code === 'CLIENT_DOSSIER_UNTRUSTED',
    );
    const lc = new LightClient({
      suite: changed.suite,
      chainId: changed.chainId,
      trust: { kind: 'genesis', validators: changed.genesisSet },
    });
    for (const b of changed.blocks.slice(0, 4)) lc.verifyHeader(b.block.header, b.commit, b.set);
    // Header 5 is not verified, but its set signed header 4, which the light client verified.
    assert.ok(verifyDossier(bytes, { suite: changed.suite, chainId: changed.chainId, lightClient: lc }).ok);
    // A dossier whose header H conflicts with the light client's verified header H is refused.
    const lc5 = new LightClient({
      suite: changed.suite,
      chainId: changed.chainId,
      trust: { kind: 'genesis', validators: changed.genesisSet },
    });
    for (const b of changed.blocks) lc5.verifyHeader(b.block.header, b.commit, b.set);
    const forkedHeader = { ...changed.header(5), time: 7 };
    const forked = buildDossier({
      suite: changed.suite,
      chainId: changed.chainId,
      entity: 'member:m1',
      events: changed.events.get('member:m1')!,
      proof: changed.tree.prove(utf8.encode('hist/member:m1'), 5),
      header: forkedHeader,
      commit: changed.sign(forkedHeader, changed.keysAt(5)),
      validatorSet: changed.blocks[4]!.set,
    });
    const v = verifyDossier(forked, { suite: changed.suite, chainId: changed.chainId, lightClient: lc5 });
    assert.ok(!v.ok && v.check === 'TRUST');
  });
});

describe('dossier tamper properties', () => {
  for (const suiteId of ['intl', 'gm'] as const) {
    const c = communityChain(suiteId);
    const good = dossierOf(c, 'member:m1');
    it(`any single-byte change anywhere in the file is detected (${suiteId}, ${good.length} bytes)`, () => {
      fc.assert(
        fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
          const bad = good.slice();
          bad[at]! ^= delta;
          assert.equal(verifyDossier(bad, trustOf(c)).ok, false, `byte ${at} ^ ${delta} went unnoticed`);
        }),
        { numRuns: suiteId === 'intl' ? 400 : 100 },
      );
    });
    it(`a truncated or extended file is detected (${suiteId})`, () => {
      fc.assert(
        fc.property(fc.nat(good.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }), (cut, extra) => {
          assert.equal(verifyDossier(good.subarray(0, cut), trustOf(c)).ok, false);
          const longer = new Uint8Array([...good, ...extra]);
          assert.equal(verifyDossier(longer, trustOf(c)).ok, false);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('every byte position, one flip each, is detected (exhaustive, intl)', () => {
    const c = communityChain('intl');
    const good = dossierOf(c, 'member:m1');
    for (let at = 0; at < good.length; at++) {
      const bad = good.slice();
      bad[at]! ^= 0x01;
      assert.equal(verifyDossier(bad, trustOf(c)).ok, false, `byte ${at} went unnoticed`);
    }
  });
});
