/**
 * The demo's dues history (党费, issue 14): every member assessed two years before "today" with a
 * group and base (the base sealed off chain, only its salted commitment on chain), two years of
 * payments (a third of the members month by month, the others a quarter at a time), and the cases the
 * pages show: members in arrears (warnings at 3 months), one six-month case open for the 支部大会,
 * one hardship waiver approved by the 党委, payments a member reported and the branch confirmed,
 * half-yearly remittances to the 党委 (the latest round still to acknowledge) and one remittance of
 * the 党委 acknowledged by the street 党工委 above the chain.
 *
 * Runs after every other planner (it reads their transactions: admissions, transfers, expulsions)
 * and draws from the shared generator last, so the rest of the plan is unchanged by it.
 */
import {
  addMonth,
  type DuesGroup,
  duesBaseCommitment,
  duesRuleFor,
  type IsoDate,
  monthlyDues,
  monthOf,
  type YearMonth,
} from '@djchain/modules';
import { DemoError } from './errors.ts';
import { at, duesSaltOf, type PlanContext, slotOnOrAfter } from './plan-context.ts';
import type { DuesInfo, Person } from './plan-types.ts';

/** The street 党工委's id (plan.ts SUPERIOR_ID; repeated to keep the import graph one-way). */
const SUPERIOR = 'superior';

/** Months of history with dues: the demo's books start this many months before today's month. */
export const DUES_MONTHS = 24;

interface Member {
  readonly p: Person;
  /** First month owed (the window's start, or the month of admission). */
  readonly from: YearMonth;
  /** Date of the assessment. */
  readonly assessOn: IsoDate;
  /** First month no longer owed (the month of expulsion), or null. */
  readonly until: YearMonth | null;
}

/** Groups and bases by branch: retirees in the 离退休干部 branch, employees in 两新 and 在职报到 ones. */
function drawGroup(ctx: PlanContext, branch: string): { group: DuesGroup; base: number | null } {
  const { rng } = ctx;
  const r = rng.int(0, 99);
  const yuan = (lo: number, hi: number) => rng.int(lo, hi) * 100;
  const salaried = (): number => {
    // Every bracket, and now and then a base exactly on an edge (3000.00 元 pays 0.5%, 3000.01 元 1%).
    const b = rng.int(0, 9);
    if (b === 0) return rng.pick([300_000, 300_001, 500_000, 500_001, 1_000_000, 1_000_001]);
    if (b <= 2) return yuan(2200, 3000);
    if (b <= 5) return yuan(3001, 5000);
    if (b <= 8) return yuan(5001, 10_000);
    return yuan(10_001, 25_000);
  };
  const pension = () => (rng.int(0, 3) === 0 ? yuan(5001, 9000) : yuan(2600, 5000));
  if (branch === 'b3')
    return r < 90 ? { group: '离退休', base: pension() } : { group: '在职', base: salaried() };
  if (branch === 'b4') {
    if (r < 60) return { group: '在职', base: salaried() };
    if (r < 75) return { group: '年薪制', base: yuan(12_000, 40_000) };
    return { group: '个体经营', base: yuan(2500, 15_000) };
  }
  if (branch === 'b6') return { group: '在职', base: salaried() };
  if (r < 45) return { group: '离退休', base: pension() };
  if (r < 75) return { group: '在职', base: salaried() };
  if (r < 82) return { group: '个体经营', base: yuan(2500, 12_000) };
  if (r < 86) return { group: '农民', base: rng.pick([20, 50, 100]) };
  if (r < 91) return { group: '学生', base: null };
  if (r < 96) return { group: '下岗失业', base: null };
  return { group: '低保或救济', base: null };
}

/**
 * A bank reference: letters and single digits in turn, so no run of digits can read as a phone,
 * ID or card number (the chain refuses those as personal data, *_PERSONAL_DATA).
 */
function refOf(ctx: PlanContext): string {
  let out = '';
  for (let i = 0; i < 5; i++)
    out += 'ABCDEFGHJKLMNPQRSTUVWXYZ'[ctx.rng.int(0, 23)]! + String(ctx.rng.int(0, 9));
  return out;
}

export interface DuesPeople {
  readonly leaders: readonly Person[];
  readonly ordinary: readonly Person[];
  /** Ordinary members with a sanction, a transfer or an expulsion in their history. */
  readonly unstable: ReadonlySet<string>;
  /** The demo's "member" account: pays, reports the last months itself. */
  readonly demoMember: string;
}

export function planDues(ctx: PlanContext, who: DuesPeople): DuesInfo[] {
  const current = monthOf(ctx.today);
  const first = addMonth(current, -DUES_MONTHS);
  const firstDay = `${first}-06`;
  const txs = [...ctx.txs];
  // Membership: admissions (recruits), expulsions (approved by the commission on the case's id).
  const members: Member[] = [];
  const admitted = txs.filter((t) => t.action === 'approveAdmission');
  for (const p of [...who.leaders, ...who.ordinary]) {
    const decide = txs.find(
      (t) => t.action === 'decideSanction' && t.params.member === p.id && t.params.kind === '开除党籍',
    );
    const expelledOn = decide
      ? txs.find((t) => t.action === 'approveByCommission' && t.params.id === decide.params.id)?.date
      : undefined;
    if (expelledOn !== undefined && expelledOn <= firstDay) continue;
    members.push({
      p,
      from: first,
      assessOn: firstDay,
      until: expelledOn === undefined ? null : monthOf(expelledOn),
    });
  }
  for (const t of admitted) {
    const p = ctx.people.find((x) => x.id === t.params.member)!;
    const on = t.date < firstDay ? firstDay : at(t.date, 1);
    const from = t.date < firstDay ? first : monthOf(t.date);
    if (on < ctx.today) members.push({ p, from, assessOn: on, until: null });
  }
  members.sort((a, b) => (a.p.id < b.p.id ? -1 : 1));

  // The holding branch on a date: transfers accepted by then move the membership.
  const moves = txs
    .filter((t) => t.action === 'acceptTransfer')
    .map((t) => {
      const req = txs.find((r) => r.action === 'requestTransfer' && r.params.id === t.params.id)!;
      return { member: req.params.member as string, to: req.params.to as string, on: t.date };
    });
  const branchOn = (p: Person, d: IsoDate) =>
    moves.filter((m) => m.member === p.id && m.on <= d).at(-1)?.to ?? p.branch;

  // The stories, on stable ordinary members of a branch other than the demo member's.
  const pool = who.ordinary.filter(
    (p) => !who.unstable.has(p.id) && p.id !== who.demoMember && members.some((m) => m.p.id === p.id),
  );
  const story = new Map<string, 'lapse' | 'arrears3' | 'arrears4' | 'backpaid' | 'relief'>();
  const roles = ['lapse', 'arrears3', 'arrears4', 'backpaid', 'relief'] as const;
  roles.forEach((r, i) => {
    const p = pool[Math.floor(((i + 1) * pool.length) / (roles.length + 1))];
    if (p !== undefined && !story.has(p.id)) story.set(p.id, r);
  });

  const last = (d: IsoDate) => d < ctx.today;
  const collected = new Map<string, { on: IsoDate; fen: number }[]>();
  const info: DuesInfo[] = [];
  for (const m of members) {
    const { p } = m;
    const { group, base } = drawGroup(ctx, p.branch);
    // Two in three hand in a quarter at a time (in arrears, no consent needed): realistic for a
    // community of retirees, and it keeps the demo's first start short (each payment is a transaction).
    const quarterly = ctx.rng.int(0, 2) !== 0 && p.id !== who.demoMember && !story.has(p.id);
    const amount = monthlyDues(duesRuleFor(m.from), group, base);
    if (!amount.ok) throw new DemoError('DEMO_PLAN_INVALID', `demo dues: ${group} ${base}: ${amount.code}`);
    const fen = amount.fen;
    const branch = branchOn(p, m.assessOn);
    const salt = duesSaltOf(ctx.suite, ctx.opts.seed, p.id);
    const based = group === '在职' || group === '年薪制' || group === '个体经营' || group === '离退休';
    const commitment = based
      ? duesBaseCommitment(ctx.suite, salt, { member: p.id, group, from: m.from, base: base! })
      : null;
    // The organizer assesses; the 书记 confirms the organizer's own amount.
    const assessor =
      ctx.holder(`${branch}/组织委员`) === p.id
        ? ctx.holder(`${branch}/书记`)
        : ctx.holder(`${branch}/组织委员`);
    ctx.add(p.id, m.assessOn, assessor, 'dues', 'assess', {
      member: p.id,
      group,
      from: m.from,
      fen,
      ...(commitment !== null ? { commitment } : {}),
    });
    info.push({ member: p.id, group, base: based ? base! : null, fen, from: m.from, quarterly });

    // The months owed and paid: every month up to the last one whose 20th is before today.
    const owed: YearMonth[] = [];
    for (let mm = m.from; `${mm}-20` < ctx.today && mm <= current; mm = addMonth(mm, 1)) {
      if (m.until !== null && mm >= m.until) break;
      owed.push(mm);
    }
    const s = story.get(p.id);
    const skip = new Set<YearMonth>();
    const lumps: YearMonth[][] = [];
    if (s === 'lapse') for (let k = 1; k <= 8; k++) skip.add(addMonth(current, -k));
    if (s === 'arrears3') for (let k = 1; k <= 3; k++) skip.add(addMonth(current, -k));
    if (s === 'arrears4') for (let k = 1; k <= 4; k++) skip.add(addMonth(current, -k));
    if (s === 'arrears3' || s === 'arrears4' || s === 'lapse') skip.add(current);
    if (s === 'backpaid') {
      // Four months unpaid (the warning fires at the third), then paid back at once in the fifth.
      const x = addMonth(first, 6);
      lumps.push([x, addMonth(x, 1), addMonth(x, 2), addMonth(x, 3), addMonth(x, 4)]);
    }
    if (s === 'relief') {
      // Hardship: six months waived on the branch's decision, approved by the 党委 (规定).
      const r = addMonth(current, -10);
      for (let k = 0; k < 6; k++) skip.add(addMonth(r, k));
      ctx.add(p.id, `${r}-06`, ctx.holder(`${branchOn(p, `${r}-06`)}/书记`), 'dues', 'requestRelief', {
        id: `relief-${p.id}`,
        member: p.id,
        from: r,
        to: addMonth(r, 5),
        fen: 0,
        resolution: `res-${ctx.rng.hex(16)}`,
      });
      ctx.add(p.id, `${r}-20`, ctx.holder('c1/组织委员'), 'dues', 'approveRelief', {
        id: `relief-${p.id}`,
        approved: true,
      });
    }
    const inLump = new Set(lumps.flat());
    const payments: { on: IsoDate; months: YearMonth[] }[] = lumps
      .map((l) => ({ on: `${l.at(-1)!}-20`, months: l }))
      .filter((x) => last(x.on));
    let quarter: YearMonth[] = [];
    for (const mm of owed) {
      if (skip.has(mm) || inLump.has(mm)) continue;
      if (!quarterly) {
        payments.push({ on: `${mm}-20`, months: [mm] });
        continue;
      }
      quarter.push(mm);
      if (Number(mm.slice(5, 7)) % 3 === 0) {
        payments.push({ on: `${mm}-20`, months: quarter });
        quarter = [];
      }
    }
    // A payment before the assessment is handed in with the first one after it.
    const early = payments.filter((x) => x.on < m.assessOn).flatMap((x) => x.months);
    const due = payments.filter((x) => x.on >= m.assessOn).sort((a, b) => (a.on < b.on ? -1 : 1));
    if (early.length > 0) {
      if (due[0]) due[0] = { on: due[0].on, months: [...early, ...due[0].months].sort() };
      else due.push({ on: slotOnOrAfter(m.assessOn), months: early });
    }
    // The demo member hands in the last three months through the web app: reported by the member,
    // confirmed by the branch; the very last one still awaits the confirmation.
    const reported = p.id === who.demoMember ? due.slice(-3) : [];
    for (const [i, pay] of due.entries()) {
      const holder = branchOn(p, pay.on);
      const id = `pay-${p.id}-${pay.months[0]}`;
      const paid = fen * pay.months.length;
      const transfer = ctx.rng.int(0, 2) === 0;
      const params = {
        id,
        member: p.id,
        months: pay.months,
        fen: paid,
        method: transfer ? '转账' : '现金',
        ...(transfer ? { reference: `TX${refOf(ctx)}` } : {}),
      };
      if (reported.includes(pay)) {
        ctx.add(p.id, pay.on, p.id, 'dues', 'reportPayment', { ...params, method: '转账' });
        if (i === due.length - 1) continue;
        ctx.add(p.id, pay.on, ctx.holder(`${holder}/党务工作者`), 'dues', 'confirmPayment', {
          id,
          accepted: true,
        });
      } else {
        ctx.add(p.id, pay.on, ctx.holder(`${holder}/党务工作者`), 'dues', 'recordPayment', params);
      }
      const list = collected.get(holder) ?? [];
      list.push({ on: pay.on, fen: paid });
      collected.set(holder, list);
    }
  }
  planRemittances(ctx, first, collected);
  return info;
}

/**
 * Half-yearly remittances (上缴): each branch sends the 党委 what it collected in the half year, on the
 * 20th of the month after; the 党委's 组织委员 acknowledges on the next meeting day, except the latest
 * round, left for the superior's remittance page. The 党委 remits the first round it received to
 * the street 党工委, which acknowledges it (acknowledgeRemittanceAbove).
 */
function planRemittances(
  ctx: PlanContext,
  first: YearMonth,
  collected: ReadonlyMap<string, readonly { on: IsoDate; fen: number }[]>,
): void {
  const rounds: { period: string; from: IsoDate; to: IsoDate; on: IsoDate }[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(ctx.today.slice(0, 4)); y++) {
    rounds.push({ period: `${y}-H1`, from: `${y}-01-01`, to: `${y}-06-30`, on: `${y}-07-20` });
    rounds.push({ period: `${y}-H2`, from: `${y}-07-01`, to: `${y}-12-31`, on: `${y + 1}-01-20` });
  }
  const due = rounds.filter((r) => r.on < ctx.today && r.to >= `${first}-01`);
  let forwarded = false;
  for (const [i, r] of due.entries()) {
    const latest = i === due.length - 1;
    const ack = at(r.on, 1);
    let received = 0;
    for (const b of [...collected.keys()].sort()) {
      const fen = collected
        .get(b)!
        .filter((x) => x.on >= r.from && x.on <= r.to)
        .reduce((s, x) => s + x.fen, 0);
      if (fen === 0) continue;
      const id = `remit-${b}-${r.period}`;
      ctx.add(`remit-${b}`, r.on, ctx.holder(`${b}/党务工作者`), 'dues', 'remit', {
        id,
        org: b,
        fen,
        period: r.period,
        reference: `YH${refOf(ctx)}`,
      });
      if (latest || ack >= ctx.today) continue;
      ctx.add(`remit-${b}`, ack, ctx.holder('c1/组织委员'), 'dues', 'acknowledgeRemittance', { id });
      received += fen;
    }
    const up = at(ack, 1);
    const upAck = at(up, 1);
    if (!forwarded && received > 0 && upAck < ctx.today) {
      forwarded = true;
      const id = `remit-c1-${r.period}`;
      ctx.add('remit-c1', up, ctx.holder('c1/组织委员'), 'dues', 'remit', {
        id,
        org: 'c1',
        fen: received,
        period: r.period,
        reference: `YH${refOf(ctx)}`,
      });
      ctx.add('remit-c1', upAck, SUPERIOR, 'dues', 'acknowledgeRemittanceAbove', { id });
    }
  }
}
