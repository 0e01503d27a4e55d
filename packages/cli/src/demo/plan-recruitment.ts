/**
 * Planner of the recruitment cases: every archetype once, then more spread over the years for
 * larger demos. A case walks the steps of the active rule set's table (modules' `RULESET_2014`) in
 * the table's order; each step has a planner here, by its number, that dates it from the steps
 * before it and picks who signs. Where the process stops is the archetype's `stopBefore` step or
 * the seeding day, whichever comes first.
 */
import type { Value } from '@djchain/crypto';
import {
  addDays,
  addMonths,
  addYears,
  ageCommitment,
  ageProof,
  type IsoDate,
  RULESET_2014,
  type RuleSet,
} from '@djchain/modules';
import { DemoError } from './errors.ts';
import { BRANCHES } from './plan-community.ts';
import { ageSeedOf, at, type Params, type PlanContext, slotOnOrAfter } from './plan-context.ts';
import type { Archetype, CaseInfo, Person } from './plan-types.ts';
import type { Rng } from './prng.ts';

/** The rule set the demo's genesis activates (`recruitment.activeVersion`). */
export const DEMO_RULESET: RuleSet = RULESET_2014;

/** Case archetypes: how long ago the application was (months) and where the process stops. */
const ARCHETYPES: ReadonlyArray<{ a: Archetype; months: number; stopBefore?: string; phase: string }> = [
  { a: 'applicant', months: 0.5, stopBefore: 'talk', phase: 'applicant' },
  { a: 'talkOverdue', months: 2.5, stopBefore: 'talk', phase: 'applicant' },
  { a: 'applicantTalked', months: 1.4, stopBefore: 'nameActivist', phase: 'applicant' },
  { a: 'activist', months: 6, phase: 'activist' },
  { a: 'activistFiled', months: 11, phase: 'activist' },
  { a: 'candidate', months: 18, stopBefore: 'committeeReview', phase: 'candidate' },
  { a: 'approvalOverdue', months: 24.5, stopBefore: 'approveAdmission', phase: 'candidate' },
  { a: 'probationary', months: 26, stopBefore: 'applyConversion', phase: 'probationary' },
  { a: 'conversionOverdue', months: 35, stopBefore: 'applyConversion', phase: 'probationary' },
  { a: 'full', months: 40, phase: 'full' },
  { a: 'fullEarly', months: 45, phase: 'full' },
];

/** The phase a process is in after each phase-changing step. */
const PHASE_AFTER: { readonly [action: string]: string } = {
  apply: 'applicant',
  nameActivist: 'activist',
  nameCandidate: 'candidate',
  approveAdmission: 'probationary',
  approveConversion: 'full',
};

/** One case being planned: who is involved, and the date of each step planned so far. */
interface Case {
  readonly ctx: PlanContext;
  readonly p: Person;
  readonly branch: string;
  readonly applied: IsoDate;
  readonly proof: Value;
  readonly contact: string;
  readonly introducers: string[];
  readonly secretary: string;
  readonly organizer: string;
  readonly clerk: string;
  /** Dates by name (talk, activist, …), set by the step planners in table order. */
  readonly dates: Map<string, IsoDate>;
}

/** An action of the case: `[date, signer, action, params, vote]`, recruitment module. */
type FlowItem = [IsoDate, string, string, Params, boolean];

/** Plans one step (`action` is the table's); may add actions the chart does not number. */
type StepPlanner = (
  c: Case,
  action: string,
  s: (date: IsoDate, signer: string, action: string, params?: Params, vote?: boolean) => void,
) => void;

const d = (c: Case, name: string): IsoDate => c.dates.get(name)!;
const set = (c: Case, name: string, date: IsoDate): IsoDate => {
  c.dates.set(name, date);
  return date;
};
const c1 = (c: Case, post: string) => c.ctx.holder(`c1/${post}`);

/** The step planners of the 2014 chart, by step number (细则 2014, 25 steps). */
const STEP_PLANNERS: { readonly [no: number]: StepPlanner } = {
  1: (c, a, s) => s(c.applied, c.p.id, a, { branch: c.branch, ageProof: c.proof, ref: c.ctx.ref() }),
  2: (c, a, s) => s(set(c, 'talk', at(c.applied, 10)), c.organizer, a, { ref: c.ctx.ref() }),
  3: (c, a, s) =>
    s(set(c, 'activist', at(d(c, 'talk'), 75)), c.organizer, a, {
      source: c.ctx.rng.pick(['党员推荐', '群团组织推优']),
    }),
  4: (c, a, s) => s(set(c, 'filed', at(d(c, 'activist'), 10)), c1(c, '组织委员'), a),
  5: (c, a, s) => s(d(c, 'filed'), c.organizer, a, { contacts: [c.contact] }),
  6: (c, a, s) => {
    const assessed = at(d(c, 'activist'), 120);
    s(assessed, c.contact, a, { ref: c.ctx.ref() });
    // The applicant's own 思想汇报 (not a numbered step).
    s(assessed, c.p.id, 'addMaterial', { kind: '思想汇报', ref: c.ctx.ref() });
  },
  7: (c, a, s) => {
    // Publicity before naming a candidate (RULES.md): not a numbered step of the 2014 chart.
    const publicity = slotOnOrAfter(addMonths(d(c, 'activist'), 12));
    s(publicity, c.organizer, 'startPublicity', { ref: c.ctx.ref() });
    s(set(c, 'named', at(publicity, 21)), c.organizer, a);
  },
  8: (c, a, s) => s(set(c, 'fileC', at(d(c, 'named'), 7)), c1(c, '组织委员'), a),
  9: (c, a, s) => s(d(c, 'fileC'), c.organizer, a, { introducers: c.introducers }),
  10: (c, a, s) =>
    s(set(c, 'review', at(d(c, 'fileC'), 20)), c.organizer, a, { passed: true, ref: c.ctx.ref() }),
  11: (c, a, s) => s(d(c, 'review'), c1(c, '组织委员'), a, { days: 3, ref: c.ctx.ref() }),
  12: (c, a, s) => s(set(c, 'committee', at(d(c, 'review'), 25)), c.secretary, a),
  13: (c, a, s) =>
    s(set(c, 'pre', at(d(c, 'committee'), 10)), c1(c, '书记'), a, { passed: true, ref: c.ctx.ref() }),
  14: (c, a, s) => s(d(c, 'pre'), c1(c, '组织委员'), a, { ref: c.ctx.ref() }),
  15: (c, a, s) => s(set(c, 'meeting', at(d(c, 'pre'), 10)), c.secretary, a, { ref: c.ctx.ref() }, true),
  16: (c, a, s) => s(set(c, 'superior', at(d(c, 'meeting'), 7)), c1(c, '副书记'), a),
  17: (c, a, s) =>
    s(set(c, 'approved', at(d(c, 'superior'), 10)), c1(c, '书记'), a, { approved: true, ref: c.ctx.ref() }),
  18: (c, a, s) => s(set(c, 'oath', at(d(c, 'approved'), 7)), c1(c, '组织委员'), a),
  19: (c, a, s) => s(d(c, 'oath'), c.organizer, a, { group: `${c.branch}-g${c.ctx.rng.int(1, 2)}` }),
  20: (c, a, s) => s(d(c, 'oath'), c.organizer, a, { ref: c.ctx.ref() }),
  21: (c, a, s) => s(at(d(c, 'approved'), 150), c.contact, a, { ref: c.ctx.ref() }),
  22: (c, a, s) => {
    const probationEnd = set(c, 'probationEnd', addMonths(d(c, 'meeting'), 12));
    const applied = set(c, 'convApplied', slotOnOrAfter(addDays(probationEnd, -25)));
    s(applied, c.p.id, a, { ref: c.ctx.ref() });
    // The branch publicizes the conversion the same day (a 转正公示 item follows at the next block):
    // 5 working days, over by the meeting, which is at least one meeting day (14 days) later.
    s(applied, c.organizer, 'startConversionPublicity');
  },
  23: (c, a, s) =>
    s(
      set(c, 'conversion', slotOnOrAfter(d(c, 'probationEnd'))),
      c.secretary,
      a,
      { decision: 'convert', ref: c.ctx.ref() },
      true,
    ),
  24: (c, a, s) =>
    s(set(c, 'convApproved', at(d(c, 'conversion'), 14)), c1(c, '书记'), a, {
      approved: true,
      ref: c.ctx.ref(),
    }),
  25: (c, a, s) => s(at(d(c, 'convApproved'), 14), c.clerk, a),
};

/** Every step of the table, in its order, planned for the case (all of them, stop or not). */
function planSteps(c: Case, ruleset: RuleSet = DEMO_RULESET): FlowItem[] {
  const flow: FlowItem[] = [];
  const s = (date: IsoDate, signer: string, action: string, params: Params = {}, vote = false) => {
    flow.push([date, signer, action, { member: c.p.id, ...params }, vote]);
  };
  for (const step of ruleset.steps) {
    const planner = STEP_PLANNERS[step.no];
    if (planner === undefined)
      throw new DemoError('DEMO_PLAN_INVALID', `demo plan: no planner for step ${step.no} (${step.action})`);
    planner(c, step.action, s);
  }
  return flow;
}

function pickTwo(rng: Rng, n: number): [number, number] {
  if (n < 2)
    throw new DemoError('DEMO_PLAN_INVALID', 'demo plan: a branch needs two full members as introducers');
  const a = rng.int(0, n - 1);
  let b = rng.int(0, n - 2);
  if (b >= a) b++;
  return [a, b];
}

/** The archetypes once each, then `extra` cases at random points of the history. */
function caseSpecs(ctx: PlanContext) {
  const extra = Math.max(0, Math.round(ctx.opts.members / 8) - ARCHETYPES.length);
  return [
    ...ARCHETYPES,
    ...Array.from({ length: extra }, () => ({
      a: 'extra' as Archetype,
      months: 0.3 + ctx.rng.next() * 44,
      stopBefore: ctx.rng.chance(0.1) ? 'talk' : undefined,
      phase: '',
    })),
  ];
}

/**
 * The recruitment cases; `stable(branch)` are the members who may be contacts and introducers.
 * `ageSuite` is the suite age commitments and proofs are made with.
 */
export function planRecruitment(
  ctx: PlanContext,
  ageSuite: PlanContext['suite'],
  stable: (branch: string) => Person[],
): CaseInfo[] {
  const { rng, today } = ctx;
  const cases: CaseInfo[] = [];
  caseSpecs(ctx).forEach((spec, i) => {
    const branch = BRANCHES[i % BRANCHES.length]!;
    const applied = slotOnOrAfter(addDays(today, -Math.round(spec.months * 30.44)));
    if (applied <= ctx.firstSlot || applied >= today) return;
    const age = rng.int(19, 38);
    const birth = addDays(addYears(applied, -age - 1), rng.int(1, 360));
    const p = ctx.newPerson(branch, 'recruit', null, birth);
    const ageSeed = ageSeedOf(ctx.suite, ctx.opts.seed, p.id);
    const proof = ageProof(ageSuite, ageSeed, birth, applied, 18);
    if (proof === null)
      throw new DemoError('DEMO_PLAN_INVALID', `demo plan: ${p.id} is under 18 on ${applied}`);
    const pool = stable(branch);
    const [i1, i2] = pickTwo(rng, pool.length);
    const contact = pool[rng.int(0, pool.length - 1)]!.id;
    const c: Case = {
      ctx,
      p,
      branch,
      applied,
      proof: proof as unknown as Value,
      contact,
      introducers: [pool[i1]!.id, pool[i2]!.id],
      secretary: ctx.holder(`${branch}/书记`),
      organizer: ctx.holder(`${branch}/组织委员`),
      clerk: ctx.holder(`${branch}/党务工作者`),
      dates: new Map(),
    };
    ctx.add(p.id, applied, c.clerk, 'member', 'register', {
      id: p.id,
      org: branch,
      address: p.address,
      // ~70,000 SHA-256 steps per applicant: one compression each in JavaScript for the intl suite
      // (the suite's oneBlockChain, crypto/src/sha256.ts), several times faster than a native hash call per step (issue 20).
      ageCommitment: ageCommitment(ageSuite, ageSeed, birth),
    });
    let phase = 'applicant';
    for (const [date, signer, action, params, vote] of planSteps(c)) {
      if (action === spec.stopBefore || date >= today) break;
      ctx.add(p.id, date, signer, 'recruitment', action, params, vote);
      phase = PHASE_AFTER[action] ?? phase;
    }
    cases.push({ member: p.id, branch, archetype: spec.a, phase });
  });
  return cases;
}
