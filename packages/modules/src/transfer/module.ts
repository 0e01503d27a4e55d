/** The transfer module (组织关系转接 inside the chain), with a reminder for requests left waiting. */

import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { addDays, chinaDate } from '../common/dates.ts';
import { emitHook, memberEntity, orgEntity } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { currentOrg } from '../member/status.ts';
import { storesFor } from '../permissions/authorize.ts';
import { acceptTransfer, refuseTransfer, requestTransfer, withdrawTransfer } from './actions.ts';
import { TRANSFER_CITE, TransferErrors } from './errors.ts';
import { reclaimRelease, releaseOut } from './release.ts';
import { frozenBy, getTransfer, pendingTransfer, TRANSFER_REMIND_DAYS, transferKeys } from './store.ts';

export const transferModule: ModuleDef = {
  name: MODULE.transfer,
  actions: { requestTransfer, acceptTransfer, refuseTransfer, withdrawTransfer, releaseOut, reclaimRelease },
  queries: {
    transfer: defineQuery<{ id: string }>(TransferErrors.BAD_PARAMS, {
      description: 'A transfer by id.',
      shape: { id: 'id' },
      run: (ctx, p) => (getTransfer(ctx.store, p.id) as unknown as Value) ?? null,
    }),
    responsible: defineQuery<{ member: string }>(TransferErrors.BAD_PARAMS, {
      description:
        'The branch holding (and responsible for) a membership, any pending transfer, and the release to another chain that froze it.',
      shape: { member: 'id' },
      run(ctx, p) {
        const member = p.member;
        const pending = pendingTransfer(ctx.store, member);
        return asValue({
          org: currentOrg(storesFor(ctx, MODULE.transfer), member),
          pending: pending?.id ?? null,
          frozen: frozenBy(ctx.store, member)?.id ?? null,
        });
      },
    }),
  },
  beginBlock(ctx: HookContext) {
    const today = chinaDate(ctx.time);
    for (const key of ctx.store.keys(transferKeys.pendingPrefix, 1000)) {
      const id = ctx.store.get(key);
      const t = typeof id === 'string' ? getTransfer(ctx.store, id) : undefined;
      if (!t || addDays(t.requestedOn, TRANSFER_REMIND_DAYS) > today) continue;
      if (ctx.store.has(transferKeys.warned(t.id))) continue;
      ctx.store.set(transferKeys.warned(t.id), today);
      emitHook(ctx, 'transfer.Unanswered', [memberEntity(t.member), orgEntity(t.from), orgEntity(t.to)], {
        transfer: t.id,
        member: t.member,
        requestedOn: t.requestedOn,
        cite: TRANSFER_CITE,
      });
      raiseWarning(ctx, {
        kind: 'transfer.unanswered',
        subject: t.id,
        level: 'overdue',
        org: t.to,
        posts: ['书记', '组织委员', '党务工作者'],
        member: t.member,
        due: addDays(t.requestedOn, TRANSFER_REMIND_DAYS),
        cite: TRANSFER_CITE,
        resolves: ['transfer.acceptTransfer', 'transfer.refuseTransfer', 'transfer.withdrawTransfer'],
        data: { transfer: t.id },
      });
    }
  },
};
