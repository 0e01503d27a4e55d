/** The attachment module: documents kept off chain by the entitled nodes, their hash and reader scope on chain. */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { ModuleError } from '../common/errors.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { storesFor } from '../permissions/authorize.ts';
import { register } from './actions.ts';
import { AttachmentErrors } from './errors.ts';
import { memberMayRead, orgMayHold } from './readers.ts';
import { attachmentKeys, getAttachment, quotaOf, usageOf, withSelfLimits } from './store.ts';

/** `modules.attachment` in genesis: the per-account monthly quota (store.ts). */
export interface AttachmentGenesis {
  readonly quota?: {
    readonly count: number;
    readonly bytes: number;
    /** Self-filed documents (no post): default 20 files and 100 MiB, never above count and bytes. */
    readonly selfCount?: number;
    readonly selfBytes?: number;
  };
}

const positiveInt = (v: unknown, max: number) =>
  Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;

export const attachmentModule: ModuleDef = {
  name: MODULE.attachment,
  actions: { register },
  genesis(ctx: HookContext, config: Value) {
    const q = ((config ?? {}) as unknown as AttachmentGenesis).quota;
    if (q === undefined) return;
    if (!positiveInt(q.count, 1_000_000) || !positiveInt(q.bytes, Number.MAX_SAFE_INTEGER))
      throw new ModuleError(
        'MODULES_BAD_GENESIS',
        'attachment genesis: quota needs a count (1–1,000,000) and bytes (a positive integer)',
      );
    if (
      (q.selfCount !== undefined && !positiveInt(q.selfCount, q.count)) ||
      (q.selfBytes !== undefined && !positiveInt(q.selfBytes, q.bytes))
    )
      throw new ModuleError(
        'MODULES_BAD_GENESIS',
        'attachment genesis: selfCount and selfBytes, when given, are positive and at most count and bytes',
      );
    ctx.store.set(attachmentKeys.quota, asValue(withSelfLimits(q)));
  },
  queries: {
    attachment: defineQuery<{ hash: string }>(AttachmentErrors.BAD_PARAMS, {
      description: 'An attachment record by its content hash (null when none is registered).',
      shape: { hash: 'hash' },
      run: (ctx, p) => (getAttachment(ctx.store, p.hash) as unknown as Value) ?? null,
    }),
    usage: defineQuery<{ account: string; month?: string }>(AttachmentErrors.BAD_PARAMS, {
      description:
        "An account's attachment registrations of a month (default: this month) against the quota set in genesis.",
      shape: { account: 'id', month: { type: 'month', optional: true } },
      run(ctx, p) {
        const month = p.month ?? chinaDate(ctx.time).slice(0, 7);
        return asValue({
          account: p.account,
          month,
          used: usageOf(ctx.store, p.account, month),
          quota: quotaOf(ctx.store),
        });
      },
    }),
    entitled: defineQuery<{ hash: string; member?: string; org?: string }>(AttachmentErrors.BAD_PARAMS, {
      description:
        'Whether a member may read an attachment, and whether the node of an organization keeps it (null when no such attachment).',
      shape: { hash: 'hash', member: { type: 'id', optional: true }, org: { type: 'id', optional: true } },
      run(ctx, p) {
        const a = getAttachment(ctx.store, p.hash);
        if (!a) return null;
        const stores = storesFor(ctx, MODULE.attachment);
        return asValue({
          scope: a.scope,
          org: a.org,
          member: p.member === undefined ? null : memberMayRead(stores, a, p.member, chinaDate(ctx.time)),
          node: p.org === undefined ? null : orgMayHold(stores, a, p.org),
        });
      },
    }),
  },
};
