/**
 * Snapshot chunks and manifests as canonical CBOR (@djchain/crypto). Decoding is strict about
 * shapes and bounded in size; whether a decoded chunk is TRUE is `verifySnapshotChunk`'s job.
 * Chunk: { v, root, bits, prefix, entries: [[key, value]...], siblings: [hash | h''...], boundary:
 * null | [keyHash, valueHash] } — an empty sibling travels as empty bytes.
 * Manifest: { v, root, chunks: [[bits, prefix, leaves]...] }.
 */
import { decode, encode, type Value } from '@djchain/crypto';
import { bytesEqual, HASH_LENGTH, ZERO_HASH } from './hash.ts';
import { SnapshotError } from './snapshot-errors.ts';
import { isPrefix, MAX_PREFIX_BITS } from './snapshot-prefix.ts';
import type { KeyHashPrefix, SnapshotChunk, SnapshotManifest } from './snapshot-types.ts';

/** Most chunks a manifest may list (a manifest stays well under a p2p frame). */
export const MAX_MANIFEST_CHUNKS = 65_536;

const EMPTY = new Uint8Array(0);

/** Canonical bytes of a chunk. */
export function encodeSnapshotChunk(c: SnapshotChunk): Uint8Array {
  return encode({
    v: c.version,
    root: c.root,
    bits: c.prefix.bits,
    prefix: c.prefix.bytes,
    entries: c.entries.map((e) => [e.key, e.value]),
    siblings: c.siblings.map((s) => (bytesEqual(s, ZERO_HASH) ? EMPTY : s)),
    boundary: c.boundary ? [c.boundary.keyHash, c.boundary.valueHash] : null,
  });
}

/** Canonical bytes of a manifest. */
export function encodeSnapshotManifest(m: SnapshotManifest): Uint8Array {
  return encode({
    v: m.version,
    root: m.root,
    chunks: m.chunks.map((c) => [c.prefix.bits, c.prefix.bytes, c.leaves]),
  });
}

function malformed(why: string): SnapshotError {
  return new SnapshotError('STATE_SNAPSHOT_MALFORMED', why);
}

type Obj = { readonly [k: string]: Value };

function record(bytes: Uint8Array, what: string, fields: readonly string[]): Obj {
  let v: Value;
  try {
    v = decode(bytes);
  } catch (e) {
    throw malformed(`${what}: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) {
    throw malformed(`${what} is not a map`);
  }
  const o = v as Obj;
  const keys = Object.keys(o);
  if (keys.length !== fields.length || !fields.every((f) => f in o)) {
    throw malformed(`${what} must have exactly the fields ${fields.join(', ')}`);
  }
  return o;
}

function uint(v: Value | undefined, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw malformed(`${what} is not an unsigned integer`);
  return v;
}

function bytes(v: Value | undefined, what: string, length?: number): Uint8Array {
  if (!(v instanceof Uint8Array) || (length !== undefined && v.length !== length)) {
    throw malformed(`${what} is not ${length ?? 'a'}${length === undefined ? '' : '-byte'} byte string`);
  }
  return v;
}

function list(v: Value | undefined, what: string, max: number): readonly Value[] {
  if (!Array.isArray(v) || v.length > max) throw malformed(`${what} is not a list of at most ${max}`);
  return v;
}

function prefixOf(bits: Value | undefined, raw: Value | undefined): KeyHashPrefix {
  const p = { bits: uint(bits, 'bits'), bytes: bytes(raw, 'prefix') };
  if (!isPrefix(p)) throw malformed('prefix is not canonical');
  return p;
}

/** Inverse of `encodeSnapshotChunk` (STATE_SNAPSHOT_MALFORMED on any other shape). */
export function decodeSnapshotChunk(data: Uint8Array): SnapshotChunk {
  const o = record(data, 'chunk', ['v', 'root', 'bits', 'prefix', 'entries', 'siblings', 'boundary']);
  const prefix = prefixOf(o.bits, o.prefix);
  const entries = list(o.entries, 'entries', Number.MAX_SAFE_INTEGER).map((e, i) => {
    const pair = list(e, `entry ${i}`, 2);
    if (pair.length !== 2) throw malformed(`entry ${i} is not [key, value]`);
    return { key: bytes(pair[0], `entry ${i} key`), value: bytes(pair[1], `entry ${i} value`) };
  });
  const siblings = list(o.siblings, 'siblings', MAX_PREFIX_BITS).map((s, i) => {
    const b = bytes(s, `sibling ${i}`);
    if (b.length === 0) return ZERO_HASH;
    if (b.length !== HASH_LENGTH || bytesEqual(b, ZERO_HASH)) throw malformed(`sibling ${i} is not a hash`);
    return b;
  });
  let boundary: SnapshotChunk['boundary'] = null;
  if (o.boundary !== null) {
    const pair = list(o.boundary, 'boundary', 2);
    if (pair.length !== 2) throw malformed('boundary is not [keyHash, valueHash]');
    boundary = {
      keyHash: bytes(pair[0], 'boundary key hash', HASH_LENGTH),
      valueHash: bytes(pair[1], 'boundary value hash', HASH_LENGTH),
    };
  }
  return {
    version: uint(o.v, 'v'),
    root: bytes(o.root, 'root', HASH_LENGTH),
    prefix,
    entries,
    siblings,
    boundary,
  };
}

/** Inverse of `encodeSnapshotManifest` (STATE_SNAPSHOT_MALFORMED on any other shape). */
export function decodeSnapshotManifest(data: Uint8Array): SnapshotManifest {
  const o = record(data, 'manifest', ['v', 'root', 'chunks']);
  const chunks = list(o.chunks, 'chunks', MAX_MANIFEST_CHUNKS).map((c, i) => {
    const t = list(c, `chunk ${i}`, 3);
    if (t.length !== 3) throw malformed(`chunk ${i} is not [bits, prefix, leaves]`);
    return { prefix: prefixOf(t[0], t[1]), leaves: uint(t[2], `chunk ${i} leaves`) };
  });
  return { version: uint(o.v, 'v'), root: bytes(o.root, 'root', HASH_LENGTH), chunks };
}
