/**
 * `djchain index --node URL [--node URL …] [--genesis FILE …] --db DIR [--once] [--serve PORT]`:
 * follows chains into PostgreSQL — PGlite in DIR by default — with every value verified
 * (src/indexer/); with `--serve` it also answers the dashboards' read-only API on 127.0.0.1:PORT
 * (src/indexer/region.ts). `djchain index serve (--pg URL | --db DIR) --port PORT`: that API alone,
 * reading an index another process fills (a PostgreSQL server, read-only session).
 */
import { join } from 'node:path';
import type { KeyPair } from '@djchain/crypto';
import { CliError, t } from '../i18n.ts';
import { type IndexDb, openIndexDb, openServerDb } from '../indexer/db.ts';
import { type ChainSource, follow } from '../indexer/follow.ts';
import type { serveRegion } from '../indexer/region.ts';
import { guarded, type Parsed, parse } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

export async function indexCommand(argv: string[], io: CommandIo, signal?: AbortSignal): Promise<number> {
  const p = parse(argv, {
    node: { type: 'string', multiple: true },
    genesis: { type: 'string', multiple: true },
    db: { type: 'string' },
    pg: { type: 'string' },
    once: { type: 'boolean' },
    key: { type: 'string' },
    serve: { type: 'string' },
    port: { type: 'string' },
  });
  if (p.positionals[0] === 'serve') return guarded(p.lang, io, () => serveOnly(p, io, signal));
  // The i-th --genesis is the trust anchor of the i-th --node; without one, trust on first use.
  return guarded(p.lang, io, async () => {
    const sources: ChainSource[] = [];
    // Read keys stay open while indexing (an expired read session is signed again); wiped at the end.
    const keys: KeyPair[] = [];
    try {
      return await run(sources, keys);
    } finally {
      for (const k of keys) k.secretKey.fill(0);
    }
  });

  async function run(sources: ChainSource[], keys: KeyPair[]): Promise<number> {
    const nodes = list(p.values.node);
    if (nodes.length === 0) throw new CliError('CLI_MISSING_OPTION', { option: 'node' });
    const genesis = list(p.values.genesis);
    for (const [i, api] of nodes.entries()) {
      const one: Parsed = { ...p, values: { ...p.values, api, genesis: genesis[i] } };
      const conn = await connect(one, io);
      const key = await readAs(conn, one, io);
      if (key !== undefined) keys.push(key);
      // The head verified before the database is touched: a chain that does not verify against
      // its trust anchor leaves no trace (the light client's coded error is what is printed).
      const head = (await conn.client.status()).height;
      if (head >= 1) await conn.client.verifiedHeader(head);
      sources.push(conn);
    }
    const dir =
      typeof p.values.db === 'string' && p.values.db.length > 0 ? p.values.db : join('.djchain', 'index');
    const pg = typeof p.values.pg === 'string' && p.values.pg.length > 0 ? p.values.pg : undefined;
    const port = servePort(p, 'serve');
    const db = pg === undefined ? await openIndexDb(dir) : await openServerDb(pg);
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    signal?.addEventListener('abort', onSigint);
    if (p.values.once !== true) process.once('SIGINT', onSigint);
    let server: Awaited<ReturnType<typeof serveRegion>> | undefined;
    try {
      const where = pg === undefined ? dir : pg.replace(/\/\/[^@/]*@/, '//…@');
      if (p.values.once !== true) io.err(t(p.lang, 'indexFollowing', { db: where, chains: sources.length }));
      // The dashboards' API from this process (PGlite admits one process); answers as rows land.
      // The HTTP server (fastify) is loaded only when asked for.
      if (port !== undefined) {
        server = await (await import('../indexer/region.ts')).serveRegion(db, port);
        io.err(t(p.lang, 'indexServing', { url: server.url }));
      }
      await follow(db, sources, {
        once: p.values.once === true,
        signal: stop.signal,
        onProgress: (r) => io.out(t(p.lang, 'indexProgress', { ...r })),
      });
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      await server?.close();
      await db.close();
    }
  }
}

/** The port of `--<option>` (0: any free port), or undefined when absent. */
function servePort(p: Parsed, option: string): number | undefined {
  const v = p.values[option];
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : -1;
  if (n < 0 || n > 65535) throw new CliError('CLI_BAD_PORT_OPTION', { port: String(v) });
  return n;
}

/**
 * `djchain index serve`: the dashboards' API over an index another process fills — a PostgreSQL
 * server in a read-only session (`--pg`), or a PGlite directory no indexer has open (`--db`).
 * Until Ctrl-C (or `signal`).
 */
async function serveOnly(p: Parsed, io: CommandIo, signal?: AbortSignal): Promise<number> {
  const port = servePort(p, 'port') ?? 0;
  const pg = typeof p.values.pg === 'string' && p.values.pg.length > 0 ? p.values.pg : undefined;
  const dir =
    typeof p.values.db === 'string' && p.values.db.length > 0 ? p.values.db : join('.djchain', 'index');
  let db: IndexDb;
  if (pg !== undefined) db = await openServerDb(pg, { readOnly: true });
  else {
    db = await openIndexDb(dir);
    await db.query('SET default_transaction_read_only = on');
  }
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  signal?.addEventListener('abort', onSigint);
  process.once('SIGINT', onSigint);
  try {
    const server = await (await import('../indexer/region.ts')).serveRegion(db, port);
    io.err(t(p.lang, 'indexServing', { url: server.url }));
    try {
      if (!stop.signal.aborted)
        await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
    } finally {
      await server.close();
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await db.close();
  }
}
