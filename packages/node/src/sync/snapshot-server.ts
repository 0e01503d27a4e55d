/**
 * Serving snapshots: the answer to one request of the snapshot protocol, read from the chain
 * store. Any height whose state version and block the store still hold can be served; the
 * version's sorted keys are kept for the last height asked (one export per store).
 */
import type { Suite } from '@djchain/crypto';
import { encodeBlock, encodeCommit, encodeReceipt, encodeValidatorSet } from '@djchain/ledger';
import {
  encodeSnapshotChunk,
  encodeSnapshotManifest,
  isSnapshotError,
  SnapshotExport,
  type SnapshotExportOptions,
} from '@djchain/state';
import { isNodeError } from '../errors.ts';
import type { ChainStore } from '../storage/chain-store.ts';
import { validatorsAt } from './snapshot-base.ts';
import {
  decodeSnapshotRequest,
  encodeSnapshotResponse,
  type SnapshotRequest,
  type SnapshotResponse,
} from './snapshot-protocol.ts';

/** Serving limits. */
export interface SnapshotServeOptions extends SnapshotExportOptions {
  /** Largest chunk (keys and values) served for a requested prefix; larger ones are refused. */
  readonly maxServedChunkBytes?: number;
}

/** Default: chunks planned at 1 MiB, any requested prefix served up to 4 MiB (p2p frames are 8 MiB). */
export const defaultSnapshotServeOptions = { maxServedChunkBytes: 4 << 20 } as const;

/** The store and the chain's suite (its hash is the state tree's). */
export interface SnapshotServeSource {
  readonly store: ChainStore;
  readonly suite: Suite;
}

// One export per store, of the last height asked: every syncing peer asks for the same recent one.
const exports = new WeakMap<ChainStore, SnapshotExport>();

/** The height whose snapshot this store serves now (the pruner keeps its state version). */
export function servedSnapshotHeight(store: ChainStore): number | undefined {
  return exports.get(store)?.version;
}

function exportAt(src: SnapshotServeSource, height: number, opts: SnapshotServeOptions): SnapshotExport {
  const hit = exports.get(src.store);
  if (hit && hit.version === height) return hit;
  const hasher = (d: Uint8Array) => src.suite.hash(d);
  const exp = new SnapshotExport({ hasher, store: src.store.nodes }, height, opts);
  exports.set(src.store, exp);
  return exp;
}

function answer(
  src: SnapshotServeSource,
  req: SnapshotRequest,
  opts: SnapshotServeOptions,
): SnapshotResponse {
  const store = src.store;
  const block = req.height >= 1 ? store.blocks.getBlock(req.height) : undefined;
  if (!block) return { kind: 'error', code: 'NODE_SNAPSHOT_UNAVAILABLE', message: 'no block at this height' };
  switch (req.kind) {
    case 'manifest':
      return {
        kind: 'manifest',
        manifest: encodeSnapshotManifest(exportAt(src, req.height, opts).manifest()),
      };
    case 'chunk': {
      const exp = exportAt(src, req.height, opts);
      const max = opts.maxServedChunkBytes ?? defaultSnapshotServeOptions.maxServedChunkBytes;
      if (exp.sizeOf(req.prefix).bytes > max) {
        return { kind: 'error', code: 'NODE_SNAPSHOT_CHUNK_TOO_LARGE', message: 'ask for a longer prefix' };
      }
      return { kind: 'chunk', chunk: encodeSnapshotChunk(exp.chunk(req.prefix)) };
    }
    case 'base':
      return {
        kind: 'base',
        block: encodeBlock(block),
        commit: encodeCommit(store.blocks.getCommit(req.height)!),
        receipts: (store.blocks.getReceipts(req.height) ?? []).map(encodeReceipt),
        validators: [
          encodeValidatorSet(validatorsAt(store, req.height)),
          encodeValidatorSet(validatorsAt(store, req.height + 1)),
        ],
      };
  }
}

/**
 * The response bytes to one snapshot request. Never throws: a malformed request or a height the
 * store cannot serve is answered with an error response carrying a stable code.
 */
export function handleSnapshotRequest(
  src: SnapshotServeSource,
  bytes: Uint8Array,
  opts: SnapshotServeOptions = {},
): Uint8Array {
  let res: SnapshotResponse;
  try {
    res = answer(src, decodeSnapshotRequest(bytes), opts);
  } catch (e) {
    const code = isNodeError(e) || isSnapshotError(e) ? e.code : 'NODE_SNAPSHOT_FAILED';
    const message = isNodeError(e) || isSnapshotError(e) ? e.message : 'the snapshot could not be served';
    res = { kind: 'error', code, message: message.slice(0, 500) };
  }
  return encodeSnapshotResponse(res);
}
