/**
 * Rebuilding a state version from verified snapshot chunks. The result is an ordinary version of
 * an otherwise empty store: the same nodes the tree would build from these keys, so the importing
 * node serves values and proofs from that version on, and continues with version + 1.
 */
import { type BatchResult, computeBatch } from './batch.ts';
import { StateError } from './errors.ts';
import { bytesEqual, checkHasher, ZERO_HASH } from './hash.ts';
import { SnapshotError } from './snapshot-errors.ts';
import { coversSpaceOnce, prefixToString } from './snapshot-prefix.ts';
import type { SnapshotChunk } from './snapshot-types.ts';
import { checkSnapshotChunk } from './snapshot-verify.ts';
import type { StateTree } from './tree.ts';
import type { Hasher } from './types.ts';

/**
 * The node batch of version `version` holding exactly the chunks' entries, after checking that
 * every chunk proves against `root` and that their prefixes cover the key-hash space once.
 * Pure: nothing is read or written. Commit the batch (StateTree.commit) into an empty store.
 */
export function prepareSnapshotImport(
  hasher: Hasher,
  version: number,
  root: Uint8Array,
  chunks: readonly SnapshotChunk[],
): BatchResult {
  checkHasher(hasher);
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new StateError('STATE_BAD_INPUT', 'version must be a non-negative integer', { version });
  }
  chunks.forEach((chunk, index) => {
    if (chunk.version !== version) {
      throw new SnapshotError('STATE_SNAPSHOT_CHUNK_INVALID', 'chunk is for another version', {
        index,
        version: chunk.version,
      });
    }
    const check = checkSnapshotChunk(hasher, root, chunk);
    if (!check.ok) {
      throw new SnapshotError('STATE_SNAPSHOT_CHUNK_INVALID', check.reason, {
        index,
        prefix: prefixToString(chunk.prefix),
      });
    }
  });
  if (!coversSpaceOnce(chunks.map((c) => c.prefix))) {
    throw new SnapshotError(
      'STATE_SNAPSHOT_INCOMPLETE',
      'chunk prefixes do not cover the key space exactly once',
      {
        chunks: chunks.length,
      },
    );
  }
  const writes: Array<readonly [Uint8Array, Uint8Array]> = [];
  for (const c of chunks) for (const e of c.entries) writes.push([e.key, e.value]);
  const noReads = (v: number, path: string): never => {
    throw new StateError('STATE_NODE_MISSING', 'an import reads no nodes', { version: v, path });
  };
  const result = computeBatch(hasher, noReads, { nodeVersion: null, hash: ZERO_HASH }, version, writes);
  if (!bytesEqual(result.root, root)) {
    throw new SnapshotError('STATE_SNAPSHOT_ROOT_MISMATCH', 'rebuilt root differs from the expected root', {
      version,
    });
  }
  return result;
}

/**
 * Verifies `chunks` against `root` and commits them as version `version` of `tree`, whose store
 * must be empty. Returns the root. In a node, prefer `prepareSnapshotImport` and commit the batch
 * in the same database transaction as the block metadata.
 */
export function importSnapshot(
  hasher: Hasher,
  tree: StateTree,
  version: number,
  root: Uint8Array,
  chunks: readonly SnapshotChunk[],
): Uint8Array {
  const held = tree.versions();
  if (held !== undefined) {
    throw new SnapshotError('STATE_SNAPSHOT_TARGET_NOT_EMPTY', 'a snapshot is imported into an empty store', {
      ...held,
    });
  }
  const { root: rebuilt, nodeBatch } = prepareSnapshotImport(hasher, version, root, chunks);
  tree.commit(nodeBatch);
  return rebuilt;
}
