/**
 * One record shape for every module's warning (精准预警). A module that finds a deadline due or a
 * condition met at a block boundary calls `raiseWarning` beside the event it emits as before; the
 * record goes into that module's own store under `warnq/<height>/<id>` and the `warnings` module —
 * whose block-start hook runs after every source's, modules running in name order — takes it into
 * the one register (src/warnings/), where it stays open until the act that resolves it is recorded.
 */
import type { Value } from '@djchain/crypto';
import type { HookContext } from '@djchain/runtime';
import { WARNING_KINDS, WARNING_LEVELS } from '../lists.ts';
import { chinaDate, type IsoDate } from './dates.ts';
import { asValue, SEP } from './stores.ts';

export { WARNING_KINDS, WARNING_LEVELS };

export type WarningLevel = (typeof WARNING_LEVELS)[number];

/**
 * The sources and what each kind's `data` holds (the register's resolvers read it):
 * recruitment.deadline {member, deadline, due}; dues.arrears {member, months}; orglife.missed
 * {org, meeting, period, pairs?}; dues.lapse / orglife.lapse {member}; org.term {org, termEnd};
 * transfer.unanswered {transfer}; discipline.observation {sanction, observationEnds}; anchor.missing
 * {chain, since (parent height of the last anchor or the registration), latest (child height)};
 * study.pace {member, year, elapsed (months of the pace it was raised at), individualHours (confirmed
 * then), since? (under a pro-rating index rule set: the day the member's pace counts from)}.
 */
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface WarningSpec {
  readonly kind: WarningKind;
  /** Unique within the kind: the same subject raised again updates one record (e.g. its level). */
  readonly subject: string;
  readonly level: WarningLevel;
  /** The organization that must act, and the posts in it that do. */
  readonly org: string;
  readonly posts: readonly string[];
  /** The member concerned, who sees it as their own (null for an organization's obligation). */
  readonly member: string | null;
  /** The day by which the act was (or is) due. */
  readonly due: IsoDate;
  readonly cite: string;
  /** The acts (`module.action`) any one of which resolves it. */
  readonly resolves: readonly string[];
  readonly data: { readonly [key: string]: Value };
}

/** The id of a warning: its kind and subject (`/` never appears in an opaque id or a date). */
export const warningId = (kind: string, subject: string) => `${kind}${SEP}${subject}`;

/** Height in 12 digits: queue keys in byte order are in height order. */
export const queueHeight = (height: number) => String(height).padStart(12, '0');
export const warningQueue = {
  prefix: (height: number) => `warnq${SEP}${queueHeight(height)}${SEP}`,
  key: (height: number, id: string) => `warnq${SEP}${queueHeight(height)}${SEP}${id}`,
};

/** The record as queued: the spec, its id, and when it was raised. */
export interface QueuedWarning extends WarningSpec {
  readonly id: string;
  readonly raisedOn: IsoDate;
  readonly raisedAt: number;
}

export function raiseWarning(ctx: HookContext, spec: WarningSpec): void {
  const id = warningId(spec.kind, spec.subject);
  const queued: QueuedWarning = {
    ...spec,
    posts: [...spec.posts],
    resolves: [...spec.resolves],
    id,
    raisedOn: chinaDate(ctx.time),
    raisedAt: ctx.height,
  };
  ctx.store.set(warningQueue.key(ctx.height, id), asValue(queued));
}
