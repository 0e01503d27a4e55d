/**
 * The anchor module's records, per child chain: its registration (suite, interval, the validator
 * sets seen by hash) and each anchored header (height, hash, state root, validators hashes).
 */
import type { ReadStore } from '@djchain/runtime';
import { getRecord, SEP } from '../common/stores.ts';

/** Height in 12 digits: keys in byte order are in height order. */
const h12 = (height: number) => String(height).padStart(12, '0');

export interface AnchorRecord {
  readonly chain: string;
  readonly height: number;
  /** Hex of the header's hash, state root and validator-set hashes. */
  readonly hash: string;
  readonly stateRoot: string;
  readonly validatorsHash: string;
  readonly nextValidatorsHash: string;
  /** The child's BFT time of the header (ms). */
  readonly time: number;
  /** The parent's height and time at which it was anchored. */
  readonly anchoredAt: number;
  readonly anchoredTime: number;
}

export interface ChildRecord {
  readonly chain: string;
  readonly suite: 'intl' | 'gm';
  readonly name: string;
  /** An anchor is due at most this many minutes after the previous one (or the registration). */
  readonly intervalMinutes: number;
  readonly registeredAt: number;
  readonly registeredTime: number;
  /** Hex hash of the genesis validator set. */
  readonly genesisValidatorsHash: string;
  /** Days a trusted header stays trusted for the next step (the light client's trusting period). */
  readonly trustDays?: number;
  /**
   * The last renewal of trust: two of the committee registered the chain again with the set they
   * vouch for (hex hash), at this parent time, when the latest anchor was at `afterHeight`.
   */
  readonly renewed?: { readonly validatorsHash: string; readonly at: number; readonly afterHeight: number };
  /** The two post holders (key addresses) whose identical registrations made or renewed it. */
  readonly registeredBy?: readonly [string, string];
  /** The latest anchor, null until the first. */
  readonly latest: AnchorRecord | null;
}

export const anchorKeys = {
  child: (chain: string) => `c${SEP}${chain}`,
  childPrefix: `c${SEP}`,
  anchor: (chain: string, height: number) => `a${SEP}${chain}${SEP}${h12(height)}`,
  /** A validator set of the child, by the hex of its hash (the ledger's value form). */
  set: (chain: string, hash: string) => `v${SEP}${chain}${SEP}${hash}`,
  /** A registration awaiting a second post holder's identical one (RegistrationProposal). */
  proposal: (chain: string) => `p${SEP}${chain}`,
  /** The warning raised for the gap since parent height `since` (once per gap). */
  warned: (chain: string, since: number) => `w${SEP}${chain}${SEP}${h12(since)}`,
};

export function getChild(store: ReadStore, chain: string): ChildRecord | undefined {
  return getRecord<ChildRecord>(store, anchorKeys.child(chain));
}

export function getAnchor(store: ReadStore, chain: string, height: number): AnchorRecord | undefined {
  return getRecord<AnchorRecord>(store, anchorKeys.anchor(chain, height));
}

/** A registration signed by one post holder, waiting for another's identical registration. */
export interface RegistrationProposal {
  readonly chain: string;
  readonly suite: 'intl' | 'gm';
  readonly name: string;
  readonly intervalMinutes: number;
  readonly trustDays: number;
  readonly validatorsHash: string;
  readonly by: string;
  readonly at: number;
}
