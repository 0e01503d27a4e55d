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

/** A parent chain with child `child` registered (interval 60 minutes) on 2024-01-03 at 10:00. */
function parentWith(child: ChildChain): Chain {
  const parent = new Chain();
  const r = parent.step({
    at: '2024-01-03',
    by: 'c.sec',
    do: 'anchor.register',
    params: child.registerParams(),
  });
  assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
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
  it('the top 党委 registers a child once; not a branch, not its own chain id', () => {
    const child = new ChildChain(suite, 'child-reg');
    const parent = new Chain();
    let hour = 8;
    const reg = (by: string, params: Value = child.registerParams()) => {
      hour += 1;
      return (
        parent.step({ at: '2024-01-03', hour, by, do: 'anchor.register', params }).receipt.error?.code ?? 'ok'
      );
    };
    assert.equal(reg('b1.sec'), 'ANCHOR_NOT_PERMITTED');
    assert.equal(reg('c.sec'), 'ok');
    assert.equal(reg('c.org'), 'ANCHOR_EXISTS');
    const self = { ...(child.registerParams() as { [k: string]: Value }), chain: 'dj-modules-test' };
    assert.equal(reg('c.sec', self), 'ANCHOR_SAME_CHAIN');
    const badSet = { ...(child.registerParams() as { [k: string]: Value }), validators: { validators: [] } };
    assert.equal(reg('c.sec', badSet), 'ANCHOR_BAD_PARAMS');
    const kids = parent.query('anchor', 'children', {}) as { chain: string; latest: Value }[];
    assert.deepEqual(
      kids.map((k) => [k.chain, k.latest]),
      [['child-reg', null]],
    );
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
