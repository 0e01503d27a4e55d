/**
 * When is a warning answered? One resolver per kind reads the source module's records (never its
 * events) and names the act that answered it, or null while it stands. Each mirrors the condition
 * its source raised on, so a warning closes at the first block start after the act is recorded.
 */
import type { Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { getChild } from '../anchor/store.ts';
import { addYears, chinaDate } from '../common/dates.ts';
import type { LapseCase } from '../common/lapse.ts';
import { getRecord, MODULE, type ModuleName } from '../common/stores.ts';
import type { WarningKind } from '../common/warnings.ts';
import { getPersonal, getRequest } from '../declaration/store.ts';
import { getSanction } from '../discipline/store.ts';
import { duesStores } from '../dues/actions-common.ts';
import { monthDues } from '../dues/ledger.ts';
import { assessmentsOf, duesKeys } from '../dues/store.ts';
import { insightKeys } from '../insight/store.ts';
import { getOrg } from '../org/store.ts';
import { currentHeld, lectureHeld } from '../orglife/close.ts';
import { type MeetingKind, orgLifeRules } from '../orglife/rules.ts';
import { lifeKeys } from '../orglife/store.ts';
import { DEADLINE_ACTS, deadlinesOf } from '../recruitment/deadlines.ts';
import { getProcess } from '../recruitment/store.ts';
import { behindPace, paceMonths } from '../study/pace.ts';
import { progress } from '../study/progress.ts';
import { getTransfer } from '../transfer/store.ts';
import type { WarningRecord } from './store.ts';

/** The context as module `name` sees it: its own store as `store` (the source's helpers expect that). */
export const viewAs = (ctx: ReadContext, name: ModuleName): ReadContext => ({
  ...ctx,
  store: ctx.readStore(name),
});

type Data = { readonly [key: string]: Value };
type Resolver = (ctx: ReadContext, d: Data) => string | null;

const str = (d: Data, k: string) => d[k] as string;

const RESOLVERS: { readonly [K in WarningKind]: Resolver } = {
  'recruitment.deadline'(ctx, d) {
    const p = getProcess(ctx.readStore(MODULE.recruitment), str(d, 'member'));
    if (!p) return 'recruitment.ended';
    if (deadlinesOf(p).some((x) => x.kind === d.deadline && x.due === d.due)) return null;
    const act = DEADLINE_ACTS[str(d, 'deadline')]!.act;
    // The deadline's own act, or another that moved the process on (a refusal, a withdrawal).
    return p.steps[act.slice('recruitment.'.length)] !== undefined ? act : 'recruitment.other';
  },
  'dues.arrears'(ctx, d) {
    const view = viewAs(ctx, MODULE.dues);
    const stores = duesStores(view);
    const member = str(d, 'member');
    const assessments = assessmentsOf(stores.dues, member);
    const today = chinaDate(ctx.time);
    const states = (d.months as string[]).map((m) => monthDues(stores, member, assessments, m, today).state);
    if (states.some((s) => s === 'unpaid' || s === 'reported')) return null;
    return states.includes('waived') ? 'dues.approveRelief' : 'dues.recordPayment';
  },
  'dues.lapse': (ctx, d) => lapseDecided(ctx, MODULE.dues, duesKeys.lapseCase(str(d, 'member'))),
  'orglife.lapse': (ctx, d) => lapseDecided(ctx, MODULE.orglife, lifeKeys.lapseCase(str(d, 'member'))),
  'orglife.missed'(ctx, d) {
    const view = viewAs(ctx, MODULE.orglife);
    const org = str(d, 'org');
    const kind = d.meeting as MeetingKind;
    const period = str(d, 'period');
    const held = currentHeld(view, org, kind, period);
    if (kind === '支部党员大会') return held.some((m) => m.held!.quorate === true) ? 'orglife.hold' : null;
    if (kind === '党课') return lectureHeld(view, orgLifeRules(), org, period) ? 'orglife.hold' : null;
    if (kind === '谈心谈话') {
      // The pairs listed at the close (all of them when there were at most 20) each held a talk.
      const talked = new Set(held.map((m) => [...(m.pair ?? [])].sort().join('|')));
      const open = (d.pairs as string[]).filter((p) => !talked.has(p.split('|').sort().join('|')));
      return open.length === 0 ? 'orglife.hold' : null;
    }
    return held.length > 0 ? 'orglife.hold' : null;
  },
  'org.term'(ctx, d) {
    const org = getOrg(ctx.readStore(MODULE.org), str(d, 'org'));
    if (!org) return 'org.dissolved';
    return addYears(org.termStart, org.termYears) > str(d, 'termEnd') ? 'org.electCommittee' : null;
  },
  'transfer.unanswered'(ctx, d) {
    const t = getTransfer(ctx.readStore(MODULE.transfer), str(d, 'transfer'));
    if (!t || t.status === 'pending') return null;
    const act = {
      accepted: 'acceptTransfer',
      refused: 'refuseTransfer',
      withdrawn: 'withdrawTransfer',
      released: 'releaseOut',
      reclaimed: 'reclaimRelease',
    };
    return `transfer.${act[t.status]}`;
  },
  'declaration.answer'(ctx, d) {
    const r = getRequest(ctx.readStore(MODULE.declaration), str(d, 'request'));
    return !r || r.status === 'answered' ? 'declaration.answerRequest' : null;
  },
  'declaration.review'(ctx, d) {
    const x = getPersonal(ctx.readStore(MODULE.declaration), str(d, 'declaration'));
    if (!x || x.step === 'closed') return 'declaration.closeDeclaration';
    return str(d, 'step') === 'receive' && x.step !== 'filed' ? 'declaration.receiveDeclaration' : null;
  },
  'study.pace'(ctx, d) {
    const year = d.year as number;
    if (Number(chinaDate(ctx.time).slice(0, 4)) > year) return 'study.yearEnded';
    // The pace of the latest quarter the index closed in the year: a warning still open at the next
    // quarter's close is not raised again (the register keeps an open record), so it is judged
    // against that quarter's pace here, not the one it was raised at.
    const closed = ctx.readStore(MODULE.insight).get(insightKeys.closed);
    const closedMonth =
      typeof closed === 'string' && closed.startsWith(`${year}-`) ? Number(closed.slice(5)) : 0;
    const months = Math.max(d.elapsed as number, closedMonth - (closedMonth % 3));
    // Raised under a pro-rating rule set (`since`): only the months of membership are owed (study/pace.ts).
    const owed = typeof d.since === 'string' ? paceMonths(year, months, d.since) : months;
    const p = progress(viewAs(ctx, MODULE.study), str(d, 'member'), year);
    if (behindPace(p.total, p.target, owed)) return null;
    return p.individualHours > (d.individualHours as number) ? 'study.confirm' : 'orglife.hold';
  },
  'discipline.observation'(ctx, d) {
    const s = getSanction(ctx.readStore(MODULE.discipline), str(d, 'sanction'));
    if (!s) return null;
    if (s.conclusion !== null) return 'discipline.concludeObservation';
    return s.observationEnds !== d.observationEnds ? 'discipline.extendObservation' : null;
  },
  'anchor.missing'(ctx, d) {
    const c = getChild(ctx.readStore(MODULE.anchor), str(d, 'chain'));
    if (!c) return 'anchor.removed';
    return c.latest !== null && c.latest.anchoredAt > (d.since as number) ? 'anchor.submit' : null;
  },
};

function lapseDecided(ctx: ReadContext, module: ModuleName, key: string): string | null {
  const c = getRecord<LapseCase>(ctx.readStore(module), key);
  return c?.status === 'decided' ? `${module}.decideLapseCase` : null;
}

/** The act that answered the warning, or null while it stands. */
export function resolution(ctx: ReadContext, w: WarningRecord): string | null {
  return RESOLVERS[w.kind](ctx, w.data);
}
