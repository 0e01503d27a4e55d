/**
 * An independent reference for the state vectors: the root of the binary sparse Merkle tree by its
 * definition (state README): key hash kh = H(key), leaf = H(0x00 ‖ kh ‖ H(value)),
 * node = H(0x01 ‖ left ‖ right) split on the next bit of kh, an empty subtree is 32 zero bytes and
 * a subtree with one leaf is that leaf. SHA-256 from node:crypto, SM3 from sm-crypto; nothing from src.
 */
import { createHash } from 'node:crypto';
import smCrypto from 'sm-crypto';

export type HashId = 'sha256' | 'sm3';

export function hashOf(id: HashId, data: Uint8Array): Uint8Array {
  if (id === 'sha256') return new Uint8Array(createHash('sha256').update(data).digest());
  return new Uint8Array(Buffer.from(smCrypto.sm3(Array.from(data)), 'hex'));
}

const bit = (h: Uint8Array, depth: number) => (h[depth >> 3]! >> (7 - (depth & 7))) & 1;

export function leafOf(
  id: HashId,
  key: Uint8Array,
  value: Uint8Array,
): { keyHash: Uint8Array; hash: Uint8Array } {
  const keyHash = hashOf(id, key);
  return { keyHash, hash: hashOf(id, Buffer.concat([Uint8Array.of(0), keyHash, hashOf(id, value)])) };
}

export function sparseRoot(id: HashId, pairs: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const go = (leaves: ReturnType<typeof leafOf>[], depth: number): Uint8Array => {
    if (leaves.length === 0) return new Uint8Array(32);
    if (leaves.length === 1) return leaves[0]!.hash;
    const left = go(
      leaves.filter((l) => bit(l.keyHash, depth) === 0),
      depth + 1,
    );
    const right = go(
      leaves.filter((l) => bit(l.keyHash, depth) === 1),
      depth + 1,
    );
    return hashOf(id, Buffer.concat([Uint8Array.of(1), left, right]));
  };
  return go(
    pairs.map(([k, v]) => leafOf(id, k, v)),
    0,
  );
}
