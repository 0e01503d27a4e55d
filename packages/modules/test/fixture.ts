/**
 * The test community: one 党委 (c1) with two branches (b1, b2), a 党总支 (zz) with a branch (b3),
 * 党小组 g1 (in b1) and g2 (in b2). Every actor is a member whose id is its name; keys derive from it.
 */
import type { Value } from '@djchain/crypto';
import { communityOrgs, fullMember, post, superior } from '@djchain/testkit/community';
import type { ModulesGenesis } from '../src/index.ts';

export const GENESIS_DATE = '2024-01-02';
export const SINCE = '2010-07-01';

/** Committee and clerk posts of the 党委 (held by members of branch b2). */
export const C1_POSTS = {
  书记: 'c.sec',
  副书记: 'c.dep',
  组织委员: 'c.org',
  宣传委员: 'c.pub',
  纪检委员: 'c.dis',
  党务工作者: 'c.clerk',
} as const;

/** Posts of branch b1 (and the 党小组长 of g1). */
export const B1_POSTS = {
  书记: 'b1.sec',
  副书记: 'b1.dep',
  组织委员: 'b1.org',
  宣传委员: 'b1.pub',
  纪检委员: 'b1.dis',
  党务工作者: 'b1.clerk',
} as const;

/** Full members of b1 without branch posts (b1.m5 leads 党小组 g1): 11 voting members with the posts. */
export const B1_MEMBERS = ['b1.m1', 'b1.m2', 'b1.m3', 'b1.m4', 'b1.m5'];

export function communityGenesis(
  addressOf: (name: string) => string,
): ModulesGenesis & { [k: string]: Value } {
  const full = (id: string, org: string) => fullMember(id, org, addressOf(id), SINCE);
  const members = [
    ...Object.values(C1_POSTS).map((id) => full(id, 'b2')),
    ...Object.values(B1_POSTS).map((id) => full(id, 'b1')),
    ...B1_MEMBERS.map((id) => full(id, 'b1')),
    {
      id: 'b1.p1',
      org: 'b1',
      address: addressOf('b1.p1'),
      status: '预备党员',
      since: '2023-12-01',
      probationEnd: '2024-12-01',
    },
    full('b2.sec', 'b2'),
    full('b2.m1', 'b2'),
    full('b3.sec', 'b3'),
  ];
  const g = {
    org: {
      orgs: communityOrgs(['c1', 'b1', 'b2', 'zz', 'b3', 'g1', 'g2']),
      posts: [
        ...Object.entries(C1_POSTS).map(([p, m]) => post('c1', m, p)),
        ...Object.entries(B1_POSTS).map(([p, m]) => post('b1', m, p)),
        post('g1', 'b1.m5', '党小组长'),
        post('b2', 'b2.sec', '书记'),
        post('b3', 'b3.sec', '书记'),
      ],
      // The street 党工委 above c1: the second party for its post holders' key recoveries.
      superior: superior(addressOf('street')),
    },
    member: { members },
  };
  return g as unknown as ModulesGenesis & { [k: string]: Value };
}
