/** Error registry of the disclosure module (党务公开). */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

/** 第十五条: items go public by a procedure the organization approves; 第十四条 [verify]: the range. */
const PROCEDURE = cite(DOC.disclosure, 15);
const RANGE = cite(DOC.disclosure, 14);

export const DisclosureErrors = {
  ...baseErrors('DISCLOSURE'),
  EXISTS: {
    code: 'DISCLOSURE_EXISTS',
    en: 'An item with this id is recorded already (items are never rewritten: correct or withdraw it).',
    zh: '该编号的公开事项已登记（公开事项不可改写，请更正或撤回）。',
  },
  RESERVED_ID: {
    code: 'DISCLOSURE_RESERVED_ID',
    en: 'Ids beginning with "auto." are given by the chain to automatic items.',
    zh: '以“auto.”开头的编号由链上自动公示使用。',
  },
  KIND_AUTOMATIC: {
    code: 'DISCLOSURE_KIND_AUTOMATIC',
    en: 'This kind of item comes only from the act that requires it (发展对象 and 转正 publicity from recruitment, the dues notice from dues), with the period the rule sets.',
    zh: '此类公示由相应环节自动生成（发展对象公示、转正公示来自发展党员环节，党费收缴公示来自党费公示），公示期按规定计算，不能手工发布。',
    cite: PROCEDURE,
  },
  BAD_PERIOD: {
    code: 'DISCLOSURE_BAD_PERIOD',
    en: 'The period ends before it starts.',
    zh: '公开期限的截止日早于起始日。',
  },
  BACKDATED: {
    code: 'DISCLOSURE_BACKDATED',
    en: 'An item cannot start before the day it is recorded: nothing was public before it was published.',
    zh: '公开起始日不得早于登记之日。',
    cite: PROCEDURE,
  },
  NOT_ATTACHMENT: {
    code: 'DISCLOSURE_NOT_ATTACHMENT',
    en: 'The content hash is not a registered attachment: register the document first (attachment.register).',
    zh: '公开内容的哈希不是已登记的附件，请先登记附件。',
  },
  SCOPE_MISMATCH: {
    code: 'DISCLOSURE_SCOPE_MISMATCH',
    en: "The attachment's reader scope does not reach every reader of the item (a public item needs a public attachment; a community item a public or community one; an organization's item one its members may read).",
    zh: '附件的读者范围小于公开范围（向社会公开须为公开附件；向全体党员公开须为公开或全体党员附件；向本组织公开须本组织党员可读）。',
    cite: RANGE,
  },
  MEETING_REQUIRED: {
    code: 'DISCLOSURE_MEETING_REQUIRED',
    en: 'A 会议纪要 names the held meeting it summarizes; other kinds name none.',
    zh: '会议纪要须注明所属的已召开会议；其他类别不注明会议。',
  },
  MEETING_NOT_HELD: {
    code: 'DISCLOSURE_MEETING_NOT_HELD',
    en: 'The meeting is not a held meeting of this organization (or it was cancelled or corrected).',
    zh: '该会议不是本组织已召开的有效会议（或已取消、已更正）。',
  },
  REPLACED: {
    code: 'DISCLOSURE_REPLACED',
    en: 'The item has been corrected or withdrawn already: correct its latest version.',
    zh: '该事项已被更正或撤回，请对其最新版本操作。',
  },
  WITHDRAWAL_FINAL: {
    code: 'DISCLOSURE_WITHDRAWAL_FINAL',
    en: 'A 撤回声明 is final: it is neither corrected nor withdrawn.',
    zh: '撤回声明不可再更正或撤回。',
  },
} as const;
