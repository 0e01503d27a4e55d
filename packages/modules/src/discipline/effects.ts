/**
 * What sanctions do to a member's rights on a given date (《中国共产党纪律处分条例》第十条至第十三条).
 * Pure: derived from the sanction records and the date, never stored.
 *
 * Day counting of every bar: it starts on the day the sanction takes effect (the approval, 第十条: from
 * the decision's effective date) — or, after 留党察看, on the day rights are restored — and that day is
 * barred. `until` is the first day FREE of the bar: the same calendar day N months later, clamped to
 * the month's end (RULES.md: 2024-08-31 + 18 months = 2026-02-28; 2024-02-29 + 12 months = 2025-02-28).
 * So the bar holds on `until − 1 day` and is gone on `until` (`on < until` below).
 */
import { cite, DOC } from '../common/cites.ts';
import { addMonths, addYears, type IsoDate, maxDate } from '../common/dates.ts';
import type { SanctionKind, SanctionRecord } from './store.ts';

export interface SanctionEffects {
  /** 留党察看 in force: no voting, electing or being elected (第十二条). */
  readonly underObservation: boolean;
  /** No promotion in the Party until this date (警告 1 year, 严重警告 1.5 years: 第十条). */
  readonly noPromotionUntil: IsoDate | null;
  /** No equal-or-higher Party post until this date (撤销党内职务 2 years: 第十一条; after 留党察看: 第十二条). */
  readonly noEqualPostUntil: IsoDate | null;
  /** Posts held before this date lapse (撤销党内职务, 留党察看: 第十一条、第十二条). */
  readonly postsLapsedOn: IsoDate | null;
  /** Expelled (开除党籍) on this date: may not rejoin for 5 years (第十三条). */
  readonly expelledOn: IsoDate | null;
  /** Every bar on taking a post in force on the date (what org appointments and elections check). */
  readonly bars: readonly PostBar[];
  readonly cites: readonly string[];
}

/**
 * A bar on new posts: 'promotion' forbids a post ranked above `formerRank` (警告, 严重警告: 第十条);
 * 'equalOrHigher' forbids one ranked at or above it (撤销党内职务: 第十一条; after 留党察看: 第十二条).
 */
export interface PostBar {
  readonly kind: 'promotion' | 'equalOrHigher';
  readonly sanction: string;
  readonly sanctionKind: SanctionKind;
  /** First day free of the bar (exclusive end). */
  readonly until: IsoDate;
  readonly formerRank: number;
  readonly cite: string;
}

/** The bar (if any) that forbids taking a post of this rank (org/rank.ts). */
export function barOn(effects: SanctionEffects, rank: number): PostBar | null {
  for (const b of effects.bars) {
    if (b.kind === 'promotion' ? rank > b.formerRank : rank >= b.formerRank) return b;
  }
  return null;
}

/** Rules as parameters with the regulation's values as defaults. */
export interface DisciplineParams {
  readonly warningMonths: number;
  readonly seriousWarningMonths: number;
  readonly removalPostBanMonths: number;
  readonly afterObservationPostBanMonths: number;
  readonly rejoinBanYears: number;
}

const defaultDisciplineParams: DisciplineParams = {
  warningMonths: 12,
  seriousWarningMonths: 18,
  removalPostBanMonths: 24,
  afterObservationPostBanMonths: 24,
  rejoinBanYears: 5,
};

function later(a: IsoDate | null, b: IsoDate): IsoDate {
  return a === null ? b : maxDate(a, b);
}

export function sanctionEffects(
  sanctions: readonly SanctionRecord[],
  on: IsoDate,
  params: DisciplineParams = defaultDisciplineParams,
): SanctionEffects {
  let underObservation = false;
  let noPromotionUntil: IsoDate | null = null;
  let noEqualPostUntil: IsoDate | null = null;
  let postsLapsedOn: IsoDate | null = null;
  let expelledOn: IsoDate | null = null;
  const bars: PostBar[] = [];
  const cites = new Set<string>();
  const bar = (s: SanctionRecord, kind: PostBar['kind'], until: IsoDate, article: number) => {
    bars.push({
      kind,
      sanction: s.id,
      sanctionKind: s.kind,
      until,
      formerRank: s.formerRank ?? 0,
      cite: cite(DOC.discipline, article),
    });
    cites.add(cite(DOC.discipline, article));
  };
  for (const s of sanctions) {
    const from = s.effectiveFrom;
    if (from === null || from > on || (s.status !== 'approved' && s.status !== 'concluded')) continue;
    switch (s.kind) {
      case '警告':
      case '严重警告': {
        const until = addMonths(from, s.kind === '警告' ? params.warningMonths : params.seriousWarningMonths);
        if (on < until) {
          noPromotionUntil = later(noPromotionUntil, until);
          bar(s, 'promotion', until, 10);
        }
        break;
      }
      case '撤销党内职务': {
        postsLapsedOn = later(postsLapsedOn, from);
        const until = addMonths(from, params.removalPostBanMonths);
        if (on < until) {
          noEqualPostUntil = later(noEqualPostUntil, until);
          bar(s, 'equalOrHigher', until, 11);
        }
        break;
      }
      case '留党察看': {
        postsLapsedOn = later(postsLapsedOn, from);
        const c = s.conclusion;
        if (c === null || c.on > on) {
          underObservation = true;
          cites.add(cite(DOC.discipline, 12));
        } else if (c.outcome === 'restored') {
          const until = addMonths(c.on, params.afterObservationPostBanMonths);
          if (on < until) {
            noEqualPostUntil = later(noEqualPostUntil, until);
            bar(s, 'equalOrHigher', until, 12);
          }
        } else {
          expelledOn = c.on;
          cites.add(cite(DOC.discipline, 13));
        }
        break;
      }
      case '开除党籍':
        expelledOn = from;
        cites.add(cite(DOC.discipline, 13));
        break;
    }
  }
  return {
    underObservation,
    noPromotionUntil,
    noEqualPostUntil,
    postsLapsedOn,
    expelledOn,
    bars,
    cites: [...cites].sort(),
  };
}

/** The first day an expelled person may apply again (5 years: 处分条例 第十三条). */
export function rejoinAllowedFrom(
  expelledOn: IsoDate,
  params: DisciplineParams = defaultDisciplineParams,
): IsoDate {
  return addYears(expelledOn, params.rejoinBanYears);
}
