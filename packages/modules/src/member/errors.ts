/** Error registry of the member module. */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';
import { TRANSFER_CITE } from '../transfer/errors.ts';

export const MemberErrors = {
  ...baseErrors('MEMBER'),
  TRANSFER_NOT_ANCHORED: {
    code: 'MEMBER_TRANSFER_NOT_ANCHORED',
    en: "The sending chain's header at this height is not anchored here (register the chain and anchor the header first).",
    zh: '转出链在该高度的区块头未在本链锚定（须先登记该链并锚定区块头）。',
    cite: TRANSFER_CITE,
  },
  TRANSFER_DOSSIER_MISMATCH: {
    code: 'MEMBER_TRANSFER_DOSSIER_MISMATCH',
    en: "The release or the member's history does not match the anchored header's state root.",
    zh: '转出记录或党员档案与已锚定区块头的状态根不符。',
    cite: TRANSFER_CITE,
  },
  TRANSFER_NOT_RELEASED: {
    code: 'MEMBER_TRANSFER_NOT_RELEASED',
    en: 'The sending chain has not released this membership to this chain and branch.',
    zh: '转出链未将该党员组织关系转至本链本支部。',
    cite: TRANSFER_CITE,
  },
  TRANSFER_RELEASE_EXPIRED: {
    code: 'MEMBER_TRANSFER_RELEASE_EXPIRED',
    en: 'The release is past its last valid day: the sending branch reclaims it and issues a new one.',
    zh: '转出已过有效期：请原支部收回后重新办理转出。',
    cite: TRANSFER_CITE,
  },
  ID_TOO_LONG: {
    code: 'MEMBER_ID_TOO_LONG',
    en: 'The member id is too long to name the sanctions the transfer carries (id:sanction, at most 64 characters): choose a shorter id.',
    zh: '党员编号过长，无法为随转接带入的处分编号（编号:处分，最多64个字符），请改用较短的编号。',
  },
  TRANSFER_REPLAYED: {
    code: 'MEMBER_TRANSFER_REPLAYED',
    en: 'This release of the sending chain has already been admitted.',
    zh: '该转出记录已办理转入，不得重复使用。',
    cite: TRANSFER_CITE,
  },
  TRANSFER_SECOND_ADMISSION: {
    code: 'MEMBER_TRANSFER_SECOND_ADMISSION',
    en: 'This member of the sending chain has already been admitted here (by another release).',
    zh: '该党员已由转出链转入本链，不得二次转入。',
    cite: TRANSFER_CITE,
  },
  EXISTS: { code: 'MEMBER_EXISTS', en: 'A member with this id already exists.', zh: '该党员编号已存在。' },
  ADDRESS_IN_USE: {
    code: 'MEMBER_ADDRESS_IN_USE',
    en: 'This key address is registered to someone or was retired.',
    zh: '该密钥地址已被使用或已作废。',
  },
  ORG_NOT_BRANCH: {
    code: 'MEMBER_ORG_NOT_BRANCH',
    en: 'Membership is held in a branch (党支部).',
    zh: '党员组织关系应编入党支部。',
    cite: cite(DOC.constitution, 8),
  },
  NO_RECOVERY: {
    code: 'MEMBER_NO_RECOVERY',
    en: 'No key recovery is pending for this member.',
    zh: '该党员没有待审批的密钥恢复申请。',
  },
  RECOVERY_SELF: {
    code: 'MEMBER_RECOVERY_SELF',
    en: 'A key recovery is done by others: the member with their key rotates it themself (member.rotateKey).',
    zh: '密钥恢复须由他人办理；持有密钥的本人请自行更换密钥。',
  },
  RECOVERY_SAME_PARTY: {
    code: 'MEMBER_RECOVERY_SAME_PARTY',
    en: 'A key recovery needs two different people: the one who requested it cannot approve it.',
    zh: '密钥恢复须由两人分别申请和批准，申请人不能自行批准。',
  },
  RECOVERY_NEEDS_SUPERIOR: {
    code: 'MEMBER_RECOVERY_NEEDS_SUPERIOR',
    en: "The approver must hold 书记 or 组织委员 in an organization above every organization the member belongs to or holds a post in (for the top committee's post holders: the superior named in genesis).",
    zh: '批准人须在高于该党员所在组织及其任职组织的上级党组织担任书记或组织委员（顶层党委的任职人员由创世文件指定的上级党组织批准）。',
  },
  NO_AGE_CORRECTION: {
    code: 'MEMBER_NO_AGE_CORRECTION',
    en: 'No replacement of the age commitment is waiting for confirmation (or it names another commitment).',
    zh: '没有待确认的年龄承诺更正，或确认的承诺与待确认的不一致。',
  },
  AGE_SAME_PARTY: {
    code: 'MEMBER_AGE_SAME_PARTY',
    en: 'A replaced age commitment is confirmed by a second person, not by the one who proposed it.',
    zh: '更正年龄承诺须由另一人确认，提出更正的人不能自行确认。',
  },
  NOT_A_MEMBER: {
    code: 'MEMBER_NOT_A_MEMBER',
    en: 'The person is not a Party member (full or probationary) in good standing.',
    zh: '该人员不是在册的正式党员或预备党员。',
    cite: cite(DOC.constitution, 9),
  },
  NOT_SUSPENDED: {
    code: 'MEMBER_NOT_SUSPENDED',
    en: 'The member is not suspended.',
    zh: '该党员未停止党籍。',
  },
  TOO_EARLY: {
    code: 'MEMBER_TOO_EARLY',
    en: 'The period required by the rule has not yet passed.',
    zh: '尚未达到规定的期限。',
    cite: cite(DOC.education, 33),
  },
  GROUND_REQUIRED: {
    code: 'MEMBER_GROUND_REQUIRED',
    en: 'Treating a member as having left the Party needs a ground under Article 9 or two years of suspension.',
    zh: '认定自行脱党须符合党章第九条规定的情形或停止党籍满二年。',
    cite: cite(DOC.constitution, 9),
  },
} as const;
