/** `djchain start`: opens the node of a directory, serves the API, stops cleanly on SIGINT/SIGTERM. */
import { buildApi, createLog, type DjNode, openNode } from '@djchain/node';
import type { FastifyInstance } from 'fastify';
import { loadDir } from './files.ts';
import { CliError } from './i18n.ts';
import { loadModules } from './modules.ts';

export interface StartArgs {
  readonly dir: string;
  readonly port?: number;
}

export interface Started {
  readonly node: DjNode;
  readonly api: FastifyInstance;
  readonly url: string;
  readonly chainId: string;
  stop(): Promise<void>;
}

export async function startDir(args: StartArgs, onFatal: (e: unknown) => void): Promise<Started> {
  const { dir, key, genesis, config } = loadDir(args.dir);
  const modules = await loadModules(config.extraModules);
  // Logs go to stderr as JSON lines; stdout is for people.
  const log = createLog(config.logLevel, process.stderr);
  const node = openNode(
    {
      dataDir: dir,
      genesis,
      modules,
      driver: { emptyBlockIntervalMs: config.emptyBlockIntervalMs, maxBlockTxs: config.maxBlockTxs },
    },
    { key, log, onFatal },
  );
  const api = buildApi(node);
  const port = args.port ?? config.api.port;
  let url: string;
  try {
    url = await api.listen({ host: config.api.host, port });
  } catch (e) {
    node.close();
    if ((e as { code?: string }).code === 'EADDRINUSE') throw new CliError('portInUse', { port });
    throw e;
  }
  return {
    node,
    api,
    url,
    chainId: genesis.chainId,
    stop: async () => {
      await api.close();
      node.close();
    },
  };
}
