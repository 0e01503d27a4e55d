/**
 * The demo community, generated deterministically from a seed and "today" (the China date the demo
 * is seeded on): organizations, posts, members, and every transaction of about four years of history,
 * each with the China date it is to be executed on. Same (seed, members, today, suite) → same plan,
 * byte for byte (planHash). Names are synthetic and stay in the off-chain roster; the chain sees ids,
 * key addresses, age commitments and document references only.
 *
 * Where history comes from (README.md of this folder): the leadership is in genesis (imported with
 * the date Party age counts from); the other full members come in by `member.importMember` with their
 * historical `since`; recruitment cases, sanctions and transfers are real module actions, each planned
 * for the date it happens on — the seeder replays them on those dates (seed.ts).
 *
 * The planners draw from one seeded generator, so the order of the calls below is part of the plan.
 */
import { encode, getSuite, type Suite, toHex, type Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { addMonths } from '@djchain/modules';
import {
  ORG_NAMES,
  planGenesisMembers,
  planLeadership,
  planOrganizations,
  planTerms,
} from './plan-community.ts';
import { PlanContext, personKey } from './plan-context.ts';
import { planDeclarations } from './plan-declarations.ts';
import { planDisclosure } from './plan-disclosure.ts';
import { planDues } from './plan-dues.ts';
import {
  COMMISSION_ID,
  chooseUnstable,
  planExpulsions,
  planImports,
  planSanctions,
  planTransfers,
} from './plan-history.ts';
import { planOrgLife } from './plan-orglife.ts';
import { planProfiles, withProfile } from './plan-profiles.ts';
import { DEMO_RULESET, planRecruitment } from './plan-recruitment.ts';
import { planResidents } from './plan-residents.ts';
import { planService } from './plan-service.ts';
import { planStudy } from './plan-study.ts';
import type { DemoAccount, DemoPlan, Person, PlanOptions } from './plan-types.ts';

export { ORG_NAMES } from './plan-community.ts';
export { personKey, slotOnOrAfter } from './plan-context.ts';
export type * from './plan-types.ts';

/** The superior body named in genesis: not a member; its key is personKey(seed, SUPERIOR_ID). */
export const SUPERIOR_ID = 'superior';
const SUPERIOR_NAME = '东风街道党工委';

export function superiorAddress(suite: Suite, seed: number): string {
  return addressOf(suite, personKey(suite, seed, SUPERIOR_ID).publicKey);
}

export { COMMISSION_ID };

const COMMISSION_NAME = '东风区纪律检查委员会';

export function commissionAddress(suite: Suite, seed: number): string {
  return addressOf(suite, personKey(suite, seed, COMMISSION_ID).publicKey);
}

export function generatePlan(suite: Suite, opts: PlanOptions): DemoPlan {
  const genesisDate = addMonths(opts.today, -48).slice(0, 7).concat('-01');
  const ctx = new PlanContext(suite, opts, genesisDate);
  const terms = planTerms(ctx);
  const orgs = planOrganizations(terms);
  const { posts, leaders } = planLeadership(ctx, terms);
  const genesisMembers = planGenesisMembers(ctx, leaders);
  const ordinary = planImports(ctx, leaders);
  const { sanctioned, transferred, expelled } = chooseUnstable(ordinary);
  planSanctions(ctx, sanctioned);
  planTransfers(ctx, transferred);
  planExpulsions(ctx, expelled);
  const unstable = new Set([...sanctioned, ...transferred, ...expelled].map((p) => p.id));
  const stable = (branch: string): Person[] => [
    ...leaders.filter((p) => p.branch === branch),
    ...ordinary.filter((p) => p.branch === branch && !unstable.has(p.id)),
  ];
  // Same hash, faster for long hash chains than the node implementation (modules README, age cost).
  const cases = planRecruitment(ctx, getSuite(suite.id, 'browser'), stable);
  // Organizational life (issue 15): draws nothing from the generator.
  planOrgLife(ctx, stable);
  // Individual study (issue 18): b6's, without meetings, and each admission's training; draws nothing.
  planStudy(ctx, stable, { sanctioned, transferred });
  // The operation index's rule set (issue 18): six months back the 党委 adopts 2026-v4, whose 不漏人
  // also checks contact, the roster and transfers on time, and whose study pace counts a member who
  // joined in the year from the month after (pro rata); the closes before it stay under 2026.
  const adopted = `${addMonths(opts.today, -6).slice(0, 7)}-05`;
  ctx.add('c1', adopted, ctx.holder('c1/书记'), 'insight', 'adoptRules', {
    org: 'c1',
    version: '2026-v4',
    resolution: `dwh-${adopted}`,
  });
  const accounts = planAccounts(ctx, leaders, ordinary);
  // 重大事项申报 (issue 16): draws nothing from the generator.
  const demoMember = ctx.people.find((p) => p.id === accounts.find((a) => a.role === 'member')!.member)!;
  const declarations = planDeclarations(ctx, demoMember, stable);
  // Last: it reads the others' transactions (admissions, transfers, expulsions).
  const dues = planDues(ctx, {
    leaders,
    ordinary,
    unstable,
    demoMember: accounts.find((a) => a.role === 'member')!.member,
  });
  // Residents and 四议两公开 (issue 16): their own generator, so nothing above changes.
  const residents = planResidents(ctx);
  // The service centre (issue 17): on the residents' accounts; its year of orders from its own generator.
  planService(ctx);
  // 党务公开 (issue 16): each item's content, the yearly dues notices; draws nothing from the generator.
  const documents = planDisclosure(ctx);
  // Sealed profiles (issue 18, 不漏人's roster check): every person's salted commitment and reference
  // on their registration (genesis, import or register), the profile itself sealed off chain by the
  // seeder (sealed.ts). After the dues planner: the profile holds the dues base. Draws nothing.
  const profiles = planProfiles(ctx.suite, opts.seed, ctx.people, dues);

  const txs = [...ctx.txs]
    .map((t) => withProfile(t, profiles))
    .sort((x, y) => (x.date === y.date ? x.wave - y.wave : x.date < y.date ? -1 : 1));
  return {
    options: opts,
    genesisDate,
    genesis: {
      // The street 党工委 above c1: the second party for recovering its post holders' keys
      // (modules README, docs/threat-model.md). Its demo key derives from the seed like everyone's.
      org: { orgs, posts, superior: { name: SUPERIOR_NAME, address: superiorAddress(suite, opts.seed) } },
      member: { members: genesisMembers.map((m) => ({ ...m, ...profiles.get(m.id) })) },
      recruitment: { activeVersion: DEMO_RULESET.id },
      // The county-level discipline commission: it alone approves expulsions (modules README).
      discipline: { commission: { name: COMMISSION_NAME, address: commissionAddress(ctx.suite, opts.seed) } },
    },
    people: ctx.people,
    txs,
    cases,
    accounts,
    dues,
    declarations,
    orgNames: ORG_NAMES,
    residents,
    documents,
  };
}

/** The demo's keystores: the committee's and b1's post holders, a plain member, the superior, the commission. */
function planAccounts(
  ctx: PlanContext,
  leaders: readonly Person[],
  ordinary: readonly Person[],
): DemoAccount[] {
  const member = ordinary[0] ?? leaders.find((p) => p.post === 'b1/党务工作者')!;
  return [
    { role: 'committee-secretary', label: '社区党委书记', member: ctx.holder('c1/书记') },
    { role: 'branch-secretary', label: `${ORG_NAMES.b1}书记`, member: ctx.holder('b1/书记') },
    { role: 'organizer', label: `${ORG_NAMES.b1}组织委员`, member: ctx.holder('b1/组织委员') },
    { role: 'clerk', label: `${ORG_NAMES.b1}党务工作者`, member: ctx.holder('b1/党务工作者') },
    { role: 'member', label: '普通党员', member: member.id },
    { role: 'superior', label: '街道党工委（上级）', member: SUPERIOR_ID },
    { role: 'commission', label: `${COMMISSION_NAME}（县级纪委）`, member: COMMISSION_ID },
  ];
}

/** The plan as one canonical value (genesis and every planned transaction) and its hash. */
export function planHash(suite: Suite, plan: DemoPlan): string {
  const value = {
    options: { ...plan.options },
    genesisDate: plan.genesisDate,
    genesis: plan.genesis as unknown as Value,
    txs: plan.txs.map((t) => ({ ...t }) as unknown as Value),
  } as unknown as Value;
  return toHex(suite.hash(encode(value)));
}
