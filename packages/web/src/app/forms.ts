/** The fields of each recruitment step's form (the modules' parameter shapes, for people). */
import type { MessageKey } from './i18n.ts';

export interface Field {
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: 'text' | 'int' | 'bool' | 'ids' | 'select';
  readonly options?: readonly string[];
  readonly optional?: boolean;
}

const vote: Field[] = [
  { name: 'present', label: 'votePresent', kind: 'int' },
  { name: 'yes', label: 'voteYes', kind: 'int' },
  { name: 'no', label: 'voteNo', kind: 'int' },
  { name: 'abstain', label: 'voteAbstain', kind: 'int' },
];

export const STEP_FIELDS: Record<string, readonly Field[]> = {
  talk: [{ name: 'lateReason', label: 'lateReason', kind: 'text', optional: true }],
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
    { name: 'days', label: 'trainingDays', kind: 'int', optional: true },
    { name: 'hours', label: 'trainingHours', kind: 'int', optional: true },
  ],
  committeeReview: [],
  preReview: [{ name: 'passed', label: 'passed', kind: 'bool' }],
  issueForm: [],
  admissionVote: vote,
  superiorTalk: [],
  approveAdmission: [{ name: 'approved', label: 'approved', kind: 'bool' }],
  fileAdmission: [],
  assignGroup: [{ name: 'group', label: 'group', kind: 'text' }],
  takeOath: [{ name: 'lateReason', label: 'lateReason', kind: 'text', optional: true }],
  applyConversion: [],
  conversionVote: [
    ...vote,
    { name: 'decision', label: 'decision', kind: 'select', options: ['convert', 'extend', 'cancel'] },
  ],
  approveConversion: [{ name: 'approved', label: 'approved', kind: 'bool' }],
  archive: [],
};

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
    else if (f.kind === 'ids')
      out[f.name] = String(v)
        .split(/[,，\s]+/)
        .filter((s) => s.length > 0);
    else out[f.name] = String(v);
  }
  return out;
}
