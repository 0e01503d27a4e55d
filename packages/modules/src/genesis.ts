/** The genesis sections of this package's modules, as one documented shape (README "Genesis"). */
import type { AttachmentGenesis } from './attachment/module.ts';
import type { DeclarationGenesis } from './declaration/params.ts';
import type { DisciplineGenesis } from './discipline/module.ts';
import type { GovernanceGenesis } from './governance/params.ts';
import type { MemberGenesis } from './member/module.ts';
import type { OrgGenesis } from './org/module.ts';
import type { ResidentParams } from './resident/params.ts';

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
  /** Each account's monthly attachment quota (count, bytes); default DEFAULT_ATTACHMENT_QUOTA. */
  readonly attachment?: AttachmentGenesis;
  /** 四议两公开 thresholds and residents' write limits (each optional, defaults in resident/params.ts). */
  readonly resident?: Partial<ResidentParams>;
  /** Kinds of personal matters and the deadlines of requests and declarations (defaults otherwise). */
  readonly declaration?: DeclarationGenesis;
  /** 党支部 counted per block of the operation index's close (default CLOSE_BRANCHES_PER_BLOCK, 20). */
  readonly insight?: { readonly closeBranches?: number };
  /** 党支部 judged per block of the orglife month close (default CLOSE_BRANCHES_PER_BLOCK, 20). */
  readonly orglife?: { readonly closeBranches?: number };
  /** Members judged per block of the dues month close (default CLOSE_MEMBERS_PER_BLOCK, 1,000). */
  readonly dues?: { readonly closeMembers?: number };
}
