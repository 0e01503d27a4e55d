/** Error registry of the evidence module (codes are stable; zh-CN messages are shown in the UI). */

import { charterRule } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

const CONSENSUS = charterRule('共识规则：一个验证节点对同一高度、轮次、步骤只签一条消息');
const JAIL = charterRule('节点停权：双重签名经链上证据证明的验证节点自动停权');

export const EvidenceErrors = {
  ...baseErrors('EVIDENCE'),
  BAD_PARAMS: {
    code: 'EVIDENCE_BAD_PARAMS',
    en: 'first and second must be two signed votes (or two signed proposals).',
    zh: '证据应为两条已签名的投票（或两条已签名的提案）。',
  },
  NOT_PERMITTED: {
    code: 'EVIDENCE_NOT_PERMITTED',
    en: 'Only a validator node, signing with its node key, submits evidence.',
    zh: '只有验证节点（以节点密钥签名）可以提交证据。',
  },
  NOT_CONFLICTING: {
    code: 'EVIDENCE_NOT_CONFLICTING',
    en: 'The two messages are not two different signed messages of one validator for one height, round and step.',
    zh: '两条消息不是同一验证节点在同一高度、轮次、步骤上签署的不同消息。',
    cite: CONSENSUS,
  },
  FUTURE: {
    code: 'EVIDENCE_FUTURE',
    en: 'The messages are for a height the chain has not reached.',
    zh: '消息所属高度尚未到达。',
    cite: CONSENSUS,
  },
  BAD_SIGNATURE: {
    code: 'EVIDENCE_BAD_SIGNATURE',
    en: 'A signature of the evidence does not verify.',
    zh: '证据中的签名验证失败。',
    cite: CONSENSUS,
  },
  NOT_VALIDATOR: {
    code: 'EVIDENCE_NOT_VALIDATOR',
    en: 'The signer of the messages is neither a validator nor a jailed validator of this chain.',
    zh: '消息签署者不是本链的验证节点（也不是已停权的验证节点）。',
    cite: JAIL,
  },
  DUPLICATE: {
    code: 'EVIDENCE_DUPLICATE',
    en: 'This equivocation is already recorded.',
    zh: '该双重签名证据已记录。',
  },
  /** Not a refusal of the transaction: recorded on the evidence when jailing would empty the set. */
  JAIL_EMPTY_SET: {
    code: 'EVIDENCE_JAIL_EMPTY_SET',
    en: 'Proven, but not jailed: the offender is the last validator and the set may not become empty.',
    zh: '证据成立，但未停权：该节点是最后一个验证节点，验证节点集合不能为空。',
    cite: JAIL,
  },
} as const;
