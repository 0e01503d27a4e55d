import type { ValidatorJson } from '@djchain/ledger';

/**
 * /app-config.json: what the page needs to trust the chain, written by the web server from
 * genesis.json (server.ts) and read by the page (app/chain.ts). Keys as hex.
 */
export interface AppConfig {
  readonly chainId: string;
  readonly suite: 'intl' | 'gm';
  /** The genesis set; `orgId` when the genesis names one (it is part of the set's hash). */
  readonly validators: readonly ValidatorJson[];
  /** The top organizations (parent null in genesis), where the public portal and the tree start. */
  readonly rootOrgs: readonly string[];
  /** Display name of the consortium for the portal header (optional). */
  readonly title?: string;
  /** Whether the web server forwards /region/* to an index (the 辖区看板's menu entry shows then). */
  readonly region?: boolean;
}
