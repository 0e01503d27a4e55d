/** Error registry of the discipline module. */
import { baseErrors } from '../common/action.ts';
import { cite, DOC } from '../common/cites.ts';

export const DisciplineErrors = {
  ...baseErrors('DISCIPLINE'),
  EXISTS: {
    code: 'DISCIPLINE_EXISTS',
    en: 'A sanction case with this id exists.',
    zh: '该处分案件编号已存在。',
  },
  NOT_A_MEMBER: {
    code: 'DISCIPLINE_NOT_A_MEMBER',
    en: 'Sanctions apply to Party members (full or probationary) in good standing.',
    zh: '党纪处分的对象应为正式党员或预备党员。',
    cite: cite(DOC.discipline, 8),
  },
  BAD_DURATION: {
    code: 'DISCIPLINE_BAD_DURATION',
    en: '留党察看 lasts one or two years; other sanctions take no duration.',
    zh: '留党察看期限为一年或二年，其他处分不设期限。',
    cite: cite(DOC.discipline, 12),
  },
  NOT_PENDING: {
    code: 'DISCIPLINE_NOT_PENDING',
    en: 'The sanction is not awaiting approval.',
    zh: '该处分不处于待批准状态。',
  },
  NOT_OBSERVATION: {
    code: 'DISCIPLINE_NOT_OBSERVATION',
    en: 'Only an approved 留党察看 in force can be concluded.',
    zh: '只有正在执行的留党察看处分才能作出期满结论。',
    cite: cite(DOC.discipline, 12),
  },
  OBSERVATION_NOT_ENDED: {
    code: 'DISCIPLINE_OBSERVATION_NOT_ENDED',
    en: 'Rights are restored only when the observation period has ended.',
    zh: '留党察看期满后方可恢复党员权利。',
    cite: cite(DOC.discipline, 12),
  },
} as const;
