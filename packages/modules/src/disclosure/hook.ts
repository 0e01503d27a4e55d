/**
 * The block-start hook: the announcements the previous block's transactions wrote (outbox.ts)
 * become items, in source-module order, then transaction order. Deterministic: the same state gives
 * the same items with the same ids (`auto.<module>.<height>.<tx index>`) on every node.
 */
import type { HookContext } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { emitHook, orgEntity } from '../common/events.ts';
import { asValue } from '../common/stores.ts';
import { type Announcement, OUTBOX_SOURCES, outboxKeys } from './outbox.ts';
import { AUTO_ID_PREFIX, type DisclosureItem, disclosureKeys } from './store.ts';

/** Announcements read per source and block: a block holds far fewer transactions. */
const MAX_PER_BLOCK = 10_000;

export function publishAnnounced(ctx: HookContext): void {
  const prev = ctx.height - 1;
  if (prev < 1) return;
  const prefix = outboxKeys.block(prev);
  for (const source of OUTBOX_SOURCES) {
    const store = ctx.readStore(source);
    for (const key of store.keys(prefix, MAX_PER_BLOCK)) {
      const a = store.get(key) as unknown as Announcement;
      const txIndex = Number(key.slice(prefix.length));
      const id = `${AUTO_ID_PREFIX}${source}.${prev}.${txIndex}`;
      if (ctx.store.has(disclosureKeys.item(id))) continue;
      const shown = {
        org: a.org,
        kind: a.kind,
        scope: a.scope,
        from: a.from,
        until: a.until,
        content: a.content,
      };
      const item: DisclosureItem = {
        id,
        ...shown,
        corrects: null,
        withdraws: null,
        reason: null,
        meeting: null,
        source: { module: source, action: a.action, tx: a.tx, height: prev },
        by: null,
        on: chinaDate(ctx.time),
        height: ctx.height,
      };
      ctx.store.set(disclosureKeys.item(id), asValue(item));
      emitHook(ctx, 'disclosure.Published', [orgEntity(a.org)], {
        item: id,
        ...shown,
        source: asValue(item.source!),
      });
    }
  }
}
