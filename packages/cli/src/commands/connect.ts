/**
 * A verified connection to a node: the DjchainClient whose light client starts from the genesis
 * validator set of --genesis, or — without it — from the set the node reports for height 1
 * (trust on first use, said on stderr). It reads as the operator with --token-file (the node's
 * `api-token`) or DJCHAIN_API_TOKEN, else as the key of --key once `readAs` signed it in.
 */
import {
  DjchainClient,
  fromBase64,
  HttpError,
  ROUTES,
  type RouteInput,
  type RouteSpec,
  Transport,
} from '@djchain/client';
import type { KeyPair, Suite } from '@djchain/crypto';
import { decodeValidatorSet, type ValidatorSet } from '@djchain/ledger';
import type { GenesisDoc } from '@djchain/runtime';
import { CliError, t } from '../i18n.ts';
import { loadGenesis, need, openKey, opt, type Parsed, readText, suiteOf } from './common.ts';
import type { CommandIo } from './io.ts';

export interface Connection {
  readonly client: DjchainClient;
  readonly suite: Suite;
  readonly chainId: string;
  readonly api: string;
  readonly genesis: GenesisDoc | null;
  /** The operator token in use, if any. */
  readonly token: string | undefined;
}

/** --token-file, else DJCHAIN_API_TOKEN. */
function tokenOf(p: Parsed, io: CommandIo): string | undefined {
  const file = opt(p, 'token-file');
  if (file !== undefined) return readText(file).trim() || undefined;
  const env = io.env.DJCHAIN_API_TOKEN;
  return env !== undefined && env.length > 0 ? env : undefined;
}

/**
 * Reads as the key of --key (a read session signed with it) unless an operator token is in use;
 * returns the opened key, or undefined when there is none to read as (anonymous: public reads only).
 */
export async function readAs(conn: Connection, p: Parsed, io: CommandIo): Promise<KeyPair | undefined> {
  if (conn.token !== undefined || opt(p, 'key') === undefined) return undefined;
  const key = await openKey(p, io, conn.suite);
  await conn.client.signIn(key);
  return key;
}

/** A route read before the chain is known (no light client yet); any failure is CLI_NETWORK. */
async function read<R extends RouteSpec>(
  api: string,
  route: R,
  input: RouteInput<R>,
): Promise<Record<string, unknown>> {
  try {
    return (await new Transport({ baseUrl: api, requestTimeoutMs: 10_000 }).call(route, input)) as Record<
      string,
      unknown
    >;
  } catch (e) {
    const reason = e instanceof HttpError ? `${e.apiCode} ${e.message}` : (e as Error).message;
    throw new CliError('CLI_NETWORK', { api, reason });
  }
}

export async function connect(p: Parsed, io: CommandIo): Promise<Connection> {
  const api = need(p, 'api').replace(/\/+$/, '');
  const genesisFile = opt(p, 'genesis');
  const status = await read(api, ROUTES.status, {});
  let genesis: GenesisDoc | null = null;
  let validators: ValidatorSet;
  if (genesisFile !== undefined) {
    genesis = loadGenesis(genesisFile);
    if (genesis.chainId !== status.chainId || genesis.suite !== status.suite)
      throw new CliError('CLI_GENESIS_MISMATCH', {
        nodeChain: String(status.chainId),
        nodeSuite: String(status.suite),
        chainId: genesis.chainId,
        suite: genesis.suite,
      });
    validators = genesis.validators;
  } else {
    io.err(`${t(p.lang, 'warnPrefix')}${t(p.lang, 'tofu')}`);
    const v = await read(api, ROUTES.validators, { query: { height: 1 } });
    validators = decodeValidatorSet(fromBase64(String(v.validatorSet)));
  }
  const suite = suiteOf(String(status.suite));
  const chainId = String(status.chainId);
  const token = tokenOf(p, io);
  const client = new DjchainClient({
    baseUrl: api,
    suite,
    chainId,
    trust: { kind: 'genesis', validators },
    ...(token !== undefined ? { token } : {}),
  });
  return { client, suite, chainId, api, genesis, token };
}
