/** The genesis sections of this package's modules, as one documented shape (README "Genesis"). */
import type { DeclarationGenesis } from './declaration/params.ts';
import type { DisciplineGenesis } from './discipline/module.ts';
import type { GovernanceGenesis } from './governance/params.ts';
import type { MemberGenesis } from './member/module.ts';
import type { OrgGenesis } from './org/module.ts';

export interface RecruitmentGenesis {
  /** National rule version new applications start under ('2014' or '2026'); default '2014'. */
  readonly activeVersion?: string;
}

/** `GenesisDoc.modules` for the Party-affairs modules (transfer takes none). */
export interface ModulesGenesis {
  readonly org: OrgGenesis;
  readonly member: MemberGenesis;
  readonly recruitment?: RecruitmentGenesis;
  /** The county-level discipline commission that approves expulsions (党章第四十二条). */
  readonly discipline?: DisciplineGenesis;
  /** Who approves node admission (default: ⅔ of the validator organizations' 书记). */
  readonly governance?: GovernanceGenesis;
  /** Kinds of personal matters and the deadlines of requests and declarations (defaults otherwise). */
  readonly declaration?: DeclarationGenesis;
}
