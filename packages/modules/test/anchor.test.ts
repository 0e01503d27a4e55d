/**
 * Anchoring (issue 19): a parent chain registers a child chain and verifies its headers with the
 * child's light-client rules. The child's headers are real (child-chain.ts: real keys, real
 * precommits); each expected code below is written from the rule, not read from the code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getSuite, toHex, type Value } from '@djchain/crypto';
import { commitToValue, headerHash, headerToValue, validatorSetToValue } from '@djchain/ledger';
import { ChildChain } from './child-chain.ts';
import { Chain, type Step } from './harness.ts';

const suite = getSuite('intl');

/** Each parent's clock: the next block is an hour after the last, from 8:00 to 20:00, then the next day. */
const clocks = new WeakMap<Chain, { day: number; hour: number }>();

/**
 * A parent chain with child `child` registered (interval 60 minutes) on 2024-01-03 by two of the
 * committee: the 书记 at 9:00, the 组织委员 at 10:00.
 */
function parentWith(child: ChildChain): Chain {
  const parent = new Chain();
  for (const [hour, by] of [
    [9, 'c.sec'],
    [10, 'c.org'],
  ] as const) {
    const r = parent.step({
      at: '2024-01-03',
      hour,
      by,
      do: 'anchor.register',
      params: child.registerParams(),
    });
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
  }
  clocks.set(parent, { day: 3, hour: 10 });
  return parent;
}

function anchorStep(parent: Chain, params: Value, by = 'c.clerk'): Step {
  const c = clocks.get(parent)!;
  c.hour += 1;
  if (c.hour > 20) {
    c.hour = 8;
    c.day += 1;
  }
  return { at: `2024-01-${String(c.day).padStart(2, '0')}`, hour: c.hour, by, do: 'anchor.submit', params };
}

/** The value form of the set that signed `height`. */
const setOf = (child: ChildChain, height: number): Value => validatorSetToValue(child.block(height).set);

const code = (parent: Chain, params: Value, by?: string) =>
  parent.step(anchorStep(parent, params, by)).receipt.error?.code ?? 'ok';

describe('anchor: registration', () => {
  it('two of the top 党委 register a child; one alone only proposes; not a branch, not its own chain id', () => {
    const child = new ChildChain(suite, 'child-reg');
    child.add();
    const parent = new Chain();
    let hour = 8;
    const reg = (by: string, params: Value = child.registerParams()) => {
      hour += 1;
      const r = parent.step({ at: '2024-01-03', hour, by, do: 'anchor.register', params });
      return r.receipt.error?.code ?? r.events.map((e) => e.type).join(',');
    };
    const kids = () => (parent.query('anchor', 'children', {}) as { chain: string }[]).map((k) => k.chain);
    assert.equal(reg('b1.sec'), 'ANCHOR_NOT_PERMITTED');
    // The 书记 alone: a proposal; the same key again is still one person.
    assert.equal(reg('c.sec'), 'anchor.RegistrationProposed');
    assert.equal(reg('c.sec'), 'anchor.RegistrationProposed');
    assert.deepEqual(kids(), []);
    // Nothing is anchored on one person's word.
    hour += 1;
    const submit = {
      at: '2024-01-03',
      hour,
      by: 'c.clerk',
      do: 'anchor.submit',
      params: child.anchorParams(1),
    };
    assert.equal(parent.step(submit).receipt.error?.code, 'ANCHOR_UNKNOWN_CHAIN');
    // The 组织委员 signs a different set (a fake chain's keys): it replaces the proposal, and the
    // 书记's earlier registration does not make it.
    const fake = new ChildChain(suite, 'child-reg-fake', 1);
    const fakeParams = {
      ...(child.registerParams() as { [k: string]: Value }),
      validators: validatorSetToValue(fake.genesisSet),
    };
    assert.equal(reg('c.org', fakeParams), 'anchor.RegistrationProposed');
    assert.deepEqual(kids(), []);
    // The 副书记 signs the true registration: again only a proposal (it differs from the pending one).
    assert.equal(reg('c.dep'), 'anchor.RegistrationProposed');
    // The 书记 signs the same: two people, one content — registered.
    assert.equal(reg('c.sec'), 'anchor.Registered');
    const k = (parent.query('anchor', 'children', {}) as { [k: string]: Value }[])[0]!;
    assert.equal(k.chain, 'child-reg');
    assert.equal(k.latest, null);
    assert.equal(k.trustDays, 14);
    const self = { ...(child.registerParams() as { [k: string]: Value }), chain: 'dj-modules-test' };
    assert.equal(reg('c.sec', self), 'ANCHOR_SAME_CHAIN');
    const badSet = { ...(child.registerParams() as { [k: string]: Value }), validators: { validators: [] } };
    assert.equal(reg('c.sec', badSet), 'ANCHOR_BAD_PARAMS');
    const gm = { ...(child.registerParams() as { [k: string]: Value }), suite: 'gm' };
    assert.equal(reg('c.sec', gm), 'ANCHOR_BAD_PARAMS');
  });
});

describe('anchor: trusting period, renewal and spacing', () => {
  it('a trusted header older than the trusting period is not stepped from; two of the committee renew', () => {
    const child = new ChildChain(suite, 'child-trust', 4);
    for (let i = 0; i < 3; i++) child.add();
    const parent = parentWith(child);
    // Height 1 (2024-01-03 00:15) anchored on 2024-01-03 11:00.
    assert.equal(code(parent, child.anchorParams(1)), 'ok');
    // The child's validators all change (an older key could have leaked since): the parent does not
    // follow, and on 2024-01-18 — more than 14 days after the trusted header — it steps from nothing.
    const newKeys = [10, 11, 12, 13].map((i) => child.key(i));
    child.add({ nextKeys: newKeys });
    for (let i = 0; i < 2; i++) child.add();
    const late = (params: Value, day: number, hour: number, by = 'c.clerk') =>
      parent.step({ at: `2024-01-${day}`, hour, by, do: 'anchor.submit', params }).receipt.error?.code ??
      'ok';
    assert.equal(late(child.anchorParams(6), 18, 10), 'ANCHOR_TRUST_EXPIRED');
    // Even the header right after the trusted one, signed by the old set.
    assert.equal(late(child.anchorParams(2), 18, 11), 'ANCHOR_TRUST_EXPIRED');
    // Two of the committee register it again with the set it runs on now.
    const renew = {
      ...(child.registerParams() as { [k: string]: Value }),
      validators: validatorSetToValue(child.setOf(newKeys)),
    };
    for (const [hour, by] of [
      [12, 'c.sec'],
      [13, 'c.dep'],
    ] as const) {
      const r = parent.step({ at: '2024-01-18', hour, by, do: 'anchor.register', params: renew });
      assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    }
    // From the renewed set: a header of the new set is anchored; one of the old set is not.
    assert.equal(late(child.anchorParams(3), 18, 14), 'ANCHOR_UNTRUSTED_VALIDATORS');
    assert.equal(late(child.anchorParams(6), 18, 15), 'ok');
    const latest = parent.query('anchor', 'latest', { chain: 'child-trust' }) as { height: number };
    assert.equal(latest.height, 6);
  });

  it('one anchor per 10 minutes of child time, except a header that changes the set', () => {
    const child = new ChildChain(suite, 'child-gap', 4);
    const t0 = Date.parse('2024-01-03T08:00:00+08:00');
    child.add({ time: t0 });
    child.add({ time: t0 + 9 * 60_000 + 59_999 }); // 9:59.999 later
    child.add({ time: t0 + 10 * 60_000, nextKeys: [0, 1, 2, 4].map((i) => child.key(i)) }); // changes the set
    child.add({ time: t0 + 11 * 60_000 });
    child.add({ time: t0 + 20 * 60_000 });
    const parent = parentWith(child);
    assert.equal(code(parent, child.anchorParams(1)), 'ok');
    assert.equal(code(parent, child.anchorParams(2)), 'ANCHOR_TOO_SOON');
    assert.equal(code(parent, child.anchorParams(3)), 'ok');
    assert.equal(code(parent, child.anchorParams(4)), 'ANCHOR_TOO_SOON');
    assert.equal(code(parent, child.anchorParams(5)), 'ok');
  });
});

describe('anchor: vectors', () => {
  const child = new ChildChain(suite, 'child-a', 4);
  for (let i = 0; i < 5; i++) child.add();
  const parent = parentWith(child);

  it('a valid header from the genesis set is anchored; the queries show it', () => {
    assert.equal(code(parent, child.anchorParams(1)), 'ok');
    const h1 = toHex(headerHash(suite, child.block(1).header));
    const latest = parent.query('anchor', 'latest', { chain: 'child-a' }) as { [k: string]: Value };
    assert.equal(latest.height, 1);
    assert.equal(latest.hash, h1);
    assert.equal(latest.stateRoot, toHex(child.block(1).header.stateRoot));
    assert.equal(latest.validatorsHash, toHex(child.block(1).header.validatorsHash));
    const anchored = (height: number, hash: string) =>
      (parent.query('anchor', 'anchored', { chain: 'child-a', height, hash }) as { anchored: boolean })
        .anchored;
    assert.equal(anchored(1, h1), true);
    assert.equal(anchored(1, 'ab'.repeat(32)), false);
    assert.equal(anchored(2, h1), false);
    // A validator node of the parent relays too (the relaying command signs with a node key).
    assert.equal(code(parent, child.anchorParams(2), 'validator'), 'ok');
  });

  it('a forged commit is refused: a bad signature, too few signers, a commit for another header', () => {
    const b = child.block(3);
    const commit = commitToValue(b.commit) as { precommits: { signature: Uint8Array }[] };
    const flipped = structuredClone(commit);
    flipped.precommits[0]!.signature[0]! ^= 1;
    assert.equal(code(parent, child.anchorParams(3, { commit: flipped as never })), 'ANCHOR_BAD_SIGNATURE');
    // Two of four equal powers: exactly 1/2, not more than 2/3.
    const short = commitToValue(child.sign(b.header, [child.key(0), child.key(1)], b.set));
    assert.equal(code(parent, child.anchorParams(3, { commit: short })), 'ANCHOR_COMMIT_SHORT');
    // The header's state root altered: the commit certifies another block.
    const altered = { ...(headerToValue(b.header) as { [k: string]: Value }), stateRoot: new Uint8Array(32) };
    assert.equal(code(parent, child.anchorParams(3, { header: altered })), 'ANCHOR_BAD_COMMIT');
    // The same forgery with the commit re-signed by keys of no set of the child.
    const stranger = new ChildChain(suite, 'child-a-forger', 4);
    const strangers = [0, 1, 2, 3].map((i) => stranger.key(i));
    const forged = stranger.sign(
      { ...b.header, stateRoot: new Uint8Array(32) },
      strangers,
      stranger.setOf(strangers),
    );
    assert.equal(
      code(parent, child.anchorParams(3, { header: altered, commit: commitToValue(forged) })),
      'ANCHOR_BAD_SIGNATURE',
    );
    // …or with the strangers' own set offered as the signing set: not the set the header names.
    assert.equal(
      code(
        parent,
        child.anchorParams(3, {
          header: altered,
          commit: commitToValue(forged),
          validators: { validators: [] },
        }),
      ),
      'ANCHOR_BAD_PARAMS',
    );
    const latest = parent.query('anchor', 'latest', { chain: 'child-a' }) as { height: number };
    assert.equal(latest.height, 2, 'nothing forged was anchored');
  });

  it('a header of another chain, or for an unregistered chain, is refused', () => {
    const other = new ChildChain(suite, 'child-b', 4);
    other.add();
    other.add();
    other.add();
    assert.equal(code(parent, other.anchorParams(3, { chain: 'child-a' })), 'ANCHOR_CHAIN_MISMATCH');
    assert.equal(code(parent, other.anchorParams(3)), 'ANCHOR_UNKNOWN_CHAIN');
  });

  it('a stale or duplicate height is refused; skipping ahead with the same set is anchored', () => {
    assert.equal(code(parent, child.anchorParams(2)), 'ANCHOR_STALE');
    assert.equal(code(parent, child.anchorParams(1)), 'ANCHOR_STALE');
    assert.equal(code(parent, child.anchorParams(5)), 'ok');
    assert.equal(code(parent, child.anchorParams(5)), 'ANCHOR_STALE');
    assert.equal(code(parent, child.anchorParams(4)), 'ANCHOR_STALE');
  });

  it('across a validator-set change: refused without the link, anchored through it', () => {
    // Height 6 names an entirely new set (keys 10..13) from height 7 on.
    const fresh = [10, 11, 12, 13].map((i) => child.key(i));
    child.add({ nextKeys: fresh });
    for (let i = 7; i <= 9; i++) child.add();
    // Skipping from 5 to 8: the new set holds nothing of the set the anchors trust.
    assert.equal(code(parent, child.anchorParams(8)), 'ANCHOR_UNTRUSTED_VALIDATORS');
    // The linking header without the new set it names: the next anchor could not be checked.
    const { nextValidators: _omit, ...noNext } = child.anchorParams(6) as { [k: string]: Value };
    assert.equal(code(parent, noNext), 'ANCHOR_NEXT_SET_MISSING');
    // …or with a set that is not the one it names.
    assert.equal(
      code(parent, child.anchorParams(6, { nextValidators: setOf(child, 1) })),
      'ANCHOR_BAD_VALIDATORS',
    );
    assert.equal(code(parent, child.anchorParams(6)), 'ok');
    // Now the old set is no longer trusted to sign above 6: a header at 8 signed by the old keys.
    const b8 = child.block(8);
    const oldKeys = [0, 1, 2, 3].map((i) => child.key(i));
    const oldSet = child.setOf(oldKeys);
    const byOld = child.sign(b8.header, oldKeys, oldSet);
    assert.equal(
      code(
        parent,
        child.anchorParams(8, {
          commit: commitToValue(byOld),
          validators: setOf(child, 1),
        }),
      ),
      'ANCHOR_BAD_VALIDATORS',
    );
    assert.equal(code(parent, child.anchorParams(8)), 'ok');
    assert.equal(code(parent, child.anchorParams(9)), 'ok');
    const latest = parent.query('anchor', 'latest', { chain: 'child-a' }) as { [k: string]: Value };
    assert.equal(latest.height, 9);
    assert.equal(latest.validatorsHash, toHex(child.block(9).header.validatorsHash));
    assert.notEqual(latest.validatorsHash, toHex(child.block(1).header.validatorsHash));
  });

  it('adjacent: a header whose set is not the one its predecessor named is refused', () => {
    // A height-10 header claiming the old set, signed by it, linked to 9: the anchors trust the new set.
    const b9 = child.block(9);
    const oldKeys = [0, 1, 2, 3].map((i) => child.key(i));
    const oldSet = child.setOf(oldKeys);
    const forged = {
      ...b9.header,
      height: 10,
      prevHash: headerHash(suite, b9.header),
      validatorsHash: child.block(1).header.validatorsHash,
      nextValidatorsHash: child.block(1).header.validatorsHash,
    };
    const params = {
      chain: 'child-a',
      header: headerToValue(forged),
      commit: commitToValue(child.sign(forged, oldKeys, oldSet)),
      validators: setOf(child, 1),
    };
    assert.equal(code(parent, params), 'ANCHOR_UNTRUSTED_VALIDATORS');
  });
});

describe('anchor: a missing anchor is a warning on the parent', () => {
  it('raised once the interval passed, closed by the next anchor', () => {
    const child = new ChildChain(suite, 'child-w');
    child.add();
    const parent = parentWith(child); // 2024-01-03 10:00, interval 60 minutes
    const open = () =>
      (parent.query('warnings', 'open', { org: 'c1' }) as { kind: string; id: string; due: string }[]).filter(
        (w) => w.kind === 'anchor.missing',
      );
    parent.tick('2024-01-03', 11); // 10:00 + 60 minutes: due now, not yet overdue
    assert.deepEqual(open(), []);
    const events = parent.tick('2024-01-03', 12);
    assert.ok(events.some((e) => e.type === 'anchor.Missing'));
    const w = open();
    assert.equal(w.length, 1);
    assert.equal(w[0]!.due, '2024-01-03');
    // Raised once per gap: another block does not raise it again.
    assert.ok(!parent.tick('2024-01-03', 13).some((e) => e.type === 'anchor.Missing'));
    assert.equal(
      parent.step({
        at: '2024-01-03',
        hour: 14,
        by: 'c.clerk',
        do: 'anchor.submit',
        params: child.anchorParams(1),
      }).receipt.status,
      'ok',
    );
    parent.tick('2024-01-03', 15);
    assert.deepEqual(open(), []);
    // The next gap (due 15:00 after the anchor at 14:00) raises a new one.
    parent.tick('2024-01-03', 16);
    assert.equal(open().length, 1);
  });
});
