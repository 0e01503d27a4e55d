/**
 * 组织关系转接 to another chain (issue 19), the receiving side's proof check. The sending chain is
 * registered on the receiving one as an anchored chain (the anchor module: the sender's light
 * client kept on chain), so a header of the sender at an anchored height is final for the
 * receiver without trusting any server. Against that header's state root the admission proves two
 * values of the sender's state:
 * - `transfer/t/<id>`: the release — status `released`, to this chain and this branch;
 * - `hist/member:<member>`: the member's history head, which the new history links to.
 * Replays (the same release again) and a second admission of one member of one sending chain are
 * refused from the receiver's own records (member/transfer-in.ts keeps them).
 *
 * A release is a two-phase hand-over with an expiry: the receiver admits only up to the release's
 * last valid day (by its own block time), and the sender never withdraws it; after the last valid
 * day it may reclaim the membership, proving against an anchored header of the receiving chain,
 * dated after that day, that the receiver holds no admission of it (`provesNotAdmitted`). Block
 * time rises with height, so no later block of the receiver can admit either: the member is on
 * exactly one chain.
 */
import { decode, fromHex, type Value } from '@djchain/crypto';
import { historyKey } from '@djchain/ledger';
import { ok, type ReadContext, type Result } from '@djchain/runtime';
import { type AnchorVia, anchoredHeader, type HeaderRefusal, provesIn } from '../anchor/path.ts';
import type { AnchorRecord } from '../anchor/store.ts';
import { chinaDate } from '../common/dates.ts';
import { type ErrorSpec, failure } from '../common/errors.ts';
import { memberEntity } from '../common/events.ts';
import { MODULE, SEP } from '../common/stores.ts';
import { type TransferRecord, transferKeys } from './store.ts';

/** What an admission presents: where on the sending chain, and the two proved values. */
export interface Dossier {
  readonly fromChain: string;
  readonly transfer: string;
  readonly height: number;
  readonly transferValue: Uint8Array;
  readonly transferProof: Uint8Array;
  readonly historyValue: Uint8Array;
  readonly historyProof: Uint8Array;
  /**
   * When the sender's header is not anchored here: the chain anchored here it is proved through
   * (a common ancestor, e.g. the street both communities anchor on), its height, and the links
   * down to the sender's header (anchor/path.ts). All three or none.
   */
  readonly via?: string;
  readonly viaHeight?: number;
  readonly path?: Uint8Array;
}

/** The `via` part of parameters, when they have one. */
export function viaOf(p: {
  readonly via?: string;
  readonly viaHeight?: number;
  readonly path?: Uint8Array;
}): AnchorVia | undefined {
  return p.via === undefined || p.viaHeight === undefined || p.path === undefined
    ? undefined
    : { via: p.via, viaHeight: p.viaHeight, path: p.path };
}

/** Whether the optional `via`, `viaHeight` and `path` come all together or not at all. */
export const viaComplete = (p: {
  readonly via?: string;
  readonly viaHeight?: number;
  readonly path?: Uint8Array;
}) =>
  [p.via, p.viaHeight, p.path].every((x) => x === undefined) ||
  [p.via, p.viaHeight, p.path].every((x) => x !== undefined);

/** The optional shape fields of a header proved through an ancestor's anchors. */
export const VIA_SHAPE = {
  via: { type: 'id', optional: true },
  viaHeight: { type: 'int', min: 1, optional: true },
  path: { type: 'bytes', max: 24_576, optional: true },
} as const;

export interface ProvedRelease {
  readonly release: TransferRecord;
  readonly anchor: AnchorRecord;
  /** The member's history head on the sending chain at the anchored height, with its count. */
  readonly head: Uint8Array;
  readonly count: number;
}

/** The codes a refused admission gives (the member module's registry). */
export interface DossierErrors {
  readonly NOT_ANCHORED: ErrorSpec;
  readonly DOSSIER_MISMATCH: ErrorSpec;
  readonly NOT_RELEASED: ErrorSpec;
  readonly EXPIRED: ErrorSpec;
}

/** The receiving chain's records of admissions made (member module): by transfer, and by member. */
export const admittedKeys = {
  transfer: (chain: string, id: string) => `xin${SEP}${chain}${SEP}${id}`,
  member: (chain: string, member: string) => `xim${SEP}${chain}${SEP}${member}`,
};

/** The state key of a module's record on any chain of this package. */
export const releaseKey = (id: string) => `${MODULE.transfer}/${transferKeys.transfer(id)}`;

function decoded(bytes: Uint8Array): { readonly [k: string]: Value } | null {
  try {
    const v = decode(bytes);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? (v as { readonly [k: string]: Value })
      : null;
  } catch {
    return null;
  }
}

/** A header refusal as the caller's codes: not anchored, or a path that does not verify. */
function refused(notAnchored: ErrorSpec, badPath: ErrorSpec, r: HeaderRefusal) {
  return r.kind === 'not-anchored'
    ? failure(notAnchored, { chain: r.chain, height: r.height })
    : failure(badPath, { value: 'path', level: r.level });
}

/**
 * Checks `d` against the anchors this chain holds of `d.fromChain` — or, with `via`, of a chain
 * that anchors it (anchor/path.ts) — for a release to branch `org` of this chain. Returns the proved release and history head, or the coded refusal.
 */
export function checkDossier(
  ctx: ReadContext,
  E: DossierErrors,
  d: Dossier,
  org: string,
): Result<ProvedRelease> {
  const header = anchoredHeader(ctx, d.fromChain, d.height, viaOf(d));
  if (!header.ok) return refused(E.NOT_ANCHORED, E.DOSSIER_MISMATCH, header.refusal);
  const { anchor, suite } = header.value;
  const root = fromHex(anchor.stateRoot);
  if (!provesIn(suite, root, releaseKey(d.transfer), d.transferValue, d.transferProof))
    return failure(E.DOSSIER_MISMATCH, { value: 'transfer', height: d.height });
  const release = decoded(d.transferValue) as unknown as TransferRecord | null;
  if (release === null || release.id !== d.transfer)
    return failure(E.DOSSIER_MISMATCH, { value: 'transfer', height: d.height });
  if (release.status !== 'released' || release.toChain !== ctx.chainId || release.to !== org)
    return failure(E.NOT_RELEASED, {
      status: release.status,
      toChain: release.toChain ?? null,
      to: release.to,
    });
  // The receiver's own date decides: a release is admitted up to and including its last valid day.
  if (release.expiresOn === undefined || chinaDate(ctx.time) > release.expiresOn)
    return failure(E.EXPIRED, { expiresOn: release.expiresOn ?? null, today: chinaDate(ctx.time) });
  if (!provesIn(suite, root, historyKey(memberEntity(release.member)), d.historyValue, d.historyProof))
    return failure(E.DOSSIER_MISMATCH, { value: 'history', height: d.height });
  const h = decoded(d.historyValue);
  if (h === null || !(h.head instanceof Uint8Array) || typeof h.count !== 'number')
    return failure(E.DOSSIER_MISMATCH, { value: 'history', height: d.height });
  return ok({ release, anchor, head: h.head, count: h.count });
}

/** Why a reclaim is refused (the transfer module's registry). */
export interface ReclaimErrors {
  readonly RECLAIM_NOT_ANCHORED: ErrorSpec;
  readonly RELEASE_NOT_EXPIRED: ErrorSpec;
  readonly RECLAIM_NOT_PROVED: ErrorSpec;
}

/**
 * Whether `proof` shows, at the anchored header `height` of `release.toChain`, that the receiving
 * chain holds no admission of `release` — at a header whose (China) date is after the release's
 * last valid day, so that no later block of the receiver can admit it either.
 */
export function provesNotAdmitted(
  ctx: ReadContext,
  E: ReclaimErrors,
  release: TransferRecord,
  height: number,
  proof: Uint8Array,
  via?: AnchorVia,
): Result<AnchorRecord> {
  const chain = release.toChain ?? '';
  const header = anchoredHeader(ctx, chain, height, via);
  if (!header.ok) return refused(E.RECLAIM_NOT_ANCHORED, E.RECLAIM_NOT_PROVED, header.refusal);
  const { anchor, suite } = header.value;
  const headerDay = chinaDate(anchor.time);
  if (release.expiresOn === undefined || headerDay <= release.expiresOn)
    return failure(E.RELEASE_NOT_EXPIRED, { expiresOn: release.expiresOn ?? null, headerDay });
  const key = `${MODULE.member}/${admittedKeys.transfer(ctx.chainId, release.id)}`;
  if (!provesIn(suite, fromHex(anchor.stateRoot), key, undefined, proof))
    return failure(E.RECLAIM_NOT_PROVED, { chain, height });
  return ok(anchor);
}
