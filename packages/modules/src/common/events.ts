/** Emitting events that name their entities and, for signed acts, who acted (and for whom). */
import type { Value } from '@djchain/crypto';
import type { ActionContext, HookContext } from '@djchain/runtime';
import { actorOf } from '../permissions/authorize.ts';

export const memberEntity = (id: string) => `member:${id}`;
export const orgEntity = (id: string) => `org:${id}`;

/** An event of a signed act: adds `by` (member id) and `onBehalfOf` (set when a clerk acted for a member). */
export function emitAct(
  ctx: ActionContext,
  self: string,
  type: string,
  entities: readonly string[],
  data: { readonly [key: string]: Value },
): void {
  const { by, onBehalfOf } = actorOf(ctx, self);
  ctx.emit({ type, entities: [...new Set(entities)].sort(), data: { ...data, by, onBehalfOf } });
}

/** An event raised by the chain itself at a block boundary (warnings, automatic effects). */
export function emitHook(
  ctx: HookContext,
  type: string,
  entities: readonly string[],
  data: { readonly [key: string]: Value },
): void {
  ctx.emit({ type, entities: [...new Set(entities)].sort(), data });
}
