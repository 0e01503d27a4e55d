/**
 * Texts of the coded errors other packages raise and the CLI prints: the node's API and admission
 * codes (English from the node's registry, API_ERRORS), the runtime's, the client's and the node's
 * own. The modules' and the sealed-data service's registries carry both languages themselves.
 */
import type { ApiErrorCode } from '@djchain/node/light';

type Texts = { readonly 'zh-CN': string; readonly en: string };

/** Chinese for the API's codes other than the runtime's; English is API_ERRORS[code].message. */
export const API_ZH: { readonly [C in Exclude<ApiErrorCode, `RUNTIME_${string}`>]: string } = {
  REQUEST_INVALID: '请求格式不正确。',
  REQUEST_TIMEOUT: '请求未能在规定时间内送达节点，连接已关闭，请重试。',
  PAYLOAD_TOO_LARGE: '请求内容过大。',
  ROUTE_NOT_FOUND: '节点没有这个接口，请检查地址和 API 版本。',
  TX_NOT_FOUND: '节点上找不到该交易。',
  TX_WAIT_TIMEOUT: '等待上链超时，请稍后再查。',
  HEIGHT_NOT_FOUND: '该高度还没有区块。',
  STATE_VERSION_PRUNED: '该高度的状态已被裁剪，请查询较新的高度。',
  QUERY_NOT_FOUND: '没有这个模块或查询。',
  QUERY_FAILED: '查询参数被拒绝或查询失败。',
  ENTITY_NOT_FOUND: '该实体在链上没有历史记录，请检查编号。',
  EVENTS_TOO_MANY_CLIENTS: '节点的事件订阅已达上限，请稍后再试。',
  AUTH_REQUIRED: '请先登录（签名认证）后再读取。',
  AUTH_SESSION_EXPIRED: '会话已失效，请重新登录。',
  AUTH_CHALLENGE_UNKNOWN: '认证挑战不存在、已使用或已过期，请重新登录。',
  AUTH_SIGNATURE_INVALID: '认证挑战上的签名无效。',
  AUTH_TOO_MANY: '未完成的认证或会话过多，请稍后再试。',
  READ_FORBIDDEN: '无权读取该内容。',
  RATE_LIMITED: '请求过于频繁，请稍后再试。',
  EVENTS_CLIENT_LIMIT: '本客户端的事件订阅已达上限。',
  NODE_UNAVAILABLE: '节点正在停止或已停止。',
  ATTACHMENT_NOT_FOUND: '链上没有登记该哈希的附件。',
  ATTACHMENT_TOO_LARGE: '附件超过本节点接收的大小上限（配置项 attachments.maxBytes）。',
  ATTACHMENT_SIZE_MISMATCH: '附件内容的大小与链上登记的不一致。',
  ATTACHMENT_HASH_MISMATCH: '附件内容的哈希（SHA-256）与链上登记的不一致，未予保存。',
  ATTACHMENT_WRONG_NODE: '本节点所属组织无权保存该附件，请在有权阅读的组织的节点上传。',
  ATTACHMENT_UNAVAILABLE: '本节点尚未保存该附件内容，其他节点也未能提供：请先上传，或稍后再试。',
  INTERNAL: '节点内部错误。',
  TX_MALFORMED: '交易编码不正确。',
  MEMPOOL_TX_TOO_LARGE: '交易超过节点的大小上限。',
  MEMPOOL_DUPLICATE: '该交易已在等待上链，无需重复提交。',
  MEMPOOL_NONCE_TAKEN: '签名人已有一笔使用该序号的待上链交易。',
  MEMPOOL_NONCE_TOO_FAR: '交易序号超前太多，请先提交缺失的序号。',
  MEMPOOL_FULL: '节点交易池已满，请稍后重试。',
  MEMPOOL_NEW_KEY_LIMIT: '未登记的密钥待上链交易已达上限，请等已提交的交易上链后再提交。',
};

/** Every runtime code (RUNTIME_ERROR_CODES), both languages. */
export const RUNTIME_TEXTS = {
  RUNTIME_WRONG_CHAIN: { 'zh-CN': '交易签给了另一条链。', en: 'The transaction is for another chain.' },
  RUNTIME_TX_EXPIRED: { 'zh-CN': '交易已过期，请重新签名。', en: 'The transaction expired; sign it again.' },
  RUNTIME_BAD_SIGNATURE: { 'zh-CN': '签名与签名人公钥不符。', en: 'The signature does not verify.' },
  RUNTIME_BAD_NONCE: {
    'zh-CN': '交易序号不是签名人的下一个序号。',
    en: "The nonce is not the signer's next nonce.",
  },
  RUNTIME_NONCE_USED: {
    'zh-CN': '该交易序号已在链上使用，请用下一个序号重新签名。',
    en: 'The nonce is already used; sign again with the next one.',
  },
  RUNTIME_UNKNOWN_MODULE: { 'zh-CN': '链上没有这个模块。', en: 'No such module.' },
  RUNTIME_UNKNOWN_ACTION: { 'zh-CN': '该模块没有这个操作。', en: 'No such action.' },
  RUNTIME_UNKNOWN_SIGNER: {
    'zh-CN': '签名人不是链上登记的账户（既非验证节点，也非已绑定密钥的党员），不能提交此操作。',
    en: 'The signer is not a registered account (neither a validator nor a member’s bound key).',
  },
  RUNTIME_UNKNOWN_QUERY: { 'zh-CN': '该模块没有这个查询。', en: 'No such query.' },
  RUNTIME_MODULE_FAILED: {
    'zh-CN': '模块解析参数时出错。',
    en: 'The module failed to parse the parameters.',
  },
  RUNTIME_WRITE_IN_VERIFY: {
    'zh-CN': '模块在校验阶段试图写入状态（模块缺陷）。',
    en: 'A module tried to write during verify (a module defect).',
  },
  RUNTIME_BAD_KEY: {
    'zh-CN': '模块使用了无效的状态键（模块缺陷）。',
    en: 'A module used an invalid state key.',
  },
  RUNTIME_BAD_VALUE: { 'zh-CN': '模块写入了无效的值（模块缺陷）。', en: 'A module wrote an invalid value.' },
  RUNTIME_BAD_EVENT: {
    'zh-CN': '模块发出了无效的事件（模块缺陷）。',
    en: 'A module emitted an invalid event.',
  },
  RUNTIME_QUERY_DEPTH: { 'zh-CN': '查询嵌套过深。', en: 'The query nests too deeply.' },
  RUNTIME_BAD_MODULE: { 'zh-CN': '模块定义无效。', en: 'A module definition is invalid.' },
  RUNTIME_BAD_GENESIS: { 'zh-CN': '创世文件内容无效。', en: 'The genesis document is invalid.' },
  RUNTIME_BAD_VALIDATORS: {
    'zh-CN': '验证节点集合或节点登记无效。',
    en: 'The validator set or node registry is invalid.',
  },
  RUNTIME_BAD_INPUT: {
    'zh-CN': '执行器收到不一致的输入。',
    en: 'The executor was given inconsistent input.',
  },
  RUNTIME_STORE_CORRUPT: {
    'zh-CN': '链上状态中的历史记录已损坏。',
    en: 'A history record in state is corrupt.',
  },
} as const satisfies { readonly [code: string]: Texts };

/** Every client code (CLIENT_ERROR_CODES), both languages. */
export const CLIENT_TEXTS = {
  CLIENT_BAD_ENCODING: { 'zh-CN': '节点返回的数据编码不正确。', en: 'The node sent badly encoded data.' },
  CLIENT_CHAIN_MISMATCH: { 'zh-CN': '节点运行的是另一条链。', en: 'The node runs another chain.' },
  CLIENT_SUITE_MISMATCH: { 'zh-CN': '密码套件与链不符。', en: "The suite is not the chain's." },
  CLIENT_NOT_LINKED: {
    'zh-CN': '区块头无法与已验证的区块头相连。',
    en: 'The header does not link to a verified header.',
  },
  CLIENT_BAD_VALIDATORS: { 'zh-CN': '验证人集合无效。', en: 'The validator set is invalid.' },
  CLIENT_UNTRUSTED_VALIDATORS: {
    'zh-CN': '验证人集合不可信（与可信起点不一致）。',
    en: 'The validator set is not trusted.',
  },
  CLIENT_COMMIT_SHORT: {
    'zh-CN': '提交证书的签名不足 2/3 投票权。',
    en: 'The commit certificate has less than 2/3 of the power.',
  },
  CLIENT_BAD_SIGNATURE: { 'zh-CN': '签名验证失败。', en: 'A signature does not verify.' },
  CLIENT_BAD_COMMIT: { 'zh-CN': '提交证书无效。', en: 'The commit certificate is invalid.' },
  CLIENT_HEIGHT_UNKNOWN: { 'zh-CN': '该高度尚未验证。', en: 'That height is not verified yet.' },
  CLIENT_BAD_PROOF: { 'zh-CN': '证明无效。', en: 'The proof does not verify.' },
  CLIENT_BAD_RECEIPT: { 'zh-CN': '交易回执无效。', en: 'The receipt is invalid.' },
  CLIENT_DOSSIER_MALFORMED: { 'zh-CN': '档案文件格式不正确。', en: 'The dossier file is malformed.' },
  CLIENT_DOSSIER_BROKEN: { 'zh-CN': '档案的证明链断裂。', en: 'A link of the dossier does not verify.' },
  CLIENT_DOSSIER_UNTRUSTED: {
    'zh-CN': '档案的验证人集合与创世文件不一致。',
    en: "The dossier's validator set is not the genesis file's.",
  },
  CLIENT_KEYSTORE_MALFORMED: { 'zh-CN': '密钥文件格式不正确。', en: 'The keystore file is malformed.' },
  CLIENT_KEYSTORE_WEAK_KDF: {
    'zh-CN': '密钥文件的派生参数过弱（scrypt N 低于 2^15），请将密钥转存为新的密钥文件。',
    en: 'The keystore KDF is too weak (scrypt N below 2^15); move the key to a new keystore.',
  },
  CLIENT_KEYSTORE_BAD_PASSPHRASE: {
    'zh-CN': '口令错误，或密钥文件已被改动。',
    en: 'Wrong passphrase, or the keystore file was altered.',
  },
  CLIENT_BAD_TX: { 'zh-CN': '交易内容无效。', en: 'The transaction is invalid.' },
  CLIENT_TX_REJECTED: { 'zh-CN': '节点拒绝接收该交易。', en: 'The node refused the transaction.' },
  CLIENT_HTTP: { 'zh-CN': '节点返回了错误。', en: 'The node answered with an error.' },
  CLIENT_NETWORK: { 'zh-CN': '无法连接节点。', en: 'Cannot reach the node.' },
  CLIENT_BAD_RESPONSE: { 'zh-CN': '节点的应答格式不正确。', en: 'The node’s answer is malformed.' },
  CLIENT_BAD_DATE: { 'zh-CN': '日期格式不正确，应为 YYYY-MM-DD。', en: 'Not a date YYYY-MM-DD.' },
  CLIENT_ATTACHMENT_MISMATCH: {
    'zh-CN': '下载的附件内容与其哈希不符，已丢弃：请换一个节点再试。',
    en: 'The downloaded attachment does not hash to its hash and was discarded: try another node.',
  },
} as const satisfies { readonly [code: string]: Texts };

/** Every NodeError code (NODE_ERROR_CODES), both languages. */
export const NODE_TEXTS = {
  NODE_ATTACHMENT_REFUSED: { 'zh-CN': '附件请求无效。', en: 'The attachment request is invalid.' },
  NODE_ATTACHMENT_TOO_LARGE: {
    'zh-CN': '附件超过本节点接收的大小上限。',
    en: 'The attachment exceeds this node’s limit.',
  },
  NODE_ATTACHMENT_SIZE_MISMATCH: {
    'zh-CN': '附件内容的大小与链上登记的不一致。',
    en: 'The attachment content is not the registered size.',
  },
  NODE_ATTACHMENT_HASH_MISMATCH: {
    'zh-CN': '附件内容的哈希与链上登记的不一致。',
    en: 'The attachment content does not hash to the registered hash.',
  },
  NODE_ATTACHMENT_UNAVAILABLE: {
    'zh-CN': '没有节点能提供该附件内容。',
    en: 'No peer could supply the attachment content.',
  },
  NODE_BAD_BLOCK: { 'zh-CN': '区块无效。', en: 'The block is invalid.' },
  NODE_BAD_COMMIT: { 'zh-CN': '提交证书无效。', en: 'The commit certificate is invalid.' },
  NODE_BAD_CONFIG: { 'zh-CN': '节点配置（config.json）无效。', en: 'The node configuration is invalid.' },
  NODE_BAD_GENESIS: { 'zh-CN': '创世文件无效。', en: 'The genesis file is invalid.' },
  NODE_BAD_KEY: { 'zh-CN': '节点密钥无效。', en: 'The node key is invalid.' },
  NODE_BAD_MESSAGE: { 'zh-CN': '收到的节点消息无效。', en: 'A peer message is invalid.' },
  NODE_BAD_ROUTE: { 'zh-CN': '接口定义缺少文档（程序缺陷）。', en: 'A route has no documentation.' },
  NODE_DIR_LOCKED: {
    'zh-CN': '节点目录已被另一个进程占用。',
    en: 'The node directory is in use by another process.',
  },
  NODE_FATAL: { 'zh-CN': '共识停止运行。', en: 'Consensus stopped.' },
  NODE_GENESIS_MISMATCH: {
    'zh-CN': '数据库属于另一个创世文件。',
    en: 'The database belongs to another genesis.',
  },
  NODE_NOT_A_WORKER: {
    'zh-CN': '该文件只能作为工作线程运行。',
    en: 'This file runs as a worker thread only.',
  },
  NODE_NOT_EXECUTED: {
    'zh-CN': '区块尚未执行（程序缺陷）。',
    en: 'The block was not executed (a defect).',
  },
  NODE_SIGNATURE_MISSING: {
    'zh-CN': '缺少预提交签名（程序缺陷）。',
    en: 'A precommit signature is missing.',
  },
  NODE_SIGNER_STATE_BAD: { 'zh-CN': '签名状态文件无效。', en: 'The signer state file is invalid.' },
  NODE_SIGNER_STATE_MISSING: {
    'zh-CN': '签名状态文件缺失，而目录中已有链数据。',
    en: 'The signer state file is missing but the directory holds chain data.',
  },
  NODE_SIGNER_STATE_TOO_LARGE: {
    'zh-CN': '签名状态记录过大，无法写入签名状态文件。',
    en: 'The signer state record is too large for the signer state file.',
  },
  NODE_SNAPSHOT_BAD_TRUST: {
    'zh-CN': '快照的信任起点无效。',
    en: 'The snapshot trust anchor is invalid.',
  },
  NODE_SNAPSHOT_NOT_EMPTY: {
    'zh-CN': '从快照启动需要空的节点数据库。',
    en: 'A snapshot start needs an empty node database.',
  },
  NODE_SNAPSHOT_TIMEOUT: { 'zh-CN': '获取快照超时。', en: 'Fetching the snapshot timed out.' },
  NODE_SNAPSHOT_UNAVAILABLE: {
    'zh-CN': '没有节点能提供可用的快照。',
    en: 'No peer could serve a usable snapshot.',
  },
  NODE_STORE_CONFLICT: {
    'zh-CN': '数据库中已有不同的数据。',
    en: 'The store already holds different data.',
  },
  NODE_STORE_CORRUPT: { 'zh-CN': '节点数据库已损坏。', en: 'The node database is corrupt.' },
  NODE_TEST_KILLED: { 'zh-CN': '测试故障注入终止了进程。', en: 'A test fault killed the process.' },
  NODE_VERIFY_UNAVAILABLE: {
    'zh-CN': '签名验证线程已退出或已关闭。',
    en: 'A signature-verification worker exited or the pool closed.',
  },
} as const satisfies { readonly [code: string]: Texts };
