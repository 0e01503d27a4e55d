/**
 * Planner of the demo's 党务公开 (issue 16) beyond what comes by itself: every 发展对象 and 转正
 * publicity of the recruitment cases becomes a disclosure item at the next block (the modules'
 * outbox), and each branch's 书记 publishes last year's collection to the branch's members on the
 * first meeting day after the 20th of January (`dues.publishNotice`, an item for the branch's
 * members for a year).
 *
 * Every item carries its content (issue 16: "content as an attachment, hash on chain"): a short
 * Chinese text per item (`documents` of the plan), registered as an attachment of the branch by the
 * one who publishes it on the meeting day before (`attachment.register`: a public one for a
 * publicity, an `org` one for the dues notice) and named by the act (the publicity step's `ref`,
 * the notice's `document`), so the outbox makes it the item's content. The seeder uploads each text
 * once its record is committed (seed.ts, the same `putAttachment` as `djchain attach put` and the
 * web app). The texts name ids, never names. Nothing is drawn from the generator.
 */
import { createHash } from 'node:crypto';
import { addMonths, type IsoDate } from '@djchain/modules';
import { BRANCHES, ORG_NAMES } from './plan-community.ts';
import type { PlanContext } from './plan-context.ts';
import type { DemoDocument, PlannedTx } from './plan-types.ts';

/** The meeting day before `d` (a 6th or a 20th). */
function dayBefore(d: IsoDate): IsoDate {
  return d.endsWith('-20')
    ? (`${d.slice(0, 7)}-06` as IsoDate)
    : (`${addMonths(`${d.slice(0, 7)}-01`, -1).slice(0, 7)}-20` as IsoDate);
}

const PUBLICITY: Readonly<Record<string, string>> = {
  startPublicity: '发展对象',
  startConversionPublicity: '预备党员转正',
};

export function planDisclosure(ctx: PlanContext): DemoDocument[] {
  const documents: DemoDocument[] = [];
  const register = (on: IsoDate, signer: string, org: string, scope: 'public' | 'org', text: string) => {
    const bytes = new TextEncoder().encode(text);
    const hash = createHash('sha256').update(bytes).digest('hex');
    documents.push({ hash, mediaType: 'text/plain', text });
    ctx.add(`disclosure-${hash}`, dayBefore(on), signer, 'attachment', 'register', {
      hash,
      size: bytes.length,
      mediaType: 'text/plain',
      org,
      scope,
    });
    return hash;
  };
  const branchOf = new Map(ctx.people.map((p) => [p.id, p.branch]));
  for (let i = 0; i < ctx.txs.length; i++) {
    const t = ctx.txs[i]!;
    const what = t.module === 'recruitment' ? PUBLICITY[t.action] : undefined;
    if (what === undefined) continue;
    const member = t.params.member as string;
    const org = branchOf.get(member)!;
    const text = [
      `# ${what}公示`,
      '',
      `${ORG_NAMES[org]}拟将 ${member} 同志列为${what === '发展对象' ? '发展对象' : '转正对象'}，现予公示。`,
      `公示期：自 ${t.date} 起 5 个工作日。`,
      '公示期间，党员和群众可向支部或社区党委反映情况和意见（实名反映，如实说明）。',
      '',
      `${ORG_NAMES[org]}`,
      `${t.date}`,
      '',
      '（演示数据：人员以编号表示，姓名不公开。）',
      '',
    ].join('\n');
    const ref = register(t.date, t.signer, org, 'public', text);
    ctx.txs[i] = { ...t, params: { ...t.params, ref } } as PlannedTx;
  }
  const year = Number(ctx.today.slice(0, 4)) - 1;
  const on = `${year + 1}-01-20` as IsoDate;
  if (on >= ctx.today || on <= ctx.genesisDate) return documents;
  for (const org of BRANCHES) {
    const secretary = ctx.holder(`${org}/书记`);
    const text = [
      `# ${ORG_NAMES[org]} ${year} 年度党费收缴情况公示`,
      '',
      `根据党费收缴、使用和管理的规定，现将本支部 ${year} 年度党费收缴情况向全体党员公示。`,
      '各月应交、实交和上缴金额以链上账簿为准，可在本公示项下核对。',
      '如有疑问，请在公示期内向支部书记或党务工作者反映。',
      '',
      `${ORG_NAMES[org]}`,
      `${on}`,
      '',
    ].join('\n');
    const document = register(on, secretary, org, 'org', text);
    ctx.add(`notice-${org}`, on, secretary, 'dues', 'publishNotice', {
      id: `notice-${org}-${year}`,
      org,
      year,
      document,
    });
  }
  return documents;
}
