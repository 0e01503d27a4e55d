/** The attachment module: documents kept off chain by the entitled nodes, their hash and reader scope on chain. */
import type { Value } from '@djchain/crypto';
import type { ModuleDef } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { storesFor } from '../permissions/authorize.ts';
import { register } from './actions.ts';
import { AttachmentErrors } from './errors.ts';
import { memberMayRead, orgMayHold } from './readers.ts';
import { getAttachment } from './store.ts';

export const attachmentModule: ModuleDef = {
  name: MODULE.attachment,
  actions: { register },
  queries: {
    attachment: defineQuery<{ hash: string }>(AttachmentErrors.BAD_PARAMS, {
      description: 'An attachment record by its content hash (null when none is registered).',
      shape: { hash: 'hash' },
      run: (ctx, p) => (getAttachment(ctx.store, p.hash) as unknown as Value) ?? null,
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
