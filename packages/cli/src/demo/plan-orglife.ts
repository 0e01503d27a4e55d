/**
 * Planner of the demo's organizational life (issue 15): two years of meetings of every kind for the
 * branches b1–b5 (b6 keeps no calendar, so the superior sees a branch not yet judged): each branch
 * fixes its 主题党日 on the 20th two years back, then holds a 主题党日 every month, a 支部党员大会
 * every quarter, a 党课 by its secretary, a 组织生活会 with the 党总支's secretary and a 民主评议党员
 * every year; b1 also its 支部委员会 each quarter and a few 谈心谈话. A few obligations are missed on
 * purpose (b2 one month's 主题党日, b4 one quarter's 党员大会; 谈心谈话 not with every member), so the
 * month close warns; and one b1 member is absent without leave six months running — the 自行脱党
 * case of 党章第九条 opens. A 党小组 owes its monthly 党小组会 once it has a member (recruitment step 19
 * places each new member in one): its 党小组长 holds one every month from then on, so no group is
 * warned (the demo's warnings are the misses above and the 谈心谈话 pairs). No draw from the generator: adding this planner changes no other part.
 *
 * Who is expected at a meeting is the chain's to derive (roster and statuses on the day): the seeder
 * reads it after the plan commits and records everyone present except the absences planned here
 * (PlannedTx.attendance).
 */
import { addMonths, type IsoDate } from '@djchain/modules';
import type { PlanContext } from './plan-context.ts';
import type { Person } from './plan-types.ts';

const CALENDARED = ['b1', 'b2', 'b3', 'b4', 'b5'] as const;
const THEME_DAY = 20;
/** The 党总支 above each branch (plan-community.ts): its 书记 represents the superior at 组织生活会. */
const GENERAL = (b: string) => (['b1', 'b2', 'b3'].includes(b) ? 'g1' : 'g2');

export interface OrgLifePlan {
  /** The b1 member absent six months running (the 自行脱党 case). */
  readonly lapsed: string;
  readonly months: readonly string[];
}

export function planOrgLife(ctx: PlanContext, stable: (branch: string) => Person[]): OrgLifePlan {
  const first = `${addMonths(ctx.today, -24).slice(0, 7)}-06` as IsoDate;
  const startMonth = first.slice(0, 7);
  const months: string[] = [];
  for (let m = startMonth; `${m}-${THEME_DAY}` < ctx.today; m = addMonths(`${m}-01`, 1).slice(0, 7))
    months.push(m);
  // The lapse: an ordinary b1 member (not the demo's own "member" account) absent from every
  // meeting of six consecutive months, ending five months before today.
  const b1Ordinary = stable('b1').filter((p) => p.role === 'member');
  const lapsed = (b1Ordinary[1] ?? b1Ordinary[0])!.id;
  const lapseMonths = months.slice(-11, -5);
  let n = 0;
  const meeting = (
    org: string,
    kind: string,
    date: IsoDate,
    signer: string,
    extra: { length?: string; pair?: string[]; lecturer?: string; superiorRep?: string } = {},
  ) => {
    const id = `ol-${org}-${date}-${++n}`;
    const { lecturer, superiorRep, ...planExtra } = extra;
    ctx.add(id, date, signer, 'orglife', 'plan', { id, org, kind, date, ...planExtra });
    const absent = org === 'b1' && lapseMonths.includes(date.slice(0, 7)) ? [lapsed] : [];
    const hold = {
      meeting: id,
      heldOn: date,
      ...(lecturer ? { lecturer } : {}),
      ...(superiorRep ? { superiorRep } : {}),
    };
    ctx.txs.push({
      date,
      wave: 1,
      signer,
      module: 'orglife',
      action: 'hold',
      params: hold,
      attendance: { absent },
    });
  };
  for (const b of CALENDARED) {
    const secretary = ctx.holder(`${b}/书记`);
    ctx.add(`ol-cal-${b}`, first, secretary, 'orglife', 'setCalendar', { org: b, themeDay: THEME_DAY });
    for (const [i, m] of months.entries()) {
      const month = Number(m.slice(5));
      // 主题党日 on the fixed day; b2 misses one (warned at the month close).
      if (!(b === 'b2' && i === 7)) meeting(b, '主题党日', `${m}-20`, secretary, { length: '半天' });
      // 支部党员大会 in each quarter's last month; b4 skips one quarter.
      if (month % 3 === 0 && !(b === 'b4' && i >= 9 && i < 12))
        meeting(b, '支部党员大会', `${m}-06`, secretary);
      if (b === 'b1' && month % 3 === 2) meeting(b, '支部委员会', `${m}-06`, secretary);
      if (month === 5) meeting(b, '党课', `${m}-06`, secretary, { length: '一天', lecturer: secretary });
      if (month === 11) meeting(b, '民主评议党员', `${m}-06`, secretary);
      if (month === 12)
        meeting(b, '组织生活会', `${m}-06`, secretary, { superiorRep: ctx.holder(`${GENERAL(b)}/书记`) });
      // A few 谈心谈话 (not every pair: the year-end close names the pairs still open).
      if (b === 'b1' && month === 10)
        for (const p of [b1Ordinary[0], b1Ordinary[2]].filter((x) => x !== undefined))
          meeting(b, '谈心谈话', `${m}-06`, secretary, { pair: [secretary, p.id] });
    }
  }
  planGroupMeetings(ctx, months);
  return { lapsed, months: lapseMonths };
}

/**
 * 党小组会 (条例第十四条) of each group of a calendared branch, monthly from the month its first member
 * was placed in it (recruitment.assignGroup): that month on the placement day (the next blocks of the
 * day, after it), later months on the 20th. Signed by the group's 党小组长 (plan-community.ts).
 */
function planGroupMeetings(ctx: PlanContext, months: readonly string[]): void {
  const first = new Map<string, { date: IsoDate; wave: number }>();
  for (const t of ctx.txs) {
    if (t.action !== 'assignGroup' || typeof t.params.group !== 'string') continue;
    const g = t.params.group;
    const seen = first.get(g);
    if (seen === undefined || t.date < seen.date || (t.date === seen.date && t.wave < seen.wave))
      first.set(g, { date: t.date as IsoDate, wave: t.wave });
  }
  for (const [group, since] of [...first].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!(CALENDARED as readonly string[]).includes(group.slice(0, group.indexOf('-')))) continue;
    const leader = ctx.holder(`${group}/党小组长`);
    for (const m of months) {
      if (m < since.date.slice(0, 7)) continue;
      const placed = m === since.date.slice(0, 7);
      const date = (placed ? since.date : `${m}-20`) as IsoDate;
      const wave = placed ? since.wave + 1 : 0;
      const id = `ol-${group}-${date}`;
      ctx.txs.push({
        date,
        wave,
        signer: leader,
        module: 'orglife',
        action: 'plan',
        params: { id, org: group, kind: '党小组会', date },
      });
      ctx.txs.push({
        date,
        wave: wave + 1,
        signer: leader,
        module: 'orglife',
        action: 'hold',
        params: { meeting: id, heldOn: date },
        attendance: { absent: [] },
      });
    }
  }
}
