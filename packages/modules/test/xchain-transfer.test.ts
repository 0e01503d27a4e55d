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
import { headerHash } from '@djchain/ledger';
import { encodeProof, MemoryNodeStore, StateTree } from '@djchain/state';
import { ChildChain } from './child-chain.ts';
import { Chain, type Step } from './harness.ts';

const suite = getSuite('intl');
const utf8 = new TextEncoder();

/** Street-a's whole state in a fresh Merkle tree (version 1): its root and proofs. */
function snapshot(chain: Chain, extra: ReadonlyArray<readonly [string, Uint8Array]> = []) {
  const tree = new StateTree({ hasher: (d) => suite.hash(d) }, { store: new MemoryNodeStore() });
  const entries = [...chain.state.entries(), ...extra];
  const root = tree.update(
    1,
    entries.map(([k, v]) => [utf8.encode(k), v] as const),
  );
  const values = new Map(entries);
  return {
    root,
    value: (key: string) => values.get(key)!,
    proof: (key: string) => encodeProof(tree.prove(utf8.encode(key), 1)),
  };
}

/**
 * member.admitTransfer parameters for release `transfer` of street-a's `member`, proved in `snap`
 * at `height`, admitted as `id` to b1.
 */
const admissionOf = (
  snap: ReturnType<typeof snapshot>,
  height: number,
  transfer: string,
  member: string,
  id: string,
  over: { [k: string]: Value } = {},
): { [k: string]: Value } => ({
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

/** b1's secretary releases `member` (release `id`) to the b1 of chain `toChain`, for a job move. */
const releaseOut = (
  at: string,
  id: string,
  member: string,
  toChain: string,
  more: { hour?: number; validDays?: number } = {},
): Step => ({
  at,
  ...(more.hour === undefined ? {} : { hour: more.hour }),
  by: 'b1.sec',
  do: 'transfer.releaseOut',
  params: {
    id,
    member,
    toChain,
    to: 'b1',
    reason: '工作调动',
    ...(more.validDays ? { validDays: more.validDays } : {}),
  },
});

/**
 * `chain` registers `headers`' chain: two of its committee sign the same registration (one alone
 * only proposes). The test's headers are dated in 2023: a trusting period of a year covers them.
 */
const register = (chain: Chain, headers: ChildChain, at = '2024-03-01') => {
  const params = { ...(headers.registerParams(60 * 24 * 30) as { [k: string]: Value }), trustDays: 365 };
  for (const [hour, by] of [
    [10, 'c.sec'],
    [11, 'c.org'],
  ] as const)
    chain.ok({ at, hour, by, do: 'anchor.register', params });
};

describe('cross-chain transfer (组织关系转接 between chains)', () => {
  const a = new Chain(suite, { chainId: 'street-a' });
  const b = new Chain(suite, { chainId: 'street-b' });
  const aHeaders = new ChildChain(suite, 'street-a');
  register(b, aHeaders);

  // Street-a: b1.m4 released to street-b's b1; b1.m3 only asks for a transfer inside street-a;
  // b1.m2 released to a third chain.
  a.ok(releaseOut('2024-03-02', 'x1', 'b1.m4', 'street-b'));
  a.ok({
    at: '2024-03-03',
    by: 'b1.m3',
    do: 'transfer.requestTransfer',
    params: { id: 'p1', member: 'b1.m3', to: 'b2', reason: '工作调动' },
  });
  a.ok(releaseOut('2024-03-04', 'x3', 'b1.m2', 'street-c'));
  // A probationary member (the fixture's b1.p1: admitted 2023-12-01, probation to 2024-12-01).
  a.ok(releaseOut('2024-03-04', 'x4', 'b1.p1', 'street-b', { hour: 11 }));
  const s1 = snapshot(a);
  aHeaders.add({ stateRoot: s1.root });
  b.ok({ at: '2024-03-05', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(1) });

  const admission = admissionOf;
  let day = 6;
  const admit = (params: Value, by = 'b1.sec') =>
    b.step({ at: `2024-03-${String(day++).padStart(2, '0')}`, by, do: 'member.admitTransfer', params })
      .receipt.error?.code ?? 'ok';

  it('the sender freezes the released membership: no transfer, no second release', () => {
    const code = (s: Step) => a.attempt(s).receipt.error?.code ?? 'ok';
    assert.equal(
      code({
        at: '2024-03-05',
        by: 'b1.m4',
        do: 'transfer.requestTransfer',
        params: { id: 'p9', member: 'b1.m4', to: 'b2', reason: '工作调动' },
      }),
      'TRANSFER_FROZEN',
    );
    assert.equal(code(releaseOut('2024-03-05', 'x9', 'b1.m4', 'street-d')), 'TRANSFER_FROZEN');
    assert.equal(code(releaseOut('2024-03-05', 'x8', 'b1.m5', 'street-a')), 'TRANSFER_SAME_CHAIN');
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

  it('a release is never withdrawn: the receiver may already have admitted (one member, one chain)', () => {
    // The attack of the review: street-b admitted x1 above; street-a withdrawing it would unfreeze
    // b1.m4 there and let it be released again — the member on two chains.
    assert.equal(
      a.attempt({ at: '2024-03-20', by: 'b1.sec', do: 'transfer.withdrawTransfer', params: { id: 'x1' } })
        .receipt.error?.code,
      'TRANSFER_RELEASE_FINAL',
    );
    assert.equal(
      a.attempt(releaseOut('2024-03-21', 'x2', 'b1.m4', 'street-b')).receipt.error?.code,
      'TRANSFER_FROZEN',
    );
  });

  it('a second release of an admitted member, signed by a dishonest sender, is still refused', () => {
    // Street-a's validators sign a state holding a second release x2 of b1.m4 (an honest street-a
    // cannot make one: the membership is frozen).
    const x1 = decode(s1.value('transfer/t/x1')) as { [k: string]: Value };
    const forged = encode({ ...x1, id: 'x2' });
    const s2 = snapshot(a, [['transfer/t/x2', forged]]);
    aHeaders.add({ stateRoot: s2.root });
    b.ok({ at: '2024-03-22', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(2) });
    day = 23;
    assert.equal(admit(admission(s2, 2, 'x2', 'b1.m4', 'n3')), 'MEMBER_TRANSFER_SECOND_ADMISSION');
  });
});

describe('a release expires, is reclaimed only with proof, and carries the sanctions', () => {
  const a = new Chain(suite, { chainId: 'street-a' });
  const b = new Chain(suite, { chainId: 'street-b' });
  const aHeaders = new ChildChain(suite, 'street-a');
  const bHeaders = new ChildChain(suite, 'street-b');
  // Each chain holds the other's light client.
  register(b, aHeaders);
  register(a, bHeaders);
  // b1.m5: 留党察看 for 12 months, decided on 03-02 and approved by the 党委 on 03-03.
  a.ok({
    at: '2024-03-02',
    by: 'b1.sec',
    do: 'discipline.decideSanction',
    params: { id: 's1', member: 'b1.m5', kind: '留党察看', months: 12, resolution: 'res-s1' },
  });
  a.ok({
    at: '2024-03-03',
    by: 'c.dis',
    do: 'discipline.approveSanction',
    params: { id: 's1', approved: true },
  });
  // b1.m1: a 警告 decided but not yet approved (an open case).
  a.ok({
    at: '2024-03-03',
    hour: 11,
    by: 'b1.sec',
    do: 'discipline.decideSanction',
    params: { id: 's2', member: 'b1.m1', kind: '警告', resolution: 'res-s2' },
  });
  // Releases on 2024-03-04: x5 (b1.m5) valid 90 days by default — its last day is 2024-06-01;
  // x6 (b1.m2) valid 10 days — its last day is 2024-03-13; x7 (b1.m3) valid 10 days.
  for (const [hour, id, member, validDays] of [
    [10, 'x5', 'b1.m5', undefined],
    [11, 'x6', 'b1.m2', 10],
    [12, 'x7', 'b1.m3', 10],
  ] as const)
    a.ok(releaseOut('2024-03-04', id, member, 'street-b', { hour, validDays }));
  const s1 = snapshot(a);
  aHeaders.add({ stateRoot: s1.root });
  b.ok({ at: '2024-03-05', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(1) });

  const admission = (transfer: string, member: string, id: string) =>
    admissionOf(s1, 1, transfer, member, id);
  const admit = (at: string, params: Value) =>
    b.step({ at, by: 'b1.sec', do: 'member.admitTransfer', params }).receipt.error?.code ?? 'ok';
  /** Street-b's state anchored on street-a as the next header, dated `day` (noon, China time). */
  const anchorB = (day: string, at: string) => {
    const snap = snapshot(b);
    const block = bHeaders.add({ stateRoot: snap.root, time: Date.parse(`${day}T12:00:00+08:00`) });
    a.ok({ at, by: 'c.clerk', do: 'anchor.submit', params: bHeaders.anchorParams(block.header.height) });
    return { snap, height: block.header.height };
  };
  const admittedKey = (id: string) => 'member/xin/street-a/' + id;
  const reclaim = (at: string, id: string, height: number, proof: Uint8Array) =>
    a.attempt({ at, by: 'b1.sec', do: 'transfer.reclaimRelease', params: { id, height, proof } }).receipt
      .error?.code ?? 'ok';

  it('an open discipline case keeps the membership here until it is decided', () => {
    assert.equal(
      a.attempt(releaseOut('2024-03-05', 'x9', 'b1.m1', 'street-b')).receipt.error?.code,
      'TRANSFER_CASE_OPEN',
    );
  });

  it('the receiver admits up to the last valid day, not after', () => {
    // x6's last day is 2024-03-13 (released 03-04, valid 10 days): admitted on that day.
    assert.equal(admit('2024-03-13', admission('x6', 'b1.m2', 'n6')), 'ok');
    // x7's last day is the same; on 03-14 it is expired.
    assert.equal(admit('2024-03-14', admission('x7', 'b1.m3', 'n7')), 'MEMBER_TRANSFER_RELEASE_EXPIRED');
  });

  it('the sanctions travel: 留党察看 stays in force on the receiving chain', () => {
    assert.equal(admit('2024-03-15', admission('x5', 'b1.m5', 'n5')), 'ok');
    // Under observation: no vote, no election (处分条例第十二条), from the admission on.
    const m = b.member('n5');
    assert.equal(m.rights.vote, false);
    assert.equal(m.rights.beElected, false);
    const effects = b.query('discipline', 'effects', { member: 'n5' }) as { underObservation: boolean };
    assert.equal(effects.underObservation, true);
    // At the next block's start the discipline module holds it as its own record, to be concluded
    // by street-b's branch when the year ends (2025-03-03: a year from the approval).
    b.tick('2024-03-16');
    const held = b.query('discipline', 'sanctions', { member: 'n5' }) as Array<{ [k: string]: Value }>;
    assert.equal(held.length, 1);
    assert.equal(held[0]!.id, 'n5:s1');
    assert.equal(held[0]!.kind, '留党察看');
    assert.equal(held[0]!.org, 'b1');
    assert.equal(held[0]!.observationEnds, '2025-03-03');
    assert.deepEqual(held[0]!.carriedFrom, { chain: 'street-a', transfer: 'x5', id: 's1', org: 'b1' });
    // The observation's end raises street-b's warning, as for a sanction decided there.
    const events = b.tick('2025-03-04');
    assert.ok(events.some((e) => e.type === 'discipline.ObservationEnded'));
  });

  it('a release is reclaimed only after it expires, with a proof the receiver did not admit', () => {
    // Street-b's state on 2024-03-16: x6 admitted (n6), x7 never.
    const early = anchorB('2024-03-13', '2024-03-17');
    // A header dated on the last valid day proves nothing: the receiver could still admit that day.
    assert.equal(
      reclaim('2024-03-18', 'x7', early.height, early.snap.proof(admittedKey('x7'))),
      'TRANSFER_RELEASE_NOT_EXPIRED',
    );
    const late = anchorB('2024-03-14', '2024-03-18');
    // Not a height street-a has anchored.
    assert.equal(
      reclaim('2024-03-19', 'x7', late.height + 5, late.snap.proof(admittedKey('x7'))),
      'TRANSFER_RECLAIM_NOT_ANCHORED',
    );
    // x6 was admitted: the receiver's proof shows the admission, not its absence.
    assert.equal(
      reclaim('2024-03-19', 'x6', late.height, late.snap.proof(admittedKey('x6'))),
      'TRANSFER_RECLAIM_NOT_PROVED',
    );
    // A proof for another key does not stand in for x7's.
    assert.equal(
      reclaim('2024-03-19', 'x7', late.height, late.snap.proof(admittedKey('x6'))),
      'TRANSFER_RECLAIM_NOT_PROVED',
    );
    // x7: never admitted, and the header is dated after its last day: reclaimed, b1.m3 unfrozen.
    const done = a.step({
      at: '2024-03-19',
      by: 'b1.sec',
      do: 'transfer.reclaimRelease',
      params: { id: 'x7', height: late.height, proof: late.snap.proof(admittedKey('x7')) },
    });
    assert.equal(done.receipt.status, 'ok', JSON.stringify(done.receipt.error));
    assert.ok(done.events.some((e) => e.type === 'transfer.Reclaimed'));
    const r = a.query('transfer', 'responsible', { member: 'b1.m3' }) as { frozen: string | null };
    assert.equal(r.frozen, null);
    assert.equal(
      reclaim('2024-03-20', 'x7', late.height, late.snap.proof(admittedKey('x7'))),
      'TRANSFER_NOT_RELEASED',
    );
    // x6 stays frozen on street-a: b1.m2 is a member of street-b now.
    const r6 = a.query('transfer', 'responsible', { member: 'b1.m2' }) as { frozen: string | null };
    assert.equal(r6.frozen, 'x6');
  });
});

describe("admission through a common ancestor's anchors (no light client of the sender here)", () => {
  // Street-a and street-b are two communities under the street street-p, which anchors street-a;
  // street-b keeps only street-p's light client. Street-e is a community under another street,
  // street-q, both under the district street-d: street-e keeps only the district's light client.
  const a = new Chain(suite, { chainId: 'street-a' });
  const b = new Chain(suite, { chainId: 'street-b' });
  const p = new Chain(suite, { chainId: 'street-p' });
  const d = new Chain(suite, { chainId: 'street-d' });
  const e = new Chain(suite, { chainId: 'street-e' });
  const aHeaders = new ChildChain(suite, 'street-a');
  const cHeaders = new ChildChain(suite, 'street-c');
  const pHeaders = new ChildChain(suite, 'street-p');
  const dHeaders = new ChildChain(suite, 'street-d');
  register(p, aHeaders);
  register(p, cHeaders, '2024-03-02');
  register(b, pHeaders);
  register(d, pHeaders);
  register(e, dHeaders);

  a.ok(releaseOut('2024-03-02', 'x1', 'b1.m4', 'street-b'));
  a.ok(releaseOut('2024-03-02', 'x2', 'b1.m2', 'street-e', { hour: 11 }));
  // x3 (b1.m3) valid 10 days: its last day is 2024-03-11; street-b never admits it.
  a.ok(releaseOut('2024-03-02', 'x3', 'b1.m3', 'street-b', { hour: 12, validDays: 10 }));
  const s1 = snapshot(a);
  aHeaders.add({ stateRoot: s1.root });
  p.ok({ at: '2024-03-03', by: 'c.clerk', do: 'anchor.submit', params: aHeaders.anchorParams(1) });
  // A dishonest street-c whose validators sign a header carrying street-a's state root: its record
  // on street-p is genuine, but it is street-c's, not street-a's.
  cHeaders.add({ stateRoot: s1.root });
  p.ok({ at: '2024-03-03', hour: 11, by: 'c.clerk', do: 'anchor.submit', params: cHeaders.anchorParams(1) });
  // Street-p's state, anchored on street-b and on the district; the district's, on street-e.
  const ps = snapshot(p);
  pHeaders.add({ stateRoot: ps.root });
  b.ok({ at: '2024-03-04', by: 'c.clerk', do: 'anchor.submit', params: pHeaders.anchorParams(1) });
  d.ok({ at: '2024-03-04', by: 'c.clerk', do: 'anchor.submit', params: pHeaders.anchorParams(1) });
  const ds = snapshot(d);
  dHeaders.add({ stateRoot: ds.root });
  e.ok({ at: '2024-03-05', by: 'c.clerk', do: 'anchor.submit', params: dHeaders.anchorParams(1) });

  // Written out, not taken from the module: the anchor module's record of a chain at a height.
  const aRecordKey = 'anchor/a/street-a/000000000001';
  const cRecordKey = 'anchor/a/street-c/000000000001';
  const pRecordKey = 'anchor/a/street-p/000000000001';
  const link = (snap: ReturnType<typeof snapshot>, key: string) => ({
    value: snap.value(key),
    proof: snap.proof(key),
  });
  const viaP = (links: Value[] = [link(ps, aRecordKey)]) => ({
    via: 'street-p',
    viaHeight: 1,
    path: encode(links),
  });
  const admission = (transfer: string, member: string, id: string, over: { [k: string]: Value } = {}) =>
    admissionOf(s1, 1, transfer, member, id, over);
  let day = 10;
  const admit = (chain: Chain, params: Value) =>
    chain.step({ at: `2024-03-${day++}`, by: 'b1.sec', do: 'member.admitTransfer', params }).receipt.error
      ?.code ?? 'ok';

  it('without a path, a sender this chain holds no light client of is not anchored here', () => {
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n1')), 'MEMBER_TRANSFER_NOT_ANCHORED');
  });

  it('a path from a chain or height not anchored here is refused', () => {
    assert.equal(
      admit(b, admission('x1', 'b1.m4', 'n1', { ...viaP(), viaHeight: 2 })),
      'MEMBER_TRANSFER_NOT_ANCHORED',
    );
    assert.equal(
      admit(b, admission('x1', 'b1.m4', 'n1', { ...viaP(), via: 'street-q' })),
      'MEMBER_TRANSFER_NOT_ANCHORED',
    );
  });

  it('a path that does not prove the sender header is refused', () => {
    const mismatch = 'MEMBER_TRANSFER_DOSSIER_MISMATCH';
    // The record of street-a with another state root (a forged sender state): street-p's root does not hold it.
    const record = decode(ps.value(aRecordKey)) as { [k: string]: Value };
    const forged = encode({ ...record, stateRoot: toHex(new Uint8Array(32).fill(7)) });
    assert.equal(
      admit(b, admission('x1', 'b1.m4', 'n1', viaP([{ value: forged, proof: ps.proof(aRecordKey) }]))),
      mismatch,
    );
    // A forged state of street-a holding a release x9 it never made, and a record of street-a's
    // header 1 naming that state's root, under street-p's proof of the genuine record.
    const x1 = decode(s1.value('transfer/t/x1')) as { [k: string]: Value };
    const fake = snapshot(a, [['transfer/t/x9', encode({ ...x1, id: 'x9' })]]);
    const fakeRecord = encode({ ...record, stateRoot: toHex(fake.root) });
    assert.equal(
      admit(
        b,
        admission('x9', 'b1.m4', 'n1', {
          transferValue: fake.value('transfer/t/x9'),
          transferProof: fake.proof('transfer/t/x9'),
          historyProof: fake.proof('hist/member:b1.m4'),
          ...viaP([{ value: fakeRecord, proof: ps.proof(aRecordKey) }]),
        }),
      ),
      mismatch,
    );
    // Street-c's genuine record, whose header carries street-a's root, does not stand for street-a.
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n1', viaP([link(ps, cRecordKey)]))), mismatch);
    // The path proves street-a's header 1, the dossier names height 2.
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n1', { ...viaP(), height: 2 })), mismatch);
    // Bytes that are no path, an empty path, a link with an unknown field.
    assert.equal(
      admit(b, admission('x1', 'b1.m4', 'n1', { ...viaP(), path: new Uint8Array([1, 2, 3]) })),
      mismatch,
    );
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n1', viaP([]))), mismatch);
    assert.equal(
      admit(b, admission('x1', 'b1.m4', 'n1', viaP([{ ...link(ps, aRecordKey), extra: 1 }]))),
      mismatch,
    );
    // via without its height and path is a malformed request, not a proof.
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n1', { via: 'street-p' })), 'MEMBER_BAD_PARAMS');
  });

  it('admits through the common street: the history links to the sender header street-p anchored', () => {
    const oldHead = decode(s1.value('hist/member:b1.m4')) as { head: Uint8Array; count: number };
    const record = decode(ps.value(aRecordKey)) as { hash: string };
    const r = b.step({
      at: `2024-03-${day++}`,
      by: 'b1.sec',
      do: 'member.admitTransfer',
      params: admission('x1', 'b1.m4', 'n1', viaP()),
    });
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    const data = r.events.find((x) => x.type === 'member.TransferredIn')!.data as { [k: string]: Value };
    assert.equal(data.fromChain, 'street-a');
    assert.equal(data.fromHeight, 1);
    assert.equal(data.fromHeader, record.hash);
    // … which is the hash of the header street-a's validators signed.
    assert.equal(data.fromHeader, toHex(headerHash(suite, aHeaders.block(1).header)));
    assert.equal(data.fromHead, toHex(oldHead.head));
    assert.equal(b.member('n1').status, '正式党员');
    // The same release again, by either route: a replay.
    assert.equal(admit(b, admission('x1', 'b1.m4', 'n2', viaP())), 'MEMBER_TRANSFER_REPLAYED');
  });

  it('two levels: through the district, the street it anchors, to the sending community', () => {
    const path = [link(ds, pRecordKey), link(ps, aRecordKey)];
    const params = admission('x2', 'b1.m2', 'n2', { via: 'street-d', viaHeight: 1, path: encode(path) });
    // One level short (the street's record only) is not the sender's header.
    assert.equal(
      admit(e, { ...params, path: encode([link(ds, pRecordKey)]) }),
      'MEMBER_TRANSFER_DOSSIER_MISMATCH',
    );
    // The levels in the wrong order do not verify.
    assert.equal(
      admit(e, { ...params, path: encode([link(ps, aRecordKey), link(ds, pRecordKey)]) }),
      'MEMBER_TRANSFER_DOSSIER_MISMATCH',
    );
    assert.equal(admit(e, params), 'ok');
    assert.equal(e.member('n2').status, '正式党员');
  });

  it("the sender reclaims an expired release through the street's anchors of the receiver", () => {
    // Street-b's state after the admissions above, in a header dated after x3's last day, anchored
    // on street-p; street-p's next header anchored on street-a (which keeps street-p's light client).
    const bHeaders = new ChildChain(suite, 'street-b');
    register(p, bHeaders, '2024-03-25');
    const bs = snapshot(b);
    bHeaders.add({ stateRoot: bs.root, time: Date.parse('2024-03-25T12:00:00+08:00') });
    p.ok({ at: '2024-03-26', by: 'c.clerk', do: 'anchor.submit', params: bHeaders.anchorParams(1) });
    const ps2 = snapshot(p);
    pHeaders.add({ stateRoot: ps2.root });
    register(a, pHeaders, '2024-03-27');
    a.ok({ at: '2024-03-28', by: 'c.clerk', do: 'anchor.submit', params: pHeaders.anchorParams(2) });
    const bRecordKey = 'anchor/a/street-b/000000000001';
    const absent = (id: string) => bs.proof(`member/xin/street-a/${id}`);
    const via = { via: 'street-p', viaHeight: 2, path: encode([link(ps2, bRecordKey)]) };
    const reclaim = (id: string, over: { [k: string]: Value } = via) =>
      a.attempt({
        at: '2024-03-29',
        by: 'b1.sec',
        do: 'transfer.reclaimRelease',
        params: { id, height: 1, proof: absent(id), ...over },
      }).receipt.error?.code ?? 'ok';
    // Without the path street-a holds no anchor of street-b.
    assert.equal(reclaim('x3', {}), 'TRANSFER_RECLAIM_NOT_ANCHORED');
    // A path to street-a's own record on street-p is not street-b's header.
    assert.equal(
      reclaim('x3', { ...via, path: encode([link(ps2, aRecordKey)]) }),
      'TRANSFER_RECLAIM_NOT_PROVED',
    );
    // x1 runs 90 days: street-b's header (2024-03-25) is within them.
    assert.equal(reclaim('x1'), 'TRANSFER_RELEASE_NOT_EXPIRED');
    assert.equal(reclaim('x3'), 'ok');
  });
});
