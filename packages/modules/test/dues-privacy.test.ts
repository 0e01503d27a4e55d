/**
 * The income base is personal data (issue 14): the chain holds the group, the amount and a salted
 * commitment; the base itself is in no transaction, state value or event — and the commitment with
 * the sealed base reproduces both the commitment and the amount (what `djchain dues audit` checks).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, getSuite, type Value } from '@djchain/crypto';
import { encodeTx } from '@djchain/ledger';
import { DUES_RULE_2008, duesBaseCommitment, monthlyDues } from '../src/index.ts';
import { Chain } from './harness.ts';

/** 4567.89 元 a month: an amount no id, date or other number of the run is equal to. */
const BASE = 456_789;
const SALT = new Uint8Array(16).fill(7);
const FORMS = ['456789', '4567.89', '4,567.89'];

function numbersAndStrings(v: unknown, out: unknown[] = []): unknown[] {
  if (typeof v === 'number' || typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) numbersAndStrings(x, out);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
    for (const [k, x] of Object.entries(v)) numbersAndStrings(x, out.concat(k) && out);
  return out;
}

function carriesBase(v: unknown): boolean {
  return numbersAndStrings(v).some(
    (x) => x === BASE || (typeof x === 'string' && FORMS.some((f) => x.includes(f))),
  );
}

describe('dues: the base stays sealed', () => {
  const suite = getSuite('intl');
  const chain = new Chain();
  const commitment = duesBaseCommitment(suite, SALT, {
    member: 'b1.m1',
    group: '在职',
    from: '2024-02',
    base: BASE,
  })!;
  const amount = monthlyDues(DUES_RULE_2008, '在职', BASE);
  assert.ok(amount.ok);
  const steps = [
    chain.step({
      at: '2024-02-01',
      by: 'b1.sec',
      do: 'dues.assess',
      params: { member: 'b1.m1', group: '在职', from: '2024-02', fen: amount.fen, commitment },
    }),
    chain.step({
      at: '2024-02-02',
      by: 'b1.clerk',
      do: 'dues.recordPayment',
      params: {
        id: 'p1',
        member: 'b1.m1',
        months: ['2024-02'],
        fen: amount.fen,
        method: '转账',
        reference: 'A-0001',
      },
    }),
  ];
  // Three unpaid months (March to May): a warning. A block closes at most three months, so the
  // months since February take two blocks.
  chain.tick('2024-06-01');
  chain.tick('2024-06-02');

  it('the run did what it claims (assessed at 45.68 元, paid, then warned)', () => {
    for (const s of steps) assert.equal(s.receipt.status, 'ok', JSON.stringify(s.receipt.error));
    assert.equal(amount.ok && amount.fen, 4568);
    const types = chain.events('member:b1.m1').map((e) => e.type);
    assert.deepEqual(
      types.filter((t) => t.startsWith('dues.')),
      ['dues.Assessed', 'dues.PaymentRecorded', 'dues.ArrearsWarning'],
    );
  });

  it('no transaction, state value or event carries the base', () => {
    assert.ok(chain.txs.length >= 2);
    for (const tx of chain.txs) {
      assert.ok(!carriesBase(tx.params), `${tx.module}.${tx.action} carries the base`);
      const text = new TextDecoder('utf-8', { fatal: false }).decode(encodeTx(tx));
      for (const f of FORMS) assert.ok(!text.includes(f), `${tx.module}.${tx.action} bytes carry ${f}`);
    }
    let values = 0;
    for (const [key, bytes] of chain.state.entries()) {
      values++;
      assert.ok(!carriesBase(decode(bytes)), `${key} carries the base`);
    }
    assert.ok(values > 50);
    for (const e of chain.events('member:b1.m1'))
      assert.ok(!carriesBase(e.data as Value), `${e.type} carries the base`);
  });

  it('the sealed base and salt reproduce the commitment and the amount on chain (the audit)', () => {
    const on = chain.query('dues', 'account', { member: 'b1.m1', year: 2024 }) as {
      assessments: { commitment: string; fen: number; group: '在职'; from: string }[];
    };
    const a = on.assessments[0]!;
    assert.equal(
      a.commitment,
      duesBaseCommitment(suite, SALT, { member: 'b1.m1', group: a.group, from: a.from, base: BASE }),
    );
    const again = monthlyDues(DUES_RULE_2008, a.group, BASE);
    assert.equal(again.ok && again.fen, a.fen);
    // A different base (one fen more) or salt does not open it.
    assert.notEqual(
      a.commitment,
      duesBaseCommitment(suite, SALT, { member: 'b1.m1', group: a.group, from: a.from, base: BASE + 1 }),
    );
    assert.notEqual(
      a.commitment,
      duesBaseCommitment(suite, new Uint8Array(16).fill(8), {
        member: 'b1.m1',
        group: a.group,
        from: a.from,
        base: BASE,
      }),
    );
  });
});
