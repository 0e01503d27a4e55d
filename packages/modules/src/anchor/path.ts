/**
 * A header of a chain this chain does not anchor itself, proved through the anchors of one it does
 * (issue 19: admission through a common ancestor). Community chains anchor on their street, streets
 * on their district; a receiving community that keeps its own line's light client (its street's,
 * registered here once like any anchored chain) can prove any header its street anchored — and,
 * level by level, any header anchored below a chain its line anchors:
 *
 *   this chain ─ anchors ─▶ `via` at `viaHeight`       (its light client, here)
 *   `via`'s state root  ⊢  anchor/a/<X1>/<h1> = record of X1's header   (link 0)
 *   X1's state root     ⊢  anchor/a/<X2>/<h2> = record of X2's header   (link 1)
 *   …                   ⊢  anchor/a/<chain>/<height> = the header asked for (last link)
 *
 * Each parent wrote its record only after checking the child's header with the child's light client
 * (verify.ts), so the last record's state root is final for the child as surely as a header this
 * chain anchored itself. A link names the suite of the chain whose record it proves (the state tree
 * of that record's chain hashes with it); a wrong suite cannot make a proof verify against a root.
 *
 * Everything here is a pure function of the stored anchors and the presented bytes.
 */
import { decode, fromHex, getSuite, type Value } from '@djchain/crypto';
import type { ReadContext } from '@djchain/runtime';
import { decodeProof, verifyProof } from '@djchain/state';
import { MODULE } from '../common/stores.ts';
import { type AnchorRecord, anchorKeys, getAnchor, getChild } from './store.ts';

type SuiteName = 'intl' | 'gm';

/** Where a header not anchored here is proved from: an anchored chain, its height, and the links. */
export interface AnchorVia {
  readonly via: string;
  readonly viaHeight: number;
  /** The canonical encoding of the links, top down: a list of { value, proof, suite? }. */
  readonly path: Uint8Array;
}

/** Levels between the anchored chain and the header: a district under a city under a province … */
export const MAX_PATH_LEVELS = 6;

/** A header final for this chain, with the suite its state tree hashes with. */
export interface ProvedHeader {
  readonly anchor: AnchorRecord;
  readonly suite: SuiteName;
}

export type HeaderRefusal =
  /** `chain` at `height` is not anchored here (the chain itself, or the `via` it is proved from). */
  | { readonly kind: 'not-anchored'; readonly chain: string; readonly height: number }
  /** Link `level` does not verify, is malformed, or the path ends at another header. */
  | { readonly kind: 'bad-path'; readonly level: number };

const utf8 = new TextEncoder();
const HEX32 = /^[0-9a-f]{64}$/;
const CHAIN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const isRecord = (v: Value | undefined): v is { readonly [k: string]: Value } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function decoded(bytes: Uint8Array): Value | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

/** An anchor record as the anchor module writes it, or null for anything else. */
function anchorRecordOf(v: Value | undefined): AnchorRecord | null {
  if (!isRecord(v)) return null;
  const {
    chain,
    height,
    hash,
    stateRoot,
    validatorsHash,
    nextValidatorsHash,
    time,
    anchoredAt,
    anchoredTime,
  } = v;
  if (typeof chain !== 'string' || !CHAIN.test(chain)) return null;
  for (const n of [height, time, anchoredAt, anchoredTime])
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
  for (const h of [hash, stateRoot, validatorsHash, nextValidatorsHash])
    if (typeof h !== 'string' || !HEX32.test(h)) return null;
  return v as unknown as AnchorRecord;
}

interface Link {
  readonly value: Uint8Array;
  readonly proof: Uint8Array;
  readonly suite: SuiteName | undefined;
}

function linksOf(path: Uint8Array): Link[] | null {
  const v = decoded(path);
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_PATH_LEVELS) return null;
  const links: Link[] = [];
  for (const l of v) {
    if (!isRecord(l) || !(l.value instanceof Uint8Array) || !(l.proof instanceof Uint8Array)) return null;
    if (l.suite !== undefined && l.suite !== 'intl' && l.suite !== 'gm') return null;
    if (Object.keys(l).some((k) => k !== 'value' && k !== 'proof' && k !== 'suite')) return null;
    links.push({ value: l.value, proof: l.proof, suite: l.suite });
  }
  return links;
}

/** Whether `proof` shows `key` = `value` (or its absence, for undefined) under `root`. */
export function provesIn(
  suite: SuiteName,
  root: Uint8Array,
  key: string,
  value: Uint8Array | undefined,
  proof: Uint8Array,
): boolean {
  const s = getSuite(suite);
  try {
    return verifyProof((d) => s.hash(d), root, utf8.encode(key), value, decodeProof(proof));
  } catch {
    // A malformed proof proves nothing.
    return false;
  }
}

/** The state key of chain `chain`'s anchor record at `height` in its parent's state. */
export const anchorStateKey = (chain: string, height: number) =>
  `${MODULE.anchor}/${anchorKeys.anchor(chain, height)}`;

/**
 * Header `height` of `chain` as final for this chain: anchored here, or — with `via` — proved
 * through the anchors below a chain anchored here. Returns the header's record and suite, or why not.
 */
export function anchoredHeader(
  ctx: ReadContext,
  chain: string,
  height: number,
  via?: AnchorVia,
): { ok: true; value: ProvedHeader } | { ok: false; refusal: HeaderRefusal } {
  const anchors = ctx.readStore(MODULE.anchor);
  if (via === undefined) {
    const child = getChild(anchors, chain);
    const anchor = getAnchor(anchors, chain, height);
    if (!child || !anchor) return { ok: false, refusal: { kind: 'not-anchored', chain, height } };
    return { ok: true, value: { anchor, suite: child.suite } };
  }
  const top = getChild(anchors, via.via);
  const topAnchor = getAnchor(anchors, via.via, via.viaHeight);
  if (!top || !topAnchor)
    return { ok: false, refusal: { kind: 'not-anchored', chain: via.via, height: via.viaHeight } };
  const links = linksOf(via.path);
  if (links === null) return { ok: false, refusal: { kind: 'bad-path', level: 0 } };
  let suite: SuiteName = top.suite;
  let root = fromHex(topAnchor.stateRoot);
  let record: AnchorRecord | null = null;
  for (const [level, link] of links.entries()) {
    record = anchorRecordOf(decoded(link.value));
    // The record must be the one its chain and height name, in the state of the level above.
    if (
      record === null ||
      !provesIn(suite, root, anchorStateKey(record.chain, record.height), link.value, link.proof)
    )
      return { ok: false, refusal: { kind: 'bad-path', level } };
    suite = link.suite ?? suite;
    root = fromHex(record.stateRoot);
  }
  if (record === null || record.chain !== chain || record.height !== height)
    return { ok: false, refusal: { kind: 'bad-path', level: links.length - 1 } };
  return { ok: true, value: { anchor: record, suite } };
}
