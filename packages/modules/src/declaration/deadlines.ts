/**
 * Deadlines of the declaration module, checked at block boundaries once per China calendar day,
 * each raising one warning when overdue (as recruitment's deadlines do): an unanswered request or
 * report past its due day is a warning for the superior (and the filer); a declaration not received
 * or not closed in time, for the reviewing organization. The act that resolves each (answer,
 * receive, close) removes it from the open lists; the record keeps the late flag. Each is also a
 * warning of the warning centre (`declaration.answer`, `declaration.review`), closed by that act.
 */
import type { HookContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { raiseWarning } from '../common/warnings.ts';
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
    // The superior answers (its 书记 or 副书记, as answerRequest allows).
    raiseWarning(ctx, {
      kind: 'declaration.answer',
      subject: r.id,
      level: 'overdue',
      org: r.to,
      posts: ['书记', '副书记'],
      member: null,
      due: r.due,
      cite: ANSWER_CITE,
      resolves: ['declaration.answerRequest'],
      data: { request: r.id, from: r.org },
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
      raiseWarning(ctx, {
        kind: 'declaration.review',
        subject: `${d.id}:${due.kind}`,
        level: 'overdue',
        org: d.org,
        posts: ['书记', '组织委员', '纪检委员'],
        // The member sees that the review of their own declaration is late; nothing of its content.
        member: d.member,
        due: due.due,
        cite: PERSONAL_CITE,
        resolves:
          due.kind === 'receive' ? ['declaration.receiveDeclaration'] : ['declaration.closeDeclaration'],
        data: { declaration: d.id, step: due.kind },
      });
    }
  }
}
