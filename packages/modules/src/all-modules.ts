/** The list of this package's modules, in one place: the node registers it, the permission matrix draws from it. */
import type { ModuleDef } from '@djchain/runtime';
import { anchorModule } from './anchor/module.ts';
import { attachmentModule } from './attachment/module.ts';
import { declarationModule } from './declaration/module.ts';
import { disciplineModule } from './discipline/module.ts';
import { disclosureModule } from './disclosure/module.ts';
import { duesModule } from './dues/module.ts';
import { evidenceModule } from './evidence/module.ts';
import { governanceModule } from './governance/module.ts';
import { insightModule } from './insight/module.ts';
import { memberModule } from './member/module.ts';
import { orgModule } from './org/module.ts';
import { orgLifeModule } from './orglife/module.ts';
import { recruitmentModule } from './recruitment/module.ts';
import { residentModule } from './resident/module.ts';
import { serviceModule } from './service/module.ts';
import { studyModule } from './study/module.ts';
import { transferModule } from './transfer/module.ts';
import { warningsModule } from './warnings/module.ts';

/**
 * Every module of this package; the node registers exactly these (the runtime runs them in name
 * order, so this order is only the permission matrix's, docs/permissions.md).
 */
export const allModules: readonly ModuleDef[] = [
  orgModule,
  memberModule,
  recruitmentModule,
  disciplineModule,
  transferModule,
  duesModule,
  attachmentModule,
  orgLifeModule,
  studyModule,
  insightModule,
  residentModule,
  serviceModule,
  disclosureModule,
  declarationModule,
  evidenceModule,
  governanceModule,
  warningsModule,
  anchorModule,
];
