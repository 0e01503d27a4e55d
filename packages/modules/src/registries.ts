/** Every module's error registry, for whoever shows their texts (the CLI's catalog, its tests). */
import { AnchorErrors } from './anchor/errors.ts';
import { AttachmentErrors } from './attachment/errors.ts';
import type { ErrorRegistry } from './common/errors.ts';
import { DeclarationErrors } from './declaration/errors.ts';
import { DisciplineErrors } from './discipline/errors.ts';
import { DisclosureErrors } from './disclosure/errors.ts';
import { DuesErrors } from './dues/errors.ts';
import { EvidenceErrors } from './evidence/errors.ts';
import { GovernanceErrors } from './governance/errors.ts';
import { InsightErrors } from './insight/errors.ts';
import { MemberErrors } from './member/errors.ts';
import { OrgErrors } from './org/errors.ts';
import { OrgLifeErrors } from './orglife/errors.ts';
import { RecruitmentErrors } from './recruitment/errors.ts';
import { ResidentErrors } from './resident/errors.ts';
import { ServiceErrors } from './service/errors.ts';
import { StudyErrors } from './study/errors.ts';
import { TransferErrors } from './transfer/errors.ts';
import { WarningsErrors } from './warnings/errors.ts';

export const ERROR_REGISTRIES: readonly ErrorRegistry[] = [
  OrgErrors,
  MemberErrors,
  RecruitmentErrors,
  DisciplineErrors,
  TransferErrors,
  EvidenceErrors,
  GovernanceErrors,
  DuesErrors,
  AttachmentErrors,
  OrgLifeErrors,
  StudyErrors,
  WarningsErrors,
  InsightErrors,
  ResidentErrors,
  ServiceErrors,
  DisclosureErrors,
  DeclarationErrors,
  AnchorErrors,
];
