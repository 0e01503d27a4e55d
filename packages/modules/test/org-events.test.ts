/**
 * What the organization module's events say: an organization created on chain announces its public
 * name (the indexer's dashboards name it from the event), and a committee election names the members
 * whose posts it ends (their history holds it; the warning centre's member-bound checks rest on it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from './harness.ts';

describe('organization events', () => {
  it('org.Created carries the new organization’s name, kind and parent', () => {
    const chain = new Chain();
    const r = chain.ok({
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'org.createOrg',
      params: { id: 'g9', name: '新党小组', kind: '党小组', parent: 'b1' },
    });
    const created = r.events.find((e) => e.type === 'org.Created');
    assert.deepEqual(created && { entities: created.entities, data: created.data }, {
      // Entities in byte order; every act's event names who signed it (emitAct).
      entities: ['org:b1', 'org:g9'],
      data: { by: 'b1.sec', onBehalfOf: null, org: 'g9', orgName: '新党小组', kind: '党小组', parent: 'b1' },
    });
  });

  it('org.CommitteeElected names the outgoing committee members not elected again, and lists them', () => {
    const chain = new Chain();
    const r = chain.ok({
      at: '2024-03-01',
      by: 'c.sec',
      do: 'org.electCommittee',
      params: { org: 'b1', committee: { 书记: 'b1.sec', 副书记: 'b1.dep' } },
    });
    const elected = r.events.find((e) => e.type === 'org.CommitteeElected')!;
    // Written by hand: b1's committee before was 书记 b1.sec, 副书记 b1.dep, 组织委员 b1.org,
    // 宣传委员 b1.pub, 纪检委员 b1.dis (the fixture's six committee posts less the clerk).
    const leaving = (elected.data as { leaving: string[] }).leaving;
    assert.deepEqual([...leaving].sort(), ['b1.dis', 'b1.org', 'b1.pub']);
    for (const m of ['b1.sec', 'b1.dep', 'b1.dis', 'b1.org', 'b1.pub'])
      assert.ok(elected.entities.includes(`member:${m}`), `names ${m}`);
    assert.equal(new Set(elected.entities).size, elected.entities.length, 'each entity once');
  });
});
