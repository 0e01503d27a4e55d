/**
 * Planner of the demo's individual study (个人自学, issue 18), so that the index's study pace
 * (学时 × 12 ≥ target × months elapsed; 32 学时 a year, 56 for 书记 and committee members) warns only
 * where the story says so. Hours of attended 党课 and 主题党日 come from the meetings (plan-orglife.ts:
 * b1–b5 hold a half-day 主题党日 a month and a day's 党课 in May); what they do not cover is planned here:
 *
 * - b6 (在职党员报到党支部) keeps no calendar, so its members study on their own: each reports a day
 *   (8 学时; a day more for its 书记 and 组织委员) on the 20th of each quarter's second month — on pace at
 *   every quarter's close — and the branch confirms it (the 书记; the 组织委员 the 书记's own: nobody
 *   confirms their own, STUDY_SELF_CONFIRM) — its sanctioned members too, and members transferred in
 *   from the acceptance on. One b6 member working away stops reporting this year, so the March close
 *   warns and the warning stays open: a real one.
 * - Every member admitted (recruitment.approveAdmission) reports the 预备党员集中培训 (two days) on the
 *   first meeting day after the admission, confirmed by the branch's 书记: a member admitted mid-year
 *   is not behind the whole year's pace for the months before they joined.
 *
 * The b1 member absent six months running (plan-orglife.ts) stays behind pace: also real. Draws
 * nothing from the generator, so no other part of the plan changes.
 */
import { addMonths, type IsoDate } from '@djchain/modules';
import { at, type PlanContext } from './plan-context.ts';
import type { Person } from './plan-types.ts';

/** The branch without a calendar (plan-orglife.ts CALENDARED is b1–b5). */
const SELF_STUDY_BRANCH = 'b6';
const TOPICS = ['学习党章党规', '学习习近平新时代中国特色社会主义思想', '学习党的二十大精神', '党史学习教育'];

export function planStudy(
  ctx: PlanContext,
  stable: (branch: string) => Person[],
  moved: { sanctioned: readonly Person[]; transferred: readonly Person[] },
): void {
  let n = 0;
  const study = (p: Person, on: IsoDate, days: number, topic: string, confirmer: string) => {
    const id = `st-${p.id}-${on}-${++n}`;
    ctx.add(p.id, on, p.id, 'study', 'report', { id, member: p.id, on, topic, days });
    ctx.add(p.id, on, confirmer, 'study', 'confirm', { id, accepted: true });
  };
  const admissions = ctx.txs
    .filter((t) => t.action === 'approveAdmission' && t.date < ctx.today)
    .map((t) => ({ p: ctx.people.find((x) => x.id === t.params.member)!, on: t.date as IsoDate }))
    .sort((a, b) => (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));

  // b6: a quarter's study on the 20th of its second month, over the two years the others hold meetings.
  const secretary = ctx.holder(`${SELF_STUDY_BRANCH}/书记`);
  const organizer = ctx.holder(`${SELF_STUDY_BRANCH}/组织委员`);
  const cadres = new Set([secretary, organizer]);
  const members = stable(SELF_STUDY_BRANCH);
  const away = members.filter((p) => p.role === 'member').at(-1);
  // Sanctioned members stay members of their branch; transferred ones are b6's from the acceptance on.
  const accepted = ctx.txs
    .filter((t) => t.action === 'acceptTransfer')
    .map((t) => {
      const req = ctx.txs.find((r) => r.action === 'requestTransfer' && r.params.id === t.params.id)!;
      return { member: req.params.member as string, to: req.params.to as string, on: t.date };
    });
  const branchOn = (p: Person, d: IsoDate) =>
    accepted.filter((a) => a.member === p.id && a.on <= d).at(-1)?.to ?? p.branch;
  const others = [...moved.sanctioned, ...moved.transferred].sort((a, b) => (a.id < b.id ? -1 : 1));
  const thisYear = ctx.today.slice(0, 4);
  const start = addMonths(ctx.today, -24).slice(0, 7);
  for (let m = start; `${m}-20` < ctx.today; m = addMonths(`${m}-01`, 1).slice(0, 7)) {
    const month = Number(m.slice(5));
    if (month % 3 !== 2) continue;
    const on = `${m}-20` as IsoDate;
    const topic = TOPICS[((month + 1) / 3 - 1) % TOPICS.length]!;
    const admitted = admissions.filter((a) => a.p.branch === SELF_STUDY_BRANCH && a.on < on).map((a) => a.p);
    const held = others.filter((p) => branchOn(p, on) === SELF_STUDY_BRANCH);
    for (const p of [...members, ...held, ...admitted]) {
      if (p === away && m.startsWith(thisYear)) continue;
      study(p, on, cadres.has(p.id) ? 2 : 1, topic, p.id === secretary ? organizer : secretary);
    }
  }

  // Every admission: the 预备党员集中培训, confirmed by the branch's 书记.
  for (const { p, on } of admissions) {
    const day = at(on, 1);
    if (day < ctx.today) study(p, day, 2, '预备党员集中培训', ctx.holder(`${p.branch}/书记`));
  }
}
