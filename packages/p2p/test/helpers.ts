/** Shared test helpers: deterministic identities, bounded event waits, a byte-flipping TCP proxy. */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { getSuite, type KeyPair, type Suite, type SuiteId, toHex } from '@djchain/crypto';

export const CHAIN = 'djchain-test-1';

/** Key pair number `n` of `suite`, from a fixed seed so failures reproduce. */
export function identity(suite: Suite, n: number): KeyPair & { id: string } {
  const seed = new Uint8Array(32).fill(n + 1);
  const kp = suite.keyPairFromSeed(seed);
  return { ...kp, id: toHex(kp.publicKey) };
}

export function suiteOf(id: SuiteId): Suite {
  return getSuite(id);
}

/**
 * Resolves with the first value `pick` accepts among emitted values; rejects after `maxEvents`
 * non-matching events or `limitMs` (a hang guard, not a timing assertion).
 */
export function waitFor<T>(
  subscribe: (cb: (v: T) => void) => () => void,
  pick: (v: T) => boolean,
  what: string,
  limitMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, limitMs);
    const off = subscribe((v) => {
      if (!pick(v)) return;
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}

/**
 * A TCP proxy on 127.0.0.1 in front of `targetPort`. `flipNext()` makes it flip one bit in the next
 * client→server chunk, so a test can tamper with an encrypted frame on a real socket.
 */
export class FlipProxy {
  readonly server: Server;
  #flip = false;
  readonly #sockets = new Set<Socket>();

  constructor(targetPort: number) {
    this.server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      this.#sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        if (this.#flip) {
          this.#flip = false;
          const copy = Buffer.from(chunk);
          copy[copy.length - 1]! ^= 0x01;
          upstream.write(copy);
        } else upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => client.write(chunk));
      const close = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
  }

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as { port: number }).port;
  }

  flipNext(): void {
    this.#flip = true;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `cond` every 10 ms, at most `tries` times (a hang guard; no timing is asserted). */
export async function until(cond: () => boolean, what: string, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`condition never held: ${what}`);
}
