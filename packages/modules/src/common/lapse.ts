/**
 * The 自行脱党 case of 党章第九条, shared by its two grounds: six consecutive months without paying
 * dues (dues) and six without taking part in organizational life (orglife). The chain opens the case
 * at a month close and records the 支部大会's decision; 除名 then goes to the superior
 * (member.removeMember with the ground). The chain never removes anyone itself.
 */
import type { ActionContext, HookContext, ReadStore } from '@djchain/runtime';
import type { Target } from '../permissions/authorize.ts';
import { type BaseErrors, defineAction, type RuleAction } from './action.ts';
import { cite, DOC } from './cites.ts';
import { chinaDate, type IsoDate } from './dates.ts';
import { type ErrorSpec, failure, okResult } from './errors.ts';
import { emitAct, emitHook, memberEntity, orgEntity } from './events.ts';
import type { YearMonth } from './months.ts';
import { asValue, getRecord } from './stores.ts';
import { raiseWarning } from './warnings.ts';

export const LAPSE_GROUNDS = ['不交纳党费', '不参加组织生活'] as const;
export type LapseGround = (typeof LAPSE_GROUNDS)[number];

export interface LapseCase {
  readonly member: string;
  readonly org: string;
  readonly openedOn: IsoDate;
  /** The months that opened it. */
  readonly months: readonly YearMonth[];
  readonly status: 'open' | 'decided';
  readonly decision: {
    readonly outcome: '除名' | '不予除名';
    readonly on: IsoDate;
    readonly resolution: string;
  } | null;
}

/**
 * Opens a case for a run of months unless one is open or this run already had one (a case decided
 * 不予除名 is not reopened by the same run). Returns whether it opened.
 */
export function openLapseCase(
  ctx: HookContext,
  key: string,
  eventType: string,
  c: { member: string; org: string; openedOn: IsoDate; months: readonly YearMonth[] },
  ground: LapseGround,
): boolean {
  const existing = getRecord<LapseCase>(ctx.store, key);
  if (existing !== undefined && (existing.status === 'open' || existing.months[0] === c.months[0]))
    return false;
  ctx.store.set(key, asValue({ ...c, status: 'open', decision: null } satisfies LapseCase));
  emitHook(ctx, eventType, [memberEntity(c.member), orgEntity(c.org)], {
    member: c.member,
    org: c.org,
    months: [...c.months],
    ground,
    decidedBy: '支部大会',
    cite: cite(DOC.constitution, 9),
  });
  const module = eventType.slice(0, eventType.indexOf('.'));
  raiseWarning(ctx, {
    kind: module === 'dues' ? 'dues.lapse' : 'orglife.lapse',
    subject: `${c.member}:${c.months[0]}`,
    level: 'serious',
    org: c.org,
    posts: ['书记', '组织委员'],
    member: c.member,
    due: c.openedOn,
    cite: cite(DOC.constitution, 9),
    resolves: [`${module}.decideLapseCase`],
    data: { member: c.member, ground },
  });
  return true;
}

/** The action recording the 支部大会's decision on an open case (its 书记 or 组织委员 sign). */
export function lapseDecisionAction(
  module: string,
  errors: BaseErrors & { readonly NO_OPEN_CASE: ErrorSpec },
  spec: {
    readonly description: string;
    readonly key: (member: string) => string;
    readonly eventType: string;
    readonly memberTarget: (ctx: ActionContext, member: string) => Target | null;
  },
): RuleAction<{ member: string; outcome: '除名' | '不予除名'; resolution: string }> {
  const get = (s: ReadStore, member: string) => getRecord<LapseCase>(s, spec.key(member));
  return defineAction(module, errors, {
    description: spec.description,
    shape: { member: 'id', outcome: { type: 'text', oneOf: ['除名', '不予除名'] }, resolution: 'id' },
    permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
    target(ctx, p) {
      const c = get(ctx.store, p.member);
      return c ? { org: c.org, member: p.member } : spec.memberTarget(ctx as ActionContext, p.member);
    },
    verify: (ctx, p) =>
      get(ctx.store, p.member)?.status === 'open' ? okResult : failure(errors.NO_OPEN_CASE),
    execute(ctx, p) {
      const c = get(ctx.store, p.member)!;
      const on = chinaDate(ctx.time);
      ctx.store.set(
        spec.key(p.member),
        asValue({
          ...c,
          status: 'decided',
          decision: { outcome: p.outcome, on, resolution: p.resolution },
        } satisfies LapseCase),
      );
      emitAct(ctx, module, spec.eventType, [memberEntity(p.member), orgEntity(c.org)], {
        member: p.member,
        outcome: p.outcome,
        resolution: p.resolution,
        cite: cite(DOC.constitution, 9),
      });
    },
  });
}
