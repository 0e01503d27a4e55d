/** The shapes of the demo plan (plan.ts makes it; seed.ts replays it; sealed.ts seals its people). */
import type { Value } from '@djchain/crypto';
import type { DuesGroup, IsoDate, ModulesGenesis, YearMonth } from '@djchain/modules';

export interface PlanOptions {
  readonly seed: number;
  /** Party members at the start of the history (leadership included; at least the leadership). */
  readonly members: number;
  /** China date of the seeding day; history ends the day before. */
  readonly today: IsoDate;
}

export type PersonRole = 'leader' | 'member' | 'recruit';

/** A person of the demo; name and birth date are off-chain (roster file), never in a transaction. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly branch: string;
  readonly role: PersonRole;
  /** "c1/书记" for a post holder. */
  readonly post: string | null;
  readonly birthDate: IsoDate;
  readonly address: string;
}

/** One transaction of the history, to be signed by `signer` (a person id) on `date`. */
export interface PlannedTx {
  readonly date: IsoDate;
  /** Order inside the date: wave n is committed before wave n+1 is sent. */
  readonly wave: number;
  readonly signer: string;
  readonly module: string;
  readonly action: string;
  readonly params: { readonly [key: string]: Value };
  /** A branch meeting vote: the seeder fills in the counts from the branch's voters on that day. */
  readonly vote?: boolean;
  /**
   * A 党员大会审议 (resident.review): the seeder reads the voting members from the chain
   * (`resident.voters`) and fills `present` and the counts.
   */
  readonly voters?: true;
  /** A held meeting (orglife.hold): the seeder reads the expected attendees from the chain; these are absent. */
  readonly attendance?: { readonly absent: readonly string[] };
}

export type Archetype =
  | 'applicant'
  | 'talkOverdue'
  | 'applicantTalked'
  | 'activist'
  | 'activistFiled'
  | 'candidate'
  | 'approvalOverdue'
  | 'probationary'
  | 'conversionOverdue'
  | 'full'
  | 'fullEarly'
  | 'extra';

export interface CaseInfo {
  readonly member: string;
  readonly branch: string;
  readonly archetype: Archetype;
  /** Phase of the process expected once the history is replayed. */
  readonly phase: string;
}

/** A member's dues assessment in the demo; the base is sealed in the member's profile, never on chain. */
export interface DuesInfo {
  readonly member: string;
  readonly group: DuesGroup;
  /** Monthly base in fen for the based groups (salary, pension, income), else null. */
  readonly base: number | null;
  readonly fen: number;
  readonly from: YearMonth;
  /** Hands in a quarter at a time (in arrears, at the quarter's last month). */
  readonly quarterly: boolean;
}

/** A personal declaration's content, sealed off chain (plan-declarations.ts). */
export interface DeclarationInfo {
  readonly id: string;
  readonly member: string;
  readonly kind: string;
  readonly matterOn: IsoDate;
  readonly text: string;
}

export interface DemoAccount {
  /** Key of the keystore file name. */
  readonly role: string;
  readonly label: string;
  readonly member: string;
}

export interface DemoPlan {
  readonly options: PlanOptions;
  readonly genesisDate: IsoDate;
  readonly genesis: ModulesGenesis;
  readonly people: readonly Person[];
  readonly txs: readonly PlannedTx[];
  readonly cases: readonly CaseInfo[];
  readonly accounts: readonly DemoAccount[];
  /** Dues assessments (off chain: the bases), member by member. */
  readonly dues: readonly DuesInfo[];
  /** Personal declarations' contents (off chain: sealed by the seeder; on chain their commitments). */
  readonly declarations: readonly DeclarationInfo[];
  readonly orgNames: { readonly [id: string]: string };
  /** The residents bound on chain (issue 16): names off chain (sealed with the roster), keys by id. */
  readonly residents: readonly DemoResident[];
  /**
   * The disclosure items' contents (issue 16, plan-disclosure.ts): registered on chain by hash
   * (`attachment.register`), uploaded by the seeder once the record is committed.
   */
  readonly documents: readonly DemoDocument[];
}

/** A document the seeder uploads: its SHA-256 (the attachment's hash on chain), type and text. */
export interface DemoDocument {
  readonly hash: string;
  readonly mediaType: string;
  readonly text: string;
}

/** A resident of the demo: the name stays in the sealed roster; the chain has id and key address. */
export interface DemoResident {
  readonly id: string;
  readonly name: string;
  readonly address: string;
}
