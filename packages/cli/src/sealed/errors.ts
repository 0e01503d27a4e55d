import { DjError } from '@djchain/crypto';

/** Refusals of the sealed-data service: stable code, HTTP status, zh-CN and English text. */
export const SEALED_ERRORS = {
  SEALED_BAD_REQUEST: { status: 400, zh: '请求格式错误。', en: 'Malformed request.' },
  SEALED_NOT_A_READ_RECORD: {
    status: 400,
    zh: '该交易不是本链上的查看记录（指明字段的 member.recordProfileRead，或 declaration.recordRead）。',
    en: 'The transaction is not a read record of this chain (member.recordProfileRead naming fields, or declaration.recordRead).',
  },
  SEALED_BAD_SIGNATURE: {
    status: 403,
    zh: '请求签名无效：须由查看记录的签名密钥签署。',
    en: 'The request is not signed by the key that signed the read record.',
  },
  SEALED_NO_RECORD: {
    status: 404,
    zh: '链上没有这条查看记录：先提交留痕，待其上链后再读取。',
    en: 'No such read record on chain: commit the trace first, then read.',
  },
  SEALED_RECORD_PENDING: {
    status: 409,
    zh: '查看记录尚未上链，请稍后再试。',
    en: 'The read record is not committed yet; try again shortly.',
  },
  SEALED_RECORD_FAILED: {
    status: 403,
    zh: '链上拒绝了这条查看记录（无权查看或参数有误），不予释放。',
    en: 'The chain refused this read record (not permitted or malformed); nothing is released.',
  },
  SEALED_RECORD_EXPIRED: {
    status: 410,
    zh: '查看记录已过有效期，请重新提交留痕。',
    en: 'The read record is too old; commit a new one.',
  },
  SEALED_RECORD_USED: {
    status: 409,
    zh: '这条查看记录已经使用过，每条记录只能读取一次。',
    en: 'This read record was already used; each record releases once.',
  },
  SEALED_NO_PROFILE: {
    status: 404,
    zh: '没有该党员的加密档案。',
    en: 'No sealed profile is held for this member.',
  },
  SEALED_ERASED: {
    status: 410,
    zh: '该党员的档案密钥已销毁（删除），档案无法再打开。',
    en: "The member's profile key was destroyed (erased); the profile can no longer be opened.",
  },
  SEALED_AUTH_REQUIRED: {
    status: 401,
    zh: '请先登录：姓名只向有权查看的已登录用户提供。',
    en: 'Sign in first: names are given only to a signed-in reader entitled to them.',
  },
  SEALED_READ_FORBIDDEN: {
    status: 403,
    zh: '无权查看该组织或党员的姓名（按节点的查看权限）。',
    en: "The node's read rules do not let this reader read that organization or member.",
  },
  SEALED_IMPORT_NOT_PERMITTED: {
    status: 403,
    zh: '无权导入名册：须由党委书记、组织委员，或党支部书记、组织委员、党务工作者导入。',
    en: 'Not permitted to import a roster: a 党委 书记/组织委员 or a 党支部 书记/组织委员/党务工作者 imports.',
  },
  SEALED_IMPORT_BAD_SIGNATURE: {
    status: 403,
    zh: '导入请求签名无效：须由上传人的密钥签署。',
    en: 'The import request is not signed by the uploader named in it.',
  },
  SEALED_IMPORT_EXPIRED: {
    status: 410,
    zh: '导入请求已过有效期，请重新上传。',
    en: 'The import request is too old; upload again.',
  },
  SEALED_NO_DECLARATION: {
    status: 404,
    zh: '没有与链上承诺相符的加密申报内容。',
    en: 'No sealed declaration content matches the commitment on chain.',
  },
  SEALED_DECLARE_NOT_PERMITTED: {
    status: 403,
    zh: '只能由党员本人以当前密钥提交本人的申报内容。',
    en: "A declaration's content is filed by the member, signing with their current key.",
  },
  SEALED_DECLARE_BAD_SIGNATURE: {
    status: 403,
    zh: '申报请求签名无效：须由申报人的密钥签署。',
    en: 'The declaration request is not signed by the key named in it.',
  },
  SEALED_DECLARE_EXPIRED: {
    status: 410,
    zh: '申报请求已过有效期，请重新提交。',
    en: 'The declaration request is too old; submit again.',
  },
  SEALED_RESIDENT_CHECK_NOT_PERMITTED: {
    status: 403,
    zh: '无权绑定居民账户：须由社区党组织的党务工作者以本人当前密钥提交核验记录。',
    en: "Not permitted to bind residents: the check is sent by the community organization's 党务工作者, signing with their current key.",
  },
  SEALED_RESIDENT_CHECK_BAD_SIGNATURE: {
    status: 403,
    zh: '核验记录请求签名无效：须由提交人的密钥签署。',
    en: 'The resident check request is not signed by the key named in it.',
  },
  SEALED_RESIDENT_CHECK_REPLAYED: {
    status: 409,
    zh: '这份核验记录请求已经提交过，不会重复封存；如需再次核验，请重新填写提交。',
    en: 'This resident check request was sent before and is not sealed twice; to check again, fill in and send a new one.',
  },
  SEALED_RESIDENT_CHECK_RATE_LIMITED: {
    status: 429,
    zh: '本人一小时内提交的居民核验记录已达上限，请稍后再试；如确需批量核验，请联系上级党组织。',
    en: 'This clerk has sent the most resident checks allowed in one hour; try again later, or ask the superior organization about a batch.',
  },
  SEALED_RESIDENT_CHECK_EXPIRED: {
    status: 410,
    zh: '核验记录请求已过有效期，请重新提交。',
    en: 'The resident check request is too old; submit again.',
  },
  SEALED_UNAVAILABLE: {
    status: 503,
    zh: '暂时无法核验链上记录（节点不可达）。',
    en: 'Cannot check the chain right now (node unreachable).',
  },
} as const;

export type SealedCode = keyof typeof SEALED_ERRORS;

export class SealedError extends DjError<SealedCode> {
  readonly status: number;
  constructor(code: SealedCode, detail?: string) {
    super(code, detail ? `${SEALED_ERRORS[code].en} (${detail})` : SEALED_ERRORS[code].en);
    this.name = 'SealedError';
    this.status = SEALED_ERRORS[code].status;
  }
}
