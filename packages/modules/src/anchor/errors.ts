/**
 * Error registry of the anchor module (a parent chain following its child chains' headers). The
 * light-client refusals carry the rule of the consortium charter that a header is final only under
 * the commit of more than 2/3 of its chain's validator set, that set named by the header before.
 */

import { charterRule } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

const LIGHT = charterRule(
  '锚定规则：下级链区块头须经其验证节点集合三分之二以上投票权签署，集合变更须由上一区块头指明',
);
const REGISTER = charterRule('锚定规则：下级链由上级党委登记（链标识、密码套件、创世验证节点集合）');

export const AnchorErrors = {
  ...baseErrors('ANCHOR'),
  BAD_PARAMS: {
    code: 'ANCHOR_BAD_PARAMS',
    en: 'Parameters have the wrong shape (a header, its commit certificate and validator sets in their ledger form).',
    zh: '参数格式不正确（应为区块头、提交证书及验证节点集合的账本格式）。',
  },
  SAME_CHAIN: {
    code: 'ANCHOR_SAME_CHAIN',
    en: 'A chain does not anchor itself.',
    zh: '本链不能登记为自己的下级链。',
    cite: REGISTER,
  },
  TRUST_EXPIRED: {
    code: 'ANCHOR_TRUST_EXPIRED',
    en: "The last trusted header of this child is older than its trusting period: its former validators' keys can no longer be relied on. Two of the committee (书记, 副书记, 组织委员) register it again with its current validator set.",
    zh: '该下级链最近一次受信区块头已超过信任期，其原验证节点的密钥不再可信：请由党委书记、副书记、组织委员中的两人以其现行验证节点集合重新登记。',
    cite: LIGHT,
  },
  TOO_SOON: {
    code: 'ANCHOR_TOO_SOON',
    en: 'A header less than 10 minutes (child time) after the latest anchor is not anchored, unless it changes the validator set: anchor a later one.',
    zh: '距最近一次锚定不足10分钟（下级链时间）的区块头不予锚定（验证节点集合变更的除外），请锚定稍后的区块头。',
  },
  UNKNOWN_CHAIN: {
    code: 'ANCHOR_UNKNOWN_CHAIN',
    en: 'No child chain with this id is registered.',
    zh: '未登记该下级链。',
    cite: REGISTER,
  },
  CHAIN_MISMATCH: {
    code: 'ANCHOR_CHAIN_MISMATCH',
    en: 'The header is for another chain than the one named.',
    zh: '区块头所属链与所申报的下级链不一致。',
    cite: LIGHT,
  },
  STALE: {
    code: 'ANCHOR_STALE',
    en: 'A header at or below the latest anchored height is not anchored again.',
    zh: '该高度不高于已锚定的最新高度，不再锚定。',
  },
  BAD_VALIDATORS: {
    code: 'ANCHOR_BAD_VALIDATORS',
    en: 'The given validator set is not the one the header names.',
    zh: '所附验证节点集合与区块头所记载的不一致。',
    cite: LIGHT,
  },
  NEXT_SET_MISSING: {
    code: 'ANCHOR_NEXT_SET_MISSING',
    en: 'The header names a different next validator set: it must be supplied (and hash to nextValidatorsHash).',
    zh: '区块头指明了新的下一验证节点集合，须一并提交该集合（其哈希须与 nextValidatorsHash 一致）。',
    cite: LIGHT,
  },
  NOT_LINKED: {
    code: 'ANCHOR_NOT_LINKED',
    en: 'The header does not link to the latest anchored header.',
    zh: '区块头未与最新锚定的区块头相衔接。',
    cite: LIGHT,
  },
  UNTRUSTED_VALIDATORS: {
    code: 'ANCHOR_UNTRUSTED_VALIDATORS',
    en: 'The signing set is not the one the anchored headers named, nor signed by more than 1/3 of it: anchor the header that named the change first.',
    zh: '签署集合既非已锚定区块头指明的集合，其签署者也未超过该集合三分之一投票权：请先锚定指明集合变更的区块头。',
    cite: LIGHT,
  },
  COMMIT_SHORT: {
    code: 'ANCHOR_COMMIT_SHORT',
    en: 'The commit certificate holds no more than 2/3 of the voting power.',
    zh: '提交证书的签署投票权未超过三分之二。',
    cite: LIGHT,
  },
  BAD_SIGNATURE: {
    code: 'ANCHOR_BAD_SIGNATURE',
    en: 'A precommit signature of the commit certificate does not verify.',
    zh: '提交证书中的预提交签名验证失败。',
    cite: LIGHT,
  },
  BAD_COMMIT: {
    code: 'ANCHOR_BAD_COMMIT',
    en: 'The commit certificate is not for this header.',
    zh: '提交证书不是该区块头的证书。',
    cite: LIGHT,
  },
} as const;
