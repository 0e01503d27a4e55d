/** The snapshot protocol's message codec: round trips and coded refusals of other shapes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from '@djchain/crypto';
import { childPrefix, ROOT_PREFIX } from '@djchain/state';
import { isNodeError } from '../src/index.ts';
import {
  decodeSnapshotRequest,
  decodeSnapshotResponse,
  encodeSnapshotRequest,
  encodeSnapshotResponse,
  type SnapshotRequest,
  type SnapshotResponse,
} from '../src/sync/snapshot-protocol.ts';

const bad = (e: unknown) => isNodeError(e, 'NODE_BAD_MESSAGE');

describe('snapshot protocol codec', () => {
  it('requests and responses round-trip', () => {
    const requests: SnapshotRequest[] = [
      { kind: 'manifest', height: 7 },
      { kind: 'chunk', height: 7, prefix: childPrefix(childPrefix(ROOT_PREFIX, 1), 0) },
      { kind: 'chunk', height: 7, prefix: ROOT_PREFIX },
      { kind: 'base', height: 1 },
    ];
    for (const r of requests) assert.deepEqual(decodeSnapshotRequest(encodeSnapshotRequest(r)), r);
    const responses: SnapshotResponse[] = [
      { kind: 'manifest', manifest: Uint8Array.of(1, 2) },
      { kind: 'chunk', chunk: Uint8Array.of(3) },
      {
        kind: 'base',
        block: Uint8Array.of(4),
        commit: Uint8Array.of(5),
        receipts: [Uint8Array.of(6), Uint8Array.of(7)],
        validators: [Uint8Array.of(8), Uint8Array.of(9)],
      },
      { kind: 'error', code: 'NODE_SNAPSHOT_UNAVAILABLE', message: 'no block at this height' },
    ];
    for (const r of responses) assert.deepEqual(decodeSnapshotResponse(encodeSnapshotResponse(r)), r);
  });

  it('refuses other shapes with NODE_BAD_MESSAGE', () => {
    assert.throws(() => decodeSnapshotRequest(Uint8Array.of(0xff)), bad);
    assert.throws(() => decodeSnapshotRequest(encode({ kind: 'peers', height: 1 })), bad);
    assert.throws(() => decodeSnapshotRequest(encode({ kind: 'manifest', height: -1 })), bad);
    assert.throws(() => decodeSnapshotRequest(encode({ kind: 'manifest', height: 1, extra: 0 })), bad);
    assert.throws(
      () => decodeSnapshotRequest(encode({ kind: 'chunk', height: 1, bits: 2, prefix: Uint8Array.of(0xff) })),
      bad,
    );
    assert.throws(() => decodeSnapshotResponse(encode({ kind: 'chunk' })), bad);
    // Base answers without the two validator sets; the second's receipt is not bytes either.
    const base = (receipts: number[]) =>
      encode({ kind: 'base', block: Uint8Array.of(1), commit: Uint8Array.of(1), receipts, validators: [] });
    assert.throws(() => decodeSnapshotResponse(base([])), bad);
    assert.throws(() => decodeSnapshotResponse(base([1])), bad);
  });
});
