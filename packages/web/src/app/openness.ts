/**
 * The page's copies of what the issue 16 forms need from the modules (the layer rule keeps
 * @djchain/modules out of the web app; test/openness-copy.test.ts keeps them equal).
 */

/** Kinds a committee publishes by hand: the modules' PUBLISHED_KINDS less 撤回声明 (made by withdraw). */
export const HAND_KINDS = ['会议纪要', '工作公开', '通知公告'] as const;
/** Copy of the declaration module's REQUEST_KINDS and ANSWER_OUTCOMES. */
export const REQUEST_KINDS = ['请示', '报告'] as const;
export const ANSWER_OUTCOMES = ['approved', 'returned'] as const;
/** Copy of the permissions' COMMITTEE_POSTS: who sits on the committee that proposes a matter. */
export const COMMITTEE_POSTS: readonly string[] = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

/** Copy of the declaration module's RequestRecord. */
export interface RequestInfo {
  readonly id: string;
  readonly org: string;
  readonly to: string;
  readonly kind: (typeof REQUEST_KINDS)[number];
  readonly title: string;
  readonly document: string;
  readonly filedOn: string;
  readonly due: string;
  readonly status: 'filed' | 'received' | 'answered';
  readonly receivedOn: string | null;
  readonly answeredOn: string | null;
  readonly outcome: (typeof ANSWER_OUTCOMES)[number] | null;
  readonly reason: string | null;
  readonly answer: string | null;
  readonly late: boolean;
}
