/**
 * Planner of the demo's Party-mass service centre (issue 17): three grids (b1–b3, led by the branch
 * secretaries, a 组织委员 and a resident volunteer each, aggregate household figures only), ten
 * in-service Party members and two units registered under 双报到 (their accounts are bound residents
 * r-011…r-020, r-008 and r-009), a menu of fifteen items, all set up thirteen months back; twenty
 * hand-written orders over the last five months (sixteen confirmed and rated — one refused first and
 * dispatched again, one dispatched late —, one failed, one cancelled, two still open that escalate on
 * the chain; fixed data, the tests name them); and a generated year of orders (`planHistory`: one per
 * member, from the centre's own seeded generator, so no other part of the plan moves). All on days
 * the history already has (the 6th and the 20th), so the seeding gets no new dates.
 */
import { encode, toHex } from '@djchain/crypto';
import { addMonths, type IsoDate } from '@djchain/modules';
import type { Params, PlanContext } from './plan-context.ts';
import { createRng } from './prng.ts';

export const SERVICE_ORDERS = 20;

function day(ctx: PlanContext, k: number, d: '06' | '20'): IsoDate {
  return `${addMonths(`${ctx.today.slice(0, 7)}-01`, -k).slice(0, 7)}-${d}` as IsoDate;
}

function doc(ctx: PlanContext, name: string): string {
  return toHex(ctx.suite.hash(encode({ demo: ctx.opts.seed, doc: name })));
}

/** 双报到 members: registration id, account (resident), the unit they work in, their own branch. */
const MEMBERS: readonly [string, string, string, string][] = [
  ['dsb-01', 'r-011', '区司法局', 'sifa:dzb1'],
  ['dsb-02', 'r-012', '区退役军人事务局', 'tuiyi:dzb1'],
  ['dsb-03', 'r-013', '区人力资源和社会保障局', 'renshe:dzb2'],
  ['dsb-04', 'r-014', '区税务局', 'shuiwu:dzb3'],
  ['dsb-05', 'r-015', '区住房和城乡建设局', 'zhujian:dzb1'],
  ['dsb-06', 'r-016', '区文化和旅游局', 'wenlv:dzb1'],
  ['dsb-07', 'r-017', '区市场监督管理局', 'shijian:dzb2'],
  ['dsb-08', 'r-018', '区民政局', 'minzheng:dzb1'],
  ['dsb-09', 'r-019', '区城市管理局', 'chengguan:dzb4'],
  ['dsb-10', 'r-020', '区教育局', 'jiaoyu:dzb2'],
];

export function planService(ctx: PlanContext): void {
  const clerk = ctx.holder('b1/党务工作者'); // the community 党委's service-centre clerk too
  const push = (date: IsoDate, wave: number, signer: string, action: string, params: Params) => {
    const [module, name] = action.includes('.')
      ? (action.split('.') as [string, string])
      : ['service', action];
    ctx.txs.push({ date, wave, signer, module, action: name, params });
  };
  const m = (post: string) => `member:${ctx.holder(post)}`;
  const setup = day(ctx, 13, '06'); // before the year of generated history
  const grids: [string, string, string, string, number, number][] = [
    ['g-1', '幸福里网格', 'b1', 'r-016', 318, 842],
    ['g-2', '和平街网格', 'b2', 'r-020', 276, 731],
    ['g-3', '东风苑网格', 'b3', 'r-017', 402, 1065],
  ];
  for (const [id, name, branch, volunteer, households, residents] of grids)
    push(setup, 1, clerk, 'setGrid', {
      id,
      org: 'c1',
      name,
      branch,
      leader: m(`${branch}/书记`),
      members: [m(`${branch}/组织委员`), `resident:${volunteer}`],
      households,
      residents,
    });
  const register = (
    id: string,
    kind: string,
    unit: string,
    account: string,
    homeOrg: string,
    hours: number,
  ) =>
    push(setup, 1, clerk, 'register', {
      id,
      org: 'c1',
      kind,
      unit,
      accounts: [`resident:${account}`],
      homeOrg,
      commitment: kind === 'unit' ? '每月组织职工到社区开展志愿服务' : '每年到居住地社区志愿服务不少于12小时',
      hoursPerYear: hours,
      document: doc(ctx, `dsb-${id}`),
    });
  for (const [id, account, unit, home] of MEMBERS) register(id, 'member', unit, account, home, 12);
  register('dsb-u1', 'unit', '区人民医院', 'r-008', 'yiyuan:dw', 48);
  register('dsb-u2', 'unit', '东风小学', 'r-009', 'xiaoxue:dzb', 48);
  const items: [string, string, string, string, string | null, string, number, string?][] = [
    ['meal', '老年助餐送餐', '助老助餐', 'grid', 'g-1', '每天 11:00', 60],
    ['canteen', '社区长者食堂', '助老助餐', 'centre', null, '每天 11:30', 30],
    ['law', '法律咨询', '法律咨询', 'unit', 'dsb-01', '每周二上午', 45],
    ['proof', '开具居住证明', '开具证明', 'centre', null, '工作日', 30],
    ['card', '代办老年优待证', '开具证明', 'centre', null, '工作日', 30, '60岁以上老人'],
    ['fix', '水电上门维修', '上门维修', 'team', '青年志愿服务队', '预约上门', 90],
    ['appliance', '家电义修', '上门维修', 'unit', 'dsb-u2', '每月第一个周六', 60],
    ['medicare', '医保政策解读', '政策解读', 'centre', null, '每周三下午', 30],
    ['veterans', '退役军人政策解读', '政策解读', 'unit', 'dsb-02', '每月20日', 45],
    ['clinic', '义诊与健康咨询', '医疗健康', 'unit', 'dsb-u1', '每月6日上午', 60],
    ['pressure', '上门测血压', '医疗健康', 'grid', 'g-2', '每周一', 30],
    ['choir', '社区合唱团', '文体活动', 'team', '文艺志愿队', '每周四晚', 90],
    ['jobs', '就业岗位推荐', '就业帮扶', 'unit', 'dsb-03', '每周五', 45],
    ['stairs', '楼道清理', '环境整治', 'grid', 'g-3', '每月第二个周六', 120],
    ['tutor', '周末课业辅导', '其他', 'unit', 'dsb-u2', '周六上午', 90],
  ];
  for (const [id, name, kind, provider, ref, when, minutes, group] of items)
    push(setup, 2, clerk, 'setItem', {
      id,
      org: 'c1',
      name,
      kind,
      provider,
      ...(ref === null ? {} : { providerRef: ref }),
      when,
      where: provider === 'centre' ? '社区党群服务中心' : '预约地点',
      capacity: 20,
      minutes,
      ...(group === undefined ? {} : { group }),
      open: true,
    });

  // The orders: [months ago, day, id, resident, item or need, provider account, rating | outcome].
  // A number: confirmed with that rating; 'late': dispatched on the next meeting day, rated 5;
  // 'refusedThen': refused by r-014, dispatched again, rated 4.
  type Outcome = number | 'fail' | 'cancel' | 'ordered' | 'dispatched' | 'refusedThen' | 'late';
  const orders: [number, '06' | '20', string, string, string, string, Outcome, number?][] = [
    [5, '06', 'so-01', 'r-012', 'meal', m('b1/组织委员'), 5],
    [5, '06', 'so-02', 'r-013', 'law', 'resident:r-011', 5],
    [5, '20', 'so-03', 'r-014', 'proof', `member:${clerk}`, 4],
    [5, '20', 'so-04', 'r-002', 'clinic', 'resident:r-008', 5],
    [4, '06', 'so-05', 'r-015', 'fix', 'resident:r-017', 4],
    [4, '06', 'so-06', 'r-001', 'medicare', 'resident:r-018', 5],
    [4, '06', 'so-07', 'r-016', '想请人帮忙把旧衣物送到捐赠点', 'resident:r-019', 'late', 60],
    [4, '20', 'so-08', 'r-003', 'stairs', m('b3/书记'), 4],
    [3, '06', 'so-09', 'r-004', 'pressure', 'resident:r-020', 5],
    [3, '06', 'so-10', 'r-005', 'jobs', 'resident:r-013', 3],
    [3, '20', 'so-11', 'r-006', 'tutor', 'resident:r-009', 5],
    [3, '20', 'so-12', 'r-010', 'canteen', 'resident:r-015', 'refusedThen'],
    [2, '06', 'so-13', 'r-017', 'law', 'resident:r-011', 5],
    [2, '06', 'so-14', 'r-007', 'choir', 'resident:r-016', 5],
    [2, '20', 'so-15', 'r-012', 'appliance', 'resident:r-009', 'fail'],
    [2, '20', 'so-16', 'r-018', 'veterans', 'resident:r-012', 4],
    [1, '06', 'so-17', 'r-019', 'meal', m('b1/组织委员'), 5],
    [1, '06', 'so-18', 'r-020', 'proof', `member:${clerk}`, 'cancel'],
    [1, '20', 'so-19', 'r-011', 'clinic', 'resident:r-008', 'dispatched'],
    [1, '20', 'so-20', 'r-015', '楼道灯坏了，请帮忙看看', 'resident:r-017', 'ordered'],
  ];
  // The month's signed service sheet (photos and signatures) is the evidence, registered once, on
  // the first day of the month a service was done (wave 0, before any completion of that day).
  const sheetDay = new Map<string, IsoDate>();
  const sheet = (served: IsoDate): string => {
    const month = served.slice(0, 7);
    const first = sheetDay.get(month);
    if (first === undefined || served < first) sheetDay.set(month, served);
    return doc(ctx, `service-sheet-${month}`);
  };
  const signerOf = (account: string) => account.slice(account.indexOf(':') + 1);
  for (const [k, d, id, resident, what, provider, outcome, minutes] of orders) {
    const date = day(ctx, k, d);
    const need = !items.some((i) => i[0] === what);
    push(date, 0, resident, 'order', {
      id,
      org: 'c1',
      ...(need ? { need: what } : { item: what }),
      ...(need ? { grid: id === 'so-20' ? 'g-2' : 'g-1' } : {}),
    });
    if (outcome === 'ordered' || outcome === 'cancel') {
      if (outcome === 'cancel') push(date, 1, resident, 'cancel', { order: id, reason: '家人已代为办理' });
      continue;
    }
    // The late one waits for the next meeting day: dispatched 14 days after the order.
    const served = outcome === 'late' ? day(ctx, k, '20') : date;
    if (outcome === 'refusedThen') {
      push(served, 1, clerk, 'dispatch', { order: id, provider: 'resident:r-014' });
      push(served, 2, 'r-014', 'refuse', { order: id, reason: '当天在单位值班，无法前往' });
      push(served, 3, clerk, 'dispatch', { order: id, provider });
    } else push(served, 1, clerk, 'dispatch', { order: id, provider });
    if (outcome === 'dispatched') continue;
    const w = outcome === 'refusedThen' ? 4 : 2;
    push(served, w, signerOf(provider), 'accept', { order: id });
    if (outcome === 'fail') {
      push(served, w + 1, signerOf(provider), 'fail', { order: id, reason: '配件需预订，已与居民改约' });
      continue;
    }
    const evidence = sheet(served);
    push(served, w + 1, signerOf(provider), 'complete', {
      order: id,
      evidence,
      ...(minutes === undefined ? {} : { minutes }),
    });
    push(served, w + 2, resident, 'confirm', {
      order: id,
      rating: typeof outcome === 'number' ? outcome : 5,
    });
  }
  // The hand-written orders' active days (the open-order limit counts them): the late one until its
  // dispatch, the two left open for good, the others on their day only.
  const busy: Busy[] = orders.map(([k, d, , resident, , , outcome]) => ({
    resident,
    from: day(ctx, k, d),
    until:
      outcome === 'ordered' || outcome === 'dispatched'
        ? null
        : outcome === 'late'
          ? day(ctx, k, '20')
          : day(ctx, k, d),
  }));
  planHistory(ctx, { push, m, clerk, sheet, items, busy });
  for (const [month, served] of [...sheetDay].sort()) {
    push(served, 0, clerk, 'attachment.register', {
      hash: doc(ctx, `service-sheet-${month}`),
      size: 524_288,
      mediaType: 'application/pdf',
      org: 'c1',
      scope: 'org',
    });
  }
}

/** An order's active days for the per-resident limit: from its day through `until` (null: still open). */
interface Busy {
  readonly resident: string;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
}

type Push = (date: IsoDate, wave: number, signer: string, action: string, params: Params) => void;

/** Residents by grid (aggregate figures on chain; this is the demo's own spread of its 20 residents). */
const gridOf = (resident: string): string => {
  const n = Number(resident.slice(2));
  return n <= 7 ? 'g-1' : n <= 14 ? 'g-2' : 'g-3';
};

/** 微心愿: residents' needs in their own words (no personal data, as the module checks). */
const NEEDS: readonly string[] = [
  '想请人帮忙把旧衣物送到捐赠点',
  '家里水龙头漏水，想请志愿者看看',
  '想学用手机挂号和视频通话',
  '老伴住院，想请人帮忙照看一下花草',
  '孩子放学后无人辅导，想找志愿者帮忙',
  '楼下自行车乱停，希望帮忙协调整理',
  '想请人帮忙搬一下旧家具到楼下',
  '独居老人，希望有人定期上门聊聊天',
  '想了解老旧小区改造的补贴政策',
  '阳台防盗窗松动，担心掉落',
  '想请人读一读社区通知并讲解',
  '希望帮忙代购常用药品',
];
const REFUSALS = ['当天在单位值班，无法前往', '时间冲突，请改派他人', '外出培训一周，无法接单'];
const FAILURES = ['配件需预订，已与居民改约', '上门时家中无人，电话未接通', '需专业资质，已建议联系物业'];
const CANCELS = ['家人已代为办理', '时间不合适，改日再约', '问题已自行解决'];
/** Reviews of the lower ratings (and now and then of a good one). */
const LOW = ['等了比较久才有人联系', '服务态度不错，但问题没完全解决', '希望下次提前电话告知上门时间'];
const GOOD = ['非常耐心，谢谢志愿者', '上门及时，解决得很好', '讲解清楚，老人也听得懂'];

type Outcome = 'done' | 'late' | 'refused' | 'failed' | 'cancelled';

/**
 * The outcomes of `n` generated orders, in fixed proportions (so the counts are known by hand):
 * about 4 % cancelled, 3 % refused and dispatched again, 2 % failed (at least one), 3 % dispatched
 * late; the rest done, confirmed and rated.
 */
export function historyOutcomes(n: number): Record<Outcome, number> {
  const cancelled = Math.round(n / 25);
  const refused = Math.round(n / 30);
  const failed = Math.max(1, Math.round(n / 50));
  const late = Math.round(n / 30);
  return { done: n - cancelled - refused - failed - late, late, refused, failed, cancelled };
}

/** How many generated historic orders a community of `members` gets: one per member, at least 24. */
export const historyOrders = (members: number): number => Math.max(24, members);

/**
 * The generated history (issue 17: "a few hundred historic service orders"): one order per member of
 * the demo (at least 24) over the last 12 months (the days below), drawn from the service centre's
 * own generator (seed ^ 0x17: nothing else in the plan moves).
 * Items and needs over the grids; dispatched to the accounts the module allows (a grid item to the
 * grid's leader or members, a unit item to its registered account, never to the resident); the
 * group-only item ordered by the clerk for the resident, marked, and confirmed by the resident.
 * Every act on the day of the order (the seeding adds no dates), except the late ones, dispatched
 * on the next of these days, two or four weeks later (escalated first). A resident never has more
 * than 4 active orders.
 */
function planHistory(
  ctx: PlanContext,
  d: {
    push: Push;
    m: (post: string) => string;
    clerk: string;
    sheet: (served: IsoDate) => string;
    items: readonly (readonly [string, string, string, string, string | null, ...unknown[]])[];
    busy: Busy[];
  },
): void {
  const rng = createRng((ctx.opts.seed ^ 0x17) >>> 0);
  const { push, m, clerk } = d;
  const n = historyOrders(ctx.opts.members);
  const quota = historyOutcomes(n);
  const outcomes: Outcome[] = [];
  for (const k of ['done', 'late', 'refused', 'failed', 'cancelled'] as const)
    for (let i = 0; i < quota[k]; i++) outcomes.push(k);
  for (let i = outcomes.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  // The days, oldest first: one meeting day a month from 12 to 6 months back, then the days of the
  // hand-written orders (both meeting days of the last five months but the very last). Each day
  // with an order takes five waves (order, dispatch, accept, complete, confirm: one block each)
  // where the rest of the history has two, so fewer days keep the seeding short. Order i on day
  // ⌊i × days / n⌋.
  const days: IsoDate[] = [];
  for (let k = 12; k >= 6; k--) days.push(day(ctx, k, k % 2 === 0 ? '20' : '06'));
  for (let k = 5; k >= 1; k--)
    for (const dd of ['06', '20'] as const) if (k > 1 || dd === '06') days.push(day(ctx, k, dd));
  const slotOf = (i: number) => Math.floor((i * days.length) / n);
  // A late order waits for the next meeting day: never on the last one (swapped with a done one).
  for (let i = n - 1; i >= 0 && slotOf(i) === days.length - 1; i--) {
    if (outcomes[i] !== 'late') continue;
    const j = outcomes.findIndex((o, x) => o === 'done' && slotOf(x) < days.length - 1);
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  const residents = Array.from({ length: 20 }, (_, i) => `r-${String(i + 1).padStart(3, '0')}`);
  const volunteers = ['resident:r-016', 'resident:r-017', 'resident:r-020', 'resident:r-019'];
  const centre = [`member:${clerk}`, 'resident:r-015', 'resident:r-018', 'resident:r-014'];
  const gridProviders: Record<string, string[]> = {
    'g-1': [m('b1/书记'), m('b1/组织委员'), 'resident:r-016'],
    'g-2': [m('b2/书记'), m('b2/组织委员'), 'resident:r-020'],
    'g-3': [m('b3/书记'), m('b3/组织委员'), 'resident:r-017'],
  };
  const unitAccount: Record<string, string> = {
    'dsb-01': 'resident:r-011',
    'dsb-02': 'resident:r-012',
    'dsb-03': 'resident:r-013',
    'dsb-u1': 'resident:r-008',
    'dsb-u2': 'resident:r-009',
  };
  const providersOf = (item: string | null): string[] => {
    if (item === null) return [...volunteers, ...residents.slice(10, 15).map((r) => `resident:${r}`)];
    const it = d.items.find((x) => x[0] === item)!;
    if (it[3] === 'grid') return gridProviders[it[4]!]!;
    if (it[3] === 'unit') return [unitAccount[it[4]!]!];
    if (it[3] === 'team') return volunteers;
    return item === 'card' ? centre.slice(1) : centre;
  };
  const activeOn = (resident: string, date: IsoDate) =>
    d.busy.filter((b) => b.resident === resident && b.from <= date && (b.until === null || b.until >= date))
      .length;
  // Items a resident orders (a need one time in five); the group-only item through the clerk.
  const menu = d.items.map((x) => x[0]);
  for (let i = 0; i < n; i++) {
    const id = `so-h${String(i + 1).padStart(3, '0')}`;
    const outcome = outcomes[i]!;
    const date = days[slotOf(i)]!;
    const next = days[slotOf(i) + 1];
    // More than one candidate provider when one refuses first.
    let item: string | null;
    do item = rng.chance(0.2) ? null : rng.pick(menu);
    while (outcome === 'refused' && providersOf(item).length < 3);
    const candidates = residents.filter(
      (r) =>
        activeOn(r, date) < 4 &&
        (outcome !== 'late' || activeOn(r, next!) < 4) &&
        providersOf(item).some((p) => p !== `resident:${r}`),
    );
    const resident = rng.pick(candidates);
    const served = outcome === 'late' ? next! : date;
    d.busy.push({ resident, from: date, until: served });
    const providers = providersOf(item).filter((p) => p !== `resident:${resident}`);
    const provider = rng.pick(providers);
    const byClerk = item === 'card';
    push(date, 0, byClerk ? clerk : resident, 'order', {
      id,
      org: 'c1',
      ...(item === null ? { need: rng.pick(NEEDS) } : { item }),
      grid: gridOf(resident),
      ...(byClerk ? { forResident: resident } : {}),
    });
    if (outcome === 'cancelled') {
      push(date, 1, byClerk ? clerk : resident, 'cancel', { order: id, reason: rng.pick(CANCELS) });
      continue;
    }
    let w = 1;
    if (outcome === 'refused') {
      const first = rng.pick(providers.filter((p) => p !== provider));
      push(served, 1, clerk, 'dispatch', { order: id, provider: first });
      push(served, 2, first.slice(first.indexOf(':') + 1), 'refuse', {
        order: id,
        reason: rng.pick(REFUSALS),
      });
      w = 3;
    }
    const signer = provider.slice(provider.indexOf(':') + 1);
    push(served, w, clerk, 'dispatch', { order: id, provider });
    push(served, w + 1, signer, 'accept', { order: id });
    if (outcome === 'failed') {
      push(served, w + 2, signer, 'fail', { order: id, reason: rng.pick(FAILURES) });
      continue;
    }
    push(served, w + 2, signer, 'complete', {
      order: id,
      evidence: d.sheet(served),
      ...(item === null ? { minutes: rng.int(3, 12) * 10 } : {}),
    });
    const x = rng.next();
    const rating = x < 0.62 ? 5 : x < 0.9 ? 4 : x < 0.96 ? 3 : 2;
    const review = rating <= 3 ? rng.pick(LOW) : rng.chance(0.2) ? rng.pick(GOOD) : null;
    push(served, w + 3, resident, 'confirm', {
      order: id,
      rating,
      ...(review === null ? {} : { review }),
    });
  }
}
