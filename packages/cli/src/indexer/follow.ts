/**
 * Follows one chain into the index database. For each height after the stored cursor: the header
 * verified by the SDK's light client (from the trusted genesis set), the block body checked
 * against that header (its hash and tx root), each transaction's receipt proved against the
 * header's receipt root (`getReceipt`), and the events of the receipts that succeeded turned into
 * rows; the events of block-start hooks, which no receipt carries, read from the entities'
 * histories by state proofs (hooks.ts) and written before their block's transactions — all rows
 * of a height and the cursor written in ONE transaction, the cursor guarded by its previous value,
 * so a crash or a second indexer never writes a height twice. Nothing the node merely says
 * (queries, server-sent events) reaches a row: an event on the stream only wakes the indexer up,
 * which then reads and verifies.
 */
import { type DjchainClient, fromBase64, ROUTES } from '@djchain/client';
import { equalBytes, type Suite, toHex } from '@djchain/crypto';
import { BLOCK_TX_INDEX, decodeBlock, type Header, headerHash, txHash, txRoot } from '@djchain/ledger';
import { chinaDate } from '@djchain/modules';
import type { GenesisDoc } from '@djchain/runtime';
import { CliError } from '../i18n.ts';
import type { IndexDb } from './db.ts';
import { readHookEvents } from './hooks.ts';
import { indexValues } from './index-values.ts';
import { seedOrgs } from './orgs.ts';
import { genesisMembers, type Statement, statementsOf } from './rows.ts';

export interface ChainSource {
  readonly client: DjchainClient;
  readonly suite: Suite;
  readonly chainId: string;
  readonly api: string;
  /** The trusted genesis document, when given: its members are indexed at height 0. */
  readonly genesis: GenesisDoc | null;
}

export interface IndexProgress {
  readonly chainId: string;
  /** The cursor before and after this run. */
  readonly from: number;
  readonly to: number;
  /** Events indexed: of transactions and of block-start hooks (and, with the first block, genesis). */
  readonly events: number;
  /** Of which block-start (and genesis) hook events, read by state proofs (hooks.ts). */
  readonly hookEvents: number;
  /** Operation index records read (by state proofs) for the months closed since the last run. */
  readonly indexValues: number;
}

/** The stored cursor of `chainId`: the last height whose rows are all written (0 when none). */
export async function cursorOf(db: IndexDb, chainId: string): Promise<number | null> {
  const r = await db.query<{ height: number }>('SELECT height FROM chains WHERE chain_id = $1', [chainId]);
  return r.rows.length === 0 ? null : Number(r.rows[0]!.height);
}

/** What one verified height gives: its header, the statements of its receipts' events, and what they name. */
interface HeightRows {
  readonly header: Header;
  readonly statements: Statement[];
  readonly events: number;
  /** Entities named by the events of its successful transactions, with multiplicity. */
  readonly naming: string[];
}

/** The statements of height `height`, from a verified header, body and proved receipts. */
async function heightStatements(src: ChainSource, height: number): Promise<HeightRows> {
  const { client, suite, chainId } = src;
  const header = await client.verifiedHeader(height);
  // An empty block needs no body: its tx root says so.
  if (equalBytes(header.txRoot, txRoot(suite, []))) return { header, statements: [], events: 0, naming: [] };
  const o = (await client.call(ROUTES.block, { params: { height } })) as { block: string };
  const block = decodeBlock(fromBase64(o.block));
  if (
    !equalBytes(headerHash(suite, block.header), headerHash(suite, header)) ||
    !equalBytes(txRoot(suite, block.txs), header.txRoot)
  )
    throw new CliError('CLI_INDEX_UNVERIFIED', { api: src.api, height, what: 'block' });
  const date = chinaDate(header.time);
  const statements: Statement[] = [];
  const naming: string[] = [];
  let events = 0;
  // Bounded by the block's transactions (MAX_BLOCK_TXS when decoded).
  for (let i = 0; i < block.txs.length; i++) {
    const hash = toHex(txHash(suite, block.txs[i]!));
    const r = await client.getReceipt(hash);
    if (r.status !== 'committed' || r.height !== height || r.index !== i)
      throw new CliError('CLI_INDEX_UNVERIFIED', { api: src.api, height, what: `receipt ${hash}` });
    if (r.receipt.status !== 'ok') continue;
    r.receipt.events.forEach((e, j) => {
      events++;
      naming.push(...e.entities);
      statements.push(...statementsOf(e, { chainId, height, date, txIndex: i, eventIndex: j, txHash: hash }));
    });
  }
  return { header, statements, events, naming };
}

/** Heights verified and written per round of hook reading at most (bounds memory and proofs). */
const MAX_ROUND_HEIGHTS = 100;

/** The organizations of the trusted genesis document, as entities. */
function genesisOrgs(src: ChainSource): string[] {
  const org = src.genesis?.modules.org as { orgs?: { id?: unknown }[] } | undefined;
  return (org?.orgs ?? []).flatMap((o) => (typeof o.id === 'string' ? [`org:${o.id}`] : []));
}

/**
 * The watched entities an index built before hook events were indexed already names (its
 * `hook_cursors` are empty for the chain): every `org:` and `chain:` entity of its events, once.
 */
async function namedBefore(db: IndexDb, chainId: string, from: number): Promise<string[]> {
  if (from === 0) return [];
  const any = await db.query('SELECT 1 FROM hook_cursors WHERE chain_id = $1 LIMIT 1', [chainId]);
  if (any.rows.length > 0) return [];
  const r = await db.query<{ entity: string }>(
    `SELECT DISTINCT e AS entity FROM events, unnest(entities) AS e
     WHERE chain_id = $1 AND (e LIKE 'org:%' OR e LIKE 'chain:%')`,
    [chainId],
  );
  return r.rows.map((x) => x.entity);
}

/** Indexes `src` from its stored cursor up to `target` (inclusive); returns what it did. */
export async function indexTo(db: IndexDb, src: ChainSource, target: number): Promise<IndexProgress> {
  const start = await cursorOf(db, src.chainId);
  const from = start ?? 0;
  let events = 0;
  let hookEvents = 0;
  // Verify the top first: the heights below then follow by hash links (one request per 100 headers).
  if (target > from) await src.client.verifiedHeader(target);
  // Bounded: rounds of at most MAX_ROUND_HEIGHTS heights between the cursor and the target.
  for (let lo = from; lo < target; lo = Math.min(target, lo + MAX_ROUND_HEIGHTS)) {
    const hi = Math.min(target, lo + MAX_ROUND_HEIGHTS);
    const heights: HeightRows[] = [];
    for (let height = lo + 1; height <= hi; height++) heights.push(await heightStatements(src, height));
    // The hook events of (lo, hi] (and the genesis hook's when nothing is indexed yet), proved at
    // the target — a recent state, so a node that prunes old states still answers.
    const txNaming = new Map<string, number>();
    for (const h of heights) for (const e of h.naming) txNaming.set(e, (txNaming.get(e) ?? 0) + 1);
    const entities = new Set([
      ...genesisOrgs(src),
      ...(await namedBefore(db, src.chainId, lo)),
      ...txNaming.keys(),
    ]);
    const hooks = await readHookEvents(db, src, { from: lo, to: hi, at: target, entities, txNaming });
    for (const [i, rows] of heights.entries()) {
      const height = lo + 1 + i;
      const { header } = rows;
      const hookStatements = (at: number, date: string): Statement[] =>
        (hooks.byHeight.get(at) ?? []).flatMap((x) =>
          statementsOf(x.event, {
            chainId: src.chainId,
            height: at,
            date,
            txIndex: BLOCK_TX_INDEX,
            eventIndex: x.eventIndex,
            txHash: '',
          }),
        );
      const first = height === 1 && start === null;
      const seed = first && src.genesis !== null ? genesisMembers(src.chainId, src.genesis.modules) : [];
      // The genesis hook's events (height 0, with the first block), then this block's hooks (they
      // ran before its transactions), then its transactions'.
      const genesisDate = chinaDate(src.genesis?.time ?? header.time);
      const statements = [
        ...(first ? hookStatements(0, genesisDate) : []),
        ...hookStatements(height, chinaDate(header.time)),
        ...rows.statements,
      ];
      await db.transaction(async (tx) => {
        for (const s of [...seed, ...statements]) await tx.query(s.sql, s.params);
        // Each watched entity's read position, with the round's last height (a crash before it
        // only makes the next run read those entries again and skip what is already indexed).
        if (height === hi)
          for (const [entity, seen] of hooks.seen)
            await tx.query(
              `INSERT INTO hook_cursors (chain_id, entity, seen) VALUES ($1, $2, $3)
               ON CONFLICT (chain_id, entity) DO UPDATE SET seen = excluded.seen`,
              [src.chainId, entity, seen],
            );
        const moved = await tx.query(
          `INSERT INTO chains (chain_id, suite, height, header_hash, app_hash, time_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (chain_id) DO UPDATE SET height = excluded.height, header_hash = excluded.header_hash,
           app_hash = excluded.app_hash, time_ms = excluded.time_ms
         WHERE chains.height = $7 RETURNING height`,
          [
            src.chainId,
            src.suite.id,
            height,
            toHex(headerHash(src.suite, header)),
            toHex(header.stateRoot),
            header.time,
            height - 1,
          ],
        );
        if (moved.rows.length !== 1) throw new CliError('CLI_INDEX_RACE', { chainId: src.chainId, height });
      });
      const hooked =
        (hooks.byHeight.get(height)?.length ?? 0) + (first ? (hooks.byHeight.get(0)?.length ?? 0) : 0);
      events += rows.events + hooked;
      hookEvents += hooked;
    }
  }
  const to = Math.max(from, target);
  // A month can only have closed in a new block: a round that indexed none reads no index state.
  const values = to > from || start === null ? await indexValues(db, src, to) : 0;
  return { chainId: src.chainId, from, to, events, hookEvents, indexValues: values };
}

/**
 * Indexes every source up to its head; unless `once`, then follows: a `block` message on a
 * source's event stream (or a 30 s poll, should the stream be down) starts the next round, until
 * `signal` aborts. Each round is bounded by the heads read at its start.
 */
export async function follow(
  db: IndexDb,
  sources: readonly ChainSource[],
  opts: { once: boolean; signal: AbortSignal; onProgress: (p: IndexProgress) => void },
): Promise<void> {
  // The organizations' names from the trusted genesis documents (orgs.ts), for the dashboards.
  await seedOrgs(db, sources);
  // Every chain's progress is reported after the first round (caught up), later only when it moved.
  const round = async (first: boolean) => {
    for (const src of sources) {
      const head = (await src.client.status()).height;
      const p = await indexTo(db, src, head);
      if (p.to > p.from || p.indexValues > 0 || first) opts.onProgress(p);
    }
  };
  if (opts.once) return round(true);
  let wake: (() => void) | null = null;
  let pending = false;
  const poke = () => {
    pending = true;
    wake?.();
  };
  // Subscribed before the first round, so a block committed during it still wakes the next one.
  const ends = sources.map((s) => s.client.subscribe({ types: ['block'] }, poke));
  opts.signal.addEventListener('abort', poke);
  try {
    await round(true);
    while (!opts.signal.aborted) {
      await new Promise<void>((resolve) => {
        if (pending) return resolve();
        const timer = setTimeout(resolve, 30_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
      pending = false;
      if (!opts.signal.aborted) await round(false);
    }
  } finally {
    for (const end of ends) end();
  }
}
