/**
 * Residents beyond the vectors: the per-account write limits (per block and per day, genesis
 * parameters), admission of resident keys (a bound key is an account; an unbound or rebound-away one
 * is refused before the mempool), the genesis section's checks, and privacy — the clerk's in-person
 * check never reaches the chain, only its commitment, and no new record holds personal data in clear.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, getSuite, type Value } from '@djchain/crypto';
import { encodeTx, signTx } from '@djchain/ledger';
import { findPersonalData } from '../src/common/personalData.ts';
import { openResidentCheck, residentCheckCommitment, sealResidentCheck } from '../src/index.ts';
import { CHAIN, Chain, type Step, stringsIn } from './harness.ts';

const H = (c: string) => c.repeat(32);
const PUBLIC_DOC = H('d3');

function community(resident?: Value): Chain {
  const chain = new Chain(undefined, resident === undefined ? {} : { modules: { resident } });
  const ok = (s: Step) => assert.equal(chain.step(s).receipt.status, 'ok', `${s.do}`);
  ok({
    at: '2025-03-01',
    by: 'c.clerk',
    do: 'resident.bind',
    params: { id: 'res-1', org: 'c1', address: '@r1', commitment: H('11') },
  });
  ok({
    at: '2025-03-01',
    hour: 11,
    by: 'c.pub',
    do: 'attachment.register',
    params: { hash: PUBLIC_DOC, size: 100, mediaType: 'application/pdf', org: 'c1', scope: 'public' },
  });
  return chain;
}

const say = (at: string, hour: number, text: string): Step => ({
  at,
  hour,
  by: 'r1',
  do: 'resident.comment',
  params: { item: PUBLIC_DOC, text },
});
const codeOf = (r: { receipt: { error?: { code: string; details?: Value } } }) =>
  r.receipt.error?.code ?? 'ok';

describe('resident write limits (genesis writesPerBlock, writesPerDay)', () => {
  it('the second write of one account in one block is refused; another account in the block is not', () => {
    const chain = community();
    assert.equal(
      chain.step({
        at: '2025-03-02',
        by: 'c.clerk',
        do: 'resident.bind',
        params: { id: 'res-2', org: 'c1', address: '@r2', commitment: H('12') },
      }).receipt.status,
      'ok',
    );
    const [a, b, c] = chain.together([
      say('2025-03-03', 10, '第一条'),
      say('2025-03-03', 10, '第二条'),
      { ...say('2025-03-03', 10, '另一位居民'), by: 'r2' },
    ]);
    assert.equal(codeOf(a!), 'ok');
    assert.equal(codeOf(b!), 'RESIDENT_RATE_LIMITED');
    assert.deepEqual(b!.receipt.error?.details, { per: 'block', limit: 1 });
    assert.equal(codeOf(c!), 'ok');
  });

  it('writesPerDay 2: the third write of a China day is refused, the next day it is accepted', () => {
    const chain = community({ writesPerDay: 2 });
    assert.equal(codeOf(chain.step(say('2025-03-03', 8, '一'))), 'ok');
    assert.equal(codeOf(chain.step(say('2025-03-03', 9, '二'))), 'ok');
    const third = chain.step(say('2025-03-03', 23, '三'));
    assert.equal(codeOf(third), 'RESIDENT_RATE_LIMITED');
    assert.deepEqual(third.receipt.error?.details, { per: 'day', limit: 2 });
    assert.equal(codeOf(chain.step(say('2025-03-04', 0, '次日'))), 'ok');
    const n = chain.query('resident', 'comments', { item: PUBLIC_DOC }) as unknown[];
    assert.equal(n.length, 3, 'the refused write left no comment');
  });

  it('a genesis section with a bad value is refused with a message naming the field', () => {
    const bad: Value[] = [
      { writesPerDay: 0 },
      { reviewQuorum: { num: 3, den: 2, strict: false } },
      { foo: 1 },
    ];
    for (const b of bad) assert.throws(() => community(b), /resident genesis/);
  });
});

describe('admission of resident keys (the mempool check)', () => {
  function check(chain: Chain, by: string, nonce: number): string {
    const key = chain.key(by);
    const tx = signTx(chain.suite, key.secretKey, {
      chainId: CHAIN,
      module: 'resident',
      action: 'comment',
      params: { item: PUBLIC_DOC, text: '同意' },
      signer: key.publicKey,
      nonce,
      expiry: chain.height + 10,
    });
    const r = chain.executor.checkTx(tx, chain.state, chain.height + 1);
    return r.ok ? 'ok' : r.error.code;
  }

  it('a bound key is admitted; a key never bound, an unbound one and a rebound-away one are not', () => {
    const chain = community();
    assert.equal(check(chain, 'r1', 0), 'ok');
    assert.equal(check(chain, 'stranger', 0), 'RUNTIME_UNKNOWN_SIGNER');
    chain.step({
      at: '2025-03-02',
      by: 'c.clerk',
      do: 'resident.rebind',
      params: { resident: 'res-1', address: '@r1-new', commitment: H('21') },
    });
    assert.equal(check(chain, 'r1', 0), 'RUNTIME_UNKNOWN_SIGNER');
    assert.equal(check(chain, 'r1-new', 0), 'ok');
    chain.step({
      at: '2025-03-03',
      by: 'c.clerk',
      do: 'resident.unbind',
      params: { resident: 'res-1', reason: '迁出本社区' },
    });
    assert.equal(check(chain, 'r1-new', 0), 'RUNTIME_UNKNOWN_SIGNER');
  });
});

describe('resident.binder: who the sealed-data service seals a check for', () => {
  it("the community's 党务工作者 in the community organization; no other post, org or key", () => {
    const chain = community();
    const binder = (who: string, org = 'c1') =>
      chain.query('resident', 'binder', { address: chain.address(who), org });
    assert.deepEqual(binder('c.clerk'), { member: 'c.clerk', posts: ['党务工作者'] });
    assert.equal(binder('c.sec'), null, '书记 binds no resident');
    assert.equal(binder('c.clerk', 'b1'), null, 'not in a branch');
    assert.equal(binder('b1.sec', 'b1'), null);
    assert.equal(binder('r1'), null, "a resident's key");
    assert.equal(binder('nobody'), null);
  });
});

describe('privacy: the in-person check stays off chain', () => {
  const suite = getSuite('intl');
  const SALT = new Uint8Array(16).fill(9);
  // What the clerk saw: a name, an ID number with a valid check character, a residence. Sealed by
  // the service centre; only the commitment may go on chain.
  const NAME = '王秀英';
  const ID = '11010519491231002X';
  const HOME = '东风路12号3单元';
  const SECRETS = [NAME, ID, HOME, '19491231'];
  const chain = new Chain();
  const address = chain.address('r7');
  const check = { resident: 'res-7', address, checkedOn: '2025-03-01', check: `${NAME} ${ID} ${HOME}` };
  const commitment = residentCheckCommitment(suite, SALT, check)!;
  const steps: Step[] = [
    {
      at: '2025-03-01',
      by: 'c.clerk',
      do: 'resident.bind',
      params: { id: 'res-7', org: 'c1', address: '@r7', commitment },
    },
    {
      at: '2025-03-02',
      by: 'c.sec',
      do: 'resident.designate',
      params: { resident: 'res-7', resolution: 'jmdb-1' },
    },
    {
      at: '2025-03-03',
      by: 'c.sec',
      do: 'resident.propose',
      params: {
        id: 'mt1',
        org: 'c1',
        title: '加装电梯',
        document: H('a1'),
        heldOn: '2025-03-03',
        present: ['c.dep', 'c.org', 'c.sec'],
      },
    },
    {
      at: '2025-03-04',
      by: 'c.sec',
      do: 'resident.deliberate',
      params: {
        matter: 'mt1',
        document: H('a2'),
        heldOn: '2025-03-04',
        expected: 9,
        present: 8,
        outcome: 'agreed',
      },
    },
    {
      at: '2025-03-05',
      by: 'c.sec',
      do: 'resident.review',
      params: {
        matter: 'mt1',
        document: H('a3'),
        heldOn: '2025-03-05',
        present: [
          'b1.clerk',
          'b1.dep',
          'b1.dis',
          'b1.m1',
          'b1.m2',
          'b1.m3',
          'b1.m4',
          'b1.m5',
          'b1.org',
          'b1.pub',
          'b1.sec',
          'b2.m1',
          'b2.sec',
          'b3.sec',
        ],
        yes: 14,
        no: 0,
        abstain: 0,
      },
    },
    { at: '2025-03-12', by: 'c.sec', do: 'resident.openVote', params: { matter: 'mt1' } },
    { at: '2025-03-12', hour: 11, by: 'r7', do: 'resident.vote', params: { matter: 'mt1', choice: '赞成' } },
    { at: '2025-03-12', hour: 12, by: 'c.sec', do: 'resident.closeVote', params: { matter: 'mt1' } },
    { at: '2025-03-13', by: 'r7', do: 'resident.comment', params: { matter: 'mt1', text: '同意，尽快实施' } },
    {
      at: '2025-03-14',
      by: 'c.clerk',
      do: 'resident.rebind',
      params: { resident: 'res-7', address: '@r7b', commitment: H('77') },
    },
    {
      at: '2025-03-15',
      by: 'c.clerk',
      do: 'resident.unbind',
      params: { resident: 'res-7', reason: '本人申请' },
    },
  ];
  const results = steps.map((s) => chain.step(s));

  it('the run did what it claims', () => {
    for (const [i, r] of results.entries())
      assert.equal(r.receipt.status, 'ok', `${steps[i]!.do}: ${JSON.stringify(r.receipt.error)}`);
    const m = chain.query('resident', 'matter', { id: 'mt1' }) as { status: string };
    assert.equal(m.status, 'resolved');
  });

  it('no transaction, state value or event holds the check or any personal data in clear', () => {
    for (const tx of chain.txs) {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(encodeTx(tx));
      for (const s of SECRETS) assert.ok(!text.includes(s), `${tx.module}.${tx.action} carries ${s}`);
    }
    let residentValues = 0;
    for (const [key, bytes] of chain.state.entries()) {
      const all = stringsIn(decode(bytes));
      if (key.startsWith('resident/') || key.includes('resident:') || key.includes('matter:'))
        residentValues++;
      for (const s of all) {
        for (const secret of SECRETS) assert.ok(!s.includes(secret), `${key} carries ${secret}`);
        assert.equal(findPersonalData(s), null, `${key}: ${s}`);
      }
    }
    assert.ok(residentValues >= 10, `only ${residentValues} resident values scanned`);
    for (const r of results)
      for (const e of r.events)
        for (const s of stringsIn(e.data)) assert.equal(findPersonalData(s), null, `${e.type}: ${s}`);
  });

  it('the sealed check and salt reproduce the commitment on chain; another check or salt does not', () => {
    const first = chain.events('resident:res-7').find((e) => e.type === 'resident.Bound');
    assert.ok(first);
    assert.equal((first.data as { commitment: string }).commitment, commitment);
    assert.notEqual(
      residentCheckCommitment(suite, SALT, { ...check, check: `${NAME} 110105194912310038 ${HOME}` }),
      commitment,
    );
    assert.notEqual(residentCheckCommitment(suite, new Uint8Array(16).fill(8), check), commitment);
    assert.equal(residentCheckCommitment(suite, new Uint8Array(15), check), null, 'a short salt is refused');
  });

  it('the sealed form opens to the salt and check under its key and resident only', () => {
    const key = new Uint8Array(suite.aeadKeyLength).fill(3);
    const nonce = new Uint8Array(12).fill(4);
    const sealed = sealResidentCheck(suite, key, nonce, { salt: SALT, check, org: 'c1', clerk: 'c.clerk' })!;
    assert.equal(sealed.commitment, commitment);
    const bytes = new TextDecoder().decode(sealed.sealed);
    for (const s of SECRETS) assert.equal(bytes.includes(s), false, `${s} in clear`);
    const opened = openResidentCheck(suite, key, nonce, 'res-7', sealed.sealed);
    assert.deepEqual(opened, { salt: SALT, check, org: 'c1', clerk: 'c.clerk' });
    assert.equal(openResidentCheck(suite, key, nonce, 'res-8', sealed.sealed), null, 'another resident');
    assert.equal(
      openResidentCheck(suite, new Uint8Array(suite.aeadKeyLength), nonce, 'res-7', sealed.sealed),
      null,
    );
  });
});
