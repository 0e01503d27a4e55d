/**
 * Every action tried by every post (in the target organization and in its superior 党委), by the
 * subject member, by a clerk on the subject's behalf, by a 培养联系人 and by a member without posts:
 * exactly the cells of the permission matrix pass authorization. And docs/permissions.md is current.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allModules, ORG_POSTS, type OrgPost } from '../src/index.ts';
import { normalizeMarkdown, permissionMatrix, renderPermissionMatrix } from '../src/permissions/matrix.ts';
import { B1_POSTS } from './fixture.ts';
import { Chain } from './harness.ts';
import {
  attemptCode,
  authorized,
  caseOf,
  HOLDERS,
  REPRESENTATIVE,
  RESIDENT,
  setup,
} from './permission-cases.ts';

describe('permission matrix', () => {
  it('the matrix has every module whose actions posts sign (all but consensus evidence and the action-less warnings)', () => {
    const inMatrix = [...new Set(permissionMatrix().map((r) => r.module))].sort();
    const signed = allModules
      .map((m) => m.name)
      .filter((n) => n !== 'evidence' && n !== 'warnings')
      .sort();
    assert.deepEqual(inMatrix, signed);
  });

  it('docs/permissions.md is the generated matrix (run scripts/permissions-matrix.ts --write)', () => {
    const file = readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8');
    assert.equal(normalizeMarkdown(file), normalizeMarkdown(renderPermissionMatrix()));
  });

  it('every action names at least one post or relation', () => {
    for (const row of permissionMatrix()) assert.ok(row.permission.length > 0, `${row.module}.${row.action}`);
  });

  it('exactly the listed posts and relations pass authorization, for every action', () => {
    const chain = setup();
    const rows = permissionMatrix();
    let tried = 0;
    for (const row of rows) {
      const key = `${row.module}.${row.action}`;
      const c = caseOf(key);
      const trial = (by: string, onBehalfOf?: string): boolean => {
        tried++;
        const code = attemptCode(chain, key, by, onBehalfOf);
        assert.ok(!/_(BAD_PARAMS|NOT_FOUND)$/.test(code), `${key} by ${by}: ${code}`);
        return authorized(code);
      };
      const scopes: [string, string][] = [[c.org, '本组织']];
      if (c.org === 'b1') scopes.push(['c1', '上级党委']);
      for (const [org, label] of scopes) {
        for (const post of ORG_POSTS as readonly OrgPost[]) {
          const holder = HOLDERS[org]![post];
          if (holder === undefined) continue;
          // 党小组长 is held in a 党小组, never in a branch or 党委: its holder must be refused unless listed.
          const expected = post === '党小组长' ? false : row.cells[post].includes(label);
          assert.equal(trial(holder), expected, `${key} by ${post} of ${org} (${holder})`);
        }
      }
      const selfExpected = row.cells.本人 !== '';
      const entryExpected = row.cells.党务工作者.includes('代办录入');
      if (c.subject !== undefined) {
        assert.equal(trial(c.subject), selfExpected, `${key} by the subject ${c.subject}`);
        assert.equal(trial('b1.clerk', c.subject), entryExpected, `${key} by a clerk for ${c.subject}`);
      } else assert.equal(selfExpected || entryExpected, false, `${key} has no subject but lists 本人`);
      assert.equal(trial('street'), row.cells.创世上级 !== '', `${key} by the superior named in genesis`);
      assert.equal(trial('commission'), row.cells.县级纪委 !== '', `${key} by the discipline commission`);
      // b1.m2 is a 培养联系人 of cand and holds no post.
      assert.equal(
        trial('b1.m2'),
        c.subject === 'cand' && row.cells.培养联系人 !== '',
        `${key} by a contact`,
      );
      assert.equal(trial('b2.m1'), c.subject === 'b2.m1' && selfExpected, `${key} by a member without posts`);
      // A resident and a 居民代表 (who is a resident too): no member, no post.
      assert.equal(trial(RESIDENT), row.cells.居民 !== '', `${key} by a resident`);
      assert.equal(
        trial(REPRESENTATIVE),
        row.cells.居民 !== '' || row.cells.居民代表 !== '',
        `${key} by a representative`,
      );
    }
    assert.ok(tried > rows.length * 10);
  });
});

describe('a post acts from its start date', () => {
  it('a post that begins after today does not authorize yet; from its first day it does', () => {
    // b1's 组织委员 (b1.org) takes office on 2024-06-01 in this genesis.
    const chain = new Chain(undefined, {
      editGenesis: (modules) => {
        const posts = (modules.org as { posts: { org: string; post: string; since: string }[] }).posts;
        const post = posts.find((p) => p.org === 'b1' && p.post === '组织委员');
        assert.ok(post);
        post.since = '2024-06-01';
      },
    });
    const appoint = (at: string, member: string) =>
      chain.step({
        at,
        by: B1_POSTS.组织委员,
        do: 'org.appointPost',
        params: { org: 'b1', member, post: '党务工作者' },
      });
    const early = appoint('2024-05-31', 'b1.m3');
    assert.equal(early.receipt.status, 'failed');
    assert.equal(early.receipt.error?.code, 'ORG_NOT_PERMITTED');
    assert.equal(appoint('2024-06-01', 'b1.m3').receipt.status, 'ok', 'on its first day');
  });
});
