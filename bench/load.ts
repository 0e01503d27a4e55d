/**
 * The load generator: pre-signed `kv.put` transactions (signers round-robin, consecutive nonces)
 * submitted over HTTP in batches, and waits on their commits through the node's API.
 */
import type { Suite } from '@djchain/crypto';
import { toHex } from '@djchain/crypto';
import { decodeBlock, decodeReceipt, encodeTx, signTx, txHash } from '@djchain/ledger';

export interface SignedLoad {
  /** Base64 canonical encodings, in submission order. */
  readonly bodies: string[];
  /** Hex ids, in submission order. */
  readonly hashes: string[];
}

/**
 * `count` transactions from `signers` accounts: transaction i is signer i mod signers with nonce
 * ⌊i / signers⌋, so any prefix holds consecutive nonces of every account it touches.
 */
export function presign(
  suite: Suite,
  chainId: string,
  count: number,
  opts: { signers: number; tag: string; seed: number },
): SignedLoad {
  const keys = Array.from({ length: opts.signers }, (_, i) => {
    const seed = new Uint8Array(32);
    new DataView(seed.buffer).setUint32(0, opts.seed);
    new DataView(seed.buffer).setUint32(4, i + 1);
    return suite.keyPairFromSeed(seed);
  });
  const bodies: string[] = [];
  const hashes: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % opts.signers;
    const tx = signTx(suite, keys[k]!.secretKey, {
      chainId,
      module: 'kv',
      action: 'put',
      params: { id: `${opts.tag}${i.toString(36)}`, value: `value-${i}` },
      signer: keys[k]!.publicKey,
      nonce: Math.floor(i / opts.signers),
      expiry: 100_000_000,
    });
    bodies.push(Buffer.from(encodeTx(tx)).toString('base64'));
    hashes.push(toHex(txHash(suite, tx)));
  }
  return { bodies, hashes };
}

/** Each node's operator token by API origin: the bench reads receipts and blocks as the operator. */
const TOKENS = new Map<string, string>();

export function readAsOperator(url: string, token: string): void {
  TOKENS.set(new URL(url).origin, token);
}

/** The operator's Authorization header for `url`'s node, if one was given. */
export function auth(url: string): Record<string, string> {
  const t = TOKENS.get(new URL(url).origin);
  return t ? { authorization: `Bearer ${t}` } : {};
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(url) },
    body: JSON.stringify(body),
  });
  return res.json();
}

/**
 * POST /v1/txs of one batch; throws on the first refusal (the bench load must all be admitted)
 * whose code is not in `benign`.
 */
export async function submitBatch(
  url: string,
  bodies: readonly string[],
  benign: ReadonlySet<string> = new Set(),
): Promise<void> {
  const r = (await postJson(`${url}/v1/txs`, { txs: bodies })) as {
    results?: Array<{ accepted: boolean; error?: { code: string; message: string } }>;
  };
  if (!r.results) throw new Error(`POST /v1/txs failed: ${JSON.stringify(r).slice(0, 300)}`);
  const refused = r.results.find((x) => !x.accepted && !benign.has(x.error?.code ?? ''));
  if (refused) throw new Error(`transaction refused: ${refused.error?.code} ${refused.error?.message}`);
}

/** Submits everything in batches of `batch`, at most `inFlight` requests at a time (closed loop). */
export async function submitAll(
  url: string,
  bodies: readonly string[],
  opts: { batch: number; inFlight: number },
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const from = next;
      next += opts.batch;
      await submitBatch(url, bodies.slice(from, from + opts.batch));
    }
  };
  await Promise.all(Array.from({ length: opts.inFlight }, worker));
}

/** Resolves when the transaction is committed (long-polls /wait; bounded attempts). */
export async function waitCommitted(url: string, hash: string, maxWaitMs = 120_000): Promise<number> {
  for (let waited = 0; waited < maxWaitMs; waited += 30_000) {
    const r = (await (
      await fetch(`${url}/v1/txs/${hash}/wait?timeoutMs=30000`, { headers: auth(url) })
    ).json()) as {
      status?: string;
      height?: number;
      code?: string;
    };
    if (r.status === 'committed') return r.height!;
    if (r.code !== 'TX_WAIT_TIMEOUT') throw new Error(`waiting for ${hash}: ${JSON.stringify(r)}`);
  }
  throw new Error(`transaction ${hash} not committed within ${maxWaitMs} ms`);
}

export async function status(url: string): Promise<{ height: number }> {
  return (await (await fetch(`${url}/v1/status`)).json()) as { height: number };
}

/**
 * Which of `hashes` the blocks from..to do not hold (each block fetched and its transactions hashed
 * here, independently of the node's receipts index), in the order given.
 */
export async function missingFrom(
  suite: Suite,
  url: string,
  from: number,
  to: number,
  hashes: readonly string[],
): Promise<string[]> {
  const found = new Set<string>();
  for (let h = from; h <= to; h++) {
    const r = (await (await fetch(`${url}/v1/blocks/${h}`, { headers: auth(url) })).json()) as {
      block: string;
    };
    const block = decodeBlock(Buffer.from(r.block, 'base64'));
    for (const tx of block.txs) found.add(toHex(txHash(suite, tx)));
  }
  return hashes.filter((h) => !found.has(h));
}

/** Number of `hashes` whose stored receipt (GET /v1/txs/:hash) has status ok. */
export async function countOkReceipts(url: string, hashes: readonly string[]): Promise<number> {
  let ok = 0;
  for (const hash of hashes) {
    const r = (await (await fetch(`${url}/v1/txs/${hash}`, { headers: auth(url) })).json()) as {
      receipt?: string;
    };
    if (r.receipt && decodeReceipt(Buffer.from(r.receipt, 'base64')).status === 'ok') ok++;
  }
  return ok;
}

/**
 * Status of every receipt (GET /v1/txs/:hash, `concurrency` requests at a time), counted by status
 * (`missing`: no receipt stored).
 */
export async function receiptStatuses(
  url: string,
  hashes: readonly string[],
  concurrency: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < hashes.length) {
      const hash = hashes[next++]!;
      const r = (await (await fetch(`${url}/v1/txs/${hash}`, { headers: auth(url) })).json()) as {
        receipt?: string;
      };
      const st = r.receipt ? decodeReceipt(Buffer.from(r.receipt, 'base64')).status : 'missing';
      counts.set(st, (counts.get(st) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return counts;
}
