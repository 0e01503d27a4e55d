/**
 * The declaration module beyond the vectors: the kinds are a genesis parameter (and a bad section
 * is refused); the content of a personal declaration is in no transaction, state value or event —
 * only its commitment, which the sealed content and salt reproduce; the read log lists every read
 * of a member's sealed data (profile and declarations) in order, with reader, purpose and record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, getSuite, type Value } from '@djchain/crypto';
import { encodeTx } from '@djchain/ledger';
import { declarationCommitment } from '../src/index.ts';
import { Chain, stringsIn } from './harness.ts';

const suite = getSuite('intl');
const SALT = new Uint8Array(16).fill(9);
/** The sealed content: text no id, date or parameter of the run contains. */
const CONTENT = {
  member: 'b1.m4',
  kind: '经商办企业',
  matterOn: '2024-02-10',
  text: '配偶在青松街开办一家名为“明月书坊”的个体书店',
};
const FRAGMENTS = ['明月书坊', '青松街', '个体书店'];

const carries = (v: unknown) => stringsIn(v).some((s) => FRAGMENTS.some((f) => s.includes(f)));

describe('declaration: the kinds are a genesis parameter', () => {
  it('a community that lists its own kinds accepts those and refuses the defaults it dropped', () => {
    const chain = new Chain(suite, {
      modules: { declaration: { personalKinds: ['婚姻变化', '出国（境）'] } },
    });
    assert.deepEqual((chain.query('declaration', 'params', {}) as { personalKinds: Value }).personalKinds, [
      '婚姻变化',
      '出国（境）',
    ]);
    const base = { member: 'b1.m4', matterOn: '2024-02-20', commitment: 'ab'.repeat(32) };
    const ok = chain.step({
      at: '2024-03-01',
      by: 'b1.m4',
      do: 'declaration.declare',
      params: { id: 'd1', kind: '出国（境）', ...base },
    });
    assert.equal(ok.receipt.status, 'ok');
    const no = chain.step({
      at: '2024-03-02',
      by: 'b1.m4',
      do: 'declaration.declare',
      params: { id: 'd2', kind: '经商办企业', ...base },
    });
    assert.equal(no.receipt.error?.code, 'DECLARATION_UNKNOWN_KIND');
  });

  it('a genesis with no kinds, or a deadline of 0 days, is refused', () => {
    for (const bad of [
      { personalKinds: [] },
      { answerDays: 0 },
      { receiveDays: 40, closeDays: 30 },
    ] as Value[])
      assert.throws(() => new Chain(suite, { modules: { declaration: bad } }), /declaration genesis/);
  });

  it('without a section the defaults hold and nothing is written', () => {
    const chain = new Chain();
    assert.deepEqual(chain.state.keys('declaration/', 10), []);
    assert.equal((chain.query('declaration', 'params', {}) as { answerDays: number }).answerDays, 15);
  });
});

describe('declaration: the content stays sealed', () => {
  const chain = new Chain();
  const commitment = declarationCommitment(suite, SALT, CONTENT)!;
  const steps = [
    chain.step({
      at: '2024-03-01',
      by: 'b1.m4',
      do: 'declaration.declare',
      params: { id: 'd1', member: 'b1.m4', kind: CONTENT.kind, matterOn: CONTENT.matterOn, commitment },
    }),
    chain.step({
      at: '2024-03-02',
      by: 'b1.dis',
      do: 'declaration.receiveDeclaration',
      params: { id: 'd1' },
    }),
    chain.step({
      at: '2024-03-03',
      by: 'b1.dis',
      do: 'declaration.recordRead',
      params: { id: 'd1', purpose: '核实申报' },
    }),
    chain.step({ at: '2024-03-04', by: 'b1.dis', do: 'declaration.verifyDeclaration', params: { id: 'd1' } }),
    chain.step({ at: '2024-03-05', by: 'b1.sec', do: 'declaration.closeDeclaration', params: { id: 'd1' } }),
    chain.step({
      at: '2024-03-06',
      by: 'b1.sec',
      do: 'declaration.fileRequest',
      params: {
        id: 'q1',
        org: 'b1',
        kind: '报告',
        title: '关于党员外出情况的报告',
        document: 'cd'.repeat(32),
      },
    }),
    chain.step({
      at: '2024-03-07',
      by: 'c.sec',
      do: 'declaration.answerRequest',
      params: { id: 'q1', outcome: 'approved' },
    }),
  ];
  chain.tick('2024-04-30');

  it('the run did what it claims', () => {
    for (const s of steps) assert.equal(s.receipt.status, 'ok', JSON.stringify(s.receipt.error));
    const d = chain.query('declaration', 'declaration', { id: 'd1' }) as { step: string; commitment: string };
    assert.equal(d.step, 'closed');
    assert.equal(d.commitment, commitment);
  });

  it('no transaction, state value or event carries the content; every new record is checked', () => {
    // The scan reaches every string, keys and nested arrays included (else "carries nothing" proves nothing).
    assert.deepEqual(stringsIn({ a: ['x', { k: 'y' }], n: 1 }), ['a', 'x', 'k', 'y', 'n']);
    assert.ok(carries([{ note: '住在青松街 3 号' }]));
    for (const tx of chain.txs) {
      assert.ok(!carries(tx.params), `${tx.module}.${tx.action} carries the content`);
      const text = new TextDecoder('utf-8', { fatal: false }).decode(encodeTx(tx));
      for (const f of FRAGMENTS) assert.ok(!text.includes(f), `${tx.module}.${tx.action} bytes carry ${f}`);
    }
    const keys = chain.state.keys('declaration/', 10_000);
    // request, its two indexes, the declaration, its two indexes, two read-log entries, the day mark
    assert.ok(keys.length >= 8, keys.join(' '));
    for (const [key, bytes] of chain.state.entries())
      assert.ok(!carries(decode(bytes)), `${key} carries the content`);
    const events = [...chain.events('member:b1.m4'), ...chain.events('org:b1'), ...chain.events('org:c1')];
    assert.ok(events.some((e) => e.type === 'declaration.Read'));
    for (const e of events) assert.ok(!carries(e.data as Value), `${e.type} carries the content`);
  });

  it('the sealed content and salt reproduce the commitment; another salt or text does not', () => {
    assert.equal(declarationCommitment(suite, SALT, CONTENT), commitment);
    assert.notEqual(declarationCommitment(suite, new Uint8Array(16).fill(8), CONTENT), commitment);
    assert.notEqual(
      declarationCommitment(suite, SALT, { ...CONTENT, text: `${CONTENT.text}。` }),
      commitment,
    );
    assert.equal(declarationCommitment(suite, new Uint8Array(15), CONTENT), null);
  });
});

describe('declaration: the read log', () => {
  const chain = new Chain();
  const at = (d: string, by: string, action: string, params: Value) =>
    assert.equal(chain.step({ at: d, by, do: action, params }).receipt.status, 'ok', `${action} ${d}`);
  at('2024-03-01', 'b1.m4', 'declaration.declare', {
    id: 'd1',
    member: 'b1.m4',
    kind: '婚姻变化',
    matterOn: '2024-02-20',
    commitment: 'ab'.repeat(32),
  });
  at('2024-03-02', 'b1.clerk', 'member.recordProfileRead', {
    member: 'b1.m4',
    purpose: '党费核算',
    fields: ['name', 'phone'],
  });
  at('2024-03-03', 'c.dis', 'declaration.recordRead', { id: 'd1', purpose: '抽查核实' });
  at('2024-03-04', 'b1.sec', 'member.recordProfileRead', { member: 'b1.m3', purpose: '联系本人' });

  it("a member's reads: profile and declaration, in order, with reader, purpose and record", () => {
    const reads = chain.query('declaration', 'readsOf', { member: 'b1.m4' }) as {
      what: string;
      reader: string;
      ref: string;
      purpose: string;
      on: string;
      org: string;
      txHash: string;
    }[];
    assert.deepEqual(
      reads.map((r) => [r.what, r.reader, r.ref, r.purpose, r.on, r.org]),
      [
        ['profile', 'b1.clerk', 'name,phone', '党费核算', '2024-03-02', 'b1'],
        ['declaration', 'c.dis', 'd1', '抽查核实', '2024-03-03', 'b1'],
      ],
    );
    for (const r of reads) assert.match(r.txHash, /^[0-9a-f]{64}$/);
  });

  it("the organization's log (the 纪检委员's view) lists every member's reads", () => {
    const log = chain.query('declaration', 'readLog', { org: 'b1' }) as { subject: string; reader: string }[];
    assert.deepEqual(
      log.map((r) => [r.subject, r.reader]),
      [
        ['b1.m4', 'b1.clerk'],
        ['b1.m4', 'c.dis'],
        ['b1.m3', 'b1.sec'],
      ],
    );
    assert.deepEqual(chain.query('declaration', 'readLog', { org: 'b2' }), []);
  });

  it('a profile read with a blank purpose is refused and leaves no entry', () => {
    const r = chain.step({
      at: '2024-03-05',
      by: 'b1.clerk',
      do: 'member.recordProfileRead',
      params: { member: 'b1.m4', purpose: '  ' },
    });
    assert.equal(r.receipt.error?.code, 'MEMBER_BAD_PARAMS');
    assert.equal((chain.query('declaration', 'readsOf', { member: 'b1.m4' }) as Value[]).length, 2);
  });
});
