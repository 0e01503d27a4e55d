/**
 * Read sessions: a single-use challenge, a signature over it by the reader's key, then a random
 * bearer token bound to that key for a bounded time. Both tables are bounded overall and per
 * client address, so no client can crowd out the others or grow the node's memory; expired
 * entries are swept before anything is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sessionSignBytes } from '@djchain/client';
import { fromHex, type Suite } from '@djchain/crypto';
import { addressOf } from '@djchain/ledger';
import type { Scope } from './access.ts';
import { ApiError } from './errors.ts';

export interface SessionOptions {
  /** Longest session; a client asking for more gets this. */
  readonly ttlMs: number;
  /** How long a challenge may be answered. */
  readonly challengeTtlMs: number;
  readonly maxSessions: number;
  readonly maxChallenges: number;
  /** Sessions and open challenges per client address (each). */
  readonly perClient: number;
  /** The wall clock (tests give their own). */
  readonly now: () => number;
}

export const defaultSessionOptions: SessionOptions = {
  ttlMs: 30 * 60_000,
  challengeTtlMs: 60_000,
  maxSessions: 10_000,
  maxChallenges: 10_000,
  perClient: 32,
  now: () => Date.now(),
};

export interface Session {
  readonly address: string;
  readonly expiresAt: number;
  readonly client: string;
  /** The scope as of a height (recomputed when the chain moves: posts change). */
  cached?: { readonly height: number; readonly scope: Scope };
}

interface Challenge {
  readonly expiresAt: number;
  readonly client: string;
}

export class Sessions {
  readonly opts: SessionOptions;
  private readonly suite: Suite;
  private readonly chainId: string;
  private readonly challenges = new Map<string, Challenge>();
  private readonly sessions = new Map<string, Session>();

  constructor(suite: Suite, chainId: string, opts: Partial<SessionOptions> = {}) {
    this.suite = suite;
    this.chainId = chainId;
    this.opts = { ...defaultSessionOptions, ...opts };
  }

  size(): number {
    return this.sessions.size;
  }

  challenge(client: string): { nonce: string; expiresAt: number } {
    const now = this.opts.now();
    this.sweep(now);
    if (
      this.challenges.size >= this.opts.maxChallenges ||
      count(this.challenges.values(), client) >= this.opts.perClient
    )
      throw new ApiError('AUTH_TOO_MANY', undefined, { what: 'challenges' });
    const nonce = randomBytes(32).toString('hex');
    const expiresAt = now + this.opts.challengeTtlMs;
    this.challenges.set(nonce, { expiresAt, client });
    return { nonce, expiresAt };
  }

  /** Verifies the signed challenge and opens a session for the signing key. */
  open(
    client: string,
    body: { publicKey: string; nonce: string; expiry: number; signature: string },
  ): { token: string; address: string; expiresAt: number } {
    const now = this.opts.now();
    this.sweep(now);
    const ch = this.challenges.get(body.nonce);
    // Single use whatever happens next: a refused signature cannot be retried on the same nonce.
    this.challenges.delete(body.nonce);
    if (!ch || ch.expiresAt < now) throw new ApiError('AUTH_CHALLENGE_UNKNOWN');
    if (body.expiry <= now) throw new ApiError('AUTH_SIGNATURE_INVALID', 'the expiry has passed');
    let ok = false;
    let publicKey: Uint8Array | undefined;
    try {
      publicKey = fromHex(body.publicKey);
      const msg = sessionSignBytes({ chainId: this.chainId, nonce: body.nonce, expiry: body.expiry });
      ok = this.suite.verify(publicKey, msg, fromHex(body.signature));
    } catch {
      ok = false;
    }
    if (!ok || !publicKey) throw new ApiError('AUTH_SIGNATURE_INVALID');
    if (
      this.sessions.size >= this.opts.maxSessions ||
      count(this.sessions.values(), client) >= this.opts.perClient
    )
      throw new ApiError('AUTH_TOO_MANY', undefined, { what: 'sessions' });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = Math.min(body.expiry, now + this.opts.ttlMs);
    const address = addressOf(this.suite, publicKey);
    this.sessions.set(token, { address, expiresAt, client });
    return { token, address, expiresAt };
  }

  /** The live session of a token, or undefined (unknown, ended or expired). */
  get(token: string): Session | undefined {
    const s = this.sessions.get(token);
    if (!s) return undefined;
    if (s.expiresAt < this.opts.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }

  end(token: string): boolean {
    return this.sessions.delete(token);
  }

  private sweep(now: number): void {
    for (const [k, c] of this.challenges) if (c.expiresAt < now) this.challenges.delete(k);
    for (const [k, s] of this.sessions) if (s.expiresAt < now) this.sessions.delete(k);
  }
}

function count(values: Iterable<{ client: string }>, client: string): number {
  let n = 0;
  for (const v of values) if (v.client === client) n++;
  return n;
}

/** Constant-time comparison of a presented token with the operator's. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
