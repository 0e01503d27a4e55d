/**
 * Error registry of the transfer module. The article on 组织关系转接 in the 2019 条例 is cited as
 * 第二十八条 [verify]: RULES.md §5 gives the rule without its number.
 */
import { baseErrors } from '../common/action.ts';
import { cite, DOC } from '../common/cites.ts';

export const TRANSFER_CITE = cite(DOC.education, 28);

export const TransferErrors = {
  ...baseErrors('TRANSFER'),
  EXISTS: { code: 'TRANSFER_EXISTS', en: 'A transfer with this id exists.', zh: '该转接编号已存在。' },
  NOT_A_MEMBER: {
    code: 'TRANSFER_NOT_A_MEMBER',
    en: 'Only a Party member (full or probationary) in good standing transfers membership.',
    zh: '只有正式党员或预备党员才能转接组织关系。',
    cite: TRANSFER_CITE,
  },
  SAME_ORG: {
    code: 'TRANSFER_SAME_ORG',
    en: 'The receiving branch is the one already holding the membership.',
    zh: '转入党支部与现所在党支部相同。',
  },
  NOT_A_BRANCH: {
    code: 'TRANSFER_NOT_A_BRANCH',
    en: 'Membership is transferred to a branch (党支部).',
    zh: '组织关系应转入党支部。',
    cite: cite(DOC.constitution, 8),
  },
  PENDING: {
    code: 'TRANSFER_PENDING',
    en: 'The member already has a transfer awaiting acceptance.',
    zh: '该党员已有待接收的组织关系转接。',
  },
  NOT_PENDING: {
    code: 'TRANSFER_NOT_PENDING',
    en: 'The transfer is not awaiting acceptance.',
    zh: '该转接不处于待接收状态。',
  },
  FROZEN: {
    code: 'TRANSFER_FROZEN',
    en: 'The membership is released to another chain and frozen here until the release is withdrawn.',
    zh: '该党员组织关系已转出至其他链，在撤回转出之前已冻结。',
    cite: TRANSFER_CITE,
  },
  SAME_CHAIN: {
    code: 'TRANSFER_SAME_CHAIN',
    en: 'A transfer out names another chain; within this chain use requestTransfer.',
    zh: '转出须指向其他链；本链内转接请使用组织关系转接申请。',
  },
  REASON_REQUIRED: {
    code: 'TRANSFER_REASON_REQUIRED',
    en: 'A transfer may not be refused without a stated reason.',
    zh: '无正当理由不得拒绝接收党员组织关系，拒绝时须说明理由。',
    cite: TRANSFER_CITE,
  },
} as const;
