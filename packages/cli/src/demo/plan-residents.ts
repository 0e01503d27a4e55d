/**
 * Planner of the demo's residents and 四议两公开 (issue 16), small by design (`npm start` stays fast):
 * the b1 clerk also becomes the clerk of the community 党委's service centre; twenty residents are bound
 * (synthetic names from their own seeded generator — no draw from the plan's, so no other part
 * changes —, sealed off chain with the roster; on chain only ids, key addresses and commitments of
 * the checks), seven designated 居民代表; matter A goes through all six steps with comments and the
 * representatives' own votes; matter B is posted after its review and open for comments. All on days
 * the history already has (the 6th and the 20th of a month), so the seeding gets no new dates.
 *
 * Who is present at the 党员大会审议 is the chain's to derive (members with a vote on the day): the
 * seeder reads `resident.voters` and fills `present` and the counts (PlannedTx.voters).
 */
import { encode, toHex } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import { addMonths, type IsoDate } from '@djchain/modules';
import { syntheticName } from './names.ts';
import { type Params, type PlanContext, personKey } from './plan-context.ts';
import type { DemoResident } from './plan-types.ts';
import { createRng } from './prng.ts';

export const RESIDENTS = 20;
export const REPRESENTATIVES = 7;

/** The 6th or 20th of the month `k` months before today's. */
function day(ctx: PlanContext, k: number, d: '06' | '20'): IsoDate {
  return `${addMonths(`${ctx.today.slice(0, 7)}-01`, -k).slice(0, 7)}-${d}` as IsoDate;
}

/** A stand-in document hash (the documents themselves stay with the community). */
function doc(ctx: PlanContext, name: string): string {
  return toHex(ctx.suite.hash(encode({ demo: ctx.opts.seed, doc: name })));
}

export function planResidents(ctx: PlanContext): DemoResident[] {
  const rng = createRng((ctx.opts.seed ^ 0x16) >>> 0);
  const residents: DemoResident[] = Array.from({ length: RESIDENTS }, (_, i) => {
    const id = `r-${String(i + 1).padStart(3, '0')}`;
    return {
      id,
      name: syntheticName(rng),
      address: addressOf(ctx.suite, personKey(ctx.suite, ctx.opts.seed, id).publicKey),
    };
  });
  const secretary = ctx.holder('c1/书记');
  const clerk = ctx.holder('b1/党务工作者');
  /** A planned act: `action` is the resident module's, or `module.action` for another module. */
  const push = (date: IsoDate, wave: number, signer: string, action: string, params: Params, extra = {}) => {
    const [module, name] = action.includes('.')
      ? (action.split('.') as [string, string])
      : ['resident', action];
    ctx.txs.push({ date, wave, signer, module, action: name, params, ...extra });
  };
  // The service centre's clerk: the b1 clerk takes the post in the community 党委 too, and binds the
  // residents, fourteen months back (the service centre's year of history starts twelve months back).
  push(day(ctx, 14, '06'), 0, secretary, 'org.appointPost', { org: 'c1', member: clerk, post: '党务工作者' });
  for (const r of residents)
    push(day(ctx, 14, '20'), 0, clerk, 'bind', {
      id: r.id,
      org: 'c1',
      address: r.address,
      commitment: doc(ctx, `check-${r.id}`),
    });
  const reps = residents.slice(0, REPRESENTATIVES);
  for (const r of reps)
    push(day(ctx, 6, '06'), 0, secretary, 'designate', { resident: r.id, resolution: 'jmdbhy-1' });
  const committee = ['c1/书记', 'c1/副书记', 'c1/组织委员', 'c1/纪检委员'].map((k) => ctx.holder(k)).sort();
  const matter = (
    id: string,
    title: string,
    at: { propose: IsoDate; deliberate: IsoDate; review: IsoDate },
  ) => {
    push(at.propose, 1, secretary, 'propose', {
      id,
      org: 'c1',
      title,
      document: doc(ctx, `${id}-propose`),
      heldOn: at.propose,
      present: committee,
    });
    push(at.deliberate, 1, secretary, 'deliberate', {
      matter: id,
      document: doc(ctx, `${id}-deliberate`),
      heldOn: at.deliberate,
      expected: 9,
      present: 8,
      outcome: 'agreed',
    });
    push(
      at.review,
      1,
      secretary,
      'review',
      { matter: id, document: doc(ctx, `${id}-review`), heldOn: at.review },
      { voters: true },
    );
  };
  // Matter A: every step, the resolution published 0 days and the result 2 months after the vote.
  matter('sy-a', '老旧小区加装电梯', {
    propose: day(ctx, 6, '20'),
    deliberate: day(ctx, 5, '06'),
    review: day(ctx, 5, '20'),
  });
  const say = (date: IsoDate, wave: number, r: DemoResident, m: string, text: string) =>
    push(date, wave, r.id, 'comment', { matter: m, text });
  say(day(ctx, 5, '20'), 2, residents[10]!, 'sy-a', '支持加装，建议施工期间保留一部楼梯通行');
  say(day(ctx, 5, '20'), 2, residents[11]!, 'sy-a', '希望公开费用分摊办法');
  say(day(ctx, 5, '20'), 2, residents[3]!, 'sy-a', '低层住户的采光问题请一并考虑');
  const voteDay = day(ctx, 4, '06');
  const resolution = doc(ctx, 'sy-a-resolution');
  push(voteDay, 0, secretary, 'openVote', { matter: 'sy-a' });
  push(voteDay, 0, secretary, 'attachment.register', {
    hash: resolution,
    size: 20_480,
    mediaType: 'application/pdf',
    org: 'c1',
    scope: 'public',
  });
  reps.forEach((r, i) => {
    push(voteDay, 1, r.id, 'vote', { matter: 'sy-a', choice: i === REPRESENTATIVES - 1 ? '弃权' : '赞成' });
  });
  push(voteDay, 2, secretary, 'closeVote', { matter: 'sy-a' });
  push(voteDay, 3, secretary, 'publishResolution', { matter: 'sy-a', document: resolution });
  const result = doc(ctx, 'sy-a-result');
  const resultDay = day(ctx, 2, '06');
  push(resultDay, 0, secretary, 'attachment.register', {
    hash: result,
    size: 40_960,
    mediaType: 'application/pdf',
    org: 'c1',
    scope: 'public',
  });
  push(resultDay, 1, secretary, 'publishResult', { matter: 'sy-a', document: result });
  // Matter B: reviewed last month and posted; residents comment; the representatives vote later.
  matter('sy-b', '小区停车位划线与收费调整', {
    propose: day(ctx, 2, '20'),
    deliberate: day(ctx, 1, '06'),
    review: day(ctx, 1, '20'),
  });
  say(day(ctx, 1, '20'), 2, residents[12]!, 'sy-b', '建议为老人和残障住户预留车位');
  say(day(ctx, 1, '20'), 2, residents[15]!, 'sy-b', '收费标准请参照周边小区');
  return residents;
}
