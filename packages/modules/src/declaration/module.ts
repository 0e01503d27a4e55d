/**
 * The declaration module (重大事项请示报告): organizations' requests and reports to their superior,
 * members' declarations of personal matters (content sealed off chain), the read records that gate
 * the sealed content, and the read log the discipline-inspection view lists.
 */
import type { Value } from '@djchain/crypto';
import type { HookContext, ModuleDef, ReadContext } from '@djchain/runtime';
import { defineQuery } from '../common/query.ts';
import { mergeReads, type ReadEntry, readEntries, readLogKeys } from '../common/readlog.ts';
import { asValue, MODULE } from '../common/stores.ts';
import { checkDeclarationDeadlines } from './deadlines.ts';
import { DeclarationErrors as E } from './errors.ts';
import { declarationParams, PARAMS_KEY, parseDeclarationGenesis } from './params.ts';
import {
  closeDeclaration,
  declare,
  queryDeclaration,
  receiveDeclaration,
  supplementDeclaration,
  verifyDeclaration,
} from './personal.ts';
import { recordRead } from './reads.ts';
import { answerRequest, fileRequest, receiveRequest } from './requests.ts';
import { getPersonal, getRequest, declarationKeys as K, listed } from './store.ts';

/** The most read-log entries one query answers (the latest). */
const MAX_READS = 500;
/** Entries scanned per store for one query. */
const SCAN_READS = 5000;

/** The latest reads logged under `prefix`, by the member module (profiles) and this one, oldest first. */
function latestReads(ctx: ReadContext, prefix: string): ReadEntry[] {
  return mergeReads(
    [
      readEntries(ctx.readStore(MODULE.member), prefix, SCAN_READS),
      readEntries(ctx.store, prefix, SCAN_READS),
    ],
    MAX_READS,
  );
}

export const declarationModule: ModuleDef = {
  name: MODULE.declaration,
  actions: {
    fileRequest,
    receiveRequest,
    answerRequest,
    declare,
    receiveDeclaration,
    verifyDeclaration,
    queryDeclaration,
    supplementDeclaration,
    closeDeclaration,
    recordRead,
  },
  queries: {
    params: defineQuery<Record<string, never>>(E.BAD_PARAMS, {
      description: 'The kinds of personal matters and the deadlines (days) in force.',
      shape: {},
      run: (ctx) => asValue(declarationParams(ctx.store)),
    }),
    request: defineQuery<{ id: string }>(E.BAD_PARAMS, {
      description: 'A request or report by id.',
      shape: { id: 'id' },
      run: (ctx, p) => (getRequest(ctx.store, p.id) as unknown as Value) ?? null,
    }),
    requests: defineQuery<{ org: string }>(E.BAD_PARAMS, {
      description: 'The requests and reports an organization filed, and those filed to it.',
      shape: { org: 'id' },
      run: (ctx, p) =>
        asValue({
          filed: listed(ctx.store, K.fromOrg(p.org), (id) => getRequest(ctx.store, id)),
          received: listed(ctx.store, K.toOrg(p.org), (id) => getRequest(ctx.store, id)),
        }),
    }),
    declaration: defineQuery<{ id: string }>(E.BAD_PARAMS, {
      description: 'A personal declaration by id (kind, dates, steps, commitment; never the content).',
      shape: { id: 'id' },
      run: (ctx, p) => (getPersonal(ctx.store, p.id) as unknown as Value) ?? null,
    }),
    declarationsOf: defineQuery<{ member: string }>(E.BAD_PARAMS, {
      description: "A member's personal declarations.",
      shape: { member: 'id' },
      run: (ctx, p) => asValue(listed(ctx.store, K.ofMember(p.member), (id) => getPersonal(ctx.store, id))),
    }),
    declarationsIn: defineQuery<{ org: string }>(E.BAD_PARAMS, {
      description: 'The personal declarations an organization reviews (filed by its members).',
      shape: { org: 'id' },
      run: (ctx, p) => asValue(listed(ctx.store, K.ofOrg(p.org), (id) => getPersonal(ctx.store, id))),
    }),
    readsOf: defineQuery<{ member: string }>(E.BAD_PARAMS, {
      description: "Who read a member's sealed data (profile, declarations), when and why; the latest 500.",
      shape: { member: 'id' },
      run: (ctx, p) => asValue(latestReads(ctx, readLogKeys.bySubject(p.member))),
    }),
    readLog: defineQuery<{ org: string }>(E.BAD_PARAMS, {
      description:
        "The discipline-inspection view: every read of sealed data of an organization's members; the latest 500.",
      shape: { org: 'id' },
      run: (ctx, p) => asValue(latestReads(ctx, readLogKeys.byOrg(p.org))),
    }),
  },
  genesis(ctx: HookContext, config: Value) {
    // Without a section the defaults hold and the state stays as before this module existed.
    if (config === null || config === undefined) return;
    ctx.store.set(PARAMS_KEY, asValue(parseDeclarationGenesis(config)));
  },
  beginBlock: checkDeclarationDeadlines,
};
