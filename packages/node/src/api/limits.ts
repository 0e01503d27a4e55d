/**
 * What one client can take from the API: connections (in all and per client address), the time a
 * request may take to arrive, and writes per time window. Event-stream slots per client are the
 * EventHub's (maxClientsPerClient). Behind a proxy the proxy is one client address: give it
 * `trustProxy` for the write budget, and let it enforce its own per-client connection limits.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from './errors.ts';

export interface ConnectionLimits {
  /** The whole request, headers and body, must arrive within this. */
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** How often the server looks for requests past their time (node's connectionsCheckingInterval). */
  readonly checkIntervalMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is closed (event streams send heartbeats). */
  readonly idleTimeoutMs: number;
  readonly maxRequestsPerSocket: number;
  readonly maxConnections: number;
  readonly maxConnectionsPerClient: number;
  /**
   * Peers the per-client connection cap does not apply to: the web server on this machine carries
   * many residents' requests and event streams (the total cap still applies).
   */
  readonly proxyPeers: readonly string[];
  /** POST and DELETE requests per client per window. */
  readonly writesPerWindow: number;
  readonly writeWindowMs: number;
  /** The wall clock (tests give their own). */
  readonly now: () => number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  // fastify's own default: longer than the clients' keep-alive (undici 4 s), so a client never
  // reuses a connection the server is closing at that moment (a POST is not retried).
  keepAliveTimeoutMs: 72_000,
  idleTimeoutMs: 60_000,
  maxRequestsPerSocket: 1000,
  maxConnections: 2000,
  maxConnectionsPerClient: 64,
  proxyPeers: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
  writesPerWindow: 600,
  writeWindowMs: 60_000,
  now: () => Date.now(),
};

/** Caps connections in all (server.maxConnections) and per peer address (closing the extra ones at once). */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (limits.proxyPeers.includes(peer)) return;
    const n = (open.get(peer) ?? 0) + 1;
    if (n > limits.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    open.set(peer, n);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left <= 0) open.delete(peer);
      else open.set(peer, left);
    });
  });
}

/** A fixed window of writes per client; the table is swept when it grows. */
export class WriteLimiter {
  private readonly limits: ConnectionLimits;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(limits: ConnectionLimits) {
    this.limits = limits;
  }

  take(client: string): void {
    const now = this.limits.now();
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows)
        if (now - w.start >= this.limits.writeWindowMs) this.windows.delete(k);
    }
    let w = this.windows.get(client);
    if (!w || now - w.start >= this.limits.writeWindowMs) {
      w = { start: now, count: 0 };
      this.windows.set(client, w);
    }
    if (w.count >= this.limits.writesPerWindow)
      throw new ApiError('RATE_LIMITED', undefined, {
        retryAfterMs: w.start + this.limits.writeWindowMs - now,
      });
    w.count++;
  }
}
