/**
 * Planner of the demo's Party-mass service centre (issue 17), small by design (`npm start` stays
 * fast): three grids (b1–b3, led by the branch secretaries, a 组织委员 and a resident volunteer each,
 * aggregate household figures only), ten in-service Party members and two units registered under
 * 双报到 (their accounts are bound residents r-011…r-020, r-008 and r-009), a menu of fifteen items,
 * and twenty historic orders over the last five months: sixteen confirmed and rated (one refused
 * first and dispatched again, one dispatched late), one failed, one cancelled, two still open (they
 * escalate on the chain). Fixed data, nothing drawn from any generator: no other part changes. All on
 * days the history already has (the 6th and the 20th), so the seeding gets no new dates.
 */
import { encode, toHex } from '@djchain/crypto';
import { addMonths, type IsoDate } from '@djchain/modules';
import type { Params, PlanContext } from './plan-context.ts';

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
  const setup = day(ctx, 6, '06');
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
  const evidenceOf = new Map<string, string>();
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
    // The month's signed service sheet (photos and signatures) is the evidence, registered once.
    const month = served.slice(0, 7);
    let evidence = evidenceOf.get(month);
    if (evidence === undefined) {
      evidence = doc(ctx, `service-sheet-${month}`);
      evidenceOf.set(month, evidence);
      push(served, 0, clerk, 'attachment.register', {
        hash: evidence,
        size: 524_288,
        mediaType: 'application/pdf',
        org: 'c1',
        scope: 'org',
      });
    }
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
}
