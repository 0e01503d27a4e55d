/**
 * The anchor module (issue 19): a parent chain (street → district → city) follows its child chains
 * by their headers. Registration and anchoring are in actions.ts, the light-client check in
 * verify.ts; here the queries — a child's latest anchor, whether (height, hash) is anchored — and
 * the warning for a child whose anchor is overdue (its configured interval passed since the last
 * anchor, or since registration).
 */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef } from '@djchain/runtime';
import { chinaDate } from '../common/dates.ts';
import { emitHook } from '../common/events.ts';
import { defineQuery } from '../common/query.ts';
import { asValue, getRecord, MODULE } from '../common/stores.ts';
import { raiseWarning } from '../common/warnings.ts';
import { chainEntity, registerChild, submitAnchor, topOrg } from './actions.ts';
import { AnchorErrors } from './errors.ts';
import { anchorKeys, type ChildRecord, getAnchor, getChild } from './store.ts';

const MINUTE = 60_000;
export const ANCHOR_CITE = AnchorErrors.UNTRUSTED_VALIDATORS.cite;

/** The parent time by which the next anchor of `child` is due. */
export function anchorDue(child: ChildRecord): number {
  const since = child.latest?.anchoredTime ?? child.registeredTime;
  return since + child.intervalMinutes * MINUTE;
}

const bad = AnchorErrors.BAD_PARAMS;

export const anchorModule: ModuleDef = {
  name: MODULE.anchor,
  actions: { register: registerChild, submit: submitAnchor },
  queries: {
    children: defineQuery<Record<string, never>>(bad, {
      description: 'The registered child chains with their latest anchors, by chain id.',
      shape: {},
      run(ctx) {
        const out: Value[] = [];
        for (const key of ctx.store.keys(anchorKeys.childPrefix, 10_000)) {
          const c = getRecord<ChildRecord>(ctx.store, key);
          if (c) out.push(asValue(c));
        }
        return out;
      },
    }),
    latest: defineQuery<{ chain: string }>(bad, {
      description:
        "A child chain's latest anchor (height, header hash, state root, validators hash), or null.",
      shape: { chain: 'id' },
      run: (ctx, p) => {
        const c = getChild(ctx.store, p.chain);
        return c?.latest ? asValue(c.latest) : null;
      },
    }),
    anchored: defineQuery<{ chain: string; height: number; hash: string }>(bad, {
      description:
        'Whether the header of a child chain with this height and hash is anchored here; with its state root when it is.',
      shape: { chain: 'id', height: { type: 'int', min: 1 }, hash: 'hash' },
      run(ctx, p) {
        const a = getAnchor(ctx.store, p.chain, p.height);
        if (!a || a.hash !== p.hash) return { anchored: false, stateRoot: null, anchoredAt: null };
        return { anchored: true, stateRoot: a.stateRoot, anchoredAt: a.anchoredAt };
      },
    }),
  },
  beginBlock(ctx: HookContext) {
    const keys = ctx.store.keys(anchorKeys.childPrefix, 1000);
    if (keys.length === 0) return;
    const org = topOrg(ctx);
    if (org === null) return;
    for (const key of keys) {
      const c = getRecord<ChildRecord>(ctx.store, key);
      if (!c) continue;
      const due = anchorDue(c);
      if (ctx.time <= due) continue;
      const since = c.latest?.anchoredAt ?? c.registeredAt;
      if (ctx.store.has(anchorKeys.warned(c.chain, since))) continue;
      ctx.store.set(anchorKeys.warned(c.chain, since), chinaDate(ctx.time));
      const data = { chain: c.chain, since, latest: c.latest?.height ?? 0 };
      emitHook(ctx, 'anchor.Missing', [chainEntity(c.chain)], data);
      raiseWarning(ctx, {
        kind: 'anchor.missing',
        subject: `${c.chain}.${since}`,
        level: 'overdue',
        org,
        posts: ['书记', '组织委员', '党务工作者'],
        member: null,
        due: chinaDate(due),
        cite: ANCHOR_CITE ?? '',
        resolves: ['anchor.submit'],
        data,
      });
    }
  },
};
