/** P2PNode options, their defaults and the start-up validation. */
import type { Suite } from '@djchain/crypto';
import { Channel, isAppChannel } from './channels.ts';
import { P2PError } from './errors.ts';
import { MESSAGE_OVERHEAD } from './send-queue.ts';

/** A node to keep connected to (redialed with capped backoff); `id` pins its identity key (hex). */
export interface PeerAddress {
  readonly host: string;
  readonly port: number;
  readonly id?: string;
}

export interface P2POptions {
  /** The chain id; nodes of different chains refuse each other at the handshake. */
  readonly chainId: string;
  /** The chain's crypto suite (signatures, hash, AEAD). */
  readonly suite: Suite;
  /** Our static identity secret key in the suite; its public key (hex) is our peer id. */
  readonly identity: Uint8Array;
  /** Where to accept connections; null for dial-only nodes. Port 0 picks a free port. */
  readonly listen: { readonly host: string; readonly port: number } | null;
  /** Identity public keys (hex) allowed to connect: the node registry. Empty refuses everyone. */
  readonly allowedPeers: readonly string[];
  /** Nodes to keep connected to. */
  readonly peers: readonly PeerAddress[];
  /** Largest message payload, in bytes; larger inbound frames close the connection. */
  readonly maxFrameBytes: number;
  /** Per-peer send queue limits; past them droppable messages go, then the peer. */
  readonly maxQueueBytes: number;
  readonly maxQueueMessages: number;
  /** Channels whose messages may be dropped under pressure (gossip that is re-sent anyway). */
  readonly droppableChannels: readonly number[];
  readonly handshakeTimeoutMs: number;
  /** Largest handshake message, in bytes. */
  readonly maxHandshakeBytes: number;
  /** Connections still in the handshake beyond this are refused (unauthenticated resource use). */
  readonly maxPendingHandshakes: number;
  readonly redialBaseMs: number;
  readonly redialMaxMs: number;
  /** TCP keep-alive probe delay, so a vanished peer is noticed. */
  readonly keepAliveMs: number;
}

type Required = 'chainId' | 'suite' | 'identity';
/** What the constructor takes: the three required fields, anything else overrides a default. */
export type P2PInit = Pick<P2POptions, Required> & Partial<Omit<P2POptions, Required>>;

export const defaultP2POptions: Omit<P2POptions, Required> = {
  listen: null,
  allowedPeers: [],
  peers: [],
  maxFrameBytes: 8 * 1024 * 1024,
  maxQueueBytes: 32 * 1024 * 1024,
  maxQueueMessages: 20_000,
  droppableChannels: [Channel.mempool],
  handshakeTimeoutMs: 5_000,
  maxHandshakeBytes: 1024,
  maxPendingHandshakes: 64,
  redialBaseMs: 200,
  redialMaxMs: 10_000,
  keepAliveMs: 15_000,
};

const HEX_KEY = /^[0-9a-f]{2,256}$/i;

function positiveInt(problems: string[], name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v <= 0) problems.push(`${name} must be a positive integer (got ${v})`);
}

/** Defaults filled in and every field checked; throws P2P_BAD_OPTIONS listing all problems. */
export function resolveOptions(init: P2PInit): P2POptions {
  const o: P2POptions = { ...defaultP2POptions, ...init };
  const problems: string[] = [];
  if (typeof o.chainId !== 'string' || o.chainId.length === 0)
    problems.push('chainId must be a non-empty string');
  if (o.suite === undefined || typeof o.suite.sign !== 'function')
    problems.push('suite must be a crypto Suite');
  if (!(o.identity instanceof Uint8Array) || o.identity.length !== 32)
    problems.push('identity must be 32 bytes');
  if (o.listen !== null) {
    if (typeof o.listen.host !== 'string' || o.listen.host.length === 0)
      problems.push('listen.host must be set');
    if (!Number.isInteger(o.listen.port) || o.listen.port < 0 || o.listen.port > 65535)
      problems.push('listen.port must be 0..65535');
  }
  for (const id of o.allowedPeers) if (!HEX_KEY.test(id)) problems.push(`allowedPeers: not a hex key: ${id}`);
  for (const p of o.peers) {
    if (!Number.isInteger(p.port) || p.port <= 0 || p.port > 65535)
      problems.push(`peers: bad port ${p.port}`);
    if (p.id !== undefined && !HEX_KEY.test(p.id)) problems.push(`peers: not a hex key: ${p.id}`);
  }
  for (const c of o.droppableChannels)
    if (!isAppChannel(c)) problems.push(`droppableChannels: bad channel ${c}`);
  for (const k of [
    'maxFrameBytes',
    'maxQueueBytes',
    'maxQueueMessages',
    'handshakeTimeoutMs',
    'maxHandshakeBytes',
    'maxPendingHandshakes',
    'redialBaseMs',
    'redialMaxMs',
    'keepAliveMs',
  ] as const) {
    positiveInt(problems, k, o[k]);
  }
  if (o.maxFrameBytes > 0xffff_ffff - 64) problems.push('maxFrameBytes must fit the 4-byte length header');
  if (o.maxQueueBytes < o.maxFrameBytes + MESSAGE_OVERHEAD)
    problems.push('maxQueueBytes must hold at least one frame of maxFrameBytes');
  if (o.redialMaxMs < o.redialBaseMs) problems.push('redialMaxMs must be at least redialBaseMs');
  if (problems.length > 0) throw new P2PError('P2P_BAD_OPTIONS', problems.join('; '), { problems });
  return o;
}
