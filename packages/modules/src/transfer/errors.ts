/**
 * Error registry of the transfer module. The article on 组织关系转接 in the 2019 条例 is cited as
 * 第二十八条 [verify]: RULES.md §5 gives the rule without its number.
 */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

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
    en: 'The membership is released to another chain and frozen here until that chain admits it or the release is reclaimed.',
    zh: '该党员组织关系已转出至其他链，在对方接收或本支部收回转出之前已冻结。',
    cite: TRANSFER_CITE,
  },
  SAME_CHAIN: {
    code: 'TRANSFER_SAME_CHAIN',
    en: 'A transfer out names another chain; within this chain use requestTransfer.',
    zh: '转出须指向其他链；本链内转接请使用组织关系转接申请。',
  },
  RELEASE_FINAL: {
    code: 'TRANSFER_RELEASE_FINAL',
    en: 'A release to another chain cannot be withdrawn: the receiving chain may already have admitted the member. After the release expires, reclaim it with a proof from the receiving chain that it did not.',
    zh: '转出至其他链后不能撤回（对方链可能已经接收）；转出有效期满后，可凭对方链未接收的证明收回。',
    cite: TRANSFER_CITE,
  },
  RELEASE_NOT_EXPIRED: {
    code: 'TRANSFER_RELEASE_NOT_EXPIRED',
    en: "The release is still valid: reclaim it only with an anchored header of the receiving chain dated after the release's last valid day.",
    zh: '转出仍在有效期内：须以对方链有效期满之后的锚定区块头证明，方可收回。',
    cite: TRANSFER_CITE,
  },
  RECLAIM_NOT_ANCHORED: {
    code: 'TRANSFER_RECLAIM_NOT_ANCHORED',
    en: 'This chain holds no anchored header of the receiving chain at that height: register the receiving chain and anchor its header first.',
    zh: '本链没有对方链在该高度的锚定区块头：请先登记对方链并锚定其区块头。',
  },
  RECLAIM_NOT_PROVED: {
    code: 'TRANSFER_RECLAIM_NOT_PROVED',
    en: 'The proof does not show the receiving chain without an admission of this release at that anchored header: the member may have been admitted there.',
    zh: '所附证明不能证明对方链在该锚定区块头时未接收此次转出：该党员可能已被对方接收。',
    cite: TRANSFER_CITE,
  },
  NOT_RELEASED: {
    code: 'TRANSFER_NOT_RELEASED',
    en: 'Only a release to another chain that is still in force can be reclaimed.',
    zh: '只有仍有效的转出至其他链的记录才能收回。',
  },
  CASE_OPEN: {
    code: 'TRANSFER_CASE_OPEN',
    en: 'The member has a discipline case awaiting approval: it is decided before the membership leaves this chain.',
    zh: '该党员有待批准的纪律处分案件，须办结后方可转出至其他链。',
    cite: TRANSFER_CITE,
  },
  REASON_REQUIRED: {
    code: 'TRANSFER_REASON_REQUIRED',
    en: 'A transfer may not be refused without a stated reason.',
    zh: '无正当理由不得拒绝接收党员组织关系，拒绝时须说明理由。',
    cite: TRANSFER_CITE,
  },
} as const;
