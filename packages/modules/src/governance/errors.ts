/** Error registry of the governance module (codes are stable; zh-CN messages are shown in the UI). */

import { charterRule } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

const ADMISSION = charterRule('节点准入：由社区党委书记提出，经创世文件指定的审批方批准，两个区块后生效');
const APPROVAL = charterRule('节点准入审批方（governance.approval）');

export const GovernanceErrors = {
  ...baseErrors('GOVERNANCE'),
  UNKNOWN_ORG: {
    code: 'GOVERNANCE_UNKNOWN_ORG',
    en: 'The organization of the node is not registered on this chain.',
    zh: '该节点所属组织未在本链登记。',
    cite: ADMISSION,
  },
  DUPLICATE_KEY: {
    code: 'GOVERNANCE_DUPLICATE_KEY',
    en: 'This key is already a validator (or, for a new observer, already an observer).',
    zh: '该公钥已是验证节点（或已是观察节点，不能再登记为观察节点）。',
    cite: ADMISSION,
  },
  NOT_IN_SET: {
    code: 'GOVERNANCE_NOT_IN_SET',
    en: 'This key is not a node of the kind named (validator or observer).',
    zh: '该公钥不是所指类型的节点（验证节点或观察节点）。',
    cite: ADMISSION,
  },
  EMPTY_SET: {
    code: 'GOVERNANCE_EMPTY_SET',
    en: 'The change would leave no validator: the chain could make no further block.',
    zh: '该变更将使验证节点集合为空，链将无法继续出块。',
    cite: ADMISSION,
  },
  NO_CHANGE: {
    code: 'GOVERNANCE_NO_CHANGE',
    en: 'The validator already has this power.',
    zh: '该验证节点的投票权已是此值。',
    cite: ADMISSION,
  },
  PENDING_FOR_KEY: {
    code: 'GOVERNANCE_PENDING_FOR_KEY',
    en: 'Another proposal for this key is still pending.',
    zh: '该公钥已有待审批的变更提议。',
    cite: ADMISSION,
  },
  UNKNOWN_PROPOSAL: {
    code: 'GOVERNANCE_UNKNOWN_PROPOSAL',
    en: 'There is no proposal with this number.',
    zh: '不存在该编号的提议。',
  },
  NOT_PENDING: {
    code: 'GOVERNANCE_NOT_PENDING',
    en: 'The proposal has already been applied.',
    zh: '该提议已生效，不能再审批。',
    cite: ADMISSION,
  },
  EXPIRED: {
    code: 'GOVERNANCE_EXPIRED',
    en: 'The proposal expired before it was approved.',
    zh: '该提议已过期。',
    cite: ADMISSION,
  },
  WRONG_APPROVER: {
    code: 'GOVERNANCE_WRONG_APPROVER',
    en: 'The signer is not the approval body named in genesis (the superior body’s key, or the 书记 of an organization running a validator).',
    zh: '签名人不是创世文件指定的审批方（上级组织密钥，或运行验证节点的组织的书记）。',
    cite: APPROVAL,
  },
  ALREADY_APPROVED: {
    code: 'GOVERNANCE_ALREADY_APPROVED',
    en: 'This body has already approved the proposal.',
    zh: '该审批方已批准过此提议。',
    cite: APPROVAL,
  },
} as const;
