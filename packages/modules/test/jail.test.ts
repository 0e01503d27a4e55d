/**
 * Evidence with effect (issue 9 item 6): a proven equivocation — two votes for one slot differing in
 * value or only in time, or two proposals for one height and round — takes the offender out of the
 * validator set in the block that records it (power 0 from h+2), once; the last validator is never
 * jailed; a re-admitted validator is not jailed again for what it did before its re-admission.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, toHex, type Value } from '@djchain/crypto';
import {
  type SignedProposal,
  type SignedVote,
  signedProposalToValue,
  signedVoteToValue,
  signProposalBody,
  signVote,
  validatorSetFromValue,
} from '@djchain/ledger';
import { CHAIN, Chain } from './harness.ts';

const VALIDATORS = [
  { name: 'v.c1', power: 10, orgId: 'c1' },
  { name: 'v.b1', power: 10, orgId: 'b1' },
  { name: 'v.b2', power: 10, orgId: 'b2' },
  { name: 'v.zz', power: 5, orgId: 'zz' },
];

function validatorsOf(chain: Chain): { name: string; power: number }[] {
  const raw = chain.state.get('sys/validators');
  const set = validatorSetFromValue(decode(raw!));
  return set.validators.map((v) => ({ name: v.name, power: v.power }));
}

function vote(chain: Chain, by: string, over: Partial<SignedVote> = {}): SignedVote {
  return signVote(chain.suite, chain.key(by).secretKey, CHAIN, {
    type: 'precommit',
    height: 1,
    round: 0,
    blockHash: new Uint8Array(32).fill(1),
    time: 1_000,
    validator: chain.key(by).publicKey,
    ...over,
  });
}

function proposal(chain: Chain, by: string, over: Partial<SignedProposal> = {}): SignedProposal {
  return signProposalBody(chain.suite, chain.key(by).secretKey, CHAIN, {
    height: 1,
    round: 0,
    blockHash: new Uint8Array(32).fill(1),
    validRound: -1,
    proposer: chain.key(by).publicKey,
    ...over,
  });
}

let day = 10;
const next = () => `2024-02-${String(day++).padStart(2, '0')}`;

function submitVotes(chain: Chain, by: string, a: SignedVote, b: SignedVote) {
  return chain.step({
    at: next(),
    by,
    do: 'evidence.submit',
    params: { first: signedVoteToValue(a), second: signedVoteToValue(b) },
  });
}

describe('evidence jails the offender', () => {
  it('two precommits differing only in time jail the validator from h+2, once', () => {
    day = 10;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const zz = toHex(chain.key('v.zz').publicKey);
    // The same signed content twice is not equivocation.
    const a = vote(chain, 'v.zz');
    const same = submitVotes(chain, 'v.b1', a, a).receipt;
    assert.equal(same.error?.code, 'EVIDENCE_NOT_CONFLICTING');
    const b = vote(chain, 'v.zz', { time: 2_000 });
    const r = submitVotes(chain, 'v.b1', a, b);
    assert.equal(r.receipt.status, 'ok', JSON.stringify(r.receipt.error));
    const h = chain.height;
    assert.deepEqual(validatorsOf(chain), [
      { name: 'v.c1', power: 10 },
      { name: 'v.b1', power: 10 },
      { name: 'v.b2', power: 10 },
    ]);
    const jailedEvent = r.events.find((e) => e.type === 'evidence.Jailed');
    assert.deepEqual(jailedEvent?.data, {
      validator: zz,
      name: 'v.zz',
      power: 5,
      effective: h + 2,
      evidence: `dup/000000000001/000000/precommit/${zz}`,
    });
    const jailed = chain.query('evidence', 'jailed', null) as Array<{ [k: string]: Value }>;
    assert.equal(jailed.length, 1);
    assert.equal(jailed[0]!.validator, zz);
    assert.equal(jailed[0]!.since, h);
    assert.equal(jailed[0]!.effective, h + 2);
    assert.equal(jailed[0]!.orgId, 'zz');
    const list = chain.query('evidence', 'list', null) as Array<{ [k: string]: Value }>;
    assert.equal(list[0]!.outcome, 'jailed');
    // The same equivocation again: refused; another one by the jailed validator: recorded, no new jail.
    assert.equal(submitVotes(chain, 'v.c1', b, a).receipt.error?.code, 'EVIDENCE_DUPLICATE');
    const c = vote(chain, 'v.zz', { round: 1, blockHash: null });
    const d = vote(chain, 'v.zz', { round: 1 });
    const again = submitVotes(chain, 'v.c1', c, d);
    assert.equal(again.receipt.status, 'ok');
    assert.equal(
      again.events.some((e) => e.type === 'evidence.Jailed'),
      false,
    );
    const still = chain.query('evidence', 'jailed', null) as Array<{ evidence: string[] }>;
    assert.equal(still[0]!.evidence.length, 2);
    assert.equal(validatorsOf(chain).length, 3);
  });

  it('two proposals of one proposer for one height and round are evidence too', () => {
    day = 10;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const p1 = proposal(chain, 'v.b2');
    const p2 = proposal(chain, 'v.b2', { blockHash: new Uint8Array(32).fill(2) });
    const submit = (a: SignedProposal, b: SignedProposal) =>
      chain.step({
        at: next(),
        by: 'v.c1',
        do: 'evidence.submitProposal',
        params: { first: signedProposalToValue(a), second: signedProposalToValue(b) },
      }).receipt;
    assert.equal(submit(p1, p1).error?.code, 'EVIDENCE_NOT_CONFLICTING');
    const forged = { ...p2, signature: p1.signature };
    assert.equal(submit(p1, forged).error?.code, 'EVIDENCE_BAD_SIGNATURE');
    const other = proposal(chain, 'v.c1', { blockHash: new Uint8Array(32).fill(2) });
    assert.equal(submit(p1, other).error?.code, 'EVIDENCE_NOT_CONFLICTING', 'two proposers');
    assert.equal(submit(p1, p2).status, 'ok');
    assert.deepEqual(
      validatorsOf(chain).map((v) => v.name),
      ['v.c1', 'v.b1', 'v.zz'],
    );
    const list = chain.query('evidence', 'list', null) as Array<{ [k: string]: Value }>;
    assert.equal(list[0]!.kind, 'proposal');
    assert.equal(list[0]!.type, 'proposal');
  });

  it('refuses evidence from non-validators, about strangers, for future heights and with padded fields', () => {
    day = 10;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const a = vote(chain, 'v.zz');
    const b = vote(chain, 'v.zz', { time: 2 });
    assert.equal(submitVotes(chain, 'b1.m1', a, b).receipt.error?.code, 'EVIDENCE_NOT_PERMITTED');
    const s1 = vote(chain, 'stranger');
    const s2 = vote(chain, 'stranger', { time: 2 });
    assert.equal(submitVotes(chain, 'v.b1', s1, s2).receipt.error?.code, 'EVIDENCE_NOT_VALIDATOR');
    const f1 = vote(chain, 'v.zz', { height: 99 });
    const f2 = vote(chain, 'v.zz', { height: 99, time: 2 });
    assert.equal(submitVotes(chain, 'v.b1', f1, f2).receipt.error?.code, 'EVIDENCE_FUTURE');
    const padded: Value = {
      ...(signedVoteToValue(b) as { [k: string]: Value }),
      signature: new Uint8Array(4096),
    };
    const r = chain.step({
      at: next(),
      by: 'v.b1',
      do: 'evidence.submit',
      params: { first: signedVoteToValue(a), second: padded },
    });
    assert.equal(r.receipt.error?.code, 'EVIDENCE_BAD_PARAMS');
    assert.equal(validatorsOf(chain).length, 4);
  });

  it('evidence runs through defineAction: a validator may not submit it on anyone’s behalf', () => {
    day = 10;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const a = vote(chain, 'v.zz');
    const b = vote(chain, 'v.zz', { time: 2 });
    const r = chain.step({
      at: next(),
      by: 'v.b1',
      onBehalfOf: 'b1.m1',
      do: 'evidence.submit',
      params: { first: signedVoteToValue(a), second: signedVoteToValue(b) },
    });
    assert.equal(r.receipt.error?.code, 'EVIDENCE_ON_BEHALF_REFUSED');
    assert.equal(validatorsOf(chain).length, 4);
    // The same pair signed as itself is recorded.
    assert.equal(submitVotes(chain, 'v.b1', a, b).receipt.status, 'ok');
  });

  it('never jails the last validator: the proof is recorded and flagged', () => {
    day = 10;
    const chain = new Chain(undefined, { validators: [{ name: 'solo', power: 1, orgId: 'c1' }] });
    const r = submitVotes(chain, 'solo', vote(chain, 'solo'), vote(chain, 'solo', { blockHash: null }));
    assert.equal(r.receipt.status, 'ok');
    assert.equal(validatorsOf(chain).length, 1);
    const list = chain.query('evidence', 'list', null) as Array<{ [k: string]: Value }>;
    assert.equal(list[0]!.outcome, 'refused');
    assert.equal(list[0]!.refusal, 'EVIDENCE_JAIL_EMPTY_SET');
    assert.ok(r.events.some((e) => e.type === 'evidence.JailRefused'));
    assert.deepEqual(chain.query('evidence', 'jailed', null), []);
  });
});
