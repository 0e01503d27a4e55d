/** Building a binary Merkle path for a key by walking the 16-ary tree of one version. */
import type { NodeReader } from './batch.ts';
import { StateError } from './errors.ts';
import { nibbleAt } from './hash.ts';
import { ensureHeap, heapHash } from './internal-node.ts';
import type { Hasher, Proof, RootRecord } from './types.ts';

const HEX = '0123456789abcdef';

/** The proof for `keyHash` against `root`: of inclusion when the key is present, else of absence. */
export function buildProof(hasher: Hasher, read: NodeReader, root: RootRecord, keyHash: Uint8Array): Proof {
  const siblings: Uint8Array[] = [];
  if (root.nodeVersion === null) return { siblings, leaf: null };
  let node = read(root.nodeVersion, '');
  let path = '';
  for (let depth = 0; ; depth++) {
    if (node.kind === 'leaf') return { siblings, leaf: { keyHash: node.keyHash, valueHash: node.valueHash } };
    ensureHeap(hasher, node);
    const counts = node.counts;
    const nib = nibbleAt(keyHash, depth);
    let p = 1;
    for (let b = 3; b >= 0; b--) {
      const bit = (nib >> b) & 1;
      const sib = 2 * p + (1 - bit);
      p = 2 * p + bit;
      siblings.push(heapHash(node, sib).slice());
      if (counts[p] === 0) return { siblings, leaf: null };
      if (counts[p] === 1) {
        // One leaf under this binary position: the path ends at it.
        while (p < 16) p = counts[2 * p] === 1 ? 2 * p : 2 * p + 1;
        break;
      }
    }
    const child = p - 16;
    const childPath = path + HEX[child];
    const next = read(node.versions[child]!, childPath);
    if ((counts[p] === 1) !== (next.kind === 'leaf')) {
      throw new StateError('STATE_STORE_CORRUPT', 'node kind differs from its parent slot', {
        path: childPath,
      });
    }
    node = next;
    path = childPath;
  }
}
