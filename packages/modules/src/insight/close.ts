/**
 * The period close (block-start hook, deterministic, integer arithmetic). Month M closes once the
 * dues and orglife modules have closed it (their markers; orglife's hook runs after this one, so
 * that is the block after the new month's first) — by then the warning centre holds what those
 * closes raised. For every 党支部: 不漏人 over its roster on the month's last day, 不缺项 over its
 * obligations, 不掉链 over its open processes and warnings; every 党总支 and 党委 sums the branches below
 * it (and counts its own broken links). A quarter's and a year's records follow at their last month.
 * The records are state (queried, proved by state proofs); the close emits no event, so a block that
 * closes a period carries no history entry of its own for the organizations.
 *
 * A bounded amount of work per block (issue 18): at most `closeBranches` 党支部 (genesis; default
 * CLOSE_BRANCHES_PER_BLOCK) are counted in one block, in id order. While branches remain, each done
 * branch's counts are kept under `closing/done/<branch>`, each branch still to count has its roster
 * (and suspended members) as taken at the close's first block under `closing/todo/<branch>` — one
 * walk of the members per close, not per block —, beside a cursor (`closing`: month, rule set, done
 * of total), so a node that restarts or replays mid-close continues identically; the records of
 * every organization (and the quarter's, the year's) are written only in the block that counts the
 * last branch, and the partial state is removed there. The month stays unclosed (`closed`) until then,
 * so the next month's close cannot start. A community of at most one batch closes in one block and
 * writes no partial state at all: the same state as before the close was spread.
 */
import type { HookContext } from '@djchain/runtime';
import { cite, DOC } from '../common/cites.ts';
import { closeBudget, setCloseBudget } from '../common/close-budget.ts';
import { chinaDate } from '../common/dates.ts';
import { addMonth, lastDay, type YearMonth } from '../common/months.ts';
import { asValue, getRecord, MODULE } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { childrenOf, getOrg, type OrgRecord } from '../org/store.ts';
import { rosterOn } from '../orglife/roster.ts';
import { storesFor } from '../permissions/authorize.ts';
import { processOrg } from '../recruitment/process.ts';
import type { Process } from '../recruitment/store.ts';
import { studyCountedFrom } from '../study/pace.ts';
import { progress } from '../study/progress.ts';
import { viewAs } from '../warnings/resolve.ts';
import { chainStart, suspendedOn } from './contact.ts';
import { type ItemsCount, itemsOf } from './items.ts';
import { type LinksCount, linksOf } from './links.ts';
import { type CheckCount, mergePeople, type PeopleCount, peopleOfMonth, type Suspended } from './people.ts';
import { DEFAULT_INDEX_VERSION, INDEX_RULES, type IndexRules, levelOf, overall, permille } from './rules.ts';
import {
  type CheckMiss,
  type Closing,
  type Component,
  type IndexRecord,
  insightKeys,
  LIST_MAX,
} from './store.ts';
import { lateTransfers } from './transfers.ts';

const MAX_ORGS = 10_000;
/** 《党员教育管理工作条例》第二十条: the yearly study hours. */
const STUDY_CITE = cite(DOC.education, 20);
const MAX_PROCESSES = 100_000;
/**
 * 党支部 counted per block of a close. The branch is the unit (its members are judged together and
 * its counts stored whole); 《中国共产党支部工作条例》第五条 keeps a branch to about 50 members, so 20
 * branches are about 1,000 members — the close bench/insight.ts measured at ≈ 280 ms in one block
 * (10,000 members in one block: 7.5 s). Not part of the rule set: it changes no figure, only which
 * block writes it; but it decides which block writes what, so it is consensus — a chain's genesis may
 * set another (`insight.closeBranches`), fixed for the chain's life and the same on every validator.
 */
export const CLOSE_BRANCHES_PER_BLOCK = 20;

interface Counts {
  people: PeopleCount;
  items: ItemsCount;
  links: LinksCount;
}

export function closeIndexMonths(ctx: HookContext): void {
  const previous = addMonth(chinaDate(ctx.time).slice(0, 7), -1);
  const closed = ctx.store.get(insightKeys.closed);
  if (typeof closed !== 'string') {
    // A new chain judges from the month it was born in, as dues and orglife do.
    ctx.store.set(insightKeys.closed, previous);
    return;
  }
  const month = addMonth(closed, 1);
  if (month > previous) return;
  const dues = ctx.readStore(MODULE.dues).get('closed');
  const life = ctx.readStore(MODULE.orglife).get('closed');
  if (typeof dues !== 'string' || typeof life !== 'string' || dues < month || life < month) return;
  if (closeMonth(ctx, month)) ctx.store.set(insightKeys.closed, month);
}

/** `insight.closeBranches` of the genesis section: a whole number of branches per block, 1–10,000. */
export function insightGenesis(ctx: HookContext, config: unknown): void {
  setCloseBudget(ctx, config, {
    module: 'insight',
    field: 'closeBranches',
    key: insightKeys.closeBranches,
    max: MAX_ORGS,
  });
}

function branchesPerBlock(ctx: HookContext): number {
  return closeBudget(ctx.store, insightKeys.closeBranches, CLOSE_BRANCHES_PER_BLOCK);
}

/**
 * The rule set in force, with the values it took from other modules as they were when it was adopted
 * (recorded by `insight.adoptRules`; a chain that adopted it before they were recorded has the
 * definition's).
 */
export function rulesInForce(store: { get(key: string): unknown }): IndexRules {
  const v = store.get(insightKeys.version);
  const rules = INDEX_RULES[typeof v === 'string' ? v : DEFAULT_INDEX_VERSION]!;
  const adopted = store.get(insightKeys.adoptedValues) as
    | { version?: unknown; transferDays?: unknown }
    | undefined;
  return adopted?.version === rules.version && typeof adopted.transferDays === 'number'
    ? { ...rules, transferDays: adopted.transferDays }
    : rules;
}

function allOrgs(ctx: HookContext): OrgRecord[] {
  const orgs = ctx.readStore(MODULE.org);
  return orgs
    .keys('o/', MAX_ORGS)
    .map((k) => getRecord<OrgRecord>(orgs, k)!)
    .filter((o) => o.kind !== '党小组');
}

/** Open recruitment processes by the organization that holds them. */
function processesByOrg(ctx: HookContext): Map<string, string[]> {
  const rec = viewAs(ctx, MODULE.recruitment);
  const out = new Map<string, string[]>();
  for (const key of rec.store.keys('p/', MAX_PROCESSES)) {
    const p = getRecord<Process>(rec.store, key)!;
    const org = processOrg(rec, p);
    out.set(org, [...(out.get(org) ?? []), p.member]);
  }
  return out;
}

/**
 * One block of the close of `month`: the next batch of branches not yet counted (id order); when
 * none remain after it, every organization's records. True when the month is closed.
 */
function closeMonth(ctx: HookContext, month: YearMonth): boolean {
  const cursor = getRecord<Closing>(ctx.store, insightKeys.closing);
  const rules = cursor?.month === month ? cursor.rules : rulesInForce(ctx.store);
  const orgs = allOrgs(ctx);
  const branches = orgs.filter((x) => x.kind === '党支部').map((o) => o.id);
  // Done: counted in an earlier block of this close (a branch created meanwhile is simply not done).
  const todo = branches.filter((b) => !ctx.store.has(insightKeys.closingDone(b)));
  const batch = todo.slice(0, branchesPerBlock(ctx));
  const inputs = inputsOf(ctx, rules, month);
  const processes = processesByOrg(ctx);
  const branchCounts = countBranches(ctx, rules, month, batch, inputs, processes);
  for (const b of batch) ctx.store.delete(insightKeys.closingInput(b));
  if (batch.length < todo.length) {
    for (const [b, periods] of branchCounts) ctx.store.set(insightKeys.closingDone(b), asValue(periods));
    // PERF: the roster walks every member; taken once, at the close's first block, for the branches
    // still to count (also a snapshot: a member moving meanwhile is neither counted twice nor missed).
    for (const b of todo.slice(batch.length))
      if (!ctx.store.has(insightKeys.closingInput(b)))
        ctx.store.set(insightKeys.closingInput(b), asValue(inputs(b)));
    const done = branches.length - todo.length + batch.length;
    const closing: Closing = { month, rules, done, total: branches.length };
    ctx.store.set(insightKeys.closing, asValue(closing));
    return false;
  }
  // The last batch: the earlier batches' counts from state, then every record, then no partial state.
  for (const prefix of [insightKeys.closingDonePrefix, insightKeys.closingInputPrefix])
    for (const key of ctx.store.keys(prefix, MAX_ORGS)) {
      if (prefix === insightKeys.closingDonePrefix)
        branchCounts.set(key.slice(prefix.length), getRecord<{ [period: string]: Counts }>(ctx.store, key)!);
      ctx.store.delete(key);
    }
  ctx.store.delete(insightKeys.closing);
  writeRecords(ctx, rules, month, orgs, branchCounts, processes);
  return true;
}

/** What a branch's count starts from: its roster on the month's last day, its members suspended then. */
interface BranchInput {
  roster: string[];
  suspended: Suspended[];
}

/** A branch's input: as stored at the close's first block, else from one walk of the members. */
function inputsOf(ctx: HookContext, rules: IndexRules, month: YearMonth): (branch: string) => BranchInput {
  let walk: { roster: Map<string, string[]>; suspended: Map<string, Suspended[]> } | null = null;
  return (branch) => {
    const stored = getRecord<BranchInput>(ctx.store, insightKeys.closingInput(branch));
    if (stored) return stored;
    walk ??= {
      roster: rosterOn(storesFor(ctx, MODULE.insight), lastDay(month)),
      // Rule sets judging contact: the members suspended for lost contact.
      suspended:
        rules.contactMonths === null ? new Map<string, Suspended[]>() : suspendedOn(ctx, lastDay(month)),
    };
    return { roster: walk.roster.get(branch) ?? [], suspended: walk.suspended.get(branch) ?? [] };
  };
}

function periodsOf(month: YearMonth) {
  const quarterEnd = Number(month.slice(5)) % 3 === 0;
  const yearEnd = month.endsWith('-12');
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
  const year = month.slice(0, 4);
  return { quarterEnd, yearEnd, quarter, year };
}

/** The counts of each branch of `batch` for the month (and the quarter, the year at their ends). */
function countBranches(
  ctx: HookContext,
  rules: IndexRules,
  month: YearMonth,
  batch: readonly string[],
  inputs: (branch: string) => BranchInput,
  processes: Map<string, string[]>,
): Map<string, { [period: string]: Counts }> {
  const branchCounts = new Map<string, { [period: string]: Counts }>();
  if (batch.length === 0) return branchCounts;
  const { quarterEnd, yearEnd, quarter, year } = periodsOf(month);
  // The chain's first day (contact is judged only over months after it).
  const start = chainStart(ctx);
  // Rule sets judging transfers: the members whose transfer waited past its deadline in the month.
  const late = lateTransfers(ctx, month, rules.transferDays);
  for (const id of batch) {
    const { roster, suspended } = inputs(id);
    const people = peopleOfMonth(ctx, rules, month, roster, suspended, start, late);
    const links = linksOf(ctx, id, processes.get(id) ?? []);
    const periods: { [period: string]: Counts } = {
      [month]: { people, items: itemsOf(ctx, id, month), links },
    };
    // A quarter and a year: people over their months (stored month records and this one), items over the period.
    const span = (months: YearMonth[]) =>
      mergePeople([...months.map((m) => storedPeople(ctx, id, m)), people]);
    if (quarterEnd)
      periods[quarter] = { people: span(earlier(month, 2)), items: itemsOf(ctx, id, quarter), links };
    if (yearEnd) periods[year] = { people: span(earlier(month, 11)), items: itemsOf(ctx, id, year), links };
    branchCounts.set(id, periods);
    if (rules.studyPace && quarterEnd && !yearEnd) warnStudyPace(ctx, rules, id, month, people);
  }
  return branchCounts;
}

function writeRecords(
  ctx: HookContext,
  rules: IndexRules,
  month: YearMonth,
  orgs: readonly OrgRecord[],
  branchCounts: Map<string, { [period: string]: Counts }>,
  processes: Map<string, string[]>,
): void {
  const { quarterEnd, yearEnd, quarter, year } = periodsOf(month);
  const periods = [month, ...(quarterEnd ? [quarter] : []), ...(yearEnd ? [year] : [])];
  // Organizations in byte order (their keys): records and events the same on every node.
  for (const o of orgs) {
    const branches = o.kind === '党支部' ? [o.id] : branchesBelow(ctx, o.id);
    for (const period of periods) {
      const parts = branches.map((b) => branchCounts.get(b)?.[period]).filter((c) => c !== undefined);
      const own = o.kind === '党支部' ? null : linksOf(ctx, o.id, processes.get(o.id) ?? []);
      const record = buildRecord(ctx, rules, o.id, period, branches, parts, own);
      ctx.store.set(insightKeys.record(o.id, period), asValue(record));
    }
  }
}

/**
 * 精准预警 for study (issue 18): at the close of March, June and September, each member of the
 * branch behind the year's pace (学时 × 12 < target × months elapsed — the index's own rule) gets one
 * warning for the year, to the posts that confirm study and to the member. It closes when the hours
 * catch up with the pace of the latest quarter the index closed (confirmed individual study,
 * `study.confirm`, or an attended 党课 or 主题党日, `orglife.hold`), or with the year's end
 * (warnings/resolve.ts). Never a ranking: a member sees only their own. December raises none (the
 * year's record shows who missed it).
 */
function warnStudyPace(
  ctx: HookContext,
  rules: IndexRules,
  org: string,
  month: YearMonth,
  people: PeopleCount,
): void {
  const year = Number(month.slice(0, 4));
  const study = viewAs(ctx, MODULE.study);
  const stores = { member: ctx.readStore(MODULE.member), recruitment: ctx.readStore(MODULE.recruitment) };
  for (const m of people.missing) {
    if (!m.items.includes('study')) continue;
    // Which act answered it is told by what grew: the confirmed individual hours at the raise.
    const individualHours = progress(study, m.member, year).individualHours;
    // A pro-rating rule set: the day the pace counts from, so the warning closes at the pace it was raised with.
    const since = rules.studyProRata ? studyCountedFrom(stores, m.member) : null;
    raiseWarning(ctx, {
      kind: 'study.pace',
      subject: `${m.member}:${year}`,
      level: 'dueSoon',
      org,
      posts: ['书记', '组织委员', '宣传委员'],
      member: m.member,
      due: `${year}-12-31`,
      cite: STUDY_CITE,
      resolves: ['study.confirm', 'orglife.hold'],
      data: {
        member: m.member,
        year,
        elapsed: Number(month.slice(5)),
        individualHours,
        ...(since !== null ? { since } : {}),
      },
    });
  }
}

/** The `n` months before `month`, oldest first. */
function earlier(month: YearMonth, n: number): YearMonth[] {
  return Array.from({ length: n }, (_, i) => addMonth(month, i - n));
}

function storedPeople(ctx: HookContext, org: string, month: YearMonth): PeopleCount {
  const r = getRecord<IndexRecord>(ctx.store, insightKeys.record(org, month));
  if (!r) return { owed: 0, done: 0, missing: [] };
  const people: PeopleCount = { owed: r.people.owed, done: r.people.done, missing: [...r.people.missing] };
  if (r.checks) {
    const check = (c: Component<CheckMiss>) => ({ owed: c.owed, done: c.done, missing: [...c.missing] });
    people.checks = { contact: check(r.checks.contact), roster: check(r.checks.roster) };
    if (r.checks.transfer) people.checks.transfer = check(r.checks.transfer);
  }
  return people;
}

function branchesBelow(ctx: HookContext, org: string): string[] {
  const orgs = ctx.readStore(MODULE.org);
  const out: string[] = [];
  const queue = [org];
  while (queue.length > 0 && out.length < MAX_ORGS) {
    const id = queue.shift()!;
    for (const child of childrenOf(orgs, id)) {
      if (getOrg(orgs, child)?.kind === '党支部') out.push(child);
      queue.push(child);
    }
  }
  return out.sort();
}

function component<T>(owed: number, done: number, missing: readonly T[], count: number): Component<T> {
  return { score: permille(done, owed), owed, done, missing: missing.slice(0, LIST_MAX), count };
}

function buildRecord(
  ctx: HookContext,
  rules: IndexRules,
  org: string,
  period: string,
  branches: readonly string[],
  parts: readonly Counts[],
  own: LinksCount | null,
): IndexRecord {
  const sum = (f: (c: Counts) => { owed: number; done: number }) =>
    parts.reduce((a, c) => ({ owed: a.owed + f(c).owed, done: a.done + f(c).done }), { owed: 0, done: 0 });
  const people = sum((c) => c.people);
  const items = sum((c) => c.items);
  const links = sum((c) => c.links);
  if (own) {
    links.owed += own.owed;
    links.done += own.done;
  }
  // Member-id order across branches too: the list is a roll to work through, never a ranking.
  const peopleMissing = parts
    .flatMap((c) => c.people.missing)
    .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  const itemsMissing = parts.flatMap((c) => c.items.missing);
  const linksMissing = [...(own?.missing ?? []), ...parts.flatMap((c) => c.links.missing)];
  const p = component(people.owed, people.done, peopleMissing, peopleMissing.length);
  const i = component(items.owed, items.done, itemsMissing, itemsMissing.length);
  const l = component(links.owed, links.done, linksMissing, linksMissing.length);
  const score = overall(rules, p.score, i.score, l.score);
  // The contact and roster checks on their own (rule sets that judge them), summed like 不漏人.
  const judged = parts.filter((c) => c.people.checks !== undefined).map((c) => c.people.checks!);
  const check = (f: (c: NonNullable<PeopleCount['checks']>) => CheckCount) => {
    const all = judged.map(f);
    const missing = all
      .flatMap((c) => c.missing)
      .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
    const owed = all.reduce((n, c) => n + c.owed, 0);
    const done = all.reduce((n, c) => n + c.done, 0);
    return component(owed, done, missing, missing.length);
  };
  // The transfer check over the parts that judged it (a 2026-v2 month in a 2026-v3 quarter has none).
  const none: CheckCount = { owed: 0, done: 0, missing: [] };
  const transfer = () =>
    rules.transferDays !== null || judged.some((c) => c.transfer !== undefined)
      ? { transfer: check((c) => c.transfer ?? none) }
      : {};
  const checks =
    rules.contactMonths !== null || rules.rosterProfile
      ? { checks: { contact: check((c) => c.contact), roster: check((c) => c.roster), ...transfer() } }
      : {};
  return {
    org,
    period,
    every: period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month',
    rules: rules.version,
    closedOn: chinaDate(ctx.time),
    closedAt: ctx.height,
    branches: [...branches],
    people: p,
    items: i,
    links: l,
    ...checks,
    ...(rules.transferDays !== null ? { transferDays: rules.transferDays } : {}),
    overall: score,
    level: levelOf(rules, score),
  };
}
