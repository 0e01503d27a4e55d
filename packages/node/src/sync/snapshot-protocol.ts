/**
 * The snapshot protocol's messages ⇄ canonical CBOR bytes (p2p channel `snapshot`). One request,
 * one response. Peers are authenticated but not trusted: shapes are checked here, contents by the
 * syncer (every chunk against the trusted state root, the block against the trusted header).
 *
 * Requests: manifest(height) · chunk(height, prefix) · base(height).
 * Responses: manifest(bytes) · chunk(bytes) · base(block, commit, receipts, validator sets of
 * heights h and h+1) · error(code, message).
 */
import { decode, encode } from '@djchain/crypto';
import { Fields, MAX_BLOCK_TXS } from '@djchain/ledger';
import { isPrefix, type KeyHashPrefix } from '@djchain/state';
import { NodeError } from '../errors.ts';

export type SnapshotRequest =
  | { readonly kind: 'manifest'; readonly height: number }
  | { readonly kind: 'chunk'; readonly height: number; readonly prefix: KeyHashPrefix }
  | { readonly kind: 'base'; readonly height: number };

/** What a node needs besides the state to continue after height h (all checked against the header). */
export interface SnapshotBaseWire {
  /** encodeBlock of block h. */
  readonly block: Uint8Array;
  /** encodeCommit of block h's certificate. */
  readonly commit: Uint8Array;
  /** encodeReceipt of each of block h's receipts. */
  readonly receipts: readonly Uint8Array[];
  /** encodeValidatorSet of the sets of heights h and h+1 (state versions h-2 and h-1). */
  readonly validators: readonly [Uint8Array, Uint8Array];
}

export type SnapshotResponse =
  | { readonly kind: 'manifest'; readonly manifest: Uint8Array }
  | { readonly kind: 'chunk'; readonly chunk: Uint8Array }
  | ({ readonly kind: 'base' } & SnapshotBaseWire)
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export function encodeSnapshotRequest(r: SnapshotRequest): Uint8Array {
  if (r.kind === 'chunk') {
    return encode({ kind: r.kind, height: r.height, bits: r.prefix.bits, prefix: r.prefix.bytes });
  }
  return encode({ kind: r.kind, height: r.height });
}

function fields(bytes: Uint8Array, what: string): Fields {
  try {
    return new Fields('LEDGER_BAD_ENCODING', what, decode(bytes));
  } catch (e) {
    throw new NodeError('NODE_BAD_MESSAGE', `malformed ${what}: ${(e as Error).message}`);
  }
}

function checked<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NodeError) throw e;
    throw new NodeError('NODE_BAD_MESSAGE', `malformed ${what}: ${(e as Error).message}`);
  }
}

export function decodeSnapshotRequest(bytes: Uint8Array): SnapshotRequest {
  const f = fields(bytes, 'snapshot request');
  return checked('snapshot request', () => {
    const kind = f.str('kind', 16);
    const height = f.uint('height');
    let r: SnapshotRequest;
    if (kind === 'chunk') {
      const prefix = { bits: f.uint('bits'), bytes: f.bytes('prefix') };
      if (!isPrefix(prefix)) f.fail('prefix', 'not a canonical key-hash prefix');
      r = { kind, height, prefix };
    } else if (kind === 'manifest' || kind === 'base') r = { kind, height };
    else return f.fail('kind', `unknown request kind ${kind}`);
    f.done();
    return r;
  });
}

export function encodeSnapshotResponse(r: SnapshotResponse): Uint8Array {
  switch (r.kind) {
    case 'manifest':
      return encode({ kind: r.kind, manifest: r.manifest });
    case 'chunk':
      return encode({ kind: r.kind, chunk: r.chunk });
    case 'base':
      return encode({
        kind: r.kind,
        block: r.block,
        commit: r.commit,
        receipts: [...r.receipts],
        validators: [...r.validators],
      });
    case 'error':
      return encode({ kind: r.kind, code: r.code, message: r.message });
  }
}

export function decodeSnapshotResponse(bytes: Uint8Array): SnapshotResponse {
  const f = fields(bytes, 'snapshot response');
  return checked('snapshot response', () => {
    const kind = f.str('kind', 16);
    let r: SnapshotResponse;
    switch (kind) {
      case 'manifest':
        r = { kind, manifest: f.bytes('manifest') };
        break;
      case 'chunk':
        r = { kind, chunk: f.bytes('chunk') };
        break;
      case 'base': {
        const receipts = f.list('receipts', MAX_BLOCK_TXS).map((x) => bytesOf(x, 'receipt'));
        const sets = f.list('validators', 2).map((x) => bytesOf(x, 'validator set'));
        if (sets.length !== 2) f.fail('validators', 'must hold the sets of heights h and h+1');
        r = {
          kind,
          block: f.bytes('block'),
          commit: f.bytes('commit'),
          receipts,
          validators: [sets[0]!, sets[1]!],
        };
        break;
      }
      case 'error':
        r = { kind, code: f.str('code', 64), message: f.str('message', 512) };
        break;
      default:
        return f.fail('kind', `unknown response kind ${kind}`);
    }
    f.done();
    return r;
  });
}

function bytesOf(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new NodeError('NODE_BAD_MESSAGE', `${what} is not bytes`);
  return v;
}
