/**
 * Branch meeting vote checks, pure. 细则第二十条: present voting members > ½ of those expected.
 * 细则第二十一条: yes votes > ½ of the expected voting full members (the denominator is expected, not
 * present); written opinions of absent voters handed in before the meeting count.
 */

export interface Ballot {
  /** 应到会有表决权的正式党员 (after approved exclusions). */
  readonly expected: number;
  /** 实到会有表决权的人数. */
  readonly present: number;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  /** Written opinions of absent voters. */
  readonly writtenYes: number;
  readonly writtenNo: number;
}

export type BallotResult =
  | { readonly valid: false; readonly problem: 'counts' | 'quorum' }
  | { readonly valid: true; readonly passed: boolean; readonly yesTotal: number };

export function checkBallot(b: Ballot): BallotResult {
  const absent = b.expected - b.present;
  if (b.present > b.expected || b.yes + b.no + b.abstain > b.present || b.writtenYes + b.writtenNo > absent)
    return { valid: false, problem: 'counts' };
  if (b.present * 2 <= b.expected) return { valid: false, problem: 'quorum' };
  const yesTotal = b.yes + b.writtenYes;
  return { valid: true, passed: yesTotal * 2 > b.expected, yesTotal };
}
