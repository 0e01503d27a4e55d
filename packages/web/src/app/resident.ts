/**
 * Residents (群众) and 四议两公开 in the web app: the resident module's lists (@djchain/modules/lists)
 * and its record shapes (a vote round the modules' own, a type-only import; the page views copied), and the resident's
 * own session — a key opened here from its keystore, kept in memory only, never a member session.
 */
import { addressOf } from '@djchain/client';
import type { KeyPair } from '@djchain/crypto/browser';
import type { VoteRound } from '@djchain/modules';
import { MATTER_STATUSES, VOTE_CHOICES } from '@djchain/modules/lists';
import { useSyncExternalStore } from 'react';
import type { Chain } from './chain.ts';
import { keystoreCode } from './keystore-code.ts';

export { MATTER_STATUSES, VOTE_CHOICES };

export type MatterStatus = (typeof MATTER_STATUSES)[number];

export interface ResidentInfo {
  readonly id: string;
  readonly org: string;
  readonly address: string;
  readonly status: 'bound' | 'unbound';
  readonly boundOn: string;
  readonly representative: { readonly since: string } | null;
}

export interface StepInfo {
  readonly heldOn: string;
  readonly expected: number;
  readonly present: number;
  readonly yes: number | null;
  readonly no: number | null;
  readonly abstain: number | null;
  readonly outcome: string;
  readonly late: boolean;
}

/** A 居民代表会议 vote round (the modules' record). */
export type RoundInfo = VoteRound;

export interface MatterInfo {
  readonly id: string;
  readonly org: string;
  readonly title: string;
  readonly status: MatterStatus;
  readonly propose: StepInfo;
  readonly deliberate: StepInfo | null;
  readonly review: StepInfo | null;
  readonly rounds: readonly RoundInfo[];
  readonly resolution: { readonly on: string; readonly document: string; readonly late: boolean } | null;
  readonly result: { readonly on: string; readonly document: string } | null;
  readonly votes?: ReadonlyArray<ReadonlyArray<{ readonly resident: string; readonly choice: string }>>;
}

export interface CommentInfo {
  readonly n: number;
  readonly resident: string;
  readonly on: string;
  readonly text: string | null;
  readonly document: string | null;
}

const q = async <T>(chain: Chain, name: string, params: Record<string, string>): Promise<T> =>
  (await chain.client.query('resident', name, params)).result as T;

export const residentApi = {
  byAddress: (chain: Chain, address: string) => q<ResidentInfo | null>(chain, 'resident', { address }),
  matters: (chain: Chain) => q<MatterInfo[]>(chain, 'matters', {}),
  matter: (chain: Chain, id: string) => q<MatterInfo | null>(chain, 'matter', { id }),
  comments: (chain: Chain, matter: string) => q<CommentInfo[]>(chain, 'comments', { matter }),
};

/** The signed-in resident: a key opened in this tab (memory only; a reload asks again). */
export interface ResidentSession {
  readonly key: KeyPair;
  readonly address: string;
}

let current: ResidentSession | null = null;
const listeners = new Set<() => void>();

export const residentSession = {
  get: () => current,
  async open(chain: Chain, keystore: string, passphrase: string): Promise<ResidentSession> {
    const { openKeystore } = await keystoreCode();
    const key = await openKeystore(keystore, passphrase, chain.client.suite);
    current = { key, address: addressOf(chain.client.suite, key.publicKey) };
    for (const l of listeners) l();
    return current;
  },
  close(): void {
    current = null;
    for (const l of listeners) l();
  },
};

export function useResidentSession(): ResidentSession | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
