/**
 * The indexer's database: PGlite (PostgreSQL compiled to WASM, a directory on disk, no server) by
 * default, or a PostgreSQL server through the `postgres` client (`--pg URL`). Everything the
 * indexer does goes through this narrow interface, so both run the same SQL.
 */
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { CliError } from '../i18n.ts';
import type { Statement } from './rows.ts';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: Statement['params']): Promise<{ rows: T[] }>;
}

export interface IndexDb extends Queryable {
  /** Runs `body` in one transaction: all of its statements are written, or none. */
  transaction<T>(body: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function pgliteDb(db: PGlite): IndexDb {
  return {
    query: (sql, params) => db.query(sql, params as unknown[]) as never,
    transaction: (body) =>
      db.transaction((tx) => body({ query: (sql, params) => tx.query(sql, params as unknown[]) as never })),
    close: () => db.close(),
  };
}

/** Opens (creating when absent) the PGlite database in `dir` and brings its schema up to date. */
export async function openIndexDb(dir: string): Promise<IndexDb> {
  let db: IndexDb;
  try {
    db = pgliteDb(await PGlite.create(dir));
  } catch (e) {
    throw new CliError('CLI_INDEX_DB', { db: dir, reason: (e as Error).message });
  }
  await migrate(db, dir);
  return db;
}

/** Heights, times and fen are far below 2^53: int8 comes back as a number, as PGlite gives it. */
const INT8 = { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) };

/**
 * Connects to the PostgreSQL server at `url` (one connection) and brings its schema up to date;
 * `readOnly` (the dashboards' separate reader, `djchain index serve`): a read-only session that
 * only checks the schema's version, written by the indexer.
 */
export async function openServerDb(url: string, opts: { readOnly?: boolean } = {}): Promise<IndexDb> {
  const shown = url.replace(/\/\/[^@/]*@/, '//…@');
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    types: { int8: INT8 },
    ...(opts.readOnly === true ? { connection: { default_transaction_read_only: true } } : {}),
  });
  const run =
    (q: postgres.Sql | postgres.TransactionSql) => async (text: string, params?: Statement['params']) => ({
      rows: [...(await q.unsafe(text, (params ?? []) as never[]))] as never[],
    });
  const db: IndexDb = {
    query: run(sql),
    transaction: (body) => sql.begin((tx) => body({ query: run(tx) })) as never,
    close: () => sql.end({ timeout: 5 }),
  };
  try {
    if (opts.readOnly === true) await checkVersion(db, shown);
    else await migrate(db, shown);
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw e;
  }
  return db;
}

/** A read-only reader's check: the index was written with this program's schema version. */
async function checkVersion(db: IndexDb, where: string): Promise<void> {
  let version: string | undefined;
  try {
    const found = await db.query<{ value: string }>(`SELECT value FROM djchain_meta WHERE key = 'schema'`);
    version = found.rows[0]?.value;
  } catch (e) {
    throw new CliError('CLI_INDEX_DB', { db: where, reason: (e as Error).message });
  }
  if (version !== String(SCHEMA_VERSION))
    throw new CliError('CLI_INDEX_SCHEMA', { db: where, found: version ?? '—', expected: SCHEMA_VERSION });
}

async function migrate(db: IndexDb, where: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      for (const stmt of SCHEMA_SQL.split(/;\s*\n/).filter((s) => s.trim().length > 0)) await tx.query(stmt);
      const found = await tx.query<{ value: string }>(`SELECT value FROM djchain_meta WHERE key = 'schema'`);
      const version = found.rows[0]?.value;
      if (version !== undefined && version !== String(SCHEMA_VERSION))
        throw new CliError('CLI_INDEX_SCHEMA', { db: where, found: version, expected: SCHEMA_VERSION });
      await tx.query(
        `INSERT INTO djchain_meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO NOTHING`,
        [String(SCHEMA_VERSION)],
      );
    });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError('CLI_INDEX_DB', { db: where, reason: (e as Error).message });
  }
}
