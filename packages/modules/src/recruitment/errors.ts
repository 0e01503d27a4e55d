/**
 * Error registry of the recruitment module. `cite` here is the 2014 text; a process under another
 * version reports its own version's article (rulesets.ts citeOf) through `rule`.
 */

import { cite, DOC } from '../common/cites.ts';
import type { ErrorSpec } from '../common/errors.ts';
import { baseErrors } from '../common/errors.ts';
import { RULESET_2014 } from './rulesets.ts';

/** A recruitment error: the rule key selects the article in the process's rule version. */
export interface RecruitmentErrorSpec extends ErrorSpec {
  readonly rule?: string;
}

function e(code: string, rule: string | undefined, en: string, zh: string): RecruitmentErrorSpec {
  const cite = rule === undefined ? undefined : RULESET_2014.cites[rule];
  return { code: `RECRUITMENT_${code}`, en, zh, ...(rule ? { rule } : {}), ...(cite ? { cite } : {}) };
}

export const RecruitmentErrors = {
  ...baseErrors('RECRUITMENT'),
  NOT_REGISTERED: e('NOT_REGISTERED', undefined, 'The applicant is not registered.', '申请人未登记。'),
  NOT_A_BRANCH: e(
    'NOT_A_BRANCH',
    'activist',
    'Applications are made to a branch (党支部).',
    '入党申请应向党支部提出。',
  ),
  TOO_YOUNG: e(
    'TOO_YOUNG',
    'age',
    'The applicant must be 18 full years old on the application date (the age proof does not show it).',
    '申请入党须年满十八岁。',
  ),
  NO_AGE_COMMITMENT: e(
    'NO_AGE_COMMITMENT',
    'age',
    'No age commitment is registered for the applicant: the clerk who checks the ID records one (member.commitAge).',
    '申请人尚无年龄承诺：须由核验身份证件的工作人员登记（member.commitAge）。',
  ),
  AGE_PROOF_DATE: e(
    'AGE_PROOF_DATE',
    'age',
    'The age proof is made for a date after the application date; it says nothing about the application date.',
    '年龄证明所针对的日期晚于申请日期，不能证明申请之日已满十八岁。',
  ),
  ALREADY_MEMBER: e(
    'ALREADY_MEMBER',
    undefined,
    'The person is already a Party member or in a recruitment process.',
    '该人员已是党员或正在发展过程中。',
  ),
  REJOIN_BANNED: {
    code: 'RECRUITMENT_REJOIN_BANNED',
    en: 'An expelled person may not rejoin within 5 years.',
    zh: '受到开除党籍处分的，五年内不得重新入党。',
    cite: '《中国共产党纪律处分条例》第十三条',
  } as RecruitmentErrorSpec,
  NO_PROCESS: e(
    'NO_PROCESS',
    undefined,
    'No recruitment process for this person.',
    '该人员没有发展党员记录。',
  ),
  PROCESS_ENDED: e('PROCESS_ENDED', undefined, 'The recruitment process has ended.', '该发展流程已结束。'),
  OUT_OF_ORDER: e(
    'OUT_OF_ORDER',
    'order',
    'A step this one depends on has not been completed.',
    '前置环节尚未完成。',
  ),
  STEP_DONE: e('STEP_DONE', undefined, 'This step has already been recorded.', '该环节已记录。'),
  HELD_ON_INVALID: e(
    'HELD_ON_INVALID',
    undefined,
    'The day a step took place cannot be after the day it is recorded nor before the application.',
    '办理日期不能晚于登记之日，也不能早于递交入党申请书之日。',
  ),
  TALK_LATE: e(
    'TALK_LATE',
    'talk',
    'The talk must take place within 1 month of the application; give a reason for a late talk.',
    '应在收到入党申请书后一个月内派人谈话；逾期须说明原因。',
  ),
  TOO_EARLY: e(
    'TOO_EARLY',
    'activist',
    'Local rules require more time between application and naming the activist.',
    '按本地规定，确定入党积极分子的时间未到。',
  ),
  CONTACT_COUNT: e(
    'CONTACT_COUNT',
    'contacts',
    'One or two contact persons (培养联系人) are required.',
    '应指定一至二名培养联系人。',
  ),
  CONTACT_INELIGIBLE: e(
    'CONTACT_INELIGIBLE',
    'contacts',
    'Contact persons must be full members.',
    '培养联系人应为正式党员。',
  ),
  ASSESSMENT_MISSING: e(
    'ASSESSMENT_MISSING',
    'assessment',
    'The activist has not been assessed every half year.',
    '未按规定每半年对入党积极分子进行考察。',
  ),
  ACTIVIST_TOO_RECENT: e(
    'ACTIVIST_TOO_RECENT',
    'candidate',
    'An activist may become a 发展对象 only after at least 1 year.',
    '入党积极分子经过一年以上培养教育和考察，方可列为发展对象。',
  ),
  NOT_FILED: e(
    'NOT_FILED',
    'activist',
    'The previous determination has not been filed with the superior 党委.',
    '尚未报上级党委备案。',
  ),
  PUBLICITY_INCOMPLETE: e(
    'PUBLICITY_INCOMPLETE',
    'publicity',
    'The publicity period (working days) has not been completed.',
    '公示期（工作日）未满。',
  ),
  INTRODUCER_COUNT: e(
    'INTRODUCER_COUNT',
    'introducers',
    'Exactly two introducers (入党介绍人) are required.',
    '应有两名入党介绍人。',
  ),
  INTRODUCER_INELIGIBLE: e(
    'INTRODUCER_INELIGIBLE',
    'introducers',
    'Introducers must be full members, not probationary and not under 留党察看.',
    '入党介绍人须为正式党员，预备党员和受留党察看处分的党员不能作入党介绍人。',
  ),
  POLITICAL_REVIEW_MISSING: e(
    'POLITICAL_REVIEW_MISSING',
    'politicalReview',
    'Political review is mandatory and must have passed.',
    '必须进行政治审查且审查合格。',
  ),
  POLITICAL_REVIEW_EXPIRED: e(
    'POLITICAL_REVIEW_EXPIRED',
    'politicalReview',
    'The political review is older than local rules allow.',
    '政治审查已超过本地规定的有效期。',
  ),
  TRAINING_INSUFFICIENT: e(
    'TRAINING_INSUFFICIENT',
    'training',
    'Concentrated training must last at least 3 days or 24 class hours.',
    '集中培训时间一般不少于三天（或不少于二十四个学时）。',
  ),
  PREREVIEW_REQUIRED: e(
    'PREREVIEW_REQUIRED',
    'preReview',
    'The superior pre-review must have passed before the 入党志愿书 is issued.',
    '须经基层党委预审合格后方可发放入党志愿书。',
  ),
  MEETING_LATE: e(
    'MEETING_LATE',
    'meetingAfterPreReview',
    'The branch meeting must be held within the time after pre-review.',
    '支部大会应在预审后规定时间内召开。',
  ),
  ONE_AT_A_TIME: e(
    'ONE_AT_A_TIME',
    'vote',
    'Candidates are discussed and voted on one at a time.',
    '讨论两个以上的发展对象入党时，必须逐个讨论和表决。',
  ),
  QUORUM_NOT_MET: e(
    'QUORUM_NOT_MET',
    'quorum',
    'Present voting members must be more than half of those expected.',
    '有表决权的到会人数必须超过应到会有表决权人数的半数。',
  ),
  VOTE_COUNT_INVALID: e(
    'VOTE_COUNT_INVALID',
    'vote',
    'The vote counts are inconsistent with attendance.',
    '表决票数与到会人数不符。',
  ),
  EXCUSED_INVALID: e(
    'EXCUSED_INVALID',
    'quorum',
    "Excused members must be voting members of the branch, with the superior's approval.",
    '不计入应到会人数的党员须为本支部有表决权的党员并经上级党组织同意。',
  ),
  SUPERIOR_TALK_MISSING: e(
    'SUPERIOR_TALK_MISSING',
    'superiorTalk',
    'The superior 党委 must talk with the candidate before approval.',
    '上级党委在批准入党前须派人谈话。',
  ),
  APPROVAL_OVERDUE: e(
    'APPROVAL_OVERDUE',
    'approval',
    'Approval must come within 3 months of the branch resolution (6 in special cases).',
    '上级党委应在三个月内审批，特殊情况可延长，但不得超过六个月。',
  ),
  OATH_LATE: e(
    'OATH_LATE',
    'oath',
    'The oath is due within the time after approval; give a reason for a late oath.',
    '应在批准后规定时间内组织入党宣誓；逾期须说明原因。',
  ),
  NOT_PROBATIONARY: e(
    'NOT_PROBATIONARY',
    'probation',
    'The person is not a probationary member.',
    '该人员不是预备党员。',
  ),
  PROBATION_NOT_ENDED: e(
    'PROBATION_NOT_ENDED',
    'probation',
    'The branch meeting on conversion may not be held before the probation ends.',
    '预备期未满，不能讨论转正。',
  ),
  DISCIPLINE_PENDING: {
    code: 'RECRUITMENT_DISCIPLINE_PENDING',
    en: 'A discipline outcome for this probationary member awaits the superior approval.',
    zh: '该预备党员的违纪处理决定正待上级党组织批准。',
    cite: cite(DOC.discipline, 36),
  } as RecruitmentErrorSpec,
  NO_DISCIPLINE_PENDING: {
    code: 'RECRUITMENT_NO_DISCIPLINE_PENDING',
    en: 'No extension or cancellation decided for this probationary member awaits approval.',
    zh: '该预备党员没有待批准的延长预备期或取消预备党员资格决定。',
    cite: cite(DOC.constitution, 7),
  } as RecruitmentErrorSpec,
  DISCIPLINE_MONTHS: {
    code: 'RECRUITMENT_DISCIPLINE_MONTHS',
    en: 'Only an extended probation takes a number of months.',
    zh: '只有延长预备期需要填写延长的月数。',
    cite: cite(DOC.discipline, 36),
  } as RecruitmentErrorSpec,
  EXTENSION_ONCE: e(
    'EXTENSION_ONCE',
    'probation',
    'Probation may be extended only once.',
    '预备期只能延长一次。',
  ),
  EXTENSION_RANGE: e(
    'EXTENSION_RANGE',
    'probation',
    'An extension lasts at least 6 and at most 12 months.',
    '延长预备期不能少于半年，最长不超过一年。',
  ),
  ARCHIVE_INCOMPLETE: e(
    'ARCHIVE_INCOMPLETE',
    'archive',
    'Materials required for the archive are missing.',
    '归档材料不齐全。',
  ),
  GROUP_NOT_IN_BRANCH: e(
    'GROUP_NOT_IN_BRANCH',
    'probation',
    "The 党小组 must belong to the member's branch.",
    '党小组须属于该党员所在党支部。',
  ),
  LOCAL_RULE_LOOSENS: e(
    'LOCAL_RULE_LOOSENS',
    undefined,
    'Local rules may only tighten national rules.',
    '地方规定只能严于全国规定，不能放宽。',
  ),
  LOCAL_RULE_UNKNOWN: e('LOCAL_RULE_UNKNOWN', undefined, 'Unknown rule parameter.', '未知的规则参数。'),
  NOT_A_COMMITTEE: e(
    'NOT_A_COMMITTEE',
    undefined,
    'Local rules and rule versions are set by a 党委.',
    '本地规则和规则版本应由党委设定。',
  ),
  UNKNOWN_VERSION: e(
    'UNKNOWN_VERSION',
    undefined,
    'No published rule set has this version.',
    '没有该版本的规则集。',
  ),
} as const satisfies { readonly [name: string]: RecruitmentErrorSpec };
