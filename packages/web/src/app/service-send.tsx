/**
 * One sender for service acts, signed by a resident's key or a member's, and a resident's own read
 * session (service.ts holds the rest).
 */
import type { DjchainClient } from '@djchain/client';
import { useActSend } from './act-send.tsx';
import { type Chain, makeClient } from './chain.ts';
import type { ResidentSession } from './resident.ts';

/** Sends one service act with a resident's or a member's key (act-send.tsx). */
export const useServiceSend = () => useActSend('service');

const readers = new Map<string, Promise<DjchainClient>>();

/**
 * A client reading as the signed-in resident (their requests and tasks are theirs to read): a read
 * session opened with their key, apart from the page's member session, kept for the tab.
 */
export function residentReader(chain: Chain, s: ResidentSession): Promise<DjchainClient> {
  let r = readers.get(s.address);
  if (r === undefined) {
    r = (async () => {
      const c = makeClient(chain.config, chain.client.suite);
      await c.signIn(s.key);
      return c;
    })();
    readers.set(s.address, r);
    r.catch(() => readers.delete(s.address));
  }
  return r;
}
