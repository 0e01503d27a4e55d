/**
 * Escalation of late steps, checked once per China day at a block start (chain time, no wall
 * clock): an open order whose current step is past its due day goes to the grid leader of its grid
 * (or straight to the committee when it has no grid), and `committeeAfterDays` later to the
 * community committee. Each escalation is recorded in the order and raised as an event once; the
 * next act on the order starts a new step with a new deadline (and is itself flagged late).
 */
import type { HookContext } from '@djchain/runtime';
import { addDays, chinaDate } from '../common/dates.ts';
import { emitHook, orgEntity } from '../common/events.ts';
import { asValue } from '../common/stores.ts';
import { dueOf, gridEntity, orderEntity } from './common.ts';
import { SERVICE_RULES } from './errors.ts';
import { serviceParams } from './params.ts';
import { type Escalation, type EscalationLevel, getGrid, getOrder, orderIdOf, serviceKeys } from './store.ts';

/**
 * The most open orders looked at per day (a community has tens to hundreds; each resident at most
 * `openPerResident` active ones). The open index is keyed by the day ordered, so the oldest are
 * looked at first: a burst of new orders cannot hide a late one from the scan.
 */
const MAX_OPEN = 10_000;

export function checkServiceDeadlines(ctx: HookContext): void {
  const today = chinaDate(ctx.time);
  // Nothing open, nothing written: a chain that never uses the centre keeps the state it had.
  if (ctx.store.keys(serviceKeys.openPrefix, 1).length === 0) return;
  if (ctx.store.get(serviceKeys.lastCheck) === today) return;
  ctx.store.set(serviceKeys.lastCheck, today);
  const p = serviceParams(ctx.store);
  for (const key of ctx.store.keys(serviceKeys.openPrefix, MAX_OPEN)) {
    const o = getOrder(ctx.store, orderIdOf(key));
    if (!o) continue;
    const due = dueOf(o, p);
    if (due === null || today <= due) continue;
    const grid = o.grid === null ? undefined : getGrid(ctx.store, o.grid);
    const level: EscalationLevel =
      grid === undefined || today > addDays(due, p.committeeAfterDays) ? 'committee' : 'gridLeader';
    if (o.escalation?.level === level || o.escalation?.level === 'committee') continue;
    const e: Escalation = {
      level,
      on: today,
      step: o.status,
      due,
      to: level === 'gridLeader' ? grid!.leader : null,
    };
    ctx.store.set(
      serviceKeys.order(o.id),
      asValue({ ...o, escalation: e, escalations: [...o.escalations, e] }),
    );
    emitHook(
      ctx,
      'service.Escalated',
      [orderEntity(o.id), orgEntity(o.org), ...(o.grid === null ? [] : [gridEntity(o.grid)])],
      { order: o.id, step: o.status, due, level, to: e.to, cite: SERVICE_RULES },
    );
  }
}
