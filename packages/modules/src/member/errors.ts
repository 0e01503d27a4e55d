/** Error registry of the member module. */
import { baseErrors } from '../common/action.ts';
import { cite, DOC } from '../common/cites.ts';

export const MemberErrors = {
  ...baseErrors('MEMBER'),
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
