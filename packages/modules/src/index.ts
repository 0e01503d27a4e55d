/**
 * @djchain/modules: the Party-affairs rules as runtime modules — org, member, recruitment (发展党员),
 * discipline, transfer, dues, orglife (组织生活), study (学习), declaration (重大事项请示报告), evidence,
 * governance. Pure: time comes
 * from the block (BFT time → China date), nothing else is read.
 */
export { allModules } from './all-modules.ts';

export { AnchorErrors } from './anchor/errors.ts';
export { anchorModule } from './anchor/module.ts';
export { anchorStateKey, MAX_PATH_LEVELS } from './anchor/path.ts';
export { type AnchorRecord, anchorKeys, type ChildRecord } from './anchor/store.ts';
export { AttachmentErrors } from './attachment/errors.ts';
export { attachmentModule } from './attachment/module.ts';
export {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_MEMBERS,
  ATTACHMENT_MEDIA_TYPES,
  ATTACHMENT_SCOPES,
  type AttachmentRecord,
  type AttachmentScope,
} from './attachment/store.ts';
export {
  calendarNotice,
  calendarYears,
  dayKind,
  workingDaysInRange,
  workingPeriodEnd,
} from './common/calendar.ts';
export { cite, DOC } from './common/cites.ts';
export {
  addDays,
  addMonths,
  addYears,
  ageOn,
  chinaDate,
  chinaTime,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  isLeapYear,
  weekday,
} from './common/dates.ts';
export { type ErrorRegistry, type ErrorSpec, ModuleError, type ModuleErrorCode } from './common/errors.ts';
export {
  addMonth,
  isYearMonth,
  lastDay,
  monthOf,
  monthRange,
  monthsBetween,
  type YearMonth,
} from './common/months.ts';
export { isStatedPurpose, MIN_PURPOSE_LENGTH, type ReadEntry } from './common/readlog.ts';
export { MODULE, type ModuleName } from './common/stores.ts';
export { WARNING_KINDS, WARNING_LEVELS, type WarningKind, type WarningLevel } from './common/warnings.ts';
export {
  type DeclarationContent,
  declarationCommitment,
  openDeclaration,
  sealDeclaration,
} from './declaration/commitment.ts';
export { DeclarationErrors } from './declaration/errors.ts';
export { declarationModule } from './declaration/module.ts';
export {
  DEFAULT_DECLARATION_PARAMS,
  type DeclarationGenesis,
  type DeclarationParams,
} from './declaration/params.ts';
export {
  ANSWER_OUTCOMES,
  PERSONAL_STEPS,
  type PersonalRecord,
  type PersonalStep,
  REQUEST_KINDS,
  type RequestRecord,
} from './declaration/store.ts';
export { barOn, type PostBar, type SanctionEffects, sanctionEffects } from './discipline/effects.ts';
export { DisciplineErrors } from './discipline/errors.ts';
export { type DisciplineGenesis, disciplineModule } from './discipline/module.ts';
export { OBSERVATION_MAX_MONTHS } from './discipline/observation.ts';
export { SANCTION_KINDS, type SanctionKind, type SanctionRecord } from './discipline/store.ts';
export { DisclosureErrors } from './disclosure/errors.ts';
export { disclosureModule } from './disclosure/module.ts';
export { contentFits, inForce, itemSeen, scopesSeen } from './disclosure/rules.ts';
export {
  AUTOMATIC_KINDS,
  DISCLOSURE_KINDS,
  DISCLOSURE_SCOPES,
  type DisclosureItem,
  type DisclosureKind,
  type DisclosureScope,
  type DisclosureSource,
  PUBLISHED_KINDS,
  type Successor,
} from './disclosure/store.ts';
export { type DuesBase, duesBaseCommitment } from './dues/commitment.ts';
export { DuesErrors } from './dues/errors.ts';
export { duesModule } from './dues/module.ts';
export {
  applyRate,
  BASED_GROUPS,
  DUES_GROUPS,
  DUES_RULE_2008,
  DUES_RULES,
  type DuesAmount,
  type DuesGroup,
  type DuesRule,
  duesRuleByVersion,
  duesRuleFor,
  GROUP_ARTICLE,
  monthlyDues,
  possibleAmount,
} from './dues/rates.ts';
export type {
  Assessment as DuesAssessment,
  Payment as DuesPayment,
  Relief as DuesRelief,
  Remittance as DuesRemittance,
} from './dues/store.ts';
export { EvidenceErrors } from './evidence/errors.ts';
export { type JailOutcome, type JailRecord, jailKey, readmitKey } from './evidence/jail.ts';
export {
  EVIDENCE_MODULE,
  type EvidenceParams,
  type EvidenceRecord,
  evidenceKey,
  evidenceModule,
} from './evidence/module.ts';
export type { ModulesGenesis, RecruitmentGenesis } from './genesis.ts';
export { GovernanceErrors } from './governance/errors.ts';
export { governanceModule } from './governance/module.ts';
export {
  type Approval,
  DEFAULT_PARAMS as DEFAULT_GOVERNANCE_PARAMS,
  type GovernanceGenesis,
  type GovernanceParams,
} from './governance/params.ts';
export type { ApprovalRecord, Change, ChangeOp, NodeRole, ProposalRecord } from './governance/store.ts';
export type { CorrectionRecord } from './insight/corrections.ts';
export { InsightErrors } from './insight/errors.ts';
export { insightModule } from './insight/module.ts';
export { INDEX_RULES, type IndexRules } from './insight/rules.ts';
export { type CheckMiss, type IndexRecord, insightKeys } from './insight/store.ts';
export {
  AGE_CEILING,
  AGE_CEILING_DATE,
  AGE_EPOCH,
  AGE_SEED_LENGTH,
  AGE_TAG,
  AgeError,
  type AgeErrorCode,
  ageCommitment,
  ageCutoff,
  ageDay,
  ageHashChain,
  ageProof,
  verifyAgeProof,
} from './member/age.ts';
export { MemberErrors } from './member/errors.ts';
export { type MemberGenesis, memberModule } from './member/module.ts';
export { checkProfile, openProfile, type Profile, profileCommitment, sealProfile } from './member/profile.ts';
export { deriveRights, type Rights } from './member/rights.ts';
export { type MemberStatus, STATUSES, type StatusInfo } from './member/status.ts';
export { EXIT_REASONS, type ExitReason } from './member/store.ts';
export { OrgErrors } from './org/errors.ts';
export { type OrgGenesis, orgModule } from './org/module.ts';
export { postRank } from './org/rank.ts';
export { ORG_KINDS, type OrgKind } from './org/store.ts';
export { OrgLifeErrors } from './orglife/errors.ts';
export { orgLifeModule } from './orglife/module.ts';
export {
  HANDLINGS,
  MEETING_KINDS,
  MEETING_LENGTHS,
  type MeetingKind,
  MINUTES_SCOPES,
  ORGLIFE_RULES,
  ORGLIFE_RULES_2018,
  type OrgLifeRules,
  RATINGS,
  type Rating,
} from './orglife/rules.ts';
export type { AttendanceLine, Held, Meeting } from './orglife/store.ts';
export { permissionMatrix, renderPermissionMatrix } from './permissions/matrix.ts';
export {
  COMMITTEE_POSTS,
  describePermission,
  MATRIX_COLUMNS,
  ORG_POSTS,
  type OrgPost,
  type Permission,
  type PermissionRule,
} from './permissions/rules.ts';
export { RecruitmentErrors } from './recruitment/errors.ts';
export { ALL_MATERIALS } from './recruitment/materials.ts';
export { recruitmentModule } from './recruitment/module.ts';
export type { RecruitmentParams } from './recruitment/params.ts';
export { RULESET_2014, RULESET_2026, RULESETS, type RuleSet, type StepDef } from './recruitment/rulesets.ts';
export type { Phase, Process } from './recruitment/store.ts';
export { checkBallot } from './recruitment/vote.ts';
export { ERROR_REGISTRIES } from './registries.ts';
export { BIND_POSTS, UNBIND_REASONS } from './resident/accounts.ts';
export {
  openResidentCheck,
  type ResidentCheck,
  residentCheckCommitment,
  type SealedResidentCheck,
  sealResidentCheck,
} from './resident/commitment.ts';
export { VOTE_CHOICES } from './resident/decide.ts';
export { ResidentErrors } from './resident/errors.ts';
export { residentModule } from './resident/module.ts';
export { DEFAULT_RESIDENT_PARAMS, meets, type ResidentParams, type Share } from './resident/params.ts';
export {
  type Comment,
  MATTER_STATUSES,
  type Matter,
  type MatterStatus,
  type MatterStep,
  type ResidentRecord,
  type VoteRound,
} from './resident/store.ts';
export { ServiceErrors } from './service/errors.ts';
export { serviceModule } from './service/module.ts';
export { DEFAULT_SERVICE_PARAMS, type ServiceParams } from './service/params.ts';
export {
  type Grid as ServiceGrid,
  type MenuItem as ServiceMenuItem,
  ORDER_STATUSES,
  type Order as ServiceOrder,
  type OrderStatus,
  PROVIDER_KINDS,
  type Registration as ServiceRegistration,
  SERVICE_KINDS,
} from './service/store.ts';
export { StudyErrors } from './study/errors.ts';
export { studyModule } from './study/module.ts';
export { behindPace, paceMonths } from './study/pace.ts';
export { STUDY_RULES, STUDY_RULES_2019, type StudyRules, studyRulesFor } from './study/rules.ts';
export { admittedKeys } from './transfer/crosschain.ts';
export { TransferErrors } from './transfer/errors.ts';
export { transferModule } from './transfer/module.ts';
export { WarningsErrors } from './warnings/errors.ts';
export { warningsModule, warningsModuleCheckingAll } from './warnings/module.ts';
export { MEMBER_BOUND } from './warnings/register.ts';
export type { WarningRecord } from './warnings/store.ts';
