/** Error registry of the discipline module. */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const DisciplineErrors = {
  ...baseErrors('DISCIPLINE'),
  EXISTS: {
    code: 'DISCIPLINE_EXISTS',
    en: 'A sanction case with this id exists.',
    zh: '该处分案件编号已存在。',
  },
  NOT_A_MEMBER: {
    code: 'DISCIPLINE_NOT_A_MEMBER',
    en: 'The five sanctions apply to full Party members in good standing.',
    zh: '五种党纪处分的对象应为正式党员。',
    cite: cite(DOC.discipline, 8),
  },
  PROBATIONARY: {
    code: 'DISCIPLINE_PROBATIONARY',
    en: 'A probationary member is not given one of the five sanctions: criticism and education, an extended probation, or loss of probationary membership (recruitment.probationDiscipline).',
    zh: '预备党员违犯党纪，不适用五种党纪处分：情节较轻的批评教育或者延长预备期，情节较重的取消预备党员资格。',
    cite: cite(DOC.discipline, 36),
  },
  EXPULSION_BY_COMMISSION: {
    code: 'DISCIPLINE_EXPULSION_BY_COMMISSION',
    en: 'Expulsion is decided as a 开除党籍 sanction and approved by the county-level discipline commission, not concluded by the 党委.',
    zh: '开除党籍须作为开除党籍处分由支部大会决定，报县级或县级以上党的纪律检查委员会审查批准，党委不能直接决定。',
    cite: cite(DOC.constitution, 42),
  },
  NOT_REFERRED: {
    code: 'DISCIPLINE_NOT_REFERRED',
    en: 'The case is not awaiting the discipline commission (the 党委 refers 开除党籍 and reserved cases first).',
    zh: '该案件不处于报纪律检查委员会审批状态（开除党籍及重要复杂案件须先经党委审议后报送）。',
    cite: cite(DOC.constitution, 42),
  },
  OBSERVATION_MAX: {
    code: 'DISCIPLINE_OBSERVATION_MAX',
    en: '留党察看 lasts at most two years: only a one-year period is extended, by one year.',
    zh: '留党察看期限最长不得超过二年，只有留党察看一年的可以延长一年。',
    cite: cite(DOC.discipline, 12),
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
    en: 'Only an approved 留党察看 in force can be concluded or extended.',
    zh: '只有正在执行的留党察看处分才能作出期满结论或延长。',
    cite: cite(DOC.discipline, 12),
  },
  OBSERVATION_NOT_ENDED: {
    code: 'DISCIPLINE_OBSERVATION_NOT_ENDED',
    en: 'Rights are restored only when the observation period has ended.',
    zh: '留党察看期满后方可恢复党员权利。',
    cite: cite(DOC.discipline, 12),
  },
} as const;
