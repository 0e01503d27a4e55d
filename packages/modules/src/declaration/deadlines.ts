/**
 * Deadlines of the declaration module, checked at block boundaries once per China calendar day,
 * each raising one warning when overdue (as recruitment's deadlines do): an unanswered request or
 * report past its due day is a warning for the superior (and the filer); a declaration not received
 * or not closed in time, for the reviewing organization. The act that resolves each (answer,
 * receive, close) removes it from the open lists; the record keeps the late flag.
 */
import type { HookContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { ANSWER_CITE, PERSONAL_CITE } from './errors.ts';
import { getPersonal, getRequest, declarationKeys as K } from './store.ts';

/** The most open records looked at per day (a community has dozens). */
const MAX_OPEN = 10_000;

function warnOnce(ctx: HookContext, id: string, what: string, today: string): boolean {
  const mark = K.warned(id, what);
  if (ctx.store.has(mark)) return false;
  ctx.store.set(mark, today);
  return true;
}

export function checkDeclarationDeadlines(ctx: HookContext): void {
  const today = chinaDate(ctx.time);
  if (ctx.store.get(K.lastCheck) === today) return;
  ctx.store.set(K.lastCheck, today);
  for (const key of ctx.store.keys(K.openRequests, MAX_OPEN)) {
    const r = getRequest(ctx.store, key.slice(K.openRequests.length));
    if (!r || r.status === 'answered' || today <= r.due || !warnOnce(ctx, r.id, 'answer', today)) continue;
    emitHook(ctx, 'declaration.DeadlineWarning', [orgEntity(r.to), orgEntity(r.org)], {
      request: r.id,
      kind: 'answer',
      org: r.to,
      due: r.due,
      level: 'overdue',
      cite: ANSWER_CITE,
    });
  }
  for (const key of ctx.store.keys(K.openPersonal, MAX_OPEN)) {
    const d = getPersonal(ctx.store, key.slice(K.openPersonal.length));
    if (!d || d.step === 'closed') continue;
    const dues: { kind: string; due: string }[] = [];
    if (d.step === 'filed' && today > d.receiveBy) dues.push({ kind: 'receive', due: d.receiveBy });
    if (today > d.closeBy) dues.push({ kind: 'close', due: d.closeBy });
    for (const due of dues) {
      if (!warnOnce(ctx, d.id, due.kind, today)) continue;
      emitHook(ctx, 'declaration.DeadlineWarning', [orgEntity(d.org), memberEntity(d.member)], {
        declaration: d.id,
        member: d.member,
        kind: due.kind,
        org: d.org,
        due: due.due,
        level: 'overdue',
        cite: PERSONAL_CITE,
      });
    }
  }
}
