/**
 * The answers of the index's read-only API for the superior's dashboards (issue 19): served by
 * `djchain index --serve` (cli/src/indexer/region.ts), forwarded by the web server as GET /region/*,
 * read by the web app's 辖区看板. One declaration for both ends.
 */

/** Per chain: up to which height (and header hash) its figures are proved. */
export interface ChainProof {
  readonly chainId: string;
  /** The top organization's name (from the trusted genesis), or null when not known. */
  readonly name: string | null;
  readonly suite: string;
  /** The figures of this chain are proved up to this height, whose header hash is `headerHash`. */
  readonly height: number;
  readonly headerHash: string;
  readonly appHash: string;
  /** BFT time of that header, ms since the epoch. */
  readonly timeMs: number;
  /** The last month whose operation index records were read, and the height they were proved at. */
  readonly indexMonth: string | null;
  readonly indexHeight: number | null;
}

/** One answer: the chains it covers with their proved heights, its rows, and whether it was cut. */
export interface RegionAnswer<R> {
  readonly chains: readonly ChainProof[];
  readonly rows: readonly R[];
  readonly truncated: boolean;
}
