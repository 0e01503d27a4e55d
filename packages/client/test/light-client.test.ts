import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Header, validatorSetHash } from '@djchain/ledger';
import { type ClientErrorCode, isClientError, LightClient } from '../src/index.ts';
import { event, keyOf, setOf, TestChain } from './chain.ts';

function throwsCode(fn: () => unknown, code: ClientErrorCode): void {
  assert.throws(fn, (e) => isClientError(e, code) || assert.fail(`expected ${code}, got ${String(e)}`));
}

/** A chain of `n` blocks whose block 3 hands over to a set with one validator replaced. */
function chainWithChange(suiteId: 'intl' | 'gm', n = 8): TestChain {
  const c = new TestChain(suiteId);
  const next = [keyOf(c.suite, 0), keyOf(c.suite, 1), keyOf(c.suite, 2), keyOf(c.suite, 9)];
  for (let h = 1; h <= n; h++) c.add(h === 3 ? { nextSet: { keys: next, powers: [10, 10, 10, 20] } } : {});
  return c;
}

function genesisClient(c: TestChain): LightClient {
  return new LightClient({
    suite: c.suite,
    chainId: c.chainId,
    trust: { kind: 'genesis', validators: c.genesisSet },
  });
}

for (const suiteId of ['intl', 'gm'] as const) {
  describe(`light client (${suiteId})`, () => {
    it('verifies a sequence from genesis across a validator-set change', () => {
      const c = chainWithChange(suiteId);
      const lc = genesisClient(c);
      for (const b of c.blocks) lc.verifyHeader(b.block.header, b.commit, b.set);
      assert.equal(lc.latestHeight(), 8);
      assert.deepEqual(lc.heights(), [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.equal(lc.validatorSet(4)!.validators[3]!.power, 20);
    });

    it('refuses the old set after the change and a set the previous header did not name', () => {
      const c = chainWithChange(suiteId);
      const lc = genesisClient(c);
      for (const b of c.blocks.slice(0, 3)) lc.verifyHeader(b.block.header, b.commit, b.set);
      const b4 = c.blocks[3]!;
      // The old set does not hash to header 4's validatorsHash.
      throwsCode(() => lc.verifyHeader(b4.block.header, b4.commit, c.genesisSet), 'CLIENT_BAD_VALIDATORS');
      // A set the previous header did not name, even when it signed the header in full.
      const rogueKeys = [10, 11, 12, 13].map((i) => keyOf(c.suite, i));
      const rogue = setOf(rogueKeys);
      const forged: Header = { ...b4.block.header, validatorsHash: validatorSetHash(c.suite, rogue) };
      throwsCode(
        () => lc.verifyHeader(forged, c.sign(forged, rogueKeys, 0, rogue), rogue),
        'CLIENT_UNTRUSTED_VALIDATORS',
      );
      lc.verifyHeader(b4.block.header, b4.commit, b4.set);
    });
  });
}

describe('light client rejections', () => {
  const c = chainWithChange('intl', 5);

  it('rejects a commit holding 2/3 of the power or less', () => {
    const lc = genesisClient(c);
    const h1 = c.header(1);
    const keys = c.keysAt(1);
    throwsCode(() => lc.verifyHeader(h1, c.sign(h1, keys.slice(0, 2)), c.genesisSet), 'CLIENT_COMMIT_SHORT');
    // 3 of 4 equal powers is 3/4 > 2/3: accepted.
    lc.verifyHeader(h1, c.sign(h1, keys.slice(0, 3)), c.genesisSet);
  });

  it('rejects exactly 2/3 of the power', () => {
    const c3 = new TestChain('intl', 3);
    c3.add();
    const lc = genesisClient(c3);
    const h1 = c3.header(1);
    throwsCode(
      () => lc.verifyHeader(h1, c3.sign(h1, c3.keysAt(1).slice(0, 2)), c3.genesisSet),
      'CLIENT_COMMIT_SHORT',
    );
  });

  it('rejects a bad signature even when the rest would be enough', () => {
    const lc = genesisClient(c);
    const b = c.blocks[0]!;
    const sig = b.commit.precommits[0]!.signature.slice();
    sig[5]! ^= 1;
    const commit = {
      ...b.commit,
      precommits: [{ ...b.commit.precommits[0]!, signature: sig }, ...b.commit.precommits.slice(1)],
    };
    throwsCode(() => lc.verifyHeader(b.block.header, commit, b.set), 'CLIENT_BAD_SIGNATURE');
  });

  it('rejects a properly signed header that does not link to its predecessor', () => {
    const lc = genesisClient(c);
    lc.verifyHeader(c.header(1), c.blocks[0]!.commit, c.genesisSet);
    const forged: Header = { ...c.header(2), prevHash: new Uint8Array(32).fill(7) };
    throwsCode(() => lc.verifyHeader(forged, c.sign(forged, c.keysAt(2)), c.genesisSet), 'CLIENT_NOT_LINKED');
  });

  it('rejects a commit for another header and a header of another chain', () => {
    const lc = genesisClient(c);
    throwsCode(() => lc.verifyHeader(c.header(1), c.blocks[1]!.commit, c.genesisSet), 'CLIENT_BAD_COMMIT');
    const other: Header = { ...c.header(1), chainId: 'other' };
    throwsCode(
      () => lc.verifyHeader(other, c.sign(other, c.keysAt(1)), c.genesisSet),
      'CLIENT_CHAIN_MISMATCH',
    );
  });

  it('rejects a conflicting header at a verified height (a fork)', () => {
    const lc = genesisClient(c);
    lc.verifyHeader(c.header(1), c.blocks[0]!.commit, c.genesisSet);
    lc.verifyHeader(c.header(1), c.blocks[0]!.commit, c.genesisSet); // same header: no-op
    const fork: Header = { ...c.header(1), time: c.header(1).time + 1 };
    throwsCode(() => lc.verifyHeader(fork, c.sign(fork, c.keysAt(1)), c.genesisSet), 'CLIENT_NOT_LINKED');
  });
});

describe('light client skipping and ancestors', () => {
  it('skips over heights with the same set, then fills ancestors by hash links', () => {
    const c = new TestChain('intl');
    for (let h = 0; h < 10; h++) c.add();
    const lc = genesisClient(c);
    const b10 = c.blocks[9]!;
    lc.verifyHeader(b10.block.header, b10.commit, b10.set);
    for (let h = 9; h >= 1; h--) lc.verifyAncestor(c.header(h));
    assert.deepEqual(lc.heights(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses an ancestor that is not the prevHash of the header above it', () => {
    const c = new TestChain('intl');
    for (let h = 0; h < 3; h++) c.add();
    const lc = genesisClient(c);
    lc.verifyHeader(c.header(3), c.blocks[2]!.commit, c.blocks[2]!.set);
    throwsCode(() => lc.verifyAncestor({ ...c.header(2), time: 1 }), 'CLIENT_NOT_LINKED');
    throwsCode(() => lc.verifyAncestor(c.header(1)), 'CLIENT_HEIGHT_UNKNOWN');
  });

  it('refuses to skip to a header signed by a set with at most 1/3 overlap of the trusted one', () => {
    const c = new TestChain('intl');
    c.add({ nextSet: { keys: [4, 5, 6, 0].map((i) => keyOf(c.suite, i)) } });
    c.add();
    c.add();
    const lc = genesisClient(c);
    // From genesis to height 3: only validator 0 (1/4 of the trusted power) signed both.
    throwsCode(
      () => lc.verifyHeader(c.header(3), c.blocks[2]!.commit, c.blocks[2]!.set),
      'CLIENT_UNTRUSTED_VALIDATORS',
    );
    // Adjacent steps follow the change.
    for (const b of c.blocks) lc.verifyHeader(b.block.header, b.commit, b.set);
    assert.equal(lc.latestHeight(), 3);
  });

  it('starts from a trusted header and its set', () => {
    const c = chainWithChange('intl', 6);
    const b3 = c.blocks[2]!;
    const lc = new LightClient({
      suite: c.suite,
      chainId: c.chainId,
      trust: {
        kind: 'header',
        header: b3.block.header,
        validators: b3.set,
        nextValidators: c.blocks[3]!.set,
      },
    });
    for (const b of c.blocks.slice(3)) lc.verifyHeader(b.block.header, b.commit, b.set);
    assert.equal(lc.latestHeight(), 6);
    throwsCode(
      () =>
        new LightClient({
          suite: c.suite,
          chainId: c.chainId,
          trust: { kind: 'header', header: c.header(4), validators: c.genesisSet },
        }),
      'CLIENT_BAD_VALIDATORS',
    );
  });
});

describe('proofs against verified headers', () => {
  const c = new TestChain('gm');
  const member = keyOf(c.suite, 20);
  const tx = c.tx(member, 'member', 'apply', { name: '张三' });
  c.add({
    txs: [{ tx, events: [event('applied', ['member:m1'])] }],
    writes: { 'member/m1': new Uint8Array([1, 2, 3]) },
  });
  c.add({ txs: [{ tx: c.tx(member, 'member', 'talk', {}) }, { tx: c.tx(member, 'member', 'talk', {}) }] });
  const lc = genesisClient(c);
  for (const b of c.blocks) lc.verifyHeader(b.block.header, b.commit, b.set);

  it('verifies a state value and an absence, and rejects a changed value', () => {
    const key = new TextEncoder().encode('member/m1');
    lc.verifyState(2, 'member/m1', new Uint8Array([1, 2, 3]), c.tree.prove(key, 2));
    lc.verifyState(2, 'member/m2', undefined, c.tree.prove(new TextEncoder().encode('member/m2'), 2));
    throwsCode(
      () => lc.verifyState(2, 'member/m1', new Uint8Array([1, 2, 4]), c.tree.prove(key, 2)),
      'CLIENT_BAD_PROOF',
    );
    throwsCode(() => lc.verifyState(2, 'member/m1', undefined, c.tree.prove(key, 2)), 'CLIENT_BAD_PROOF');
    throwsCode(
      () => lc.verifyState(9, 'member/m1', undefined, c.tree.prove(key, 2)),
      'CLIENT_HEIGHT_UNKNOWN',
    );
  });

  it('verifies a receipt against the receipts root, and rejects another receipt or index', () => {
    const [r0, r1] = c.blocks[1]!.receipts;
    lc.verifyReceipt(2, r1!, c.receiptProof(2, 1), r1!.txHash);
    throwsCode(() => lc.verifyReceipt(2, r0!, c.receiptProof(2, 1)), 'CLIENT_BAD_RECEIPT');
    throwsCode(() => lc.verifyReceipt(2, r1!, c.receiptProof(2, 1), r0!.txHash), 'CLIENT_BAD_RECEIPT');
    throwsCode(() => lc.verifyReceipt(1, r1!, c.receiptProof(2, 1)), 'CLIENT_BAD_RECEIPT');
  });
});
