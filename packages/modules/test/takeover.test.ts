/**
 * Issue 10 (Critical): the key takeovers found by a hostile insider, replayed against the modules.
 * On 21c0f14 every attack below succeeded; each step is now refused where the attack needed it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Step } from './harness.ts';

function code(chain: Chain, s: Step): string {
  const r = chain.step(s).receipt;
  return r.status === 'ok' ? 'ok' : (r.error?.code ?? 'failed');
}

describe('attack: a branch 组织委员 captures the branch secretary', () => {
  it('appoints himself clerk, then rotates the secretary key on the secretary behalf', () => {
    const chain = new Chain();
    const appoint = code(chain, {
      at: '2024-03-01',
      by: 'b1.org',
      do: 'org.appointPost',
      params: { org: 'b1', member: 'b1.org', post: '党务工作者' },
    });
    const rotate = code(chain, {
      at: '2024-03-02',
      by: 'b1.org',
      do: 'member.rotateKey',
      params: { member: 'b1.sec', newAddress: '@attacker-1' },
      onBehalfOf: 'b1.sec',
    });
    const asSecretary = code(chain, {
      at: '2024-03-03',
      by: 'attacker-1',
      do: 'org.endPost',
      params: { org: 'b1', member: 'b1.dep', post: '副书记', reason: '工作调动' },
    });
    const realSecretary = code(chain, {
      at: '2024-03-04',
      by: 'b1.sec',
      do: 'member.recordProfileRead',
      params: { member: 'b1.sec', purpose: '本人查看' },
    });
    assert.deepEqual(
      [appoint, rotate, asSecretary, realSecretary],
      ['ok', 'ok', 'ok', 'MEMBER_NOT_PERMITTED'],
    );
  });
});

describe("attack: another branch's secretary captures the 党委书记 and plants a ghost", () => {
  it('self-appointed clerk of b2 rotates c.sec, imports a ghost, has it elected secretary of b3', () => {
    const chain = new Chain();
    const appoint = code(chain, {
      at: '2024-03-01',
      by: 'b2.sec',
      do: 'org.appointPost',
      params: { org: 'b2', member: 'b2.sec', post: '党务工作者' },
    });
    const rotate = code(chain, {
      at: '2024-03-02',
      by: 'b2.sec',
      do: 'member.rotateKey',
      params: { member: 'c.sec', newAddress: '@attacker-2' },
      onBehalfOf: 'c.sec',
    });
    const ghost = code(chain, {
      at: '2024-03-03',
      by: 'attacker-2',
      do: 'member.importMember',
      params: { id: 'ghost', org: 'b2', address: '@ghost', status: '正式党员', since: '2001-07-01' },
    });
    const elected = code(chain, {
      at: '2024-03-04',
      by: 'attacker-2',
      do: 'org.electCommittee',
      params: { org: 'b3', committee: { 书记: 'ghost' } },
    });
    assert.deepEqual([appoint, rotate, ghost, elected], ['ok', 'ok', 'ok', 'ok']);
  });
});
