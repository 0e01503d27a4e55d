/**
 * Permissions as data: each action lists the posts and relations allowed to call it, and one pure
 * function decides. The same data generates the permission matrix in docs/permissions.md.
 */

/** Posts held in an organization (appointed or elected). */
export const ORG_POSTS = [
  '书记',
  '副书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '党务工作者',
  '党小组长',
] as const;
export type OrgPost = (typeof ORG_POSTS)[number];
/** Posts of a 支部委员会 / 党委 (elected at 换届). */
export const COMMITTEE_POSTS: readonly OrgPost[] = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];
/**
 * Matrix columns: the org posts, the contact person of a candidate, the subject member, and the
 * superior body named in genesis (above the top 党委, `org.superior`).
 */
export const MATRIX_COLUMNS = [
  ...ORG_POSTS,
  '培养联系人',
  '本人',
  '创世上级',
  '县级纪委',
  '居民',
  '居民代表',
] as const;
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

/**
 * One way to be allowed:
 * - posts held in the target organization ('org') or in its nearest superior 党委 ('superiorCommittee');
 * - 'self': the subject member, signing with their own current key — never by proxy;
 * - 'clerkEntry': a 党务工作者 of the subject's organization entering data the member supplied
 *   (ctx.onBehalfOf is the member), marked in the event. Data entry only: no action that touches the
 *   member's key, posts or consent (applications, votes) lists it (docs/threat-model.md);
 * - 'contact': an assigned 培养联系人 of the candidate;
 * - 'chainSuperior': the superior body named in genesis (`org.superior`), the only one above the top 党委;
 * - 'commission': the county-level (or higher) discipline commission named in genesis
 *   (`discipline.commission`), which alone approves expulsions and reserved cases (党章第四十二条).
 * - 'validatorNode': a validator of the current set, signing with its node key (evidence of
 *   equivocation: the validators' machines are the ones that see the messages).
 * - 'resident': a resident (群众) signing with the key the community's clerk bound after an in-person
 *   check (`resident.bind`); 'representative': such a resident designated 居民代表 by a recorded act.
 *   Neither is a post: they reach only the resident module's own acts (comments, votes) and the
 *   service centre's orders (service module).
 */
export type PermissionRule =
  | { readonly posts: readonly OrgPost[]; readonly of: 'org' | 'superiorCommittee' }
  | { readonly of: 'self' }
  | { readonly of: 'clerkEntry' }
  | { readonly of: 'contact' }
  | { readonly of: 'chainSuperior' }
  | { readonly of: 'commission' }
  | { readonly of: 'validatorNode' }
  | { readonly of: 'resident' }
  | { readonly of: 'representative' };

export type Permission = readonly PermissionRule[];

/** What the chain knows about the signer relative to the action's target. */
export interface ActorFacts {
  /** Active posts of the signer in the target organization. */
  readonly postsInOrg: readonly OrgPost[];
  /** Active posts of the signer in the target's superior 党委. */
  readonly postsInSuperior: readonly OrgPost[];
  /** The signer is the subject member. */
  readonly isSubject: boolean;
  /** The signer is a 党务工作者 of the subject's organization acting on the subject's behalf. */
  readonly clerkOnBehalf: boolean;
  /** The signer is an assigned 培养联系人 of the subject. */
  readonly isContact: boolean;
  /** The signer's key is the superior body's named in genesis (`org.superior`). */
  readonly isChainSuperior: boolean;
  /** The signer's key is the discipline commission's named in genesis (`discipline.commission`). */
  readonly isCommission: boolean;
  /** The signer's key is a validator's of the current set (computed only for permissions that ask). */
  readonly isValidatorNode: boolean;
  /** The signer's key is a bound resident's (resident.bind, not unbound). */
  readonly isResident: boolean;
  /** The signer is a bound resident currently designated 居民代表. */
  readonly isRepresentative: boolean;
}

/** How the signer was allowed, or null. */
export type Grant =
  | { readonly via: 'org' | 'superiorCommittee'; readonly post: OrgPost }
  | {
      readonly via:
        | 'self'
        | 'onBehalf'
        | 'contact'
        | 'chainSuperior'
        | 'commission'
        | 'validatorNode'
        | 'resident'
        | 'representative';
    };

/** The one decision function: which rule (if any) lets this actor call. */
export function permits(permission: Permission, actor: ActorFacts): Grant | null {
  for (const rule of permission) {
    if (rule.of === 'self') {
      if (actor.isSubject) return { via: 'self' };
    } else if (rule.of === 'clerkEntry') {
      if (actor.clerkOnBehalf) return { via: 'onBehalf' };
    } else if (rule.of === 'contact') {
      if (actor.isContact) return { via: 'contact' };
    } else if (rule.of === 'chainSuperior') {
      if (actor.isChainSuperior) return { via: 'chainSuperior' };
    } else if (rule.of === 'commission') {
      if (actor.isCommission) return { via: 'commission' };
    } else if (rule.of === 'validatorNode') {
      if (actor.isValidatorNode) return { via: 'validatorNode' };
    } else if (rule.of === 'resident') {
      if (actor.isResident) return { via: 'resident' };
    } else if (rule.of === 'representative') {
      if (actor.isRepresentative) return { via: 'representative' };
    } else {
      const held = rule.of === 'org' ? actor.postsInOrg : actor.postsInSuperior;
      const post = rule.posts.find((p) => held.includes(p));
      if (post !== undefined) return { via: rule.of, post };
    }
  }
  return null;
}

/** Human-readable (zh-CN) statement of a permission, for errors and docs. */
export function describePermission(permission: Permission): string {
  return permission
    .map((r) => {
      if (r.of === 'self') return '本人（本人密钥签名）';
      if (r.of === 'clerkEntry') return '党务工作者代为录入（标明代办）';
      if (r.of === 'contact') return '培养联系人';
      if (r.of === 'chainSuperior') return '创世文件指定的上级党组织';
      if (r.of === 'commission') return '创世文件指定的县级以上纪律检查委员会';
      if (r.of === 'validatorNode') return '验证节点（以节点密钥签名）';
      if (r.of === 'resident') return '已绑定的居民（本人密钥签名）';
      if (r.of === 'representative') return '居民代表（本人密钥签名）';
      return `${r.of === 'org' ? '本组织' : '上级党委'}${r.posts.join('、')}`;
    })
    .join('；');
}

/** The matrix cell for one column: which scopes grant it ('' when none). */
export function matrixCell(permission: Permission, column: MatrixColumn): string {
  const scopes: string[] = [];
  for (const r of permission) {
    if (column === '本人' && r.of === 'self') scopes.push('本人');
    else if (column === '党务工作者' && r.of === 'clerkEntry') scopes.push('代办录入');
    else if (column === '培养联系人' && r.of === 'contact') scopes.push('所联系对象');
    else if (column === '创世上级' && r.of === 'chainSuperior') scopes.push('顶层党委之上');
    else if (column === '县级纪委' && r.of === 'commission') scopes.push('创世指定');
    else if (column === '居民' && r.of === 'resident') scopes.push('本人');
    else if (column === '居民代表' && r.of === 'representative') scopes.push('本人');
    else if ((r.of === 'org' || r.of === 'superiorCommittee') && r.posts.includes(column as OrgPost))
      scopes.push(r.of === 'org' ? '本组织' : '上级党委');
  }
  return scopes.join('、');
}
