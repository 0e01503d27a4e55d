/**
 * Planners of the members' history outside recruitment: ordinary members imported with their
 * historical dates, a few sanctions and transfers. The rest (and the leadership) stay stable and
 * serve as contact persons and introducers.
 */
import { addDays, addMonths, type IsoDate } from '@djchain/modules';
import { BRANCHES } from './plan-community.ts';
import { at, type PlanContext, slotOnOrAfter } from './plan-context.ts';
import type { Person } from './plan-types.ts';

/** Ordinary full members, imported on the first meeting day by the committee's 组织委员. */
export function planImports(ctx: PlanContext, leaders: readonly Person[]): Person[] {
  const { rng } = ctx;
  const importCount = Math.max(0, ctx.opts.members - leaders.length);
  const ordinary: Person[] = [];
  for (let i = 0; i < importCount; i++) {
    const branch = i === 0 ? 'b1' : rng.pick(BRANCHES);
    const p = ctx.newPerson(branch, 'member', null, ctx.birthBetween(1945, 2000));
    ordinary.push(p);
    const joinedAt = Number(p.birthDate.slice(0, 4)) + rng.int(20, 30);
    const since = addDays(
      `${Math.min(joinedAt, Number(ctx.genesisDate.slice(0, 4)) - 2)}-01-01`,
      rng.int(0, 364),
    );
    ctx.add(p.id, ctx.firstSlot, ctx.holder('c1/组织委员'), 'member', 'importMember', {
      id: p.id,
      org: branch,
      address: p.address,
      status: '正式党员',
      since,
    });
  }
  return ordinary;
}

/** Who is sanctioned and who transferred; the first ordinary member (b1) is the demo "member". */
export function chooseUnstable(ordinary: readonly Person[]): { sanctioned: Person[]; transferred: Person[] } {
  const movable = ordinary.slice(1);
  const n = ordinary.length;
  const sanctionCount = Math.min(Math.max(1, Math.floor(n / 80)), Math.floor(movable.length / 2));
  const transferCount = Math.min(Math.max(1, Math.floor(n / 50)), movable.length - sanctionCount);
  return {
    sanctioned: movable.slice(0, sanctionCount),
    transferred: movable.slice(sanctionCount, sanctionCount + transferCount),
  };
}

const lastSlot = (ctx: PlanContext, d: IsoDate) => (slotOnOrAfter(d) < ctx.today ? slotOnOrAfter(d) : null);
const SANCTION_KINDS = ['警告', '留党察看', '严重警告'] as const;

/** Each sanction decided by the branch, approved by the committee; 留党察看 concluded after a year. */
export function planSanctions(ctx: PlanContext, sanctioned: readonly Person[]): void {
  const { rng } = ctx;
  sanctioned.forEach((p, i) => {
    const kind = SANCTION_KINDS[i % SANCTION_KINDS.length]!;
    const decided = ctx.window(3, 30);
    const id = `s-${String(i + 1).padStart(3, '0')}`;
    ctx.add(p.id, decided, ctx.holder(`${p.branch}/书记`), 'discipline', 'decideSanction', {
      id,
      member: p.id,
      kind,
      ...(kind === '留党察看' ? { months: 12 } : {}),
      resolution: `res-${rng.hex(16)}`,
    });
    const approved = at(decided, 14);
    ctx.add(p.id, approved, ctx.holder('c1/纪检委员'), 'discipline', 'approveSanction', {
      id,
      approved: true,
    });
    const ends = lastSlot(ctx, addMonths(approved, 12));
    if (kind === '留党察看' && ends) {
      ctx.add(p.id, ends, ctx.holder('c1/纪检委员'), 'discipline', 'concludeObservation', {
        id,
        outcome: 'restored',
        resolution: `res-${rng.hex(16)}`,
      });
    }
  });
}

/** Transfers to another branch: the second is refused, the last still pending on the seeding day. */
export function planTransfers(ctx: PlanContext, transferred: readonly Person[]): void {
  const { rng } = ctx;
  transferred.forEach((p, i) => {
    const to = rng.pick(BRANCHES.filter((x) => x !== p.branch));
    const id = `t-${String(i + 1).padStart(3, '0')}`;
    const last = i === transferred.length - 1 && transferred.length > 1;
    const requested = last ? slotOnOrAfter(addDays(ctx.today, -20)) : ctx.window(2, 44);
    if (requested >= ctx.today) return;
    ctx.add(p.id, requested, ctx.holder(`${p.branch}/党务工作者`), 'transfer', 'requestTransfer', {
      id,
      member: p.id,
      to,
      reason: rng.pick(['居住地变更，转入现居住社区', '工作单位调动', '退休后回居住地参加组织生活']),
    });
    if (last) return; // still pending on the seeding day
    const decided = at(requested, 14);
    if (i === 1) {
      ctx.add(p.id, decided, ctx.holder(`${to}/书记`), 'transfer', 'refuseTransfer', {
        id,
        reason: '组织关系介绍信信息与党员档案不一致，请核实后重新申请',
      });
    } else {
      ctx.add(p.id, decided, ctx.holder(`${to}/党务工作者`), 'transfer', 'acceptTransfer', { id });
    }
  });
}
