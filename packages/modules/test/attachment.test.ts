/**
 * attachment.register and its reader rule (`attachment.entitled`): the record holds the hash, size,
 * media type, owning organization and scope; shapes and member lists are checked; who may read and
 * which organizations' nodes keep the content follow the scope. Expectations written by hand from
 * the scopes' definitions (src/attachment/store.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { Chain } from './harness.ts';

const H = (c: string) => c.repeat(64);

function register(chain: Chain, at: string, by: string, params: Record<string, Value>) {
  return chain.step({ at, by, do: 'attachment.register', params }).receipt;
}

describe('attachment.register', () => {
  const chain = new Chain();
  const base = { size: 1234, mediaType: 'application/pdf' };

  it('records the hash, size, media type, organization and scope, and emits one event on the org', () => {
    const r = register(chain, '2025-03-01', 'b1.clerk', { hash: H('a'), ...base, org: 'b1', scope: 'org' });
    assert.equal(r.status, 'ok', JSON.stringify(r.error));
    assert.deepEqual(chain.query('attachment', 'attachment', { hash: H('a') }), {
      hash: H('a'),
      size: 1234,
      mediaType: 'application/pdf',
      org: 'b1',
      scope: 'org',
      members: [],
      by: 'b1.clerk',
      registeredOn: '2025-03-01',
    });
    const ev = chain.events('org:b1').filter((e) => e.type === 'attachment.Registered');
    assert.equal(ev.length, 1);
  });

  it('refuses the same content twice, even for another organization', () => {
    const r = register(chain, '2025-03-02', 'c.sec', { hash: H('a'), ...base, org: 'c1', scope: 'public' });
    assert.equal(r.error?.code, 'ATTACHMENT_EXISTS');
  });

  it('refuses shapes: a media type off the list, a size of 0, members outside the members scope', () => {
    const bad: Array<[Record<string, Value>, string]> = [
      [{ hash: H('b'), size: 10, mediaType: 'text/html', org: 'b1', scope: 'org' }, 'ATTACHMENT_BAD_PARAMS'],
      [{ hash: H('b'), size: 0, mediaType: 'text/plain', org: 'b1', scope: 'org' }, 'ATTACHMENT_BAD_PARAMS'],
      [{ hash: 'AB'.repeat(32), ...base, org: 'b1', scope: 'org' }, 'ATTACHMENT_BAD_PARAMS'],
      [{ hash: H('b'), ...base, org: 'b1', scope: 'everyone' }, 'ATTACHMENT_BAD_PARAMS'],
      [{ hash: H('b'), ...base, org: 'b1', scope: 'org', members: ['b1.m1'] }, 'ATTACHMENT_MEMBERS_REQUIRED'],
      [{ hash: H('b'), ...base, org: 'b1', scope: 'members' }, 'ATTACHMENT_MEMBERS_REQUIRED'],
      [{ hash: H('b'), ...base, org: 'b1', scope: 'members', members: [] }, 'ATTACHMENT_MEMBERS_REQUIRED'],
      // Descending: one encoding per set of readers.
      [
        { hash: H('b'), ...base, org: 'b1', scope: 'members', members: ['b1.m2', 'b1.m1'] },
        'ATTACHMENT_MEMBERS_REQUIRED',
      ],
      [
        { hash: H('b'), ...base, org: 'b1', scope: 'members', members: ['nobody'] },
        'ATTACHMENT_UNKNOWN_MEMBER',
      ],
      [{ hash: H('b'), ...base, org: 'b9', scope: 'org' }, 'ATTACHMENT_NOT_FOUND'],
    ];
    let day = 3;
    for (const [params, code] of bad) {
      const r = register(chain, `2025-03-${String(day++).padStart(2, '0')}`, 'b1.sec', params);
      assert.equal(r.error?.code, code, JSON.stringify(params));
    }
  });

  it('only post holders of the organization (or the 党委 above: 书记, 组织委员) register for it', () => {
    const p = { hash: H('c'), ...base, org: 'b1', scope: 'community' };
    assert.equal(register(chain, '2025-04-01', 'b1.m1', p).error?.code, 'ATTACHMENT_NOT_PERMITTED');
    assert.equal(register(chain, '2025-04-02', 'b2.sec', p).error?.code, 'ATTACHMENT_NOT_PERMITTED');
    assert.equal(register(chain, '2025-04-03', 'c.org', p).status, 'ok');
  });

  it('a member files their own document: readable by them alone (and the posts), owned by their own branch', () => {
    // Before: only post holders registered, so an applicant's letter or a self-assessment signed by
    // the person was refused (ATTACHMENT_NOT_PERMITTED) and the form had no way past.
    const own = { ...base, org: 'b1', scope: 'members', members: ['b1.m1'] };
    const r = register(chain, '2025-04-04', 'b1.m1', { hash: H('7'), ...own });
    assert.equal(r.status, 'ok', JSON.stringify(r.error));
    assert.equal((chain.query('attachment', 'attachment', { hash: H('7') }) as { by: string }).by, 'b1.m1');
    const refused: Array<Record<string, Value>> = [
      // Naming someone else, or someone beside themselves.
      { hash: H('8'), ...base, org: 'b1', scope: 'members', members: ['b1.m2'] },
      { hash: H('8'), ...base, org: 'b1', scope: 'members', members: ['b1.m1', 'b1.m2'] },
      // A wider scope.
      { hash: H('8'), ...base, org: 'b1', scope: 'org' },
      // Owned by an organization that is not theirs.
      { hash: H('8'), ...base, org: 'b2', scope: 'members', members: ['b1.m1'] },
    ];
    let day = 5;
    for (const params of refused) {
      const at = `2025-04-${String(day++).padStart(2, '0')}`;
      assert.equal(
        register(chain, at, 'b1.m1', params).error?.code,
        'ATTACHMENT_NOT_PERMITTED',
        JSON.stringify(params),
      );
    }
  });

  it('entitled: who reads and which nodes keep the content, scope by scope', () => {
    const ok = (at: string, by: string, params: Record<string, Value>) =>
      assert.equal(register(chain, at, by, params).status, 'ok');
    ok('2025-05-01', 'b1.sec', { hash: H('d'), ...base, org: 'b1', scope: 'public' });
    ok('2025-05-02', 'b1.sec', {
      hash: H('e'),
      ...base,
      org: 'b1',
      scope: 'members',
      members: ['b1.m2', 'b2.m1'],
    });
    ok('2025-05-03', 'c.sec', { hash: H('f'), ...base, org: 'c1', scope: 'org' });
    const member = (hash: string, m: string) =>
      (chain.query('attachment', 'entitled', { hash, member: m }) as { member: boolean }).member;
    const node = (hash: string, org: string) =>
      (chain.query('attachment', 'entitled', { hash, org }) as { node: boolean }).node;

    // 'org' of b1 (H('a')): b1's members (预备党员 too) and post holders of b1 and c1; not b2's members.
    for (const m of ['b1.m1', 'b1.p1', 'b1.sec', 'c.sec', 'c.clerk'])
      assert.equal(member(H('a'), m), true, m);
    for (const m of ['b2.m1', 'b2.sec', 'b3.sec']) assert.equal(member(H('a'), m), false, m);
    // Its nodes: b1, the 党委 above and the 党小组 below; not the other branches.
    for (const o of ['b1', 'c1', 'g1']) assert.equal(node(H('a'), o), true, o);
    for (const o of ['b2', 'b3', 'zz']) assert.equal(node(H('a'), o), false, o);

    // 'community': every Party member of the chain.
    for (const m of ['b1.m1', 'b2.m1', 'b3.sec']) assert.equal(member(H('c'), m), true, m);
    for (const o of ['b2', 'zz']) assert.equal(node(H('c'), o), true, o);

    // 'public': anyone.
    assert.equal(member(H('d'), 'b3.sec'), true);

    // 'members': the two named, and b1's and c1's post holders; not another member of b1.
    for (const m of ['b1.m2', 'b2.m1', 'b1.clerk', 'c.org']) assert.equal(member(H('e'), m), true, m);
    for (const m of ['b1.m1', 'b2.sec', 'b3.sec']) assert.equal(member(H('e'), m), false, m);
    // Nodes: b1 and above, and b2 (the branch of a member named); not b3.
    for (const o of ['b1', 'c1', 'b2']) assert.equal(node(H('e'), o), true, o);
    for (const o of ['b3', 'g1']) assert.equal(node(H('e'), o), false, o);

    // 'org' of the 党委: every member below it.
    for (const m of ['b1.m1', 'b2.m1', 'b3.sec']) assert.equal(member(H('f'), m), true, m);

    // No such attachment: null.
    assert.equal(chain.query('attachment', 'entitled', { hash: H('9'), member: 'b1.m1' }), null);
  });
});
