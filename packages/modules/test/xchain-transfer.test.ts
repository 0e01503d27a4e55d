/**
 * 组织关系转接 between chains (issue 19): street-a releases a membership, street-b — holding
 * street-a's anchors (its light client, registered through the anchor module) — admits it with the
 * release and the member's history head proved against an anchored state root. Street-a's state is
 * its real state, put in a real sparse Merkle tree; its headers are signed by real keys
 * (child-chain.ts). Each refusal's code below is written from the rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, encode, getSuite, toHex, type Value } from '@djchain/crypto';
import { encodeProof, MemoryNodeStore, StateTree } from '@djchain/state';
import { ChildChain } from './child-chain.ts';
import { Chain, type Step } from './harness.ts';

const suite = getSuite('intl');
const utf8 = new TextEncoder();

/** Street-a's whole state in a fresh Merkle tree (version 1): its root and proofs. */
function snapshot(chain: Chain) {
  const tree = new StateTree({ hasher: (d) => suite.hash(d) }, { store: new MemoryNodeStore() });
  const root = tree.update(
    1,
    chain.state.entries().map(([k, v]) => [utf8.encode(k), v] as const),
  );
  return {
    root,
    value: (key: string) => chain.state.get(key)!,
    proof: (key: string) => encodeProof(tree.prove(utf8.encode(key), 1)),
  };
}

const ok = (chain: Chain, s: Step) => {
  const r = chain.step(s).receipt;
  assert.equal(r.status, 'ok', `${s.do}: ${JSON.stringify(r.error)}`);
};

describe('cross-chain transfer (组织关系转接 between chains)', () => {
  const a = new Chain(suite, { chainId: 'street-a' });
  const b = new Chain(suite, { chainId: 'street-b' });
  const aHeaders = new ChildChain(suite, 'street-a');
  ok(b, {
    at: '2024-03-01',
    by: 'c.sec',
    do: 'anchor.register',
    params: aHeaders.registerParams(60 * 24 * 30),
  });

  // Street-a: b1.m4 released to street-b's b1; b1.m3 only asks for a transfer inside street-a;
  // b1.m2 released to a third chain.
  ok(a, {
    at: '2024-03-02',
    by: 'b1.sec',
    do: 'transfer.releaseOut',
    params: { id: 'x1', member: 'b1.m4', toChain: 'street-b', to: 'b1', reason: '工作调动' },
  });
  ok(a, {
    at: '2024-03-03',
    by: 'b1.m3',
    do: 'transfer.requestTransfer',
    params: { id: 'p1', member: 'b1.m3', to: 'b2', reason: '工作调动' },
  });
  ok(a, {
    at: '2024-03-04',
    by: 'b1.sec',
    do: 'transfer.releaseOut',
    params: { id: 'x3', member: 'b1.m2', toChain: 'street-c', to: 'b1', reason: '工作调动' },
  });
  // A probationary member (the fixture's b1.p1: admitted 2023-12-01, probation to 2024-12-01).
  ok(a, {
    at: '2024-03-04',
    hour: 11,
    by: 'b1.sec',
    do: 'transfer.releaseOut',
    params: { id: 'x4', member: 'b1.p1', toChain: 'street-b', to: 'b1', reason: '工作调动' },
  });
  const s1 = snapshot(a);
  aHeaders.add({ stateRoot: s1.root });
  ok(b, { at: '2024-03-05', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(1) });

  /** member.admitTransfer parameters for release `transfer` of `member`, proved in `snap` at `height`. */
  const admission = (
    snap: ReturnType<typeof snapshot>,
    height: number,
    transfer: string,
    member: string,
    id: string,
    over: { [k: string]: Value } = {},
  ): Value => ({
    id,
    address: `@${id}`,
    org: 'b1',
    fromChain: 'street-a',
    transfer,
    height,
    transferValue: snap.value(`transfer/t/${transfer}`),
    transferProof: snap.proof(`transfer/t/${transfer}`),
    historyValue: snap.value(`hist/member:${member}`),
    historyProof: snap.proof(`hist/member:${member}`),
    ...over,
  });
  let day = 6;
  const admit = (params: Value, by = 'b1.sec') =>
    b.step({ at: `2024-03-${String(day++).padStart(2, '0')}`, by, do: 'member.admitTransfer', params })
      .receipt.error?.code ?? 'ok';

  it('the sender freezes the released membership: no transfer, no second release', () => {
    const at = (d: string, s: Omit<Step, 'at'>) => a.attempt({ at: d, ...s }).receipt.error?.code ?? 'ok';
    assert.equal(
      at('2024-03-05', {
        by: 'b1.m4',
        do: 'transfer.requestTransfer',
        params: { id: 'p9', member: 'b1.m4', to: 'b2', reason: '工作调动' },
      }),
      'TRANSFER_FROZEN',
    );
    assert.equal(
      at('2024-03-05', {
        by: 'b1.sec',
        do: 'transfer.releaseOut',
        params: { id: 'x9', member: 'b1.m4', toChain: 'street-d', to: 'b1', reason: '工作调动' },
      }),
      'TRANSFER_FROZEN',
    );
    assert.equal(
      at('2024-03-05', {
        by: 'b1.sec',
        do: 'transfer.releaseOut',
        params: { id: 'x8', member: 'b1.m5', toChain: 'street-a', to: 'b1', reason: '工作调动' },
      }),
      'TRANSFER_SAME_CHAIN',
    );
    const r = a.query('transfer', 'responsible', { member: 'b1.m4' }) as { frozen: string | null };
    assert.equal(r.frozen, 'x1');
  });

  it('a dossier that does not match the anchored header is refused', () => {
    const record = decode(s1.value('transfer/t/x1')) as { [k: string]: Value };
    const forged = encode({ ...record, to: 'b2' });
    assert.equal(
      admit(admission(s1, 1, 'x1', 'b1.m4', 'n1', { transferValue: forged })),
      'MEMBER_TRANSFER_DOSSIER_MISMATCH',
    );
    // Another member's history head under b1.m4's proof.
    assert.equal(
      admit(admission(s1, 1, 'x1', 'b1.m4', 'n1', { historyValue: s1.value('hist/member:b1.m3') })),
      'MEMBER_TRANSFER_DOSSIER_MISMATCH',
    );
    // A height of street-a this chain has not anchored, and a chain it does not know.
    assert.equal(admit(admission(s1, 2, 'x1', 'b1.m4', 'n1')), 'MEMBER_TRANSFER_NOT_ANCHORED');
    assert.equal(
      admit(admission(s1, 1, 'x1', 'b1.m4', 'n1', { fromChain: 'street-z' })),
      'MEMBER_TRANSFER_NOT_ANCHORED',
    );
  });

  it('a transfer the sender has not released (to this chain and branch) is refused', () => {
    // b1.m3's request inside street-a: pending there, never released.
    assert.equal(admit(admission(s1, 1, 'p1', 'b1.m3', 'n1')), 'MEMBER_TRANSFER_NOT_RELEASED');
    // b1.m2's release is to street-c.
    assert.equal(admit(admission(s1, 1, 'x3', 'b1.m2', 'n1')), 'MEMBER_TRANSFER_NOT_RELEASED');
    // x1 is released to b1: not to b2 (whose 书记 admits there).
    assert.equal(
      admit(admission(s1, 1, 'x1', 'b1.m4', 'n1', { org: 'b2' }), 'b2.sec'),
      'MEMBER_TRANSFER_NOT_RELEASED',
    );
  });

  it('admits the released member; the new history starts from a link to the old head', () => {
    const oldHead = decode(s1.value('hist/member:b1.m4')) as { head: Uint8Array; count: number };
    // Only the receiving branch's posts admit.
    assert.equal(admit(admission(s1, 1, 'x1', 'b1.m4', 'n1'), 'b2.sec'), 'MEMBER_NOT_PERMITTED');
    const r = b.step({
      at: `2024-03-${String(day++).padStart(2, '0')}`,
      by: 'b1.sec',
      do: 'member.admitTransfer',
      params: admission(s1, 1, 'x1', 'b1.m4', 'n1'),
    });
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    const e = r.events.find((x) => x.type === 'member.TransferredIn')!;
    const data = e.data as { [k: string]: Value };
    assert.deepEqual(e.entities, ['member:n1', 'org:b1']);
    assert.equal(data.fromHead, toHex(oldHead.head));
    assert.equal(data.fromCount, oldHead.count);
    assert.equal(data.fromMember, 'b1.m4');
    assert.equal(data.fromHeight, 1);
    // The fixture's b1.m4 is a full member since 2010-07-01: so they are here.
    const m = b.member('n1');
    assert.equal(m.status, '正式党员');
    assert.equal(m.partyAgeFrom, '2010-07-01');
    // A probationary member stays one, with the probation the sender recorded.
    assert.equal(admit(admission(s1, 1, 'x4', 'b1.p1', 'n4')), 'ok');
    const p = b.member('n4');
    assert.equal(p.status, '预备党员');
    assert.equal(p.probationEnd, '2024-12-01');
    assert.equal(p.partyAgeFrom, null);
  });

  it('a replay of the same release is refused', () => {
    assert.equal(admit(admission(s1, 1, 'x1', 'b1.m4', 'n2')), 'MEMBER_TRANSFER_REPLAYED');
  });

  it('a second admission of the same member (by another release) is refused', () => {
    // Street-a withdraws x1 (it cannot see street-b's admission) and releases b1.m4 again as x2.
    ok(a, { at: '2024-03-20', by: 'b1.sec', do: 'transfer.withdrawTransfer', params: { id: 'x1' } });
    ok(a, {
      at: '2024-03-21',
      by: 'b1.sec',
      do: 'transfer.releaseOut',
      params: { id: 'x2', member: 'b1.m4', toChain: 'street-b', to: 'b1', reason: '工作调动' },
    });
    const s2 = snapshot(a);
    aHeaders.add({ stateRoot: s2.root });
    ok(b, { at: '2024-03-22', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(2) });
    day = 23;
    assert.equal(admit(admission(s2, 2, 'x2', 'b1.m4', 'n3')), 'MEMBER_TRANSFER_SECOND_ADMISSION');
  });
});
