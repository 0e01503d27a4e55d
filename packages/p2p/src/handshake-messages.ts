/**
 * The handshake's messages as canonical CBOR maps (see README.md for the sequence). Decoding is
 * strict: anything but the expected shape is P2P_BAD_HANDSHAKE.
 */
import { decode, encode, type Value } from '@djchain/crypto';
import { P2PError } from './errors.ts';

export const PROTOCOL_VERSION = 1;

export type HandshakeMessage =
  | { t: 'hello'; v: number; chain: string; suite: string; e: Uint8Array }
  | { t: 'reply'; e: Uint8Array; box: Uint8Array }
  | { t: 'auth'; box: Uint8Array }
  | { t: 'reject'; code: string };

/** The sealed part of reply and auth: the sender's identity key and its transcript signature. */
export interface IdentityProof {
  pk: Uint8Array;
  sig: Uint8Array;
}

export function encodeMessage(m: HandshakeMessage): Uint8Array {
  return encode(m as unknown as Value);
}

function bad(what: string): P2PError {
  return new P2PError('P2P_BAD_HANDSHAKE', `malformed handshake message: ${what}`);
}

function asMap(body: Uint8Array): Record<string, Value> {
  let v: Value;
  try {
    v = decode(body);
  } catch {
    throw bad('not canonical CBOR');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array)
    throw bad('not a map');
  return v as Record<string, Value>;
}

function bytes(m: Record<string, Value>, key: string): Uint8Array {
  const v = m[key];
  if (!(v instanceof Uint8Array)) throw bad(`${key} must be bytes`);
  return v;
}

function text(m: Record<string, Value>, key: string): string {
  const v = m[key];
  if (typeof v !== 'string') throw bad(`${key} must be text`);
  return v;
}

function exactKeys(m: Record<string, Value>, keys: string[]): void {
  const have = Object.keys(m).sort();
  if (
    have.length !== keys.length ||
    !keys
      .slice()
      .sort()
      .every((k, i) => have[i] === k)
  ) {
    throw bad(`expected fields ${keys.join(',')}`);
  }
}

export function decodeMessage(body: Uint8Array): HandshakeMessage {
  const m = asMap(body);
  switch (m.t) {
    case 'hello': {
      exactKeys(m, ['t', 'v', 'chain', 'suite', 'e']);
      if (typeof m.v !== 'number') throw bad('v must be a number');
      return { t: 'hello', v: m.v, chain: text(m, 'chain'), suite: text(m, 'suite'), e: bytes(m, 'e') };
    }
    case 'reply':
      exactKeys(m, ['t', 'e', 'box']);
      return { t: 'reply', e: bytes(m, 'e'), box: bytes(m, 'box') };
    case 'auth':
      exactKeys(m, ['t', 'box']);
      return { t: 'auth', box: bytes(m, 'box') };
    case 'reject':
      exactKeys(m, ['t', 'code']);
      return { t: 'reject', code: text(m, 'code').slice(0, 64) };
    default:
      throw bad('unknown type');
  }
}

export function encodeProof(p: IdentityProof): Uint8Array {
  return encode({ pk: p.pk, sig: p.sig });
}

export function decodeProof(plain: Uint8Array): IdentityProof {
  const m = asMap(plain);
  exactKeys(m, ['pk', 'sig']);
  return { pk: bytes(m, 'pk'), sig: bytes(m, 'sig') };
}
