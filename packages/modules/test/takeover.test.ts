/**
 * Issue 10 (Critical): the key takeovers found by a hostile insider, replayed against the modules.
 * On 21c0f14 every attack below succeeded (the first commit of this file asserted exactly that); each
 * step the attack needed is now refused, and the honest ways to change a key still work: the holder's
 * own rotation, and a recovery by two people of which the approver is above the member.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Step } from './harness.ts';

type Data = { readonly [k: string]: unknown };
function eventData(chain: Chain, entity: string, type: string): Data | undefined {
  return chain.events(entity).find((e) => e.type === type)?.data as Data | undefined;
}

function code(chain: Chain, s: Step): string {
  const r = chain.step(s).receipt;
  return r.status === 'ok' ? 'ok' : (r.error?.code ?? 'failed');
}

const readOwn = (at: string, by: string, member: string): Step => ({
  at,
  by,
  do: 'member.recordProfileRead',
  params: { member, purpose: '本人查看' },
});

describe('attack: a branch 组织委员 captures the branch secretary', () => {
  it('cannot appoint himself clerk, and a clerk cannot rotate the secretary key on his behalf', () => {
    const chain = new Chain();
    const selfAppoint = code(chain, {
      at: '2024-03-01',
      by: 'b1.org',
      do: 'org.appointPost',
      params: { org: 'b1', member: 'b1.org', post: '党务工作者' },
    });
    // The real clerk of b1 (appointed honestly) tries the same rotation: a key is not data entry.
    const rotate = code(chain, {
      at: '2024-03-02',
      by: 'b1.clerk',
      do: 'member.rotateKey',
      params: { member: 'b1.sec', newAddress: '@attacker-1' },
      onBehalfOf: 'b1.sec',
    });
    const withoutMark = code(chain, {
      at: '2024-03-03',
      by: 'b1.org',
      do: 'member.rotateKey',
      params: { member: 'b1.sec', newAddress: '@attacker-1' },
    });
    const asSecretary = code(chain, {
      at: '2024-03-04',
      by: 'attacker-1',
      do: 'org.endPost',
      params: { org: 'b1', member: 'b1.dep', post: '副书记', reason: '工作调动' },
    });
    const realSecretary = code(chain, readOwn('2024-03-05', 'b1.sec', 'b1.sec'));
    assert.deepEqual(
      [selfAppoint, rotate, withoutMark, asSecretary, realSecretary],
      ['ORG_SELF_APPOINTMENT', 'MEMBER_ON_BEHALF_REFUSED', 'MEMBER_NOT_PERMITTED', 'ORG_NOT_PERMITTED', 'ok'],
    );
  });

  it('a post on behalf of someone is refused too: onBehalfOf never rides on the signer own posts', () => {
    const chain = new Chain();
    const r = code(chain, {
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'org.appointPost',
      params: { org: 'b1', member: 'b1.m1', post: '党务工作者' },
      onBehalfOf: 'b1.m1',
    });
    assert.equal(r, 'ORG_ON_BEHALF_REFUSED');
  });
});

describe("attack: another branch's secretary captures the 党委书记 and plants a ghost", () => {
  it('cannot self-appoint; a clerk cannot rotate c.sec; a ghost of b2 cannot be elected in b3', () => {
    const chain = new Chain();
    const selfAppoint = code(chain, {
      at: '2024-03-01',
      by: 'b2.sec',
      do: 'org.appointPost',
      params: { org: 'b2', member: 'b2.sec', post: '党务工作者' },
    });
    // An honest appointment of a b2 member as clerk, who then turns hostile.
    const appoint = code(chain, {
      at: '2024-03-02',
      by: 'b2.sec',
      do: 'org.appointPost',
      params: { org: 'b2', member: 'b2.m1', post: '党务工作者' },
    });
    const rotate = code(chain, {
      at: '2024-03-03',
      by: 'b2.m1',
      do: 'member.rotateKey',
      params: { member: 'c.sec', newAddress: '@attacker-2' },
      onBehalfOf: 'c.sec',
    });
    // Even the real 党委书记 cannot put a member of b2 at the head of b3.
    const ghost = code(chain, {
      at: '2024-03-04',
      by: 'c.sec',
      do: 'member.importMember',
      params: { id: 'ghost', org: 'b2', address: '@ghost', status: '正式党员', since: '2001-07-01' },
    });
    const elected = code(chain, {
      at: '2024-03-05',
      by: 'c.sec',
      do: 'org.electCommittee',
      params: { org: 'b3', committee: { 书记: 'ghost' } },
    });
    const realCommitteeSecretary = code(chain, readOwn('2024-03-06', 'c.sec', 'c.sec'));
    assert.deepEqual(
      [selfAppoint, appoint, rotate, ghost, elected, realCommitteeSecretary],
      ['ORG_SELF_APPOINTMENT', 'ok', 'MEMBER_ON_BEHALF_REFUSED', 'ok', 'ORG_NOT_IN_ORG', 'ok'],
    );
  });

  it('an appointee must belong to the organization; nobody records their own election', () => {
    const chain = new Chain();
    const otherBranch = code(chain, {
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'org.appointPost',
      params: { org: 'b1', member: 'b2.m1', post: '党务工作者' },
    });
    // c1's clerk may come from any branch under c1 (b2 here); g1's leader from g1's branch b1 only.
    const committeeClerk = code(chain, {
      at: '2024-03-02',
      by: 'c.sec',
      do: 'org.appointPost',
      params: { org: 'c1', member: 'b2.m1', post: '党务工作者' },
    });
    const groupLeader = code(chain, {
      at: '2024-03-03',
      by: 'b1.sec',
      do: 'org.appointPost',
      params: { org: 'g1', member: 'b2.sec', post: '党小组长' },
    });
    const selfElected = code(chain, {
      at: '2024-03-04',
      by: 'c.sec',
      do: 'org.electCommittee',
      params: { org: 'b2', committee: { 书记: 'c.sec' } },
    });
    assert.deepEqual(
      [otherBranch, committeeClerk, groupLeader, selfElected],
      ['ORG_NOT_IN_ORG', 'ok', 'ORG_NOT_IN_ORG', 'ORG_SELF_APPOINTMENT'],
    );
  });
});

describe('keys change by their holder, or by two parties with a superior', () => {
  it('the holder rotates their own key', () => {
    const chain = new Chain();
    const rotate = code(chain, {
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'member.rotateKey',
      params: { member: 'b1.sec', newAddress: '@b1.sec-2' },
    });
    const old = code(chain, readOwn('2024-03-02', 'b1.sec', 'b1.sec'));
    const fresh = code(chain, readOwn('2024-03-03', 'b1.sec-2', 'b1.sec'));
    assert.deepEqual([rotate, old, fresh], ['ok', 'MEMBER_NOT_PERMITTED', 'ok']);
  });

  it('a branch secretary: requested by the branch, approved by the 党委, one person cannot do both', () => {
    const chain = new Chain();
    const request = (by: string, at: string) =>
      code(chain, {
        at,
        by,
        do: 'member.requestKeyRecovery',
        params: { member: 'b1.sec', newAddress: '@b1.sec-r' },
      });
    const approve = (by: string, at: string) =>
      code(chain, { at, by, do: 'member.approveKeyRecovery', params: { member: 'b1.sec' } });
    const results = [
      request('b1.sec', '2024-03-01'), // the holder rotates instead
      request('c.org', '2024-03-02'),
      approve('c.org', '2024-03-03'), // the requester cannot approve
      approve('b1.org', '2024-03-04'), // a branch post is not above the branch
      approve('c.sec', '2024-03-05'),
      code(chain, readOwn('2024-03-06', 'b1.sec-r', 'b1.sec')),
    ];
    assert.deepEqual(results, [
      'MEMBER_RECOVERY_SELF',
      'ok',
      'MEMBER_RECOVERY_SAME_PARTY',
      'MEMBER_NOT_PERMITTED',
      'ok',
      'ok',
    ]);
    const recovered = eventData(chain, 'member:b1.sec', 'member.KeyRecovered');
    assert.deepEqual(
      { by: recovered?.by, requestedBy: recovered?.requestedBy },
      { by: 'c.sec', requestedBy: 'c.org' },
    );
  });

  it("the 党委书记's key: no 党委 member may approve; the superior named in genesis does", () => {
    const chain = new Chain();
    const results = [
      code(chain, {
        at: '2024-03-01',
        by: 'b2.sec',
        do: 'member.requestKeyRecovery',
        params: { member: 'c.sec', newAddress: '@c.sec-r' },
      }),
      code(chain, {
        at: '2024-03-02',
        by: 'c.org',
        do: 'member.approveKeyRecovery',
        params: { member: 'c.sec' },
      }),
      code(chain, {
        at: '2024-03-03',
        by: 'b3.sec',
        do: 'member.approveKeyRecovery',
        params: { member: 'c.sec' },
      }),
      code(chain, {
        at: '2024-03-04',
        by: 'street',
        do: 'member.approveKeyRecovery',
        params: { member: 'c.sec' },
      }),
      code(chain, readOwn('2024-03-05', 'c.sec-r', 'c.sec')),
    ];
    assert.deepEqual(results, ['ok', 'MEMBER_RECOVERY_NEEDS_SUPERIOR', 'MEMBER_NOT_PERMITTED', 'ok', 'ok']);
    assert.equal(eventData(chain, 'member:c.sec', 'member.KeyRecovered')?.genesisSuperior, true);
  });

  it('an imported member without a key gets one bound by the branch and the 党委 (the import flow)', () => {
    const chain = new Chain();
    const results = [
      code(chain, {
        at: '2024-03-01',
        by: 'c.org',
        do: 'member.importMember',
        params: { id: 'm-imp', org: 'b1', address: '@placeholder', status: '正式党员', since: '2001-07-01' },
      }),
      code(chain, {
        at: '2024-03-02',
        by: 'b1.sec',
        do: 'member.requestKeyRecovery',
        params: { member: 'm-imp', newAddress: '@m-imp' },
      }),
      code(chain, {
        at: '2024-03-03',
        by: 'c.org',
        do: 'member.approveKeyRecovery',
        params: { member: 'm-imp' },
      }),
      code(chain, readOwn('2024-03-04', 'm-imp', 'm-imp')),
    ];
    assert.deepEqual(results, ['ok', 'ok', 'ok', 'ok']);
  });

  it('the member view shows a pending recovery (new address, requester, date) to its approver, and not after', () => {
    const chain = new Chain();
    code(chain, {
      at: '2024-03-01',
      by: 'c.org',
      do: 'member.importMember',
      params: { id: 'm-imp', org: 'b1', address: '@placeholder', status: '正式党员', since: '2001-07-01' },
    });
    assert.equal(chain.member('m-imp').recovery, undefined);
    code(chain, {
      at: '2024-03-02',
      by: 'b1.sec',
      do: 'member.requestKeyRecovery',
      params: { member: 'm-imp', newAddress: '@m-imp' },
    });
    const pending = chain.member('m-imp').recovery as { newAddress: string; requestedOn: string; by: string };
    assert.equal(pending.by, 'b1.sec');
    assert.equal(pending.requestedOn, '2024-03-02');
    assert.match(pending.newAddress, /^[0-9a-f]{40}$/);
    code(chain, {
      at: '2024-03-03',
      by: 'c.org',
      do: 'member.approveKeyRecovery',
      params: { member: 'm-imp' },
    });
    assert.equal(chain.member('m-imp').recovery, undefined);
    assert.equal(chain.member('m-imp').address, pending.newAddress);
  });
});

describe('a node key signs no Party act', () => {
  it("the validator's key is no member's: refused by a clerk action and a member action", () => {
    const chain = new Chain();
    const codes = [
      chain.attempt({
        at: '2024-03-01',
        by: 'validator',
        do: 'member.register',
        params: { id: 'p7', org: 'b1', address: '@p7' },
      }),
      chain.attempt({
        at: '2024-03-01',
        by: 'validator',
        do: 'member.approveKeyRecovery',
        params: { member: 'b1.m4' },
      }),
    ].map((r) => r.receipt.error?.code);
    assert.deepEqual(codes, ['MEMBER_NOT_PERMITTED', 'MEMBER_NOT_PERMITTED']);
  });
});
