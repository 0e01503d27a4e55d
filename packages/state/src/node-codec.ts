/**
 * Byte encodings of stored nodes.
 * Leaf: 0x00 | key hash (32) | value hash (32).
 * Internal: 0x01 | present (u16 BE) | leaves (u16 BE) | per present child in nibble order:
 * version (u64 BE) | hash (32).
 */
import { StateError } from './errors.ts';
import { HASH_LENGTH } from './hash.ts';
import { childHash, emptyInternal, setChild } from './internal-node.ts';
import type { TreeNode } from './types.ts';

const TWO_32 = 2 ** 32;

/** The largest encoding: an internal node with 16 children. */
export const MAX_NODE_BYTES = 5 + 16 * (8 + HASH_LENGTH);

/** Encodes a node for storage. */
export function encodeNode(node: TreeNode): Uint8Array {
  const out = new Uint8Array(MAX_NODE_BYTES);
  return out.slice(0, encodeNodeInto(node, out, 0));
}

/**
 * Writes the encoding of `node` into `out` at `at` (room for MAX_NODE_BYTES needed) and returns
 * its length. PERF: the sqlite store encodes a chunk of nodes into one reused buffer (sqlite
 * copies bound blobs) instead of allocating an off-heap buffer per node.
 */
export function encodeNodeInto(node: TreeNode, out: Uint8Array, at: number): number {
  if (node.kind === 'leaf') {
    out[at] = 0;
    out.set(node.keyHash, at + 1);
    out.set(node.valueHash, at + 1 + HASH_LENGTH);
    return 1 + 2 * HASH_LENGTH;
  }
  const start = at;
  out[at] = 1;
  out[at + 1] = node.present >>> 8;
  out[at + 2] = node.present & 0xff;
  out[at + 3] = node.leaves >>> 8;
  out[at + 4] = node.leaves & 0xff;
  at += 5;
  for (let i = 0; i < 16; i++) {
    if (!(node.present & (1 << i))) continue;
    const v = node.versions[i]!;
    writeU32(out, at, Math.floor(v / TWO_32));
    writeU32(out, at + 4, v >>> 0);
    out.set(childHash(node, i), at + 8);
    at += 8 + HASH_LENGTH;
  }
  return at - start;
}

function writeU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Decodes a stored node; STATE_STORE_CORRUPT when the bytes are not one. */
export function decodeNode(bytes: Uint8Array): TreeNode {
  if (bytes[0] === 0 && bytes.length === 1 + 2 * HASH_LENGTH) {
    return { kind: 'leaf', keyHash: bytes.slice(1, 33), valueHash: bytes.slice(33, 65) };
  }
  // PERF: big-endian reads by shifts, not a DataView per node read.
  if (bytes[0] === 1 && bytes.length >= 5) {
    const present = (bytes[1]! << 8) | bytes[2]!;
    const leaves = (bytes[3]! << 8) | bytes[4]!;
    const node = emptyInternal();
    let at = 5;
    for (let i = 0; i < 16; i++) {
      if (!(present & (1 << i))) continue;
      if (at + 8 + HASH_LENGTH > bytes.length) break;
      const version = readU32(bytes, at) * TWO_32 + readU32(bytes, at + 4);
      const hash = bytes.subarray(at + 8, at + 8 + HASH_LENGTH);
      setChild(node, i, { version, hash, leaf: (leaves & (1 << i)) !== 0 });
      at += 8 + HASH_LENGTH;
    }
    if (at === bytes.length && node.present === present && (leaves & ~present) === 0) return node;
  }
  throw new StateError('STATE_STORE_CORRUPT', 'undecodable node', { length: bytes.length });
}
