/** Error registry of the org module (codes are stable; zh-CN messages are shown in the UI). */

import { cite, DOC } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

export const OrgErrors = {
  ...baseErrors('ORG'),
  EXISTS: {
    code: 'ORG_EXISTS',
    en: 'An organization with this id already exists.',
    zh: '该组织编号已存在。',
  },
  BAD_NESTING: {
    code: 'ORG_BAD_NESTING',
    en: 'This kind of organization cannot be placed under that parent (党委 > 党总支 > 党支部 > 党小组).',
    zh: '组织层级不正确（党委、党总支、党支部、党小组）。',
    cite: cite(DOC.constitution, 30),
  },
  POST_NOT_ALLOWED: {
    code: 'ORG_POST_NOT_ALLOWED',
    en: 'This post cannot be held in this kind of organization or by this action.',
    zh: '该职务不能在此类组织中设立或不能由此操作任命。',
  },
  POST_HELD: {
    code: 'ORG_POST_HELD',
    en: 'The member already holds this post here.',
    zh: '该党员已担任此职务。',
  },
  POST_NOT_HELD: {
    code: 'ORG_POST_NOT_HELD',
    en: 'The member does not hold this post here.',
    zh: '该党员未担任此职务。',
  },
  NOT_ELIGIBLE: {
    code: 'ORG_NOT_ELIGIBLE',
    en: 'The member has no right to be elected or to hold this post now (status or sanction).',
    zh: '该党员目前没有被选举权或不能担任此职务（身份或处分原因）。',
    cite: cite(DOC.discipline, 12),
  },
  POST_BARRED: {
    code: 'ORG_POST_BARRED',
    en: 'A sanction bars this post until the day given in `until` (that day is free): no promotion after 警告 (1 year) or 严重警告 (18 months); no post equal to or higher than the former one within 2 years of 撤销党内职务 or of rights restored after 留党察看.',
    zh: '该党员受党纪处分影响期未满（至 until 所示日期之前）：受警告一年内、严重警告一年半内不得在党内提升职务；受撤销党内职务处分或留党察看恢复党员权利后二年内，不得担任与其原任职务相当或者高于其原任职务的职务。',
    cite: cite(DOC.discipline, 10),
  },
  SELF_APPOINTMENT: {
    code: 'ORG_SELF_APPOINTMENT',
    en: 'Nobody appoints themself or records their own election: another person with the right does it.',
    zh: '任何人不得任命自己或登记自己当选，须由其他有权人员办理。',
  },
  NOT_IN_ORG: {
    code: 'ORG_NOT_IN_ORG',
    en: "The appointee's membership is not in this organization (for a 党小组: its branch; for a 党委 or 党总支: a branch under it).",
    zh: '被任命人的组织关系不在本组织（党小组为其所属党支部；党委、党总支为其下属党支部）。',
    cite: cite(DOC.constitution, 30),
  },
  SECRETARY_REQUIRED: {
    code: 'ORG_SECRETARY_REQUIRED',
    en: 'A committee needs exactly one secretary (书记).',
    zh: '委员会必须有且只有一名书记。',
    cite: cite(DOC.branch, 9),
  },
  COMMITTEE_TOO_LARGE: {
    code: 'ORG_COMMITTEE_TOO_LARGE',
    en: 'A branch committee has at most 7 members.',
    zh: '支部委员会委员一般不超过7人。',
    cite: cite(DOC.branch, 9),
  },
} as const;
