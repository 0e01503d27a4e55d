/**
 * Personal declarations (党员、干部报告个人有关事项): the member files the kind, the date of the matter
 * and a commitment to the content, which the sealed-data service keeps sealed off chain; the
 * member's organization (or its 党委) reviews: received → verified → closed, or received → queried
 * (with a reason) → supplemented by the member → received again. Late filing and late review steps
 * are flagged, never refused. Reading the content: reads.ts.
 */
import type { ActionContext, ReadContext } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { addDays, chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { currentOrg, memberStatus } from '../member/status.ts';
import { storesFor } from '../permissions/authorize.ts';
import type { Permission } from '../permissions/rules.ts';
import { DeclarationErrors as E } from './errors.ts';
import { declarationParams } from './params.ts';
import { MIN_REASON_LENGTH } from './requests.ts';
import { getPersonal, declarationKeys as K, type PersonalRecord, type PersonalStep } from './store.ts';

const M = MODULE.declaration;

/** Who reviews a member's declaration: the branch committee's and the 党委's secretary, 组织委员, 纪检委员. */
export const REVIEWERS: Permission = [
  { posts: ['书记', '组织委员', '纪检委员'], of: 'org' },
  { posts: ['书记', '组织委员', '纪检委员'], of: 'superiorCommittee' },
];

const save = (ctx: ActionContext, d: PersonalRecord) => ctx.store.set(K.personal(d.id), asValue(d));
const entities = (d: PersonalRecord) => [memberEntity(d.member), orgEntity(d.org)];

/** The refusal of a step on declaration `d` that must stand at step `expected` (null: it does). */
const notAt = (d: PersonalRecord, expected: PersonalStep) =>
  d.step === 'closed'
    ? failure(E.CLOSED)
    : d.step !== expected
      ? failure(E.WRONG_STEP, { step: d.step, expected })
      : null;

export function declarationTarget(ctx: ReadContext, id: string) {
  const d = getPersonal(ctx.store, id);
  return d ? { org: d.org, member: d.member } : null;
}

export const declare = defineAction<{
  id: string;
  member: string;
  kind: string;
  matterOn: string;
  commitment: string;
}>(M, E, {
  description: 'Declare a personal matter: its kind, date and a commitment to the sealed content.',
  shape: {
    id: 'id',
    member: 'id',
    kind: { type: 'text', kind: 'name' },
    matterOn: 'date',
    commitment: 'hash',
  },
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target(ctx, p) {
    const org = currentOrg(storesFor(ctx, M), p.member);
    return org === null ? null : { org, member: p.member };
  },
  verify(ctx, p) {
    const today = chinaDate(ctx.time);
    if (getPersonal(ctx.store, p.id)) return failure(E.EXISTS, { id: p.id });
    const st = memberStatus(storesFor(ctx, M), p.member, today);
    if (st === null || (st.status !== '正式党员' && st.status !== '预备党员'))
      return failure(E.NOT_A_MEMBER, { status: st?.status ?? null });
    const kinds = declarationParams(ctx.store).personalKinds;
    if (!kinds.includes(p.kind)) return failure(E.UNKNOWN_KIND, { kinds: [...kinds] });
    if (p.matterOn > today) return failure(E.FUTURE_MATTER, { matterOn: p.matterOn, today });
    return okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const params = declarationParams(ctx.store);
    const org = currentOrg(storesFor(ctx, M), p.member)!;
    const d: PersonalRecord = {
      id: p.id,
      member: p.member,
      org,
      kind: p.kind,
      matterOn: p.matterOn,
      commitment: p.commitment,
      filedOn: today,
      lateFiling: today > addDays(p.matterOn, params.filingDays),
      receiveBy: addDays(today, params.receiveDays),
      closeBy: addDays(today, params.closeDays),
      step: 'filed',
      steps: { filed: today },
      query: null,
      supplements: 0,
      receivedLate: false,
      closedLate: false,
    };
    save(ctx, d);
    ctx.store.set(`${K.ofMember(p.member)}${p.id}`, true);
    ctx.store.set(`${K.ofOrg(org)}${p.id}`, true);
    ctx.store.set(`${K.openPersonal}${p.id}`, d.closeBy);
    emitAct(ctx, M, 'declaration.Declared', entities(d), {
      declaration: d.id,
      member: d.member,
      kind: d.kind,
      matterOn: d.matterOn,
      lateFiling: d.lateFiling,
      closeBy: d.closeBy,
    });
  },
});

/** One review step: allowed from `from`, moving to `to`. */
function reviewStep(to: PersonalStep, from: PersonalStep, description: string) {
  return defineAction<{ id: string; reason?: string }>(M, E, {
    description,
    shape: to === 'queried' ? { id: 'id', reason: { type: 'text', kind: 'reason' } } : { id: 'id' },
    permission: REVIEWERS,
    target: (ctx, p) => declarationTarget(ctx, p.id),
    verify(ctx, p) {
      const refused = notAt(getPersonal(ctx.store, p.id)!, from);
      if (refused !== null) return refused;
      if (to === 'queried' && (p.reason?.trim().length ?? 0) < MIN_REASON_LENGTH)
        return failure(E.REASON_REQUIRED);
      return okResult;
    },
    execute(ctx, p) {
      const today = chinaDate(ctx.time);
      const old = getPersonal(ctx.store, p.id)!;
      const d: PersonalRecord = {
        ...old,
        step: to,
        steps: { ...old.steps, [to]: today },
        query: to === 'queried' ? p.reason! : old.query,
        receivedLate: old.receivedLate || (to === 'received' && today > old.receiveBy),
        closedLate: to === 'closed' && today > old.closeBy,
      };
      save(ctx, d);
      if (to === 'closed') ctx.store.delete(`${K.openPersonal}${d.id}`);
      const late = to === 'received' ? today > old.receiveBy : to === 'closed' ? d.closedLate : false;
      emitAct(ctx, M, `declaration.${to[0]!.toUpperCase()}${to.slice(1)}`, entities(d), {
        declaration: d.id,
        member: d.member,
        step: to,
        late,
        ...(to === 'queried' ? { reason: p.reason! } : {}),
      });
    },
  });
}

export const receiveDeclaration = reviewStep(
  'received',
  'filed',
  'A reviewer signs for a declaration (签收).',
);
export const verifyDeclaration = reviewStep(
  'verified',
  'received',
  'A reviewer has checked the declaration (核实).',
);
export const queryDeclaration = reviewStep(
  'queried',
  'received',
  'A reviewer asks the member about the declaration, with a stated reason (提出疑问).',
);
export const closeDeclaration = reviewStep(
  'closed',
  'verified',
  'A reviewer closes a verified declaration (办结).',
);

export const supplementDeclaration = defineAction<{ id: string; commitment: string }>(M, E, {
  description: 'The member answers a query with a supplemented content (a new commitment); review resumes.',
  shape: { id: 'id', commitment: 'hash' },
  permission: [{ of: 'self' }, { of: 'clerkEntry' }],
  target: (ctx, p) => declarationTarget(ctx, p.id),
  verify(ctx, p) {
    return notAt(getPersonal(ctx.store, p.id)!, 'queried') ?? okResult;
  },
  execute(ctx, p) {
    const today = chinaDate(ctx.time);
    const old = getPersonal(ctx.store, p.id)!;
    const d: PersonalRecord = {
      ...old,
      step: 'received',
      steps: { ...old.steps, supplemented: today },
      commitment: p.commitment,
      supplements: old.supplements + 1,
    };
    save(ctx, d);
    emitAct(ctx, M, 'declaration.Supplemented', entities(d), { declaration: d.id, member: d.member });
  },
});
