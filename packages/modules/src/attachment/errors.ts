/** Error registry of the attachment module (documents kept off chain, their hash and reader scope on chain). */
import { baseErrors } from '../common/errors.ts';

export const AttachmentErrors = {
  ...baseErrors('ATTACHMENT'),
  EXISTS: {
    code: 'ATTACHMENT_EXISTS',
    en: 'An attachment with this content hash is registered already (content is addressed by its hash: one record per content).',
    zh: '该内容哈希的附件已登记（附件按内容哈希寻址，同一内容只登记一次）。',
  },
  MEMBERS_REQUIRED: {
    code: 'ATTACHMENT_MEMBERS_REQUIRED',
    en: 'The scope "members" names its readers (1 to 50 member ids, ascending, no repeats); the other scopes name none.',
    zh: '读者范围为“指定党员”时须列出 1 至 50 名党员编号（升序、不重复）；其他范围不列党员。',
  },
  QUOTA: {
    code: 'ATTACHMENT_QUOTA',
    en: 'This account has reached its monthly attachment quota (count or bytes, set in genesis); it renews on the 1st of next month (China time).',
    zh: '该账户本月登记附件的数量或容量已达上限（创世参数设定），下月1日（北京时间）起恢复。',
  },
  UNKNOWN_MEMBER: {
    code: 'ATTACHMENT_UNKNOWN_MEMBER',
    en: 'A member named as a reader is not registered on this chain.',
    zh: '指定的读者不是本链登记的党员。',
  },
} as const;
