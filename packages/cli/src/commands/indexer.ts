/**
 * `djchain index --node URL [--node URL …] [--genesis FILE …] --db DIR [--once]`: follows chains
 * into PostgreSQL — PGlite in DIR by default — with every value verified (src/indexer/).
 */
import { join } from 'node:path';
import { CliError, t } from '../i18n.ts';
import { openIndexDb } from '../indexer/db.ts';
import { type ChainSource, follow } from '../indexer/follow.ts';
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
  });
  return guarded(p.lang, io, async () => {
    const nodes = list(p.values.node);
    if (nodes.length === 0) throw new CliError('CLI_MISSING_OPTION', { option: 'node' });
    if (typeof p.values.pg === 'string')
      throw new CliError('CLI_INDEX_PG', { url: p.values.pg.replace(/\/\/[^@/]*@/, '//…@') });
    const genesis = list(p.values.genesis);
    // The i-th --genesis is the trust anchor of the i-th --node; without one, trust on first use.
    const sources: ChainSource[] = [];
    for (const [i, api] of nodes.entries()) {
      const one: Parsed = { ...p, values: { ...p.values, api, genesis: genesis[i] } };
      const conn = await connect(one, io);
      (await readAs(conn, one, io))?.secretKey.fill(0);
      // The head verified before the database is touched: a chain that does not verify against
      // its trust anchor leaves no trace (the light client's coded error is what is printed).
      const head = (await conn.client.status()).height;
      if (head >= 1) await conn.client.verifiedHeader(head);
      sources.push(conn);
    }
    const dir =
      typeof p.values.db === 'string' && p.values.db.length > 0 ? p.values.db : join('.djchain', 'index');
    const db = await openIndexDb(dir);
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    signal?.addEventListener('abort', onSigint);
    if (p.values.once !== true) process.once('SIGINT', onSigint);
    try {
      if (p.values.once !== true) io.err(t(p.lang, 'indexFollowing', { db: dir, chains: sources.length }));
      await follow(db, sources, {
        once: p.values.once === true,
        signal: stop.signal,
        onProgress: (r) => io.out(t(p.lang, 'indexProgress', { ...r })),
      });
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      await db.close();
    }
  });
}
