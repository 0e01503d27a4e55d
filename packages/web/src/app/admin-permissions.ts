/**
 * Who may perform the organization and member actions, as the chain decides it (docs/permissions.md).
 * The web layer may not import @djchain/modules, so the rows are copied in the modules' own shape;
 * test/admin.test.ts fails when they drift from `permissionMatrix()`. The forms use them to say who
 * does an action and to warn before a submission the chain would refuse; the chain still decides.
 */
import type { Permission, PermissionRule } from './permissions.ts';

const LEADS = ['书记', '组织委员'] as const;
const PUBLISHERS = ['书记', '组织委员', '宣传委员'] as const;
const SECRETARIES = ['书记', '副书记'] as const;
const org = (posts: readonly string[]): PermissionRule => ({ posts, of: 'org' });
const superior = (posts: readonly string[]): PermissionRule => ({ posts, of: 'superiorCommittee' });

export const ADMIN_PERMISSIONS: { readonly [moduleAction: string]: Permission } = {
  'org.createOrg': [org(LEADS)],
  'org.appointPost': [org(LEADS)],
  'org.electCommittee': [superior(LEADS)],
  'org.endPost': [org(['书记']), superior(LEADS)],
  'member.register': [org([...LEADS, '党务工作者'])],
  'member.importMember': [superior(LEADS)],
  'member.rotateKey': [{ of: 'self' }],
  'member.requestKeyRecovery': [org(LEADS), superior(LEADS)],
  'member.approveKeyRecovery': [superior(LEADS), { of: 'chainSuperior' }],
  'member.suspend': [org(LEADS)],
  'member.restore': [org(LEADS)],
  'member.removeMember': [superior(LEADS)],
  // Issue 16's forms: 党务公开 (第十五条), 四议两公开 and 居民代表, 重大事项请示报告.
  'disclosure.publish': [org(PUBLISHERS)],
  'disclosure.correct': [org(PUBLISHERS)],
  'disclosure.withdraw': [org(PUBLISHERS)],
  'resident.propose': [org(SECRETARIES)],
  'resident.deliberate': [org(SECRETARIES)],
  'resident.review': [org(SECRETARIES)],
  'resident.openVote': [org(SECRETARIES)],
  'resident.closeVote': [org(SECRETARIES)],
  'resident.publishResolution': [org([...SECRETARIES, '宣传委员', '党务工作者'])],
  'resident.publishResult': [org([...SECRETARIES, '宣传委员', '党务工作者'])],
  'resident.designate': [org(SECRETARIES)],
  'resident.revoke': [org(SECRETARIES)],
  'declaration.fileRequest': [org(SECRETARIES)],
  'declaration.receiveRequest': [org([...SECRETARIES, '组织委员', '党务工作者'])],
  'declaration.answerRequest': [org(SECRETARIES)],
};

/**
 * True when holding `post` in `scope.org` lets the signer perform `action` on organization `target`,
 * whose nearest 党委 above is `superiorOrg`. Relations (self, the genesis superior) are not posts.
 */
export function postMayAct(
  action: string,
  scope: { readonly org: string; readonly post: string },
  target: string,
  superiorOrg: string | null,
): boolean {
  return (ADMIN_PERMISSIONS[action] ?? []).some((r) => {
    if (r.of !== 'org' && r.of !== 'superiorCommittee') return false;
    const where = r.of === 'org' ? target : superiorOrg;
    return where !== null && where === scope.org && r.posts.includes(scope.post);
  });
}

/** Who performs `action`, in words: "本组织书记、组织委员；上级党委书记、组织委员". */
export function whoMay(action: string, lang: 'zh' | 'en'): string {
  const parts = (ADMIN_PERMISSIONS[action] ?? []).map((r) => {
    if (r.of === 'org') return `${lang === 'zh' ? '本组织' : 'the organization’s '}${r.posts.join('、')}`;
    if (r.of === 'superiorCommittee')
      return `${lang === 'zh' ? '上级党委' : 'the superior 党委’s '}${r.posts.join('、')}`;
    if (r.of === 'self') return lang === 'zh' ? '本人（本人密钥签名）' : 'the member, with their own key';
    if (r.of === 'chainSuperior')
      return lang === 'zh' ? '创世文件指定的上级党组织' : 'the superior named in genesis';
    return '';
  });
  return parts.filter((p) => p !== '').join(lang === 'zh' ? '；' : '; ');
}
