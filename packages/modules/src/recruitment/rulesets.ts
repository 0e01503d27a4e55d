/**
 * Versioned national rule sets. A published version is never edited: a revision is a new entry.
 * 2014: 《中国共产党发展党员工作细则》(5 stages, 25 steps). 2026: the May 2026 revision, reported as
 * 5 stages and 29 steps [verify]; encoded here are the differences listed in RULES.md (half-yearly
 * assessment, publicity, meeting within a month of pre-review, oath within a month, renumbered
 * approval article); its full step list will be added when the published text is available.
 */
import { cite, DOC } from '../common/cites.ts';
import { ModuleError } from '../common/errors.ts';
import type { RecruitmentParams } from './params.ts';

export interface StepDef {
  readonly no: number;
  readonly stage: number;
  /** The action that records the step. */
  readonly action: string;
  readonly name: string;
  /**
   * The key of the step's record in the process (`Process.steps`) when it is not the action's name:
   * steps 6 and 21 share the action recordAssessment and must not overwrite each other's record.
   */
  readonly record?: string;
}

export interface RuleSet {
  readonly id: string;
  readonly title: string;
  readonly stages: readonly string[];
  readonly steps: readonly StepDef[];
  readonly params: RecruitmentParams;
  /** Citations by rule key, so a rule cites its own version's article. */
  readonly cites: { readonly [rule: string]: string };
}

const STAGES = [
  '申请入党',
  '入党积极分子的确定和培养教育',
  '发展对象的确定和考察',
  '预备党员的接收',
  '预备党员的教育考察和转正',
];

/** The 25 steps of the 2014 chart, each recorded by one action. */
const STEPS_2014: readonly StepDef[] = [
  { no: 1, stage: 1, action: 'apply', name: '递交入党申请书' },
  { no: 2, stage: 1, action: 'talk', name: '党组织派人谈话' },
  { no: 3, stage: 2, action: 'nameActivist', name: '推荐和确定入党积极分子' },
  { no: 4, stage: 2, action: 'fileActivist', name: '上级党委备案' },
  { no: 5, stage: 2, action: 'assignContacts', name: '指定培养联系人' },
  { no: 6, stage: 2, action: 'recordAssessment', name: '培养教育考察' },
  { no: 7, stage: 3, action: 'nameCandidate', name: '确定发展对象' },
  { no: 8, stage: 3, action: 'fileCandidate', name: '报上级党委备案' },
  { no: 9, stage: 3, action: 'setIntroducers', name: '确定入党介绍人' },
  { no: 10, stage: 3, action: 'politicalReview', name: '政治审查' },
  { no: 11, stage: 3, action: 'recordTraining', name: '集中培训' },
  { no: 12, stage: 4, action: 'committeeReview', name: '支部委员会审查' },
  { no: 13, stage: 4, action: 'preReview', name: '上级党委预审' },
  { no: 14, stage: 4, action: 'issueForm', name: '填写入党志愿书' },
  { no: 15, stage: 4, action: 'admissionVote', name: '支部大会讨论' },
  { no: 16, stage: 4, action: 'superiorTalk', name: '上级党委派人谈话' },
  { no: 17, stage: 4, action: 'approveAdmission', name: '上级党委审批' },
  { no: 18, stage: 4, action: 'fileAdmission', name: '再上一级党委组织部门备案' },
  { no: 19, stage: 5, action: 'assignGroup', name: '编入党支部和党小组' },
  { no: 20, stage: 5, action: 'takeOath', name: '入党宣誓' },
  { no: 21, stage: 5, action: 'recordAssessment', record: 'probationAssessment', name: '继续教育考察' },
  { no: 22, stage: 5, action: 'applyConversion', name: '提出转正申请' },
  { no: 23, stage: 5, action: 'conversionVote', name: '支部大会讨论' },
  { no: 24, stage: 5, action: 'approveConversion', name: '上级党委审批' },
  { no: 25, stage: 5, action: 'archive', name: '材料归档' },
];

const C = DOC.constitution;
const R14 = DOC.recruitment2014;
const R26 = DOC.recruitment2026;

const CITES_2014 = {
  age: cite(C, 1),
  talk: cite(R14, 7),
  activist: cite(R14, 8),
  contacts: cite(R14, 9),
  assessment: cite(R14, 12),
  candidate: cite(R14, 13),
  publicity: cite(R14, 13),
  introducers: cite(C, 5),
  politicalReview: cite(R14, 16),
  training: cite(R14, 17),
  preReview: cite(R14, 19),
  quorum: cite(R14, 20),
  vote: cite(R14, 21),
  superiorTalk: cite(C, 5),
  approval: cite(R14, 24),
  oath: cite(C, 6),
  probation: cite(C, 7),
  conversion: cite(R14, 33),
  archive: cite(R14, 37),
  order: cite(R14, 19),
};

export const RULESET_2014: RuleSet = {
  id: '2014',
  title: '《中国共产党发展党员工作细则》（2014年）',
  stages: STAGES,
  steps: STEPS_2014,
  params: {
    minAge: 18,
    talkWithinMonths: 1,
    applyToActivistMinMonths: 0,
    activistMinMonths: 12,
    assessmentEveryMonths: null,
    // [verify] publicity is national only from 2026; 5 working days kept as the common practice.
    publicityWorkingDays: 5,
    conversionPublicityWorkingDays: null,
    maxContacts: 2,
    trainingMinDays: 3,
    trainingMinHours: 24,
    politicalReviewValidMonths: null,
    meetingAfterPreReviewMonths: null,
    approvalWithinMonths: 3,
    approvalSpecialMonths: 6,
    oathWithinMonths: null,
    probationMonths: 12,
    extensionMinMonths: 6,
    extensionMaxMonths: 12,
    dueSoonDays: 7,
  },
  cites: CITES_2014,
};

export const RULESET_2026: RuleSet = {
  id: '2026',
  title: '《中国共产党发展党员工作细则》（2026年修订）',
  stages: STAGES,
  steps: STEPS_2014,
  params: {
    ...RULESET_2014.params,
    assessmentEveryMonths: 6,
    publicityWorkingDays: 5,
    meetingAfterPreReviewMonths: 1,
    oathWithinMonths: 1,
  },
  cites: {
    ...CITES_2014,
    assessment: cite(R26, 11),
    publicity: cite(R26, 13),
    meetingAfterPreReview: cite(R26, 19),
    approval: cite(R26, 25),
    oath: cite(R26, 29),
  },
};

/** Every published national version, by id. Add new versions; never edit a published one. */
export const RULESETS: { readonly [id: string]: RuleSet } = { '2014': RULESET_2014, '2026': RULESET_2026 };

export function ruleSet(id: string): RuleSet {
  const r = RULESETS[id];
  if (!r) throw new ModuleError('MODULES_UNKNOWN_RULESET', `unknown rule set ${id}`);
  return r;
}

/** The cite for a rule in a version (falls back to the 2014 text). */
export function citeOf(version: string, rule: string): string {
  return RULESETS[version]?.cites[rule] ?? CITES_2014[rule as keyof typeof CITES_2014] ?? '';
}
