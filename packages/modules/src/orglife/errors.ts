/** Error registry of the orglife module: each refusal coded, in English and Chinese, with its article. */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const OrgLifeErrors = {
  ...baseErrors('ORGLIFE'),
  EXISTS: { code: 'ORGLIFE_EXISTS', en: 'A record with this id exists.', zh: '该编号的记录已存在。' },
  WRONG_ORG_KIND: {
    code: 'ORGLIFE_WRONG_ORG_KIND',
    en: 'This kind of meeting is held by a 党支部 (党小组会: by a 党小组).',
    zh: '该类会议由党支部召开（党小组会由党小组召开）。',
    cite: cite(DOC.branch, 16),
  },
  BAD_DATE: {
    code: 'ORGLIFE_BAD_DATE',
    en: 'The date is out of range: not before the organization existed, not in the future when held, at most a year ahead when planned.',
    zh: '日期超出范围：不得早于组织成立，召开日期不得晚于今天，计划日期不得超过一年之后。',
  },
  NO_CALENDAR: {
    code: 'ORGLIFE_NO_CALENDAR',
    en: 'The branch has not fixed its 主题党日 day yet (setCalendar).',
    zh: '党支部尚未确定每月相对固定的主题党日，请先设定。',
    cite: cite(DOC.branch, 16),
  },
  OFF_THEME_DAY: {
    code: 'ORGLIFE_OFF_THEME_DAY',
    en: "The 主题党日 is held on the branch's fixed day; another day needs a stated reason.",
    zh: '主题党日应在党支部确定的固定日开展，改在其他日期须说明原因。',
    cite: cite(DOC.branch, 16),
  },
  ONCE_PER_PERIOD: {
    code: 'ORGLIFE_ONCE_PER_PERIOD',
    en: 'One of this kind per period: a 主题党日 a month, a 民主评议党员 a year.',
    zh: '该类活动每期一次：主题党日每月一次，民主评议党员每年一次。',
    cite: cite(DOC.branch, 16),
  },
  BAD_PAIR: {
    code: 'ORGLIFE_BAD_PAIR',
    en: 'A 谈心谈话 pairs a committee member of the branch with another member of it.',
    zh: '谈心谈话应为党支部委员与本支部另一名党员之间进行。',
    cite: cite(DOC.branch, 19),
  },
  NO_LECTURER: {
    code: 'ORGLIFE_NO_LECTURER',
    en: 'A 党课 names its lecturer, a member on the chain.',
    zh: '党课须写明授课人（链上党员）。',
    cite: cite(DOC.branch, 16),
  },
  NO_SUPERIOR_REP: {
    code: 'ORGLIFE_NO_SUPERIOR_REP',
    en: "A 组织生活会 records the superior's representative: a post holder of an organization above the branch.",
    zh: '组织生活会须记录上级党组织派出的代表（上级党组织的任职人员）。',
    cite: cite(DOC.branch, 17),
  },
  NOT_PLANNED: {
    code: 'ORGLIFE_NOT_PLANNED',
    en: 'The meeting is not awaiting its record (it was held, cancelled or corrected).',
    zh: '该会议不处于待记录状态（已召开、已取消或已更正）。',
  },
  NOT_HELD: {
    code: 'ORGLIFE_NOT_HELD',
    en: 'The meeting has no current held record (planned, cancelled, or corrected by a later record).',
    zh: '该会议没有有效的召开记录（尚未召开、已取消或已被更正）。',
  },
  BAD_ATTENDANCE: {
    code: 'ORGLIFE_BAD_ATTENDANCE',
    en: 'Attendance lists each expected attendee exactly once (present, excused or absent); an excused member has a reason.',
    zh: '出席情况须列明每位应到人员且仅一次（出席、请假或缺席），请假须写明事由。',
  },
  NOT_EXPECTED: {
    code: 'ORGLIFE_NOT_EXPECTED',
    en: 'The member was not expected at this meeting.',
    zh: '该党员不在本次会议应到人员之列。',
  },
  ALREADY_CONFIRMED: {
    code: 'ORGLIFE_ALREADY_CONFIRMED',
    en: "The member's attendance is already confirmed.",
    zh: '该党员的出席情况已确认。',
  },
  NO_QUORUM: {
    code: 'ORGLIFE_NO_QUORUM',
    en: 'The 党员大会 had no quorum (more than half of the voting members present): it cannot resolve.',
    zh: '党员大会有表决权的到会人数未超过应到会人数的半数，不能作出决议。',
    cite: cite(DOC.branch, 12),
  },
  NOT_A_GENERAL_MEETING: {
    code: 'ORGLIFE_NOT_A_GENERAL_MEETING',
    en: 'Resolutions are recorded on a 支部党员大会.',
    zh: '决议只能在支部党员大会上作出。',
    cite: cite(DOC.branch, 12),
  },
  BAD_COUNTS: {
    code: 'ORGLIFE_BAD_COUNTS',
    en: 'Vote counts exceed the voters present, or written opinions exceed the absent voters.',
    zh: '表决票数超过到会有表决权人数，或书面意见超过未到会有表决权人数。',
    cite: cite(DOC.branch, 12),
  },
  NOT_APPRAISAL: {
    code: 'ORGLIFE_NOT_APPRAISAL',
    en: 'Ratings are recorded on a held 民主评议党员 meeting, for its expected members, each once.',
    zh: '评定等次须在已召开的民主评议党员会议上作出，对应到党员逐一评定且仅一次。',
    cite: cite(DOC.branch, 18),
  },
  ALREADY_RATED: {
    code: 'ORGLIFE_ALREADY_RATED',
    en: 'The member is already rated for this year.',
    zh: '该党员本年度已评定等次。',
    cite: cite(DOC.branch, 18),
  },
  NOT_RATED: {
    code: 'ORGLIFE_NOT_RATED',
    en: 'The member has no rating for this year to correct.',
    zh: '该党员本年度尚未评定等次，无可更正。',
    cite: cite(DOC.branch, 18),
  },
  SAME_RATING: {
    code: 'ORGLIFE_SAME_RATING',
    en: 'The correction names the rating already recorded.',
    zh: '更正后的等次与已评定的等次相同。',
  },
  CORRECTION_REASON: {
    code: 'ORGLIFE_CORRECTION_REASON',
    en: 'A correction of a rating states its reason (at least 4 characters).',
    zh: '更正评定等次须说明理由（至少4个字）。',
  },
  HANDLING_DECIDED: {
    code: 'ORGLIFE_HANDLING_DECIDED',
    en: 'The 不合格 rating has a decided handling: the branch first revisits that decision by its own act; the rating is not changed under it.',
    zh: '该不合格等次的处置已经作出决定，须先由支部另行处理该决定，不能直接更正等次。',
  },
  NO_OPEN_HANDLING: {
    code: 'ORGLIFE_NO_OPEN_HANDLING',
    en: 'There is no open handling case of a 不合格 rating for this member and year.',
    zh: '该党员该年度没有待处理的不合格党员处置。',
    // 《党员教育管理工作条例》 on 不合格 members: its article number was not confirmed from the text.
    cite: DOC.education,
  },
  NO_OPEN_CASE: {
    code: 'ORGLIFE_NO_OPEN_CASE',
    en: 'There is no open six-month case for this member.',
    zh: '该党员没有待处理的连续六个月不参加组织生活案件。',
    cite: cite(DOC.constitution, 9),
  },
  BAD_GROUP: {
    code: 'ORGLIFE_BAD_GROUP',
    en: "The 党小组 must belong to the member's branch.",
    zh: '党小组须属于该党员所在党支部。',
  },
  MINUTES_NOT_REGISTERED: {
    code: 'ORGLIFE_MINUTES_NOT_REGISTERED',
    en: 'The minutes are an attachment registered on the chain first (attachment.register): no record points at a file no node keeps.',
    zh: '会议记录须先作为附件登记上链（附件登记），不得引用未登记的文件。',
  },
  MINUTES_SCOPE: {
    code: 'ORGLIFE_MINUTES_SCOPE',
    en: "The minutes' attachment belongs to the meeting's organization and has the scope the minutes scope maps to: public → public, org → org, committee → members naming committee members only.",
    zh: '会议记录附件须属于召开会议的组织，且读者范围与会议记录范围一致：公开→公开，本组织→本组织，支委会→仅列支部委员的指定党员。',
  },
  BAD_FROM: {
    code: 'ORGLIFE_BAD_FROM',
    en: 'Judging starts this month or within the next three; once set it does not move.',
    zh: '组织生活考核起始月份应为本月或其后三个月内，设定后不得更改。',
  },
} as const;
