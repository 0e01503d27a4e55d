/** Error registry of the study module. */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const StudyErrors = {
  ...baseErrors('STUDY'),
  EXISTS: { code: 'STUDY_EXISTS', en: 'A record with this id exists.', zh: '该编号的记录已存在。' },
  BAD_HOURS: {
    code: 'STUDY_BAD_HOURS',
    en: 'Give the time studied as days (8 学时), half days (4) or hours: more than 0, at most a week of days in one record.',
    zh: '学习时长以天（8学时）、半天（4学时）或学时填写，须大于0，单条记录不超过一周。',
    cite: cite(DOC.education, 20),
  },
  BAD_DATE: {
    code: 'STUDY_BAD_DATE',
    en: 'The day studied is not in the future and not before last year.',
    zh: '学习日期不得晚于今天，也不得早于上一年度。',
  },
  NOT_A_MEMBER: {
    code: 'STUDY_NOT_A_MEMBER',
    en: 'Study hours are recorded for Party members (full or probationary).',
    zh: '学时只记录正式党员和预备党员的学习。',
    cite: cite(DOC.education, 20),
  },
  SELF_CONFIRM: {
    code: 'STUDY_SELF_CONFIRM',
    en: 'Nobody confirms their own study: another of the branch committee, or the organization above, confirms it.',
    zh: '本人的学习记录不能由本人确认，须由支部委员会其他成员或上级党组织确认。',
  },
  NOT_REPORTED: {
    code: 'STUDY_NOT_REPORTED',
    en: 'The record is not awaiting the branch’s confirmation.',
    zh: '该学习记录不处于待党支部确认状态。',
  },
} as const;
