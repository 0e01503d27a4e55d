/**
 * The organizations of a chain as the dashboards name them (region.ts): id, public name, kind and
 * parent, from the trusted genesis document (`--genesis`, the same trust anchor whose members are
 * indexed at height 0). Organization names are public (the portal shows them); nothing personal.
 * Written on every start, as upserts, so an index made before this table gains the names too.
 * Organizations created later on chain are taken from their `org.Created` event (id, `orgName`,
 * kind, parent: rows.ts), at the event's height.
 */
import type { Value } from '@djchain/crypto';
import type { IndexDb } from './db.ts';
import type { ChainSource } from './follow.ts';
import type { Statement } from './rows.ts';

/** Parameters: chain, org, name, kind, parent (or null), height. */
export const UPSERT_ORG = `INSERT INTO orgs (chain_id, org, name, kind, parent, height) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (chain_id, org) DO UPDATE SET name = excluded.name, kind = excluded.kind, parent = excluded.parent`;

/** The organizations a genesis document creates (its `org.orgs`), as upserts. */
export function genesisOrgs(chainId: string, modules: { readonly [name: string]: Value }): Statement[] {
  const cfg = modules.org as { readonly orgs?: unknown } | null | undefined;
  const list = cfg !== null && typeof cfg === 'object' && Array.isArray(cfg.orgs) ? cfg.orgs : [];
  const out: Statement[] = [];
  for (const o of list as { [k: string]: unknown }[]) {
    if (o === null || typeof o !== 'object') continue;
    const { id, name, kind, parent } = o;
    if (typeof id !== 'string' || typeof name !== 'string' || typeof kind !== 'string') continue;
    out.push({
      sql: UPSERT_ORG,
      params: [chainId, id, name, kind, typeof parent === 'string' ? parent : null, 0],
    });
  }
  return out;
}

/** Writes the genesis organizations of every source given a genesis document, in one transaction. */
export async function seedOrgs(db: IndexDb, sources: readonly ChainSource[]): Promise<void> {
  const statements = sources.flatMap((s) =>
    s.genesis === null ? [] : genesisOrgs(s.chainId, s.genesis.modules),
  );
  if (statements.length === 0) return;
  await db.transaction(async (tx) => {
    for (const s of statements) await tx.query(s.sql, s.params);
  });
}
