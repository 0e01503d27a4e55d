/**
 * Rights derived from status and sanctions on a date — never stored.
 * 党章第七条: probationary members have no right to vote, elect or be elected.
 * 纪律处分条例第十二条: under 留党察看 no right to vote, elect or be elected.
 * 党章第五条: an introducer is a full member (and not under 留党察看).
 */
import { cite, DOC } from '../common/cites.ts';
import type { IsoDate } from '../common/dates.ts';
import { sanctionEffects } from '../discipline/effects.ts';
import type { SanctionRecord } from '../discipline/store.ts';
import type { StatusInfo } from './status.ts';

export interface Rights {
  readonly vote: boolean;
  readonly elect: boolean;
  readonly beElected: boolean;
  readonly introducer: boolean;
  /**
   * May hold a Party post at all: a member (full or probationary) not under 留党察看. Posts held when
   * 撤销党内职务 or 留党察看 took effect lapse (permissions/authorize.ts); which NEW posts a member may
   * take while a bar runs is checked against the post's rank by every act that gives one (org/bars.ts).
   */
  readonly holdPosts: boolean;
  readonly noPromotionUntil: IsoDate | null;
  readonly noEqualPostUntil: IsoDate | null;
  /** Why a right is missing, by article. */
  readonly cites: readonly string[];
}

export function deriveRights(status: StatusInfo, sanctions: readonly SanctionRecord[], on: IsoDate): Rights {
  const effects = sanctionEffects(sanctions, on);
  const full = status.status === '正式党员';
  const member = full || status.status === '预备党员';
  const free = !effects.underObservation;
  const cites = new Set(effects.cites);
  if (status.status === '预备党员') cites.add(cite(DOC.constitution, 7));
  return {
    vote: full && free,
    elect: full && free,
    beElected: full && free,
    introducer: full && free,
    holdPosts: member && free,
    noPromotionUntil: effects.noPromotionUntil,
    noEqualPostUntil: effects.noEqualPostUntil,
    cites: [...cites].sort(),
  };
}
