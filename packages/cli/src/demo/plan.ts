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
 */
import { encode, getSuite, type KeyPair, type Suite, taggedHash, toHex, type Value } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import {
  addDays,
  addMonths,
  addYears,
  ageCommitment,
  ageProof,
  type IsoDate,
  type ModulesGenesis,
} from '@djchain/modules';
import { DemoError } from './errors.ts';
import { syntheticName } from './names.ts';
import { createRng, type Rng } from './prng.ts';

export interface PlanOptions {
  readonly seed: number;
  /** Party members at the start of the history (leadership included; at least the leadership). */
  readonly members: number;
  /** China date of the seeding day; history ends the day before. */
  readonly today: IsoDate;
}

export type PersonRole = 'leader' | 'member' | 'recruit';

/** A person of the demo; name and birth date are off-chain (roster file), never in a transaction. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly branch: string;
  readonly role: PersonRole;
  /** "c1/书记" for a post holder. */
  readonly post: string | null;
  readonly birthDate: IsoDate;
  readonly address: string;
}

/** One transaction of the history, to be signed by `signer` (a person id) on `date`. */
export interface PlannedTx {
  readonly date: IsoDate;
  /** Order inside the date: wave n is committed before wave n+1 is sent. */
  readonly wave: number;
  readonly signer: string;
  readonly module: string;
  readonly action: string;
  readonly params: { readonly [key: string]: Value };
  /** A branch meeting vote: the seeder fills in the counts from the branch's voters on that day. */
  readonly vote?: boolean;
}

export type Archetype =
  | 'applicant'
  | 'talkOverdue'
  | 'applicantTalked'
  | 'activist'
  | 'activistFiled'
  | 'candidate'
  | 'approvalOverdue'
  | 'probationary'
  | 'conversionOverdue'
  | 'full'
  | 'fullEarly'
  | 'extra';

export interface CaseInfo {
  readonly member: string;
  readonly branch: string;
  readonly archetype: Archetype;
  /** Phase of the process expected once the history is replayed. */
  readonly phase: string;
}

export interface DemoAccount {
  /** Key of the keystore file name. */
  readonly role: string;
  readonly label: string;
  readonly member: string;
}

export interface DemoPlan {
  readonly options: PlanOptions;
  readonly genesisDate: IsoDate;
  readonly genesis: ModulesGenesis;
  readonly people: readonly Person[];
  readonly txs: readonly PlannedTx[];
  readonly cases: readonly CaseInfo[];
  readonly accounts: readonly DemoAccount[];
  readonly orgNames: { readonly [id: string]: string };
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A person's signing key, derived from the demo seed (demo keys are reproducible by design). */
export function personKey(suite: Suite, seed: number, id: string): KeyPair {
  return suite.keyPairFromSeed(taggedHash(suite, 'djchain/demo/key/v1', utf8(`${seed}/${id}`)));
}

function ageSeedOf(suite: Suite, seed: number, id: string): Uint8Array {
  return taggedHash(suite, 'djchain/demo/age/v1', utf8(`${seed}/${id}`));
}

/** Meeting days: the 6th and the 20th of each month; every planned date is one of them. */
export function slotOnOrAfter(d: IsoDate): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const mm = String(m).padStart(2, '0');
  if (day <= 6) return `${y}-${mm}-06`;
  if (day <= 20) return `${y}-${mm}-20`;
  return `${addMonths(`${y}-${mm}-01`, 1).slice(0, 7)}-06`;
}

/** The superior body named in genesis: not a member; its key is personKey(seed, SUPERIOR_ID). */
export const SUPERIOR_ID = 'superior';
const SUPERIOR_NAME = '东风街道党工委';

export function superiorAddress(suite: Suite, seed: number): string {
  return addressOf(suite, personKey(suite, seed, SUPERIOR_ID).publicKey);
}

const at = (d: IsoDate, days: number) => slotOnOrAfter(addDays(d, days));

export const ORG_NAMES: { readonly [id: string]: string } = {
  c1: '东风社区党委',
  g1: '东风社区第一党总支',
  g2: '东风社区第二党总支',
  b1: '幸福里网格党支部',
  b2: '和平巷网格党支部',
  b3: '离退休干部党支部',
  b4: '两新组织联合党支部',
  b5: '物业服务党支部',
  b6: '在职党员报到党支部',
};
const BRANCHES = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'] as const;
const BRANCH_POSTS = ['书记', '组织委员', '党务工作者'] as const;

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

interface Builder {
  readonly txs: PlannedTx[];
  /** Next wave per `${date}/${subject}`. */
  readonly waves: Map<string, number>;
}

function add(
  b: Builder,
  subject: string,
  date: IsoDate,
  signer: string,
  module: string,
  action: string,
  params: { [key: string]: Value },
  vote = false,
): void {
  const k = `${date}/${subject}`;
  const wave = b.waves.get(k) ?? 0;
  b.waves.set(k, wave + 1);
  b.txs.push({ date, wave, signer, module, action, params, ...(vote ? { vote } : {}) });
}

export function generatePlan(suite: Suite, opts: PlanOptions): DemoPlan {
  const rng = createRng(opts.seed);
  // Same hash, faster for long hash chains than the node implementation (modules README, age cost).
  const ageSuite = getSuite(suite.id, 'browser');
  const today = opts.today;
  const genesisDate = addMonths(today, -48).slice(0, 7).concat('-01');
  const firstSlot = slotOnOrAfter(addDays(genesisDate, 3));
  const people: Person[] = [];
  let seq = 0;
  const newPerson = (branch: string, role: PersonRole, post: string | null, birth: IsoDate): Person => {
    const id = `m-${String(++seq).padStart(4, '0')}`;
    const p: Person = {
      id,
      name: syntheticName(rng),
      branch,
      role,
      post,
      birthDate: birth,
      address: addressOf(suite, personKey(suite, opts.seed, id).publicKey),
    };
    people.push(p);
    return p;
  };
  const birthBetween = (fromYear: number, toYear: number): IsoDate =>
    addDays(`${rng.int(fromYear, toYear)}-01-01`, rng.int(0, 364));
  const ref = () => `doc-${rng.hex(24)}`;

  // Organizations: the committee, two general branches, six branches with two groups each.
  const termStart = addMonths(genesisDate, -6);
  // One branch's 5-year term ended two months ago without 换届, so org.TermOverdue fires.
  const overdueTerm = slotOnOrAfter(addMonths(addYears(today, -5), -2));
  const orgs: {
    id: string;
    name: string;
    kind: '党委' | '党总支' | '党支部' | '党小组';
    parent: string | null;
    community?: boolean;
    termStart: string;
  }[] = [
    { id: 'c1', name: ORG_NAMES.c1!, kind: '党委', parent: null, community: true, termStart },
    { id: 'g1', name: ORG_NAMES.g1!, kind: '党总支', parent: 'c1', termStart },
    { id: 'g2', name: ORG_NAMES.g2!, kind: '党总支', parent: 'c1', termStart },
  ];
  for (const [i, b] of BRANCHES.entries()) {
    orgs.push({
      id: b,
      name: ORG_NAMES[b]!,
      kind: '党支部',
      parent: i < 3 ? 'g1' : 'g2',
      termStart: b === 'b6' ? overdueTerm : termStart,
    });
    for (const g of [1, 2]) {
      orgs.push({
        id: `${b}-g${g}`,
        name: `第${g === 1 ? '一' : '二'}党小组`,
        kind: '党小组',
        parent: b,
        termStart,
      });
    }
  }

  // Leadership: posts in genesis, held by members registered in a branch.
  const posts: {
    org: string;
    member: string;
    post: '书记' | '副书记' | '组织委员' | '纪检委员' | '党务工作者';
    since: string;
  }[] = [];
  const holder = new Map<string, string>();
  const appoint = (org: string, post: (typeof posts)[number]['post'], branch: string) => {
    const since = org === 'b6' ? overdueTerm : termStart;
    const p = newPerson(branch, 'leader', `${org}/${post}`, birthBetween(1962, 1985));
    posts.push({ org, member: p.id, post, since });
    holder.set(`${org}/${post}`, p.id);
  };
  appoint('c1', '书记', 'b1');
  appoint('c1', '副书记', 'b2');
  appoint('c1', '组织委员', 'b4');
  appoint('c1', '纪检委员', 'b5');
  appoint('g1', '书记', 'b2');
  appoint('g2', '书记', 'b5');
  for (const b of BRANCHES) for (const post of BRANCH_POSTS) appoint(b, post, b);
  const h = (key: string) => holder.get(key)!;
  const leaders = [...people];
  const genesisMembers = leaders.map((p) => ({
    id: p.id,
    org: p.branch,
    address: p.address,
    status: '正式党员' as const,
    since: birthBetween(1990, 2012),
  }));

  // Ordinary full members, imported with their historical dates by the committee's 组织委员.
  const b: Builder = { txs: [], waves: new Map() };
  const importCount = Math.max(0, opts.members - leaders.length);
  const ordinary: Person[] = [];
  for (let i = 0; i < importCount; i++) {
    const branch = i === 0 ? 'b1' : rng.pick(BRANCHES);
    const p = newPerson(branch, 'member', null, birthBetween(1945, 2000));
    ordinary.push(p);
    const joinedAt = Number(p.birthDate.slice(0, 4)) + rng.int(20, 30);
    const since = addDays(
      `${Math.min(joinedAt, Number(genesisDate.slice(0, 4)) - 2)}-01-01`,
      rng.int(0, 364),
    );
    add(b, p.id, firstSlot, h('c1/组织委员'), 'member', 'importMember', {
      id: p.id,
      org: branch,
      address: p.address,
      status: '正式党员',
      since,
    });
  }

  // A few members are sanctioned or transferred; the rest (and the leadership) are stable and serve
  // as contact persons and introducers. The first ordinary member (b1) is the demo "member" account.
  const movable = ordinary.slice(1);
  const sanctionCount = Math.min(Math.max(1, Math.floor(importCount / 80)), Math.floor(movable.length / 2));
  const transferCount = Math.min(Math.max(1, Math.floor(importCount / 50)), movable.length - sanctionCount);
  const sanctioned = movable.slice(0, sanctionCount);
  const transferred = movable.slice(sanctionCount, sanctionCount + transferCount);
  const unstable = new Set([...sanctioned, ...transferred].map((p) => p.id));
  const stable = (branch: string) => [
    ...leaders.filter((p) => p.branch === branch),
    ...ordinary.filter((p) => p.branch === branch && !unstable.has(p.id)),
  ];
  const lastSlot = (d: IsoDate) => (slotOnOrAfter(d) < today ? slotOnOrAfter(d) : null);
  const window = (fromMonths: number, toMonths: number) =>
    slotOnOrAfter(addDays(genesisDate, rng.int(fromMonths * 30, toMonths * 30)));

  const kinds = ['警告', '留党察看', '严重警告'] as const;
  sanctioned.forEach((p, i) => {
    const kind = kinds[i % kinds.length]!;
    const decided = window(3, 30);
    const id = `s-${String(i + 1).padStart(3, '0')}`;
    add(b, p.id, decided, h(`${p.branch}/书记`), 'discipline', 'decideSanction', {
      id,
      member: p.id,
      kind,
      ...(kind === '留党察看' ? { months: 12 } : {}),
      resolution: `res-${rng.hex(16)}`,
    });
    const approved = at(decided, 14);
    add(b, p.id, approved, h('c1/纪检委员'), 'discipline', 'approveSanction', { id, approved: true });
    const ends = lastSlot(addMonths(approved, 12));
    if (kind === '留党察看' && ends) {
      add(b, p.id, ends, h('c1/纪检委员'), 'discipline', 'concludeObservation', {
        id,
        outcome: 'restored',
        resolution: `res-${rng.hex(16)}`,
      });
    }
  });

  transferred.forEach((p, i) => {
    const to = rng.pick(BRANCHES.filter((x) => x !== p.branch));
    const id = `t-${String(i + 1).padStart(3, '0')}`;
    const last = i === transferred.length - 1 && transferred.length > 1;
    const requested = last ? slotOnOrAfter(addDays(today, -20)) : window(2, 44);
    if (requested >= today) return;
    add(b, p.id, requested, h(`${p.branch}/党务工作者`), 'transfer', 'requestTransfer', {
      id,
      member: p.id,
      to,
      reason: rng.pick(['居住地变更，转入现居住社区', '工作单位调动', '退休后回居住地参加组织生活']),
    });
    if (last) return; // still pending on the seeding day
    const decided = at(requested, 14);
    if (i === 1) {
      add(b, p.id, decided, h(`${to}/书记`), 'transfer', 'refuseTransfer', {
        id,
        reason: '组织关系介绍信信息与党员档案不一致，请核实后重新申请',
      });
    } else {
      add(b, p.id, decided, h(`${to}/党务工作者`), 'transfer', 'acceptTransfer', { id });
    }
  });

  // Recruitment cases: every archetype once, then more spread over the years for larger demos.
  const cases: CaseInfo[] = [];
  const extra = Math.max(0, Math.round(opts.members / 8) - ARCHETYPES.length);
  const specs = [
    ...ARCHETYPES,
    ...Array.from({ length: extra }, () => ({
      a: 'extra' as Archetype,
      months: 0.3 + rng.next() * 44,
      stopBefore: rng.chance(0.1) ? 'talk' : undefined,
      phase: '',
    })),
  ];
  specs.forEach((spec, i) => {
    const branch = BRANCHES[i % BRANCHES.length]!;
    const applied = slotOnOrAfter(addDays(today, -Math.round(spec.months * 30.44)));
    if (applied <= firstSlot || applied >= today) return;
    const age = rng.int(19, 38);
    const birth = addDays(addYears(applied, -age - 1), rng.int(1, 360));
    const p = newPerson(branch, 'recruit', null, birth);
    const ageSeed = ageSeedOf(suite, opts.seed, p.id);
    const proof = ageProof(ageSuite, ageSeed, birth, applied, 18);
    if (proof === null)
      throw new DemoError('DEMO_PLAN_INVALID', `demo plan: ${p.id} is under 18 on ${applied}`);
    const pool = stable(branch);
    const [i1, i2] = pickTwo(rng, pool.length);
    const contact = pool[rng.int(0, pool.length - 1)]!.id;
    const introducers = [pool[i1]!.id, pool[i2]!.id];
    const secretary = h(`${branch}/书记`);
    const organizer = h(`${branch}/组织委员`);
    const clerk = h(`${branch}/党务工作者`);
    const step = (
      date: IsoDate,
      signer: string,
      module: string,
      action: string,
      params: { [k: string]: Value },
      vote = false,
    ) => {
      add(b, p.id, date, signer, module, action, params, vote);
    };
    const flow: Array<[IsoDate, string, string, { [k: string]: Value }, boolean?]> = [];
    const s = (
      date: IsoDate,
      signer: string,
      action: string,
      params: { [k: string]: Value } = {},
      vote = false,
    ) => flow.push([date, signer, action, { member: p.id, ...params }, vote]);
    step(applied, clerk, 'member', 'register', {
      id: p.id,
      org: branch,
      address: p.address,
      ageCommitment: ageCommitment(ageSuite, ageSeed, birth),
    });
    s(applied, p.id, 'apply', { branch, ageProof: proof, ref: ref() });
    const talk = at(applied, 10);
    s(talk, organizer, 'talk', { ref: ref() });
    const activist = at(talk, 75);
    s(activist, organizer, 'nameActivist', { source: rng.pick(['党员推荐', '群团组织推优']) });
    const filed = at(activist, 10);
    s(filed, h('c1/组织委员'), 'fileActivist');
    s(filed, organizer, 'assignContacts', { contacts: [contact] });
    const assessed = at(activist, 120);
    s(assessed, contact, 'recordAssessment', { ref: ref() });
    s(assessed, p.id, 'addMaterial', { kind: '思想汇报', ref: ref() });
    const publicity = slotOnOrAfter(addMonths(activist, 12));
    s(publicity, organizer, 'startPublicity', { ref: ref() });
    const named = at(publicity, 21);
    s(named, organizer, 'nameCandidate');
    const fileC = at(named, 7);
    s(fileC, h('c1/组织委员'), 'fileCandidate');
    s(fileC, organizer, 'setIntroducers', { introducers });
    const review = at(fileC, 20);
    s(review, organizer, 'politicalReview', { passed: true, ref: ref() });
    s(review, h('c1/组织委员'), 'recordTraining', { days: 3, ref: ref() });
    const committee = at(review, 25);
    s(committee, secretary, 'committeeReview');
    const pre = at(committee, 10);
    s(pre, h('c1/书记'), 'preReview', { passed: true, ref: ref() });
    s(pre, h('c1/组织委员'), 'issueForm', { ref: ref() });
    const meeting = at(pre, 10);
    s(meeting, secretary, 'admissionVote', { ref: ref() }, true);
    const superior = at(meeting, 7);
    s(superior, h('c1/副书记'), 'superiorTalk');
    const approved = at(superior, 10);
    s(approved, h('c1/书记'), 'approveAdmission', { approved: true, ref: ref() });
    const oath = at(approved, 7);
    s(oath, h('c1/组织委员'), 'fileAdmission');
    s(oath, organizer, 'assignGroup', { group: `${branch}-g${rng.int(1, 2)}` });
    s(oath, organizer, 'takeOath', { ref: ref() });
    s(at(approved, 150), contact, 'recordAssessment', { ref: ref() });
    const probationEnd = addMonths(meeting, 12);
    s(slotOnOrAfter(addDays(probationEnd, -25)), p.id, 'applyConversion', { ref: ref() });
    const conversion = slotOnOrAfter(probationEnd);
    s(conversion, secretary, 'conversionVote', { decision: 'convert', ref: ref() }, true);
    const convApproved = at(conversion, 14);
    s(convApproved, h('c1/书记'), 'approveConversion', { approved: true, ref: ref() });
    s(at(convApproved, 14), clerk, 'archive');
    let phase = 'applicant';
    for (const [date, signer, action, params, vote] of flow) {
      if (action === spec.stopBefore || date >= today) break;
      step(date, signer, 'recruitment', action, params, vote ?? false);
      phase = PHASE_AFTER[action] ?? phase;
    }
    cases.push({ member: p.id, branch, archetype: spec.a, phase });
  });

  const txs = [...b.txs].sort((x, y) => (x.date === y.date ? x.wave - y.wave : x.date < y.date ? -1 : 1));
  const member = ordinary[0] ?? leaders.find((p) => p.post === 'b1/党务工作者')!;
  return {
    options: opts,
    genesisDate,
    genesis: {
      // The street 党工委 above c1: the second party for recovering its post holders' keys
      // (modules README, docs/threat-model.md). Its demo key derives from the seed like everyone's.
      org: { orgs, posts, superior: { name: SUPERIOR_NAME, address: superiorAddress(suite, opts.seed) } },
      member: { members: genesisMembers },
      recruitment: { activeVersion: '2014' },
    },
    people,
    txs,
    cases,
    accounts: [
      { role: 'committee-secretary', label: '社区党委书记', member: h('c1/书记') },
      { role: 'branch-secretary', label: `${ORG_NAMES.b1}书记`, member: h('b1/书记') },
      { role: 'organizer', label: `${ORG_NAMES.b1}组织委员`, member: h('b1/组织委员') },
      { role: 'clerk', label: `${ORG_NAMES.b1}党务工作者`, member: h('b1/党务工作者') },
      { role: 'member', label: '普通党员', member: member.id },
      { role: 'superior', label: '街道党工委（上级）', member: SUPERIOR_ID },
    ],
    orgNames: ORG_NAMES,
  };
}

/** The phase a process is in after each phase-changing step. */
const PHASE_AFTER: { readonly [action: string]: string } = {
  apply: 'applicant',
  nameActivist: 'activist',
  nameCandidate: 'candidate',
  approveAdmission: 'probationary',
  approveConversion: 'full',
};

function pickTwo(rng: Rng, n: number): [number, number] {
  if (n < 2)
    throw new DemoError('DEMO_PLAN_INVALID', 'demo plan: a branch needs two full members as introducers');
  const a = rng.int(0, n - 1);
  let c = rng.int(0, n - 2);
  if (c >= a) c++;
  return [a, c];
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
