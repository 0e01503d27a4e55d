/**
 * TEST-ONLY faults for real-process tests (`djchain start` refuses them unless DJCHAIN_TEST_ONLY=1;
 * never a production option): a Byzantine validator that signs two conflicting precommits every
 * time it precommits, and a process that kills itself (SIGKILL) at a chosen storage moment.
 */
import type { Suite } from '@djchain/crypto';
import { signVote } from '@djchain/ledger';
import type { Transport } from '../consensus/wire.ts';
import { NodeError } from '../errors.ts';
import type { ChainStore } from '../storage/chain-store.ts';

/** `equivocate`: a second precommit for another value (nil ↔ a block); `equivocate-time`: same value, another time. */
export type ByzantineMode = 'equivocate' | 'equivocate-time';

export const BYZANTINE_MODES: readonly ByzantineMode[] = ['equivocate', 'equivocate-time'];

/** Where the process kills itself, at the `count`-th occurrence. */
export interface CrashSpec {
  /**
   * `after-persist`: a consensus record holding a NEW signature is durable, the signed message is
   * not sent yet. `mid-commit`: inside the block's database transaction, block rows written, state
   * and COMMIT not yet.
   */
  readonly point: 'after-persist' | 'mid-commit';
  readonly count: number;
}

export interface TestFaults {
  readonly byzantine?: ByzantineMode;
  readonly crash?: CrashSpec;
}

/** `after-persist:5` → { point, count }; a message naming the problem otherwise. */
export function parseCrashSpec(s: string): CrashSpec | string {
  const m = /^(after-persist|mid-commit):([1-9][0-9]{0,5})$/.exec(s);
  if (!m) return 'must be after-persist:N or mid-commit:N (N ≥ 1)';
  return { point: m[1] as CrashSpec['point'], count: Number(m[2]) };
}

/** Every own precommit is followed by a conflicting one, signed with the same key, to every peer. */
export function byzantineTransport(
  inner: Transport,
  o: { suite: Suite; secretKey: Uint8Array; chainId: string; mode: ByzantineMode },
): Transport {
  const other = new Uint8Array(32).fill(0xee);
  return {
    broadcast: (msg) => {
      inner.broadcast(msg);
      if (msg.kind !== 'vote' || msg.vote.type !== 'precommit') return;
      const { signature: _, ...vote } = msg.vote;
      const twin =
        o.mode === 'equivocate-time'
          ? { ...vote, time: vote.time + 1 }
          : { ...vote, blockHash: vote.blockHash === null ? other : null };
      inner.broadcast({ kind: 'vote', vote: signVote(o.suite, o.secretKey, o.chainId, twin) });
    },
    send: (peer, msg) => inner.send(peer, msg),
    onMessage: (h) => inner.onMessage(h),
    ...(inner.onPeer ? { onPeer: (h: (peer: string) => void) => inner.onPeer?.(h) } : {}),
  };
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new NodeError('NODE_TEST_KILLED', 'unreachable: killed');
}

/** Wraps the store's writes so the process kills itself at `spec`. */
export function installCrash(store: ChainStore, spec: CrashSpec): void {
  let seen = 0;
  if (spec.point === 'after-persist') {
    const save = store.saveConsensus.bind(store);
    let signed = -1;
    let height = -1;
    store.saveConsensus = (h, record, pending) => {
      save(h, record, pending);
      const n = (JSON.parse(record) as { signed: unknown[] }).signed.length;
      const fresh = h !== height || n > signed;
      height = h;
      signed = n;
      if (fresh && n > 0 && ++seen === spec.count) die();
    };
    return;
  }
  const put = store.blocks.putBlock.bind(store.blocks);
  store.blocks.putBlock = (...args) => {
    put(...args);
    if (++seen === spec.count) die();
  };
}
