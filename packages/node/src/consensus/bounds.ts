/**
 * The driver's bounded memories (issue 9, fault 4): every buffer fed by peers is bounded in bytes
 * with a per-owner share, so one faulty validator or peer can fill only its own share; failed block
 * validations are remembered so a repeated junk block costs nothing; peers sending invalid
 * messages are scored and ignored for a while.
 */
import type { SignedVote } from '@djchain/ledger';

/** Bytes charged per signed vote beyond its signature (key string, fields, object headers). */
const VOTE_ENTRY_BYTES = 256;

/**
 * Signed votes of the current height by vote key (time included), bounded in bytes in total and
 * per validator. This node's own votes are always kept: the certificate and re-gossip need them.
 */
export class VoteCache {
  private readonly entries = new Map<string, { vote: SignedVote; owner: string; bytes: number }>();
  private readonly perOwner = new Map<string, number>();
  private total = 0;
  private readonly maxBytes: number;
  private readonly self: string;

  constructor(maxBytes: number, self: string) {
    this.maxBytes = maxBytes;
    this.self = self;
  }

  get(key: string): SignedVote | undefined {
    return this.entries.get(key)?.vote;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps `vote` unless its owner's share (maxBytes / validators) or the total is used up. */
  set(key: string, owner: string, vote: SignedVote, validators: number): boolean {
    if (this.entries.has(key)) return true;
    const bytes = VOTE_ENTRY_BYTES + key.length + vote.signature.length;
    const used = this.perOwner.get(owner) ?? 0;
    const share = Math.floor(this.maxBytes / Math.max(1, validators));
    if (owner !== this.self && (used + bytes > share || this.total + bytes > this.maxBytes)) return false;
    this.entries.set(key, { vote, owner, bytes });
    this.perOwner.set(owner, used + bytes);
    this.total += bytes;
    return true;
  }

  /** Bytes held (for tests and metrics). */
  bytes(): number {
    return this.total;
  }

  clear(): void {
    this.entries.clear();
    this.perOwner.clear();
    this.total = 0;
  }
}

/** Messages for the next height, bounded in bytes in total and per sending peer. */
export class FutureBuffer<M> {
  private items: Array<{ msg: M; from: string; bytes: number }> = [];
  private readonly perPeer = new Map<string, number>();
  private total = 0;
  private readonly maxBytes: number;
  private readonly maxPeerBytes: number;

  constructor(maxBytes: number, maxPeerBytes: number) {
    this.maxBytes = maxBytes;
    this.maxPeerBytes = maxPeerBytes;
  }

  /** Keeps the message when both bounds allow; a dropped one comes back by re-gossip. */
  push(msg: M, from: string, bytes: number): boolean {
    const used = this.perPeer.get(from) ?? 0;
    if (used + bytes > this.maxPeerBytes || this.total + bytes > this.maxBytes) return false;
    this.items.push({ msg, from, bytes });
    this.perPeer.set(from, used + bytes);
    this.total += bytes;
    return true;
  }

  bytes(): number {
    return this.total;
  }

  /** Everything buffered, in arrival order; the buffer is empty afterwards. */
  drain(): Array<{ msg: M; from: string }> {
    const out = this.items.map(({ msg, from }) => ({ msg, from }));
    this.items = [];
    this.perPeer.clear();
    this.total = 0;
    return out;
  }
}

/** A set of keys with a fixed capacity; the oldest key leaves first. */
export class BoundedSet {
  private readonly keys = new Set<string>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys.has(key)) return;
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.values().next().value!);
    this.keys.add(key);
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * Misbehaviour per peer: each invalid message adds to the peer's score; at `limit` its messages are
 * ignored until the score has decayed (halved at every `decay`, the driver's gossip tick). Bounded:
 * at most `maxPeers` peers are tracked (peers are admitted by the registry, so few).
 */
export class PeerScores {
  private readonly scores = new Map<string, number>();
  private readonly limit: number;
  private readonly maxPeers: number;

  constructor(limit: number, maxPeers = 1024) {
    this.limit = limit;
    this.maxPeers = maxPeers;
  }

  penalize(peer: string, points = 1): void {
    if (!this.scores.has(peer) && this.scores.size >= this.maxPeers) return;
    this.scores.set(peer, Math.min(this.limit * 4, (this.scores.get(peer) ?? 0) + points));
  }

  ignored(peer: string): boolean {
    return (this.scores.get(peer) ?? 0) >= this.limit;
  }

  score(peer: string): number {
    return this.scores.get(peer) ?? 0;
  }

  decay(): void {
    for (const [peer, s] of this.scores) {
      const next = Math.floor(s / 2);
      if (next === 0) this.scores.delete(peer);
      else this.scores.set(peer, next);
    }
  }
}

/**
 * Block batches sent per peer in answer to `status` messages: at most `perWindow` batches per
 * window and never the same starting height twice in one window, so a peer claiming a low height
 * over and over cannot make this node re-send blocks without bound.
 */
export class SyncLimiter {
  private readonly peers = new Map<string, { start: number; count: number; froms: Set<number> }>();
  private readonly windowMs: number;
  private readonly perWindow: number;

  constructor(windowMs: number, perWindow: number) {
    this.windowMs = windowMs;
    this.perWindow = perWindow;
  }

  allow(peer: string, from: number, now: number): boolean {
    let p = this.peers.get(peer);
    if (p === undefined || now - p.start >= this.windowMs || now < p.start) {
      if (this.peers.size >= 1024) this.peers.clear();
      p = { start: now, count: 0, froms: new Set() };
      this.peers.set(peer, p);
    }
    if (p.count >= this.perWindow || p.froms.has(from)) return false;
    p.count++;
    p.froms.add(from);
    return true;
  }
}
