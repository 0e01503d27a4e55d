/**
 * The rank of a Party post, to compare posts for the sanction bars of 《中国共产党纪律处分条例》:
 * 第十条 "不得在党内提升职务" (a new post ranked above the one held when sanctioned is a promotion),
 * 第十一条 and 第十二条 "不得在党内担任与其原任职务相当或者高于其原任职务的职务" (equal or higher).
 *
 * rank = 10 × level of the organization + level of the post in it. An organization higher in the
 * hierarchy outranks any post below it (党委 > 党总支 > 党支部 > 党小组: 党章第三十条); inside one, 书记 >
 * 副书记 > 委员 (组织、宣传、纪检) > 党务工作者. A 党小组长 leads the group (the top post of the lowest
 * level). Rank 0 means "no post": every post is higher, so a member who held none when a bar began
 * may take no post that the bar forbids (an equal-or-higher bar then forbids all posts).
 */
import type { OrgPost } from '../permissions/rules.ts';
import type { OrgKind } from './store.ts';

const ORG_LEVEL: { readonly [K in OrgKind]: number } = { 党小组: 1, 党支部: 2, 党总支: 3, 党委: 4 };
const POST_LEVEL: { readonly [P in OrgPost]: number } = {
  党务工作者: 1,
  组织委员: 2,
  宣传委员: 2,
  纪检委员: 2,
  副书记: 3,
  党小组长: 4,
  书记: 4,
};

export function postRank(kind: OrgKind, post: OrgPost): number {
  return 10 * ORG_LEVEL[kind] + POST_LEVEL[post];
}
