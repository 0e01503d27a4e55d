/** POST /v1/txs, GET /v1/txs/:hash, GET /v1/txs/:hash/wait. */

import { DEFAULT_WAIT_MS } from '@djchain/client/routes';
import { encode, toHex } from '@djchain/crypto';
import {
  addressOf,
  decodeTx,
  domainHash,
  encodeHeader,
  encodeReceipt,
  encodeTx,
  merkleProofToValue,
  TAG,
  type Transaction,
} from '@djchain/ledger';
import type { FastifyInstance } from 'fastify';
import type { CommitEvent, DjNode } from '../node.ts';
import { ReceiptProofs } from '../storage/receipt-proofs.ts';
import { canReadEntity, requireCommunity, type Scope, type StateReader } from './access.ts';
import { b64, fromB64, parseHash } from './encoding.ts';
import { API_ERRORS, ApiError } from './errors.ts';
import type { Handlers } from './route.ts';

type TxResult =
  | { hash: string; accepted: true }
  | { hash?: string; accepted: false; error: { code: string; message: string; details?: unknown } };

/** The handlers of the transaction routes; `app` for the hook that releases waiters at close. */
export function txRoutes(
  app: FastifyInstance,
  node: DjNode,
  state: StateReader,
): Pick<Handlers, 'submitTxs' | 'tx' | 'txWait'> {
  const { suite } = node;
  /** PERF: receipt-root levels of recent blocks (their proofs are usually asked together). */
  const proofs = new ReceiptProofs(node.app.store.blocks, suite);
  const waiters = new Map<string, Set<() => void>>();
  const onCommit = (e: CommitEvent) => {
    for (const h of e.executed.result.txHashes) {
      const hex = toHex(h);
      const set = waiters.get(hex);
      if (!set) continue;
      waiters.delete(hex);
      for (const resolve of set) resolve();
    }
  };
  node.events.on('commit', onCommit);
  // Before the server waits for its connections: a long poll in flight answers now.
  app.addHook('preClose', async () => {
    node.events.off('commit', onCommit);
    for (const set of waiters.values()) for (const resolve of set) resolve();
    waiters.clear();
  });

  /** A committed transaction is its signer's, and readable by whoever reads what each of its events names. */
  const mayRead = (scope: Scope, tx: Transaction, events: ReadonlyArray<{ entities: readonly string[] }>) => {
    if (scope.all || scope.community) return true;
    if (scope.address !== null && addressOf(suite, tx.signer) === scope.address) return true;
    return events.length > 0 && events.every((e) => e.entities.some((x) => canReadEntity(scope, state, x)));
  };

  const committed = (hash: Uint8Array, scope: Scope) => {
    const stored = node.app.store.blocks.getTx(hash);
    if (!stored) return undefined;
    if (!mayRead(scope, stored.tx, stored.receipt.events)) requireCommunity(scope, 'transaction');
    const header = node.app.store.blocks.getHeader(stored.height)!;
    const proof = proofs.proof(stored.height, stored.index, header.receiptRoot)!;
    return {
      status: 'committed' as const,
      height: stored.height,
      index: stored.index,
      tx: b64(encodeTx(stored.tx)),
      receipt: b64(encodeReceipt(stored.receipt)),
      receiptProof: b64(encode(merkleProofToValue(proof))),
      header: b64(encodeHeader(header)),
    };
  };

  const lookup = (hex: string, scope: Scope) => {
    const hash = parseHash(hex);
    const done = committed(hash, scope);
    if (done) return done;
    if (node.mempool.has(hex)) return { status: 'pending' as const };
    return undefined;
  };

  return {
    submitTxs: async (req) => {
      const raw = (req.body as { txs: string[] }).txs;
      const results: TxResult[] = new Array(raw.length);
      const txs: Transaction[] = [];
      const encodings: Uint8Array[] = [];
      const slots: number[] = [];
      raw.forEach((s, i) => {
        const bytes = fromB64(s);
        let tx: Transaction | undefined;
        if (bytes !== null) {
          try {
            tx = decodeTx(bytes);
          } catch {
            tx = undefined;
          }
        }
        if (bytes === null || tx === undefined) {
          results[i] = {
            accepted: false,
            error: { code: 'TX_MALFORMED', message: API_ERRORS.TX_MALFORMED.message },
          };
          return;
        }
        txs.push(tx);
        encodings.push(bytes);
        slots.push(i);
      });
      // PERF: signatures verified in the mempool's worker pool, from the received bytes; the
      // workers hash each id too, so it is not hashed again here unless a refusal came first.
      const added = await node.mempool.addEncoded(txs, encodings);
      added.forEach((r, j) => {
        const i = slots[j]!;
        // decodeTx accepts canonical bytes only: they are the encoding the id is hashed from.
        const hash = r.hash ?? toHex(domainHash(suite, TAG.txId, encodings[j]!));
        results[i] = r.ok ? { hash, accepted: true } : { hash, accepted: false, error: r.error };
      });
      return { results };
    },

    tx: async (req) => {
      const found = lookup((req.params as { hash: string }).hash, req.djReader.scope());
      if (!found) throw new ApiError('TX_NOT_FOUND');
      return found;
    },

    txWait: async (req) => {
      const hex = (req.params as { hash: string }).hash;
      const timeoutMs = (req.query as { timeoutMs?: number }).timeoutMs ?? DEFAULT_WAIT_MS;
      const scope = () => req.djReader.scope();
      const first = lookup(hex, scope());
      if (!first) throw new ApiError('TX_NOT_FOUND');
      if (first.status === 'committed') return first;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          waiters.get(hex)?.delete(done);
          resolve();
        }
        const set = waiters.get(hex) ?? new Set();
        set.add(done);
        waiters.set(hex, set);
      });
      const after = lookup(hex, scope());
      if (after?.status === 'committed') return after;
      if (!after)
        throw new ApiError('TX_NOT_FOUND', 'the transaction left the mempool without being committed');
      throw new ApiError('TX_WAIT_TIMEOUT', undefined, { timeoutMs });
    },
  };
}
