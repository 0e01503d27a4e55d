/**
 * The kinds of organizational life and how often each is due, as a versioned rule set:
 * 《中国共产党支部工作条例（试行）》(2018). Article numbers from secondary sources are marked in
 * RULES.md §8; every number here is a parameter of the rule set, never a constant in the checks.
 */
import { cite, DOC } from '../common/cites.ts';
import { MEETING_KINDS } from '../lists.ts';

export { MEETING_KINDS };

export type MeetingKind = (typeof MEETING_KINDS)[number];

export type Period = 'month' | 'quarter' | 'year';

export interface KindRule {
  /** How often it is due (谈心谈话: every committee-member × member pair, once a year). */
  readonly every: Period;
  /** The organization that holds it: a branch, or (党小组会) a group. */
  readonly heldBy: '党支部' | '党小组';
  readonly cite: string;
}

export interface OrgLifeRules {
  readonly version: string;
  readonly kinds: { readonly [K in MeetingKind]: KindRule };
  /** A branch has a 支部委员会 (and owes its monthly meeting) with at least this many committee posts held. */
  readonly committeeMin: number;
  /** 党章第九条: this many consecutive months without organizational life opens a 自行脱党 case. */
  readonly absenceMonths: number;
  /** Study hours of a 党课 or 主题党日 by its length: a day, half a day (RULES.md §5: local practice). */
  readonly hoursPerDay: number;
  readonly hoursPerHalfDay: number;
  /** 党课: the branch secretary lectures at least once a year (a parameter: RULES.md §8). */
  readonly secretaryLectures: boolean;
}

const BRANCH = DOC.branch;

export const ORGLIFE_RULES_2018: OrgLifeRules = {
  version: '2018',
  kinds: {
    // 第十二条: 党员大会 usually once a quarter; valid with more than half of the voting members present.
    支部党员大会: { every: 'quarter', heldBy: '党支部', cite: cite(BRANCH, 12) },
    // 第十三条: 支部委员会 usually once a month.
    支部委员会: { every: 'month', heldBy: '党支部', cite: cite(BRANCH, 13) },
    // 第十四条: 党小组会 usually once a month.
    党小组会: { every: 'month', heldBy: '党小组', cite: cite(BRANCH, 14) },
    // 第十六条: 三会一课; the secretary gives at least one 党课 a year; a fixed day each month (主题党日).
    党课: { every: 'year', heldBy: '党支部', cite: cite(BRANCH, 16) },
    主题党日: { every: 'month', heldBy: '党支部', cite: cite(BRANCH, 16) },
    // 第十七条: 组织生活会 at least once a year, usually in the fourth quarter.
    组织生活会: { every: 'year', heldBy: '党支部', cite: cite(BRANCH, 17) },
    // 第十八条: 民主评议党员 usually once a year.
    民主评议党员: { every: 'year', heldBy: '党支部', cite: cite(BRANCH, 18) },
    // 第十九条: 谈心谈话 — each committee member with each member at least once a year.
    谈心谈话: { every: 'year', heldBy: '党支部', cite: cite(BRANCH, 19) },
  },
  committeeMin: 3,
  absenceMonths: 6,
  hoursPerDay: 8,
  hoursPerHalfDay: 4,
  secretaryLectures: true,
};

/** Rule sets by version; a published one is never edited (a new version is added). */
export const ORGLIFE_RULES: readonly OrgLifeRules[] = [ORGLIFE_RULES_2018];

/** The rule set in force (one so far; a later version would be chosen by the period it judges). */
export function orgLifeRules(): OrgLifeRules {
  return ORGLIFE_RULES[ORGLIFE_RULES.length - 1]!;
}

export const MEETING_LENGTHS = ['一天', '半天'] as const;
export type MeetingLength = (typeof MEETING_LENGTHS)[number];

export const hoursOf = (rules: OrgLifeRules, length: MeetingLength): number =>
  length === '一天' ? rules.hoursPerDay : rules.hoursPerHalfDay;

/** Who may read the minutes file (the attachment store enforces it; the meeting records it). */
export const MINUTES_SCOPES = ['org', 'committee', 'public'] as const;
export type MinutesScope = (typeof MINUTES_SCOPES)[number];

/**
 * The attachment scope (attachment/store.ts) the minutes file must be registered with for each
 * minutes scope, so the reader the meeting record names is the reader the node lets through:
 * - `public` minutes: a `public` attachment (anyone, 党务公开);
 * - `org` minutes: an `org` attachment of the meeting's organization (its members and those below);
 * - `committee` minutes: a `members` attachment naming committee members of the organization only
 *   (post holders of it and above read every attachment of theirs anyway).
 * `community` (every member of the chain) is wider than any minutes scope: never minutes.
 */
export const MINUTES_ATTACHMENT_SCOPE = {
  public: 'public',
  org: 'org',
  committee: 'members',
} as const satisfies { readonly [S in MinutesScope]: string };

export const RATINGS = ['优秀', '合格', '基本合格', '不合格'] as const;
export type Rating = (typeof RATINGS)[number];

/** 不合格 handling, decided by people (《党员教育管理工作条例》; the chain records). */
export const HANDLINGS = ['限期改正', '劝退', '除名'] as const;
