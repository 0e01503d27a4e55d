/**
 * 党章第四十二条: a sanction is decided by the branch meeting and approved by the base 党委; "if the
 * question is important or complex, or the sanction is expulsion, it is reported to the discipline
 * commission at county level or above for examination and approval". The consortium's genesis names
 * that commission (an observer organization signing with its own key); it alone makes such a case
 * effective, after the 党委 referred it. Anyone else is refused with the article.
 */
import { defineAction } from '../common/action.ts';
import { cite, DOC } from '../common/cites.ts';
import { chinaDate } from '../common/dates.ts';
import { failure, okResult } from '../common/errors.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { emitDecision, makeEffective, sanctionTarget } from './actions.ts';
import { DisciplineErrors as E } from './errors.ts';
import { disciplineKeys, getSanction, type SanctionRecord } from './store.ts';

export const approveByCommission = defineAction<{ id: string; approved: boolean; resolution: string }>(
  MODULE.discipline,
  E,
  {
    description:
      'The county-level discipline commission named in genesis approves (effective that day) or rejects a referred case: 开除党籍 or a reserved case.',
    shape: { id: 'id', approved: 'bool', resolution: 'id' },
    permission: [{ of: 'commission' }],
    permissionCite: cite(DOC.constitution, 42),
    target: (ctx, p) => sanctionTarget(ctx, p.id),
    verify(ctx, p) {
      const s = getSanction(ctx.store, p.id)!;
      return s.status === 'referred' ? okResult : failure(E.NOT_REFERRED, { status: s.status });
    },
    execute(ctx, p) {
      const s = getSanction(ctx.store, p.id)!;
      if (!p.approved) {
        const next: SanctionRecord = { ...s, status: 'rejected' };
        ctx.store.set(disciplineKeys.sanction(p.id), asValue(next));
        emitDecision(ctx, 'discipline.SanctionRejected', next);
        return;
      }
      emitDecision(ctx, 'discipline.SanctionApproved', makeEffective(ctx, s, chinaDate(ctx.time)));
    },
  },
);
