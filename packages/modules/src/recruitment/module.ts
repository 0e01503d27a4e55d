/** The recruitment module (发展党员): 5 stages, 25 steps, per rule version, with deadlines. */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { ModuleError } from '../common/errors.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { checkDeadlines, deadlinesOf } from './deadlines.ts';
import { RecruitmentErrors } from './errors.ts';
import { activeVersion, adoptVersion, effectiveParams, setLocalRules } from './local.ts';
import { missingMaterials } from './materials.ts';
import { approveProbationDiscipline, probationDiscipline } from './probation-discipline.ts';
import { RULESETS } from './rulesets.ts';
import {
  addMaterial,
  apply,
  assignContacts,
  fileActivist,
  nameActivist,
  recordAssessment,
  talk,
} from './stage1-2.ts';
import {
  fileCandidate,
  nameCandidate,
  politicalReview,
  recordTraining,
  setIntroducers,
  startPublicity,
} from './stage3.ts';
import {
  admissionVote,
  approveAdmission,
  committeeReview,
  fileAdmission,
  issueForm,
  preReview,
  superiorTalk,
} from './stage4.ts';
import {
  applyConversion,
  approveConversion,
  archive,
  assignGroup,
  conversionVote,
  startConversionPublicity,
  takeOath,
} from './stage5.ts';
import { getProcess, recruitmentKeys } from './store.ts';

const bad = RecruitmentErrors.BAD_PARAMS;

export const recruitmentModule: ModuleDef = {
  name: MODULE.recruitment,
  actions: {
    apply,
    talk,
    nameActivist,
    fileActivist,
    assignContacts,
    recordAssessment,
    addMaterial,
    startPublicity,
    nameCandidate,
    fileCandidate,
    setIntroducers,
    politicalReview,
    recordTraining,
    committeeReview,
    preReview,
    issueForm,
    admissionVote,
    superiorTalk,
    approveAdmission,
    fileAdmission,
    assignGroup,
    takeOath,
    applyConversion,
    startConversionPublicity,
    conversionVote,
    approveConversion,
    archive,
    probationDiscipline,
    approveProbationDiscipline,
    setLocalRules,
    adoptVersion,
  },
  queries: {
    process: defineQuery<{ member: string }>(bad, {
      description: "A candidate's process with its open deadlines and missing materials per phase.",
      shape: { member: 'id' },
      run(ctx, p) {
        const proc = getProcess(ctx.store, p.member);
        if (!proc) return null;
        return asValue({ ...proc, deadlines: deadlinesOf(proc), missing: missingMaterials(proc.materials) });
      },
    }),
    ruleSets: defineQuery<Record<string, never>>(bad, {
      description: 'Published national rule versions with their steps and parameters, and the active one.',
      shape: {},
      run: (ctx) => asValue({ active: activeVersion(ctx.store), versions: RULESETS }),
    }),
    effectiveParams: defineQuery<{ version?: string; branch?: string }>(bad, {
      description:
        'Parameters a new process in a branch would run under (national tightened by local rules); ' +
        'version defaults to the active one.',
      shape: {
        version: { type: 'text', optional: true, oneOf: Object.keys(RULESETS) },
        branch: { type: 'id', optional: true },
      },
      run: (ctx, p) => asValue(effectiveParams(ctx, p.version ?? activeVersion(ctx.store), p.branch ?? '')),
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    const v = (config as { [k: string]: Value } | null)?.activeVersion;
    if (typeof v === 'string') {
      if (!(v in RULESETS))
        throw new ModuleError('MODULES_BAD_GENESIS', `recruitment genesis: unknown version ${v}`);
      ctx.store.set(recruitmentKeys.activeVersion, v);
    }
  },
  beginBlock: checkDeadlines,
};
