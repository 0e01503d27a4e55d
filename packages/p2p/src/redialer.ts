/**
 * Keeps one configured address connected: dials, and after a failure or a lost connection dials
 * again with exponential backoff capped at `maxMs`. Idle while the peer is connected by any route
 * (it may have dialed us).
 */
import type { PeerAddress } from './options.ts';

export interface RedialHost {
  dial(host: string, port: number, expectedPeerId?: string): Promise<string>;
  isConnected(peerId: string): boolean;
}

export class Redialer {
  readonly address: PeerAddress;
  readonly #host: RedialHost;
  readonly #baseMs: number;
  readonly #maxMs: number;
  #knownId: string | undefined;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  #dialing = false;
  #stopped = false;

  constructor(address: PeerAddress, host: RedialHost, baseMs: number, maxMs: number) {
    this.address = address;
    this.#host = host;
    this.#baseMs = baseMs;
    this.#maxMs = maxMs;
    this.#knownId = address.id?.toLowerCase();
  }

  /** Consecutive failed attempts since the last success (exposed for stats). */
  get failures(): number {
    return this.#failures;
  }

  start(): void {
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Called by the node when a peer went down; redials if it is ours. */
  peerDown(peerId: string): void {
    if (peerId === this.#knownId) this.#schedule(this.#delay());
  }

  #delay(): number {
    // Exponential backoff with up to 25% jitter so restarted nodes do not redial in lockstep.
    const exp = Math.min(this.#maxMs, this.#baseMs * 2 ** Math.min(this.#failures, 30));
    return Math.round(exp * (0.75 + 0.25 * Math.random()));
  }

  #schedule(ms: number): void {
    if (this.#stopped || this.#dialing) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#attempt(), ms);
  }

  async #attempt(): Promise<void> {
    if (this.#stopped || this.#dialing) return;
    if (this.#knownId !== undefined && this.#host.isConnected(this.#knownId)) return;
    this.#dialing = true;
    try {
      this.#knownId = await this.#host.dial(this.address.host, this.address.port, this.address.id);
      this.#failures = 0;
      this.#dialing = false;
      // It may have dropped already (e.g. lost a duplicate tie-break to a connection now gone).
      if (!this.#host.isConnected(this.#knownId)) this.#schedule(this.#delay());
    } catch {
      this.#failures++;
      this.#dialing = false;
      this.#schedule(this.#delay());
    }
  }
}
