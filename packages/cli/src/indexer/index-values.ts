/**
 * The operation index's values (issue 19, "index values"): the chain writes them at each month's
 * close by a block-start hook, so no receipt carries them — they are state. After a round brings a
 * chain to height H, the indexer reads `insight/closed` at H and, for every month closed since its
 * own cursor, each organization's month record (and the quarter's and the year's at their last
 * month) — every read a state proof checked by the SDK's light client against the verified header
 * of H. Absent records are proved absent (an organization created later has none for earlier
 * months). The rows and the month cursor are written in one transaction.
 *
 * Organizations: those of the trusted genesis document and every `org:` entity of an indexed
 * event (an organization created on chain announces itself in its event).
 */
import { decode } from '@djchain/crypto';
import { addMonth, chinaDate, type IndexRecord, insightKeys, MODULE } from '@djchain/modules';
import { moduleKey } from '@djchain/runtime';
import type { IndexDb, Queryable } from './db.ts';
import type { ChainSource } from './follow.ts';
import type { Statement } from './rows.ts';

/** Months read in one round at most (a chain indexed from its first year catches up over rounds). */
const MAX_MONTHS = 120;

const stateKey = (key: string) => moduleKey(MODULE.insight, key);

/** The organizations the index knows of `chainId`, in id order. */
async function orgsOf(db: Queryable, src: ChainSource): Promise<string[]> {
  const ids = new Set<string>();
  const org = src.genesis?.modules.org as { orgs?: { id?: unknown }[] } | undefined;
  for (const o of org?.orgs ?? []) if (typeof o.id === 'string') ids.add(o.id);
  const seen = await db.query<{ org: string }>(
    `SELECT DISTINCT substr(e, 5) AS org FROM events, unnest(entities) AS e WHERE chain_id = $1 AND e LIKE 'org:%'`,
    [src.chainId],
  );
  for (const r of seen.rows) ids.add(r.org);
  return [...ids].sort();
}

/** The periods that close with `month`: the month, and its quarter and year at their last month. */
function periodsOf(month: string): string[] {
  const m = Number(month.slice(5));
  const out = [month];
  if (m % 3 === 0) out.push(`${month.slice(0, 4)}-Q${m / 3}`);
  if (m === 12) out.push(month.slice(0, 4));
  return out;
}

/**
 * Reads the index records of the months closed since the stored month cursor, proved at `height`;
 * returns how many records it wrote.
 */
export async function indexValues(db: IndexDb, src: ChainSource, height: number): Promise<number> {
  if (height < 1) return 0;
  const { client, chainId } = src;
  const closedState = await client.getState(stateKey(insightKeys.closed), height);
  if (closedState.value === undefined) return 0;
  const closed = decode(closedState.value) as string;
  const cursor = await db.query<{ month: string }>('SELECT month FROM index_months WHERE chain_id = $1', [
    chainId,
  ]);
  // From the month after the cursor; with none, from the chain's first month (its genesis time).
  const first =
    cursor.rows[0] !== undefined
      ? addMonth(cursor.rows[0].month, 1)
      : chinaDate(src.genesis?.time ?? (await client.verifiedHeader(1)).time).slice(0, 7);
  if (first > closed) return 0;
  const orgs = await orgsOf(db, src);
  const rows: IndexRecord[] = [];
  let month = first;
  for (let n = 0; n < MAX_MONTHS && month <= closed; n++, month = addMonth(month, 1)) {
    for (const org of orgs)
      for (const period of periodsOf(month)) {
        const st = await client.getState(stateKey(insightKeys.record(org, period)), height);
        if (st.value !== undefined) rows.push(decode(st.value) as unknown as IndexRecord);
      }
  }
  const last = addMonth(month, -1);
  await db.transaction(async (tx) => {
    for (const r of rows) await tx.query(UPSERT, paramsOf(chainId, r, height));
    await tx.query(
      `INSERT INTO index_months (chain_id, month, height) VALUES ($1, $2, $3)
       ON CONFLICT (chain_id) DO UPDATE SET month = excluded.month, height = excluded.height`,
      [chainId, last, height],
    );
  });
  return rows.length;
}

const UPSERT = `INSERT INTO index_values (chain_id, org, period, every, rules, overall, level,
    people, items, links, people_missing, items_missing, links_missing, closed_on, height)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (chain_id, org, period) DO UPDATE SET every = excluded.every, rules = excluded.rules,
    overall = excluded.overall, level = excluded.level, people = excluded.people, items = excluded.items,
    links = excluded.links, people_missing = excluded.people_missing, items_missing = excluded.items_missing,
    links_missing = excluded.links_missing, closed_on = excluded.closed_on, height = excluded.height`;

function paramsOf(chainId: string, r: IndexRecord, height: number): Statement['params'] {
  return [
    chainId,
    r.org,
    r.period,
    r.every,
    r.rules,
    r.overall,
    r.level,
    r.people.score,
    r.items.score,
    r.links.score,
    r.people.count,
    r.items.count,
    r.links.count,
    r.closedOn,
    height,
  ];
}
