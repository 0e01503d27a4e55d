/**
 * Planner of the demo's 重大事项申报 (issue 16), kept small: three requests or reports of branches to
 * their 党总支 (one answered in time, one answered late, one still unanswered and so warned by the
 * chain), and three personal declarations (one received, verified, closed and then read by the
 * 党委's 纪检委员 with a stated purpose — the demo member's "谁查看了我的信息" shows it; one filed late
 * and queried; one filed recently and not yet received, warned after five days). The content of a
 * personal declaration is off chain: the plan keeps it for the seeder to seal (sealed.ts), the
 * transactions carry its salted commitment. No draw from the generator: adding this planner changes
 * no other part of the plan.
 */
import { type Suite, taggedHash, toHex } from '@djchain/crypto';
import { addDays, addMonths, declarationCommitment, type IsoDate } from '@djchain/modules';
import { type PlanContext, slotOnOrAfter } from './plan-context.ts';
import type { DeclarationInfo, Person } from './plan-types.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The salt of a demo declaration's commitment (derived from the seed like the dues salts). */
export function declarationSaltOf(suite: Suite, seed: number, id: string): Uint8Array {
  return taggedHash(suite, 'djchain/demo/declaration-salt/v1', utf8(`${seed}/${id}`));
}

/** A document's reference: the hash of its title (the demo keeps no request documents). */
const documentOf = (suite: Suite, title: string) => toHex(suite.hash(utf8(title)));

export function planDeclarations(
  ctx: PlanContext,
  demoMember: Person,
  stable: (branch: string) => Person[],
): DeclarationInfo[] {
  const today = ctx.today;
  const request = (id: string, org: string, kind: '请示' | '报告', title: string, on: IsoDate) => {
    ctx.add(id, on, ctx.holder(`${org}/书记`), 'declaration', 'fileRequest', {
      id,
      org,
      kind,
      title,
      document: documentOf(ctx.suite, title),
    });
  };
  // b1's 请示, answered by g1's secretary the next meeting day (14 days: in time).
  const q1 = slotOnOrAfter(addMonths(today, -5));
  request('rq-b1-1', 'b1', '请示', '关于召开支部党员大会补选支部委员的请示', q1);
  ctx.add('rq-b1-1', q1, ctx.holder('g1/书记'), 'declaration', 'receiveRequest', { id: 'rq-b1-1' });
  ctx.add('rq-b1-1', slotOnOrAfter(addDays(q1, 1)), ctx.holder('g1/书记'), 'declaration', 'answerRequest', {
    id: 'rq-b1-1',
    outcome: 'approved',
  });
  // b4's 报告, answered a month later: recorded late (and warned while it waited).
  const q2 = slotOnOrAfter(addMonths(today, -4));
  request('rq-b4-1', 'b4', '报告', '关于上半年发展党员工作情况的报告', q2);
  ctx.add('rq-b4-1', slotOnOrAfter(addMonths(q2, 1)), ctx.holder('g2/书记'), 'declaration', 'answerRequest', {
    id: 'rq-b4-1',
    outcome: 'approved',
  });
  // b3's 请示, not answered: the chain warns its 党总支.
  request('rq-b3-1', 'b3', '请示', '关于党员活动阵地改造经费的请示', slotOnOrAfter(addMonths(today, -2)));

  const out: DeclarationInfo[] = [];
  const declare = (id: string, who: Person, kind: string, matterOn: IsoDate, on: IsoDate, text: string) => {
    const content = { member: who.id, kind, matterOn, text };
    const commitment = declarationCommitment(
      ctx.suite,
      declarationSaltOf(ctx.suite, ctx.opts.seed, id),
      content,
    )!;
    ctx.add(id, on, who.id, 'declaration', 'declare', { id, member: who.id, kind, matterOn, commitment });
    out.push({ id, ...content });
  };
  const reviewer = (who: Person) => ctx.holder(`${who.branch}/书记`);
  // The demo member's journey abroad: received, verified, closed, then read by the 党委's 纪检委员.
  const d1 = slotOnOrAfter(addMonths(today, -3));
  declare(
    'dc-1',
    demoMember,
    '因私出国（境）',
    addDays(d1, -10),
    d1,
    '赴马来西亚探望亲属，往返十二天，持因私护照出行。',
  );
  const r = reviewer(demoMember);
  ctx.add('dc-1', d1, r, 'declaration', 'receiveDeclaration', { id: 'dc-1' });
  const v1 = slotOnOrAfter(addDays(d1, 1));
  ctx.add('dc-1', v1, r, 'declaration', 'verifyDeclaration', { id: 'dc-1' });
  ctx.add('dc-1', v1, r, 'declaration', 'closeDeclaration', { id: 'dc-1' });
  ctx.add('dc-1', slotOnOrAfter(addDays(v1, 1)), ctx.holder('c1/纪检委员'), 'declaration', 'recordRead', {
    id: 'dc-1',
    purpose: '年度个人有关事项抽查核实',
  });
  // A b1 member's marriage (or, in a small demo, any other member's), declared 45 days after it
  // (flagged late), queried and not yet answered.
  const others = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']
    .flatMap((b) => stable(b))
    .filter((p) => p.role === 'member' && p.id !== demoMember.id);
  const other = others[3] ?? others.at(-1);
  if (other !== undefined) {
    const d2 = slotOnOrAfter(addMonths(today, -2));
    declare('dc-2', other, '婚姻变化', addDays(d2, -45), d2, '本人已办理结婚登记，配偶在区属事业单位工作。');
    ctx.add('dc-2', d2, reviewer(other), 'declaration', 'receiveDeclaration', { id: 'dc-2' });
    ctx.add('dc-2', slotOnOrAfter(addDays(d2, 1)), reviewer(other), 'declaration', 'queryDeclaration', {
      id: 'dc-2',
      reason: '请补充配偶工作单位的具体名称',
    });
  }
  // Filed recently and not yet received: warned five days after filing.
  const d3 = slotOnOrAfter(addDays(today, -20));
  declare('dc-3', demoMember, '配偶子女从业', addDays(d3, -5), d3, '子女大学毕业后入职本市一家软件企业。');
  return out;
}
