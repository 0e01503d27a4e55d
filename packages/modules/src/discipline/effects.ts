/**
 * What sanctions do to a member's rights on a given date (《中国共产党纪律处分条例》第十条至第十三条).
 * Pure: derived from the sanction records and the date, never stored.
 */
import { cite, DOC } from '../common/cites.ts';
import { addMonths, addYears, type IsoDate, maxDate } from '../common/dates.ts';
import type { SanctionRecord } from './store.ts';

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
  readonly cites: readonly string[];
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
  const cites = new Set<string>();
  for (const s of sanctions) {
    const from = s.effectiveFrom;
    if (from === null || from > on || (s.status !== 'approved' && s.status !== 'concluded')) continue;
    switch (s.kind) {
      case '警告':
      case '严重警告': {
        const until = addMonths(from, s.kind === '警告' ? params.warningMonths : params.seriousWarningMonths);
        if (on < until) {
          noPromotionUntil = later(noPromotionUntil, until);
          cites.add(cite(DOC.discipline, 10));
        }
        break;
      }
      case '撤销党内职务': {
        postsLapsedOn = later(postsLapsedOn, from);
        const until = addMonths(from, params.removalPostBanMonths);
        if (on < until) {
          noEqualPostUntil = later(noEqualPostUntil, until);
          cites.add(cite(DOC.discipline, 11));
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
            cites.add(cite(DOC.discipline, 12));
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
