/**
 * The fields of each recruitment step's form (the modules' parameter shapes, for people). Every step
 * records when it took place, who took part, what was decided and the document (its hash; the file
 * stays off chain) — recruitment/process.ts RECORD_SHAPE. Fields that only a late step needs (a
 * reason, a special case) are shown only when the step is overdue.
 */
import type { MessageKey } from './i18n.ts';

export interface Field {
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: 'text' | 'int' | 'bool' | 'ids' | 'select' | 'date' | 'file';
  readonly options?: readonly string[];
  /** The i18n key of each option's label (options are the chain's codes). */
  readonly optionLabel?: (o: string) => MessageKey;
  readonly optional?: boolean;
  /** Characters allowed (free text on chain is short by kind: modules TEXT_LIMITS). */
  readonly max?: number;
  readonly min?: number;
  /** Shown only while the step's deadline is overdue. */
  readonly onlyOverdue?: boolean;
  /** Shown only when another field has one of these values. */
  readonly when?: { readonly field: string; readonly is: readonly unknown[] };
}

/** recruitment/materials.ts ALL_MATERIALS (the chain checks the kind against it). */
export const MATERIALS = [
  '入党申请书',
  '谈话记录',
  '培养考察材料',
  '思想汇报',
  '公示',
  '政审材料',
  '培训证明',
  '预审',
  '入党志愿书',
  '支部大会决议',
  '党委审批',
  '宣誓记录',
  '转正申请书',
  '转正考察材料',
  '转正决议',
  '转正审批',
];

const vote: Field[] = [
  { name: 'present', label: 'votePresent', kind: 'int' },
  { name: 'yes', label: 'voteYes', kind: 'int' },
  { name: 'no', label: 'voteNo', kind: 'int' },
  { name: 'abstain', label: 'voteAbstain', kind: 'int' },
  { name: 'writtenYes', label: 'writtenYes', kind: 'int', optional: true },
  { name: 'writtenNo', label: 'writtenNo', kind: 'int', optional: true },
  { name: 'excused', label: 'excused', kind: 'ids', optional: true },
  { name: 'excusedApproval', label: 'excusedApproval', kind: 'text', optional: true },
];

const lateReason: Field = {
  name: 'lateReason',
  label: 'lateReason',
  kind: 'text',
  max: 100,
  onlyOverdue: true,
};

/** Each step's own fields (before the record fields every step has). */
export const STEP_FIELDS: Record<string, readonly Field[]> = {
  talk: [lateReason],
  nameActivist: [{ name: 'source', label: 'source', kind: 'select', options: ['党员推荐', '群团组织推优'] }],
  fileActivist: [],
  assignContacts: [{ name: 'contacts', label: 'contacts', kind: 'ids' }],
  recordAssessment: [],
  startPublicity: [],
  nameCandidate: [],
  fileCandidate: [],
  setIntroducers: [{ name: 'introducers', label: 'introducers', kind: 'ids' }],
  politicalReview: [{ name: 'passed', label: 'passed', kind: 'bool' }],
  recordTraining: [
    { name: 'days', label: 'trainingDays', kind: 'int', optional: true, max: 365 },
    { name: 'hours', label: 'trainingHours', kind: 'int', optional: true, max: 2000 },
  ],
  committeeReview: [],
  preReview: [{ name: 'passed', label: 'passed', kind: 'bool' }],
  issueForm: [],
  admissionVote: vote,
  superiorTalk: [],
  approveAdmission: [
    { name: 'approved', label: 'approved', kind: 'bool' },
    {
      name: 'special',
      label: 'specialCase',
      kind: 'text',
      max: 100,
      onlyOverdue: true,
      when: { field: 'approved', is: [true] },
    },
  ],
  fileAdmission: [],
  assignGroup: [{ name: 'group', label: 'group', kind: 'text' }],
  takeOath: [lateReason],
  applyConversion: [],
  startConversionPublicity: [],
  conversionVote: [
    {
      name: 'decision',
      label: 'decision',
      kind: 'select',
      options: ['convert', 'extend', 'cancel'],
      optionLabel: (o) => `decision_${o}` as MessageKey,
    },
    {
      name: 'extendMonths',
      label: 'extendMonths',
      kind: 'int',
      min: 6,
      max: 12,
      when: { field: 'decision', is: ['extend'] },
    },
    ...vote,
  ],
  approveConversion: [{ name: 'approved', label: 'approved', kind: 'bool' }],
  archive: [],
  // Not a chart step: a material (思想汇报, a paper the member handed in) filed by its hash.
  addMaterial: [{ name: 'kind', label: 'materialKind', kind: 'select', options: MATERIALS }],
};

/** The deadline kind (recruitment/deadlines.ts) each step meets, for its overdue-only fields. */
export const STEP_DEADLINE: Record<string, string> = {
  talk: 'talk',
  recordAssessment: 'assessment',
  admissionVote: 'branchMeeting',
  approveAdmission: 'approval',
  takeOath: 'oath',
  conversionVote: 'conversion',
  approveConversion: 'conversionApproval',
};

const MEETINGS = new Set([
  'admissionVote',
  'conversionVote',
  'committeeReview',
  'nameActivist',
  'nameCandidate',
]);
const REVIEWS = new Set(['politicalReview', 'preReview', 'committeeReview']);
const APPROVALS = new Set([
  'approveAdmission',
  'approveConversion',
  'fileActivist',
  'fileCandidate',
  'fileAdmission',
]);

/** What every step records besides its own fields, labelled for the step. */
export function recordFields(action: string): Field[] {
  const heldOn: MessageKey =
    action === 'talk' || action === 'superiorTalk'
      ? 'talkHeldOn'
      : MEETINGS.has(action)
        ? 'meetingHeldOn'
        : action === 'recordTraining'
          ? 'trainingHeldOn'
          : 'fieldHeldOn';
  const people: MessageKey = action === 'talk' || action === 'superiorTalk' ? 'talkPeople' : 'fieldPeople';
  const note: MessageKey =
    action === 'talk' || action === 'superiorTalk'
      ? 'talkNote'
      : action === 'recordAssessment'
        ? 'assessmentNote'
        : REVIEWS.has(action)
          ? 'reviewNote'
          : APPROVALS.has(action)
            ? 'approvalNote'
            : MEETINGS.has(action)
              ? 'meetingNote'
              : 'fieldNote';
  return [
    { name: 'heldOn', label: heldOn, kind: 'date', optional: true },
    { name: 'people', label: people, kind: 'ids', optional: true },
    { name: 'note', label: note, kind: 'text', optional: true, max: 100 },
    // A material is its document: addMaterial needs the file.
    { name: 'ref', label: 'fieldAttachment', kind: 'file', optional: action !== 'addMaterial' },
  ];
}

/** Every field of a step's form: its own, then the record fields. */
export function fieldsOf(action: string): Field[] {
  return [...(STEP_FIELDS[action] ?? []), ...recordFields(action)];
}

/** Whether a field is shown now (overdue-only fields, fields that depend on another's value). */
export function shown(
  f: Field,
  overdue: boolean,
  values: Record<string, unknown>,
  forced: ReadonlySet<string>,
): boolean {
  if (forced.has(f.name)) return true;
  if (f.onlyOverdue && !overdue) return false;
  if (f.when) {
    const v = values[f.when.field];
    // A switch not touched yet is on (its initial value).
    const value = v === undefined && f.when.is.includes(true) ? true : v;
    if (!f.when.is.includes(value)) return false;
  }
  return true;
}

export const VOTE_ACTIONS = new Set(['admissionVote', 'conversionVote']);

/** Form values → action parameters: empty optional fields left out, ids split, numbers parsed. */
export function paramsOf(
  member: string,
  fields: readonly Field[],
  values: Record<string, unknown>,
): { [k: string]: string | number | boolean | string[] } {
  const out: { [k: string]: string | number | boolean | string[] } = { member };
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'bool') {
      out[f.name] = v === true;
      continue;
    }
    if (v === undefined || v === null || v === '') continue;
    if (f.kind === 'int') out[f.name] = Number(v);
    else if (f.kind === 'ids') {
      const ids = String(v)
        .split(/[,，、\s]+/)
        .filter((s) => s.length > 0);
      if (ids.length > 0 || !f.optional) out[f.name] = ids;
    } else out[f.name] = String(v).trim();
  }
  return out;
}

/** A refusal the rules allow a way past, and that way: a field to fill, or another step to do first. */
export const WAYS: Record<string, { hint: MessageKey; field?: string; action?: string }> = {
  RECRUITMENT_TALK_LATE: { hint: 'lateReasonNeeded', field: 'lateReason' },
  RECRUITMENT_OATH_LATE: { hint: 'lateReasonNeeded', field: 'lateReason' },
  RECRUITMENT_MEETING_LATE: { hint: 'wayRedoPreReview', action: 'preReview' },
  RECRUITMENT_POLITICAL_REVIEW_EXPIRED: { hint: 'wayRedoReview', action: 'politicalReview' },
  RECRUITMENT_ASSESSMENT_MISSING: { hint: 'wayAssessment', action: 'recordAssessment' },
  RECRUITMENT_QUORUM_NOT_MET: { hint: 'wayQuorum', field: 'excused' },
  RECRUITMENT_PUBLICITY_INCOMPLETE: { hint: 'wayPublicity' },
};

export function wayOf(
  action: string,
  code: string,
): { hint: MessageKey; field?: string; action?: string } | null {
  if (code === 'RECRUITMENT_APPROVAL_OVERDUE')
    return action === 'approveAdmission'
      ? { hint: 'specialNeeded', field: 'special' }
      : { hint: 'conversionOverdueWay' };
  return WAYS[code] ?? null;
}
