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

/** Encodes a node for storage. */
export function encodeNode(node: TreeNode): Uint8Array {
  if (node.kind === 'leaf') {
    const out = new Uint8Array(1 + 2 * HASH_LENGTH);
    out.set(node.keyHash, 1);
    out.set(node.valueHash, 1 + HASH_LENGTH);
    return out;
  }
  let n = 0;
  for (let m = node.present; m !== 0; m &= m - 1) n++;
  const out = new Uint8Array(5 + n * (8 + HASH_LENGTH));
  const view = new DataView(out.buffer);
  out[0] = 1;
  view.setUint16(1, node.present);
  view.setUint16(3, node.leaves);
  let at = 5;
  for (let i = 0; i < 16; i++) {
    if (!(node.present & (1 << i))) continue;
    const v = node.versions[i]!;
    view.setUint32(at, Math.floor(v / TWO_32));
    view.setUint32(at + 4, v >>> 0);
    out.set(childHash(node, i), at + 8);
    at += 8 + HASH_LENGTH;
  }
  return out;
}

/** Decodes a stored node; STATE_STORE_CORRUPT when the bytes are not one. */
export function decodeNode(bytes: Uint8Array): TreeNode {
  if (bytes[0] === 0 && bytes.length === 1 + 2 * HASH_LENGTH) {
    return { kind: 'leaf', keyHash: bytes.slice(1, 33), valueHash: bytes.slice(33, 65) };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 1 && bytes.length >= 5) {
    const present = view.getUint16(1);
    const leaves = view.getUint16(3);
    const node = emptyInternal();
    let at = 5;
    for (let i = 0; i < 16; i++) {
      if (!(present & (1 << i))) continue;
      if (at + 8 + HASH_LENGTH > bytes.length) break;
      const version = view.getUint32(at) * TWO_32 + view.getUint32(at + 4);
      const hash = bytes.subarray(at + 8, at + 8 + HASH_LENGTH);
      setChild(node, i, { version, hash, leaf: (leaves & (1 << i)) !== 0 });
      at += 8 + HASH_LENGTH;
    }
    if (at === bytes.length && node.present === present && (leaves & ~present) === 0) return node;
  }
  throw new StateError('STATE_STORE_CORRUPT', 'undecodable node', { length: bytes.length });
}
