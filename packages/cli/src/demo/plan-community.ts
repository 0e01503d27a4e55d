/**
 * Planners of the community at genesis: the organizations (a committee, two general branches, six
 * branches with two groups each) and the leadership (posts held by members registered in a branch,
 * and each group's 党小组长).
 */
import { addMonths, addYears, type IsoDate } from '@djchain/modules';
import { type PlanContext, slotOnOrAfter } from './plan-context.ts';
import type { Person } from './plan-types.ts';

export const ORG_NAMES: { readonly [id: string]: string } = {
  c1: '东风社区党委',
  g1: '东风社区第一党总支',
  g2: '东风社区第二党总支',
  b1: '幸福里网格党支部',
  b2: '和平巷网格党支部',
  b3: '离退休干部党支部',
  b4: '两新组织联合党支部',
  b5: '物业服务党支部',
  b6: '在职党员报到党支部',
};
export const BRANCHES = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'] as const;
const BRANCH_POSTS = ['书记', '组织委员', '党务工作者'] as const;

export interface PlannedOrg {
  id: string;
  name: string;
  kind: '党委' | '党总支' | '党支部' | '党小组';
  parent: string | null;
  community?: boolean;
  termStart: string;
}

export interface PlannedPost {
  org: string;
  member: string;
  post: '书记' | '副书记' | '组织委员' | '纪检委员' | '党务工作者' | '党小组长';
  since: string;
}

/** Terms: every organization's began six months before genesis, but b6's ended unrenewed. */
export interface Terms {
  readonly termStart: IsoDate;
  /** b6's 5-year term ended two months ago without 换届, so org.TermOverdue fires. */
  readonly overdueTerm: IsoDate;
}

export function planTerms(ctx: PlanContext): Terms {
  return {
    termStart: addMonths(ctx.genesisDate, -6),
    overdueTerm: slotOnOrAfter(addMonths(addYears(ctx.today, -5), -2)),
  };
}

export function planOrganizations({ termStart, overdueTerm }: Terms): PlannedOrg[] {
  const orgs: PlannedOrg[] = [
    { id: 'c1', name: ORG_NAMES.c1!, kind: '党委', parent: null, community: true, termStart },
    { id: 'g1', name: ORG_NAMES.g1!, kind: '党总支', parent: 'c1', termStart },
    { id: 'g2', name: ORG_NAMES.g2!, kind: '党总支', parent: 'c1', termStart },
  ];
  for (const [i, b] of BRANCHES.entries()) {
    orgs.push({
      id: b,
      name: ORG_NAMES[b]!,
      kind: '党支部',
      parent: i < 3 ? 'g1' : 'g2',
      termStart: b === 'b6' ? overdueTerm : termStart,
    });
    for (const g of [1, 2]) {
      orgs.push({
        id: `${b}-g${g}`,
        name: `第${g === 1 ? '一' : '二'}党小组`,
        kind: '党小组',
        parent: b,
        termStart,
      });
    }
  }
  return orgs;
}

/** The committee's and general branches' posts, then each branch's three: people m-0001 on. */
export function planLeadership(
  ctx: PlanContext,
  { termStart, overdueTerm }: Terms,
): { posts: PlannedPost[]; leaders: Person[] } {
  const posts: PlannedPost[] = [];
  const appoint = (org: string, post: PlannedPost['post'], branch: string) => {
    const since = org === 'b6' ? overdueTerm : termStart;
    const p = ctx.newPerson(branch, 'leader', `${org}/${post}`, ctx.birthBetween(1962, 1985));
    posts.push({ org, member: p.id, post, since });
    ctx.holders.set(`${org}/${post}`, p.id);
  };
  appoint('c1', '书记', 'b1');
  appoint('c1', '副书记', 'b2');
  appoint('c1', '组织委员', 'b4');
  appoint('c1', '纪检委员', 'b5');
  appoint('g1', '书记', 'b2');
  appoint('g2', '书记', 'b5');
  for (const b of BRANCHES) for (const post of BRANCH_POSTS) appoint(b, post, b);
  // Each 党小组 is led by one of its branch's leaders (the 组织委员 the first, the 党务工作者 the
  // second): no new person, so nothing more is drawn from the generator. The 党小组长 plans and
  // records the group's monthly 党小组会 (条例第十四条; orglife RECORDERS).
  for (const b of BRANCHES)
    for (const [g, post] of [
      [1, '组织委员'],
      [2, '党务工作者'],
    ] as const) {
      const org = `${b}-g${g}`;
      const member = ctx.holder(`${b}/${post}`);
      posts.push({ org, member, post: '党小组长', since: b === 'b6' ? overdueTerm : termStart });
      ctx.holders.set(`${org}/党小组长`, member);
    }
  return { posts, leaders: [...ctx.people] };
}

/** The leaders as genesis members, with the date their Party age counts from. */
export function planGenesisMembers(ctx: PlanContext, leaders: readonly Person[]) {
  return leaders.map((p) => ({
    id: p.id,
    org: p.branch,
    address: p.address,
    status: '正式党员' as const,
    since: ctx.birthBetween(1990, 2012),
  }));
}
