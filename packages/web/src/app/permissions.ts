/**
 * Who may perform each recruitment action, as the chain decides it (docs/permissions.md). The web
 * layer may not import @djchain/modules (scripts/check-layers.ts), so the recruitment rows are
 * copied here in the modules' own shape; test/web.test.ts fails when they drift from
 * `permissionMatrix()`. 本组织 = a post in the candidate's own organization (branch);
 * 上级党委 = a post in the nearest 党委 above it.
 */
import type { Chain } from './chain.ts';

export type PermissionRule =
  | { readonly posts: readonly string[]; readonly of: 'org' | 'superiorCommittee' }
  | { readonly of: 'self' }
  | { readonly of: 'clerkEntry' }
  | { readonly of: 'contact' }
  | { readonly of: 'chainSuperior' };

export type Permission = readonly PermissionRule[];

const BRANCH_LEADS = ['书记', '组织委员'] as const;
const COMMITTEE = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'] as const;
const org = (posts: readonly string[]): PermissionRule => ({ posts, of: 'org' });
const superior = (posts: readonly string[]): PermissionRule => ({ posts, of: 'superiorCommittee' });

export const RECRUITMENT_PERMISSIONS: { readonly [action: string]: Permission } = {
  apply: [{ of: 'self' }],
  talk: [org(COMMITTEE)],
  nameActivist: [org(BRANCH_LEADS)],
  fileActivist: [superior(BRANCH_LEADS)],
  assignContacts: [org(BRANCH_LEADS)],
  recordAssessment: [{ of: 'contact' }, org(BRANCH_LEADS)],
  addMaterial: [{ of: 'self' }, { of: 'clerkEntry' }, org([...BRANCH_LEADS, '党务工作者'])],
  startPublicity: [org(BRANCH_LEADS)],
  nameCandidate: [org(BRANCH_LEADS)],
  fileCandidate: [superior(BRANCH_LEADS)],
  setIntroducers: [org(BRANCH_LEADS)],
  politicalReview: [org(BRANCH_LEADS), superior(['组织委员'])],
  recordTraining: [superior(BRANCH_LEADS)],
  committeeReview: [org(['书记'])],
  preReview: [superior(BRANCH_LEADS)],
  issueForm: [superior(BRANCH_LEADS)],
  admissionVote: [org(['书记'])],
  superiorTalk: [superior(COMMITTEE)],
  approveAdmission: [superior(BRANCH_LEADS)],
  fileAdmission: [superior(BRANCH_LEADS)],
  assignGroup: [org(BRANCH_LEADS)],
  takeOath: [org(BRANCH_LEADS)],
  applyConversion: [{ of: 'self' }],
  // The 转正公示 where a local rule asks for one (issue 16): the branch publicizes, the vote waits.
  startConversionPublicity: [org(BRANCH_LEADS)],
  conversionVote: [org(['书记'])],
  approveConversion: [superior(BRANCH_LEADS)],
  archive: [org([...BRANCH_LEADS, '党务工作者'])],
  // A probationary member's breach (条例第三十六条): the branch decides, the 党委 approves (issue 12).
  probationDiscipline: [org(['书记', '纪检委员'])],
  approveProbationDiscipline: [superior(BRANCH_LEADS)],
  setLocalRules: [org(['书记'])],
  adoptVersion: [org(['书记'])],
};

/** Who performs a step, for a to-do the chosen post cannot do itself. */
export type Performer = 'org' | 'superiorCommittee' | 'self' | 'contact';

/** The post acted in and, for a case, its branch and the nearest 党委 above that branch. */
export interface PostScope {
  readonly org: string;
  readonly post: string;
}

/**
 * True when holding `post` in `scope.org` lets the signer perform `action` on a candidate of
 * `branch`, whose nearest superior 党委 is `superiorOrg` (null when there is none). Relations
 * (self, contact) are not posts: a post never grants them here.
 */
export function postMayPerform(
  action: string,
  scope: PostScope,
  branch: string,
  superiorOrg: string | null,
): boolean {
  const permission = RECRUITMENT_PERMISSIONS[action];
  if (!permission) return false;
  return permission.some((r) => {
    if (r.of !== 'org' && r.of !== 'superiorCommittee') return false;
    const where = r.of === 'org' ? branch : superiorOrg;
    return where !== null && where === scope.org && r.posts.includes(scope.post);
  });
}

/** The scope that performs `action` when the chosen post cannot: the first rule's. */
export function performerOf(action: string): Performer {
  const of = RECRUITMENT_PERMISSIONS[action]?.[0]?.of ?? 'org';
  // A clerk's data entry is for the member; the genesis superior stands above the top 党委.
  return of === 'clerkEntry' ? 'self' : of === 'chainSuperior' ? 'superiorCommittee' : of;
}

/** The nearest 党委 above `org` (its parent, or further up), as the chain finds it; null at the top. */
export async function superiorCommitteeOf(chain: Chain, org: string): Promise<string | null> {
  let cur = await chain.org(org);
  // Bounded like the chain's own walk (org/store.ts superiorCommittee): 32 levels at most.
  for (let depth = 0; cur && depth < 32; depth++) {
    if (cur.parent === null) return null;
    const parent = await chain.org(cur.parent);
    if (!parent) return null;
    if (parent.kind === '党委') return parent.id;
    cur = parent;
  }
  return null;
}
