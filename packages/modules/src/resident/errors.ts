/**
 * Error registry of the resident module: resident accounts, 居民代表, 四议两公开 matters, comments.
 * 四议两公开 has no national article number the rules here could cite (domain/RULES.md §3: the steps and
 * local thresholds); refusals cite the step's source by document, and the thresholds the genesis
 * parameters of this chain (《党建链联盟章程（创世文件）》四议两公开参数).
 */

import { charterRule } from '../common/cites.ts';
import { baseErrors } from '../common/errors.ts';

/** 四议两公开: 支部会提议、两委会商议、党员大会审议、居民代表会议决议，决议公开、实施结果公开. */
export const FOUR_TWO = '“四议两公开”工作法（社区重大事项决策）';
export const FOUR_TWO_PARAMS = charterRule('四议两公开参数');
export const RESIDENT_RULES = charterRule('居民账户');
/** 居民代表会议 (the residents' representatives' meeting) by the law on residents' committees. */
export const RESIDENTS_LAW = '《中华人民共和国城市居民委员会组织法》';

export const ResidentErrors = {
  ...baseErrors('RESIDENT'),
  EXISTS: { code: 'RESIDENT_EXISTS', en: 'A record with this id exists.', zh: '该编号的记录已存在。' },
  KEY_IN_USE: {
    code: 'RESIDENT_KEY_IN_USE',
    en: "The key is bound already (a member's, a resident's, or a retired key): a resident binds a new key of their own.",
    zh: '该密钥已被使用（党员或居民的密钥，或已停用的密钥），请居民重新生成本人的新密钥。',
    cite: RESIDENT_RULES,
  },
  NOT_BOUND: {
    code: 'RESIDENT_NOT_BOUND',
    en: 'The resident account is not bound (unbound, or no such resident).',
    zh: '该居民账户未绑定（已解绑或不存在）。',
    cite: RESIDENT_RULES,
  },
  NOT_COMMUNITY: {
    code: 'RESIDENT_NOT_COMMUNITY',
    en: 'Resident accounts and 四议两公开 matters belong to the community organization: the top 党委 (or organization) of this chain.',
    zh: '居民账户和“四议两公开”事项属于社区党组织（本链的最高一级党组织）。',
    cite: RESIDENT_RULES,
  },
  ALREADY_REPRESENTATIVE: {
    code: 'RESIDENT_ALREADY_REPRESENTATIVE',
    en: 'The resident is a designated representative already.',
    zh: '该居民已是居民代表。',
    cite: RESIDENTS_LAW,
  },
  NOT_REPRESENTATIVE: {
    code: 'RESIDENT_NOT_REPRESENTATIVE',
    en: 'The resident is not a designated representative (of this vote: representatives at its opening vote).',
    zh: '该居民不是居民代表（本轮表决以开始表决时的居民代表为准）。',
    cite: RESIDENTS_LAW,
  },
  RATE_LIMITED: {
    code: 'RESIDENT_RATE_LIMITED',
    en: "The account's writes for this block or this day are used up; try again later.",
    zh: '该账户本区块或今日的提交次数已用完，请稍后再试。',
    cite: FOUR_TWO_PARAMS,
  },
  WRONG_STEP: {
    code: 'RESIDENT_WRONG_STEP',
    en: 'The matter is not at this step: 支部会提议 → 两委会商议 → 党员大会审议 → 居民代表会议决议 → 决议公开 → 实施结果公开, in this order.',
    zh: '该事项不处于此环节：须依次经过支部会提议、两委会商议、党员大会审议、居民代表会议决议、决议公开、实施结果公开。',
    cite: FOUR_TWO,
  },
  BAD_DATE: {
    code: 'RESIDENT_BAD_DATE',
    en: 'The meeting date is out of order: not in the future, not before the previous step.',
    zh: '会议日期不符合顺序：不得晚于今天，不得早于上一环节。',
    cite: FOUR_TWO,
  },
  NOT_ATTENDEE: {
    code: 'RESIDENT_NOT_ATTENDEE',
    en: 'A member listed as present is not expected at this meeting (支部会: committee members; 党员大会: members of the organization with a vote).',
    zh: '到会名单中有不应出席本会议的人员（支部会为支部委员，党员大会为本组织有表决权的党员）。',
    cite: FOUR_TWO,
  },
  BAD_COUNTS: {
    code: 'RESIDENT_BAD_COUNTS',
    en: 'The counts do not add up: present at most expected, votes at most present.',
    zh: '人数不符：到会人数不得超过应到人数，表决票数不得超过到会人数。',
    cite: FOUR_TWO,
  },
  QUORUM: {
    code: 'RESIDENT_QUORUM',
    en: 'Too few present for the meeting to decide (the share is a genesis parameter).',
    zh: '到会人数不足，会议不能作出决定（比例由创世参数规定）。',
    cite: FOUR_TWO_PARAMS,
  },
  POSTING_TOO_SHORT: {
    code: 'RESIDENT_POSTING_TOO_SHORT',
    en: 'The reviewed matter has not been posted for the required days before the representatives vote.',
    zh: '党员大会审议后的公示期未满，居民代表会议尚不能表决。',
    cite: FOUR_TWO_PARAMS,
  },
  NO_REPRESENTATIVES: {
    code: 'RESIDENT_NO_REPRESENTATIVES',
    en: 'No resident is designated representative: the 居民代表会议 has nobody to vote.',
    zh: '尚无居民代表，居民代表会议无人表决。',
    cite: RESIDENTS_LAW,
  },
  ALREADY_VOTED: {
    code: 'RESIDENT_ALREADY_VOTED',
    en: 'This representative has voted in this round already: one vote each.',
    zh: '该居民代表本轮已表决，每人一票。',
    cite: RESIDENTS_LAW,
  },
  NOT_PUBLIC: {
    code: 'RESIDENT_NOT_PUBLIC',
    en: 'Residents comment on published items only: a matter once reviewed and posted, or a public document.',
    zh: '居民只能对已公开的内容发表意见：经党员大会审议并公示的事项，或公开的文件。',
    cite: FOUR_TWO,
  },
  ONE_OF: {
    code: 'RESIDENT_ONE_OF',
    en: 'A comment names one item (a matter or a public document) and has one body (a short text or a document hash).',
    zh: '一条意见只针对一项内容（事项或公开文件），内容为简短文字或文件哈希之一。',
  },
} as const;
