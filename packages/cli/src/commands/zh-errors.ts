/**
 * Chinese text for coded errors: the modules' own registries (each entry has zh) and the node's
 * admission codes (packages/node/API.md). Unknown codes fall back to the English message given.
 */
import {
  DisciplineErrors,
  type ErrorSpec,
  EvidenceErrors,
  GovernanceErrors,
  MemberErrors,
  OrgErrors,
  RecruitmentErrors,
  TransferErrors,
} from '@djchain/modules';
import type { Lang } from '../i18n.ts';

const MODULE_ZH = new Map<string, string>();
for (const registry of [
  MemberErrors,
  OrgErrors,
  RecruitmentErrors,
  DisciplineErrors,
  TransferErrors,
  EvidenceErrors,
  GovernanceErrors,
]) {
  for (const spec of Object.values(registry) as ErrorSpec[]) MODULE_ZH.set(spec.code, spec.zh);
}

/** Admission and API codes of the node (API.md), in Chinese. */
const NODE_ZH: Readonly<Record<string, string>> = {
  TX_MALFORMED: '交易编码不正确。',
  MEMPOOL_TX_TOO_LARGE: '交易超过节点的大小上限。',
  MEMPOOL_DUPLICATE: '该交易已在等待上链，无需重复提交。',
  MEMPOOL_NONCE_TAKEN: '签名人已有一笔使用该序号的待上链交易。',
  MEMPOOL_NONCE_TOO_FAR: '交易序号超前太多，请先提交缺失的序号。',
  MEMPOOL_FULL: '节点交易池已满，请稍后重试。',
  RUNTIME_WRONG_CHAIN: '交易签给了另一条链。',
  RUNTIME_TX_EXPIRED: '交易已过期，请重新签名。',
  RUNTIME_BAD_SIGNATURE: '签名与签名人公钥不符。',
  RUNTIME_NONCE_USED: '该交易序号已在链上使用，请用下一个序号重新签名。',
  RUNTIME_UNKNOWN_MODULE: '链上没有这个模块。',
  RUNTIME_UNKNOWN_ACTION: '该模块没有这个操作。',
  RUNTIME_MODULE_FAILED: '模块解析参数时出错。',
  REQUEST_INVALID: '请求格式不正确。',
  ROUTE_NOT_FOUND: '节点没有这个接口，请检查地址和 API 版本。',
  TX_NOT_FOUND: '节点上找不到该交易。',
  TX_WAIT_TIMEOUT: '等待上链超时，请稍后再查。',
  HEIGHT_NOT_FOUND: '该高度还没有区块。',
  QUERY_NOT_FOUND: '没有这个模块或查询。',
  QUERY_FAILED: '查询参数被拒绝或查询失败。',
  ENTITY_NOT_FOUND: '该实体在链上没有历史记录，请检查编号。',
  NODE_UNAVAILABLE: '节点正在停止或已停止。',
  CLIENT_NETWORK: '无法连接节点。',
  CLIENT_CHAIN_MISMATCH: '节点运行的是另一条链。',
  CLIENT_SUITE_MISMATCH: '密码套件与链不符。',
  CLIENT_KEYSTORE_MALFORMED: '密钥文件格式不正确。',
  CLIENT_KEYSTORE_WEAK_KDF: '密钥文件的派生参数过弱（scrypt N 低于 2^15），请将密钥转存为新的密钥文件。',
};

/** The reason for `code` in `lang`; English falls back to the message the error carried. */
export function zhReason(lang: Lang, code: string, english: string): string {
  if (lang === 'en') return english;
  return MODULE_ZH.get(code) ?? NODE_ZH[code] ?? english;
}
