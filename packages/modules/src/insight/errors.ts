/** Error registry of the insight module (the operation index). */
import { baseErrors } from '../common/errors.ts';

export const InsightErrors = {
  ...baseErrors('INSIGHT'),
  NOT_THE_TOP_COMMITTEE: {
    code: 'INSIGHT_NOT_THE_TOP_COMMITTEE',
    en: 'The index rule set is adopted by the top 党委 of the chain.',
    zh: '运行指数规则版本由本链最高一级党委采用。',
  },
  UNKNOWN_VERSION: {
    code: 'INSIGHT_UNKNOWN_VERSION',
    en: 'No published index rule set has this version.',
    zh: '没有该版本的运行指数规则。',
  },
  SAME_VERSION: {
    code: 'INSIGHT_SAME_VERSION',
    en: 'This version is already in force.',
    zh: '该版本已在执行中。',
  },
  EXISTS: { code: 'INSIGHT_EXISTS', en: 'A record with this id exists.', zh: '该编号已存在。' },
  REASON_REQUIRED: {
    code: 'INSIGHT_REASON_REQUIRED',
    en: 'A correction request, and a refusal of one, states a reason of at least 4 characters.',
    zh: '申请更正及不予更正均须说明理由（至少4个字）。',
  },
  NOT_A_CREDIT_RECORD: {
    code: 'INSIGHT_NOT_A_CREDIT_RECORD',
    en: "The record named is not behind any point of the member's credit of that year.",
    zh: '所指记录不是该党员该年度信用中任何一项的依据。',
  },
  ALREADY_CREDITED: {
    code: 'INSIGHT_ALREADY_CREDITED',
    en: "The record named already gives a point of the member's credit of that year: ask about that point instead.",
    zh: '所指记录已计入该党员该年度信用：请对该项申请更正。',
  },
  NOT_A_MISSING_RECORD: {
    code: 'INSIGHT_NOT_A_MISSING_RECORD',
    en: 'A missing point can be asked for only at a meeting of that year where the member has a line (marked absent, or not yet confirmed).',
    zh: '只能就该年度本人有出席记录行（记为缺席或尚未确认）的会议申请补记。',
  },
  ALREADY_OPEN: {
    code: 'INSIGHT_ALREADY_OPEN',
    en: 'A request about this record is already waiting for the branch: it answers that one first.',
    zh: '关于该记录的申请正在等待支部答复：请待答复后再申请。',
  },
  ALREADY_ANSWERED: {
    code: 'INSIGHT_ALREADY_ANSWERED',
    en: 'This correction request is already answered.',
    zh: '该更正申请已答复。',
  },
} as const;
