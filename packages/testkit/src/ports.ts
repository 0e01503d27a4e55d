/** Free loopback ports, a sleep and a bounded poll, for tests and benchmarks that run real processes. */
import { createServer, type Server } from 'node:net';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `n` ports free on 127.0.0.1 at the time of asking (bound to port 0, read, released). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Server>((resolve) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/**
 * Polls `cond` up to `tries` times, `everyMs` apart; throws naming `what` if it never holds. A throw
 * inside `cond` counts as "not yet" (a node starting or restarting refuses connections a moment).
 */
export async function until(
  what: string,
  cond: () => Promise<boolean> | boolean,
  tries = 600,
  everyMs = 100,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      if (await cond()) return;
    } catch {
      // not yet
    }
    await sleep(everyMs);
  }
  throw new Error(`condition not reached: ${what}`);
}
