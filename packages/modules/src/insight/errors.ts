/** Error registry of the insight module (the operation index). */
import { baseErrors } from '../common/action.ts';

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
} as const;
