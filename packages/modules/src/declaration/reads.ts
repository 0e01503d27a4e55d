/**
 * The read record of a personal declaration: the gate of the sealed-data service
 * (packages/cli/src/sealed/gate.ts) releases a declaration's content only for a committed
 * `declaration.recordRead` by the reader, with a stated purpose, once, to the key that signed it.
 * The event names the commitment the service must open, so a supplement (a new commitment) is read
 * by a new record. Each read is also entered in the read log (common/readlog.ts).
 */
import { defineAction } from '../common/action.ts';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import { appendRead, isStatedPurpose } from '../common/readlog.ts';
import { MODULE } from '../common/stores.ts';
import { actorOf } from '../permissions/authorize.ts';
import { DeclarationErrors as E } from './errors.ts';
import { declarationTarget, REVIEWERS } from './personal.ts';
import { getPersonal } from './store.ts';

const M = MODULE.declaration;

export const recordRead = defineAction<{ id: string; purpose?: string }>(M, E, {
  description:
    "Record a read of a personal declaration's sealed content (who, whose, when, for what) before it is released.",
  // Optional in the shape so that a read without one is refused with its own code (and committed as
  // a refused attempt), not as a malformed transaction.
  shape: { id: 'id', purpose: { type: 'text', kind: 'purpose', optional: true } },
  permission: [{ of: 'self' }, ...REVIEWERS],
  target: (ctx, p) => declarationTarget(ctx, p.id),
  verify: (_ctx, p) =>
    p.purpose !== undefined && isStatedPurpose(p.purpose) ? okResult : failure(E.PURPOSE_REQUIRED),
  execute(ctx, p) {
    const d = getPersonal(ctx.store, p.id)!;
    const on = chinaDate(ctx.time);
    appendRead(ctx, {
      what: 'declaration',
      subject: d.member,
      org: d.org,
      reader: actorOf(ctx, M).by,
      ref: d.id,
      purpose: p.purpose!,
      on,
    });
    emitAct(ctx, M, 'declaration.Read', [memberEntity(d.member), orgEntity(d.org)], {
      declaration: d.id,
      subject: d.member,
      commitment: d.commitment,
      purpose: p.purpose!,
      on,
      height: ctx.height,
    });
  },
});
