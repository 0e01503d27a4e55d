/**
 * The API tests' common rig: one validator with every module on a test's genesis and its API
 * (injected requests, no port), sessions opened through the API, transactions sent and waited
 * for, and the read table checked reader by reader.
 */
import assert from 'node:assert/strict';
import { sessionSignBytes } from '@djchain/client';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { encodeTx, type Transaction, txHash } from '@djchain/ledger';
import { allModules } from '@djchain/modules';
import type { GenesisDoc } from '@djchain/runtime';
import type { FastifyInstance } from 'fastify';
import { type ApiOptions, buildApi, type DjNode, openNode } from '../src/index.ts';
import { CHAIN, T0, tempDir, waitForHeight } from './helpers.ts';

const suite = getSuite('intl');

/** A genesis of the test chain at T0 with `modules`, run by one validator of the 党委 c1. */
export function genesisOf(validator: KeyPair, modules: { [module: string]: unknown }): GenesisDoc {
  return {
    chainId: CHAIN,
    suite: suite.id,
    time: T0,
    validators: { validators: [{ publicKey: validator.publicKey, power: 1, name: 'v0', orgId: 'c1' }] },
    modules,
  } as unknown as GenesisDoc;
}

/**
 * A node of `genesis(validator)` (one validator, seed 1, a block every 20 ms) and its API, both
 * closed after the test; answers once the first block is committed.
 */
export async function apiNode(
  t: Parameters<typeof tempDir>[0],
  genesis: (validator: KeyPair) => GenesisDoc,
  opts: Partial<ApiOptions> = {},
): Promise<{ node: DjNode; api: FastifyInstance }> {
  const validator = suite.keyPairFromSeed(new Uint8Array(32).fill(1));
  const node = openNode(
    {
      dataDir: tempDir(t),
      genesis: genesis(validator),
      modules: allModules,
      driver: { emptyBlockIntervalMs: 20 },
    },
    { key: validator },
  );
  const api = buildApi(node, opts);
  t.after(async () => {
    await api.close();
    node.close();
  });
  await waitForHeight(node, 1);
  return { node, api };
}

/** Opens a session for `key` through the API: challenge, signature, session; the token. */
export async function signIn(api: FastifyInstance, key: KeyPair, chainId = CHAIN): Promise<string> {
  const ch = (await api.inject({ method: 'POST', url: '/v1/auth/challenge' })).json();
  const expiry = Date.now() + 600_000;
  const signature = suite.sign(key.secretKey, sessionSignBytes({ chainId, nonce: ch.nonce, expiry }));
  const res = await api.inject({
    method: 'POST',
    url: '/v1/auth/session',
    payload: { publicKey: toHex(key.publicKey), nonce: ch.nonce, expiry, signature: toHex(signature) },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token;
}

/** A token for each of `people` (signed in with `keyOf`), none for `anonymous`. */
export async function sessions<P extends string>(
  api: FastifyInstance,
  people: readonly P[],
  keyOf: (p: P) => KeyPair,
): Promise<Map<'anonymous' | P, string | undefined>> {
  const out = new Map<'anonymous' | P, string | undefined>([['anonymous', undefined]]);
  for (const p of people) out.set(p, await signIn(api, keyOf(p)));
  return out;
}

/** Sends `tx` through the API (it must be accepted); its hash. */
export async function submit(api: FastifyInstance, tx: Transaction): Promise<string> {
  const sent = await api.inject({
    method: 'POST',
    url: '/v1/txs',
    payload: { txs: [Buffer.from(encodeTx(tx)).toString('base64')] },
  });
  assert.equal(sent.json().results[0].accepted, true, sent.body);
  return toHex(txHash(suite, tx));
}

/** Waits (as `operator`) until transaction `hash` is committed and the node is at its height; the height. */
export async function committed(
  api: FastifyInstance,
  node: DjNode,
  hash: string,
  operator: string,
): Promise<number> {
  const done = await api.inject({
    url: `/v1/txs/${hash}/wait?timeoutMs=30000`,
    headers: { authorization: `Bearer ${operator}` },
  });
  assert.equal(done.json().status, 'committed', done.body);
  await waitForHeight(node, done.json().height);
  return done.json().height;
}

/** The URL of module query `module`.`name` with `params`. */
export const queryUrl = (module: string, name: string, params: object) =>
  `/v1/query/${module}/${name}?params=${encodeURIComponent(JSON.stringify(params))}`;

/** A row of expected statuses, one per reader of `readers` in order. */
export const rowOf =
  <R extends string>(readers: readonly R[]) =>
  (...statuses: number[]) =>
    Object.fromEntries(readers.map((r, i) => [r, statuses[i]!])) as Record<R, number>;

/**
 * Reads each URL as each reader (with its token, if any) and lists what differs from the expected
 * status, or, for a refusal, from its code (401 AUTH_REQUIRED, 403 READ_FORBIDDEN), or what `more`
 * finds wrong in an answer of the expected status; [] when all agree.
 */
export async function wrongReads<R extends string>(
  api: FastifyInstance,
  tokens: Map<R, string | undefined>,
  cases: Iterable<readonly [string, Record<R, number>]>,
  more: (res: Answer, url: string, expected: number) => string | undefined = () => undefined,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [url, want] of cases)
    for (const [r, token] of tokens) {
      const res = await api.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      const expected = want[r];
      if (res.statusCode !== expected) {
        wrong.push(`${r} ${url}: ${res.statusCode}, expected ${expected}`);
        continue;
      }
      if (expected >= 400) {
        const code = res.json().error.code;
        const codeWanted = expected === 401 ? 'AUTH_REQUIRED' : 'READ_FORBIDDEN';
        if (code !== codeWanted) wrong.push(`${r} ${url}: ${code}, expected ${codeWanted}`);
      }
      const also = more(res, url, expected);
      if (also !== undefined) wrong.push(`${r} ${url}: ${also}`);
    }
  return wrong;
}

/** An injected request's answer, as `wrongReads` hands it to its `more`. */
export type Answer = Awaited<ReturnType<FastifyInstance['inject']>>;
