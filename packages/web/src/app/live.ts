/**
 * Live updates: one server-sent-event subscription (SDK `subscribe`, GET /v1/events) per mounted
 * view. A view re-reads its data when a matching message arrives; the messages are the node's word
 * only — what is shown as verified is still re-read and checked through the SDK.
 */
import type { ChainEvent, EventKind } from '@djchain/client';
import { useEffect, useRef, useState } from 'react';
import type { Chain } from './chain.ts';

/** The newest block height seen on the stream (null before the first), and a counter of matches. */
export interface Live {
  readonly tick: number;
  readonly height: number | null;
}

/**
 * Subscribes while mounted; `tick` grows by one for each message `match` accepts. Blocks always
 * update `height`. Re-renders are bounded by the node's message rate (one block per commit).
 */
export function useLive(chain: Chain, types: readonly EventKind[], match: (e: ChainEvent) => boolean): Live {
  const [live, setLive] = useState<Live>({ tick: 0, height: null });
  const matchRef = useRef(match);
  matchRef.current = match;
  const key = types.join(',');
  useEffect(() => {
    const stop = chain.client.subscribe({ types: key.split(',') as EventKind[] }, (e) => {
      const hit = matchRef.current(e);
      const height = e.kind === 'block' ? e.data.height : null;
      if (!hit && height === null) return;
      setLive((s) => ({
        tick: hit ? s.tick + 1 : s.tick,
        height: height ?? s.height,
      }));
    });
    return stop;
  }, [chain, key]);
  return live;
}
