/**
 * A tiny real HTTP server speaking the node API v1 (packages/node/API.md) over a TestChain: real
 * signed blocks, commits, receipts and state proofs. It "mines" deterministically — a pending
 * transaction is put in a block when a client waits for it — and can be told to lie, so tests see
 * the SDK refuse what does not verify. Kept only for what a real node cannot be made to do: lie,
 * and change its validator set on demand; everything else runs against the real API
 * (packages/node/test/sdk.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode, fromHex, toHex } from '@djchain/crypto';
import {
  decodeTx,
  encodeBlock,
  encodeCommit,
  encodeHeader,
  encodeReceipt,
  encodeValidatorSet,
  headerHash,
  merkleProofToValue,
  type Transaction,
  txHash,
  verifyTxSignature,
} from '@djchain/ledger';
import { encodeProof } from '@djchain/state';
import { addressOf, buildDossier, sessionSignBytes } from '../src/index.ts';
import { event, type TestChain } from './chain.ts';

export type Lie = 'state-value' | 'receipt' | 'headers' | 'dossier' | 'header-in-answer';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const utf8 = new TextEncoder();

export class FixtureServer {
  readonly chain: TestChain;
  readonly lies = new Set<Lie>();
  private readonly pending = new Map<string, Transaction>();
  private readonly nonces = new Set<string>();
  /** Open read sessions: token → the key's address. */
  readonly sessions = new Map<string, string>();
  /** Tokens seen on requests, in order (a test reads what the SDK sent). */
  readonly tokensSeen: Array<string | null> = [];
  private server: Server | undefined;
  requests = 0;

  constructor(chain: TestChain) {
    this.chain = chain;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      this.handle(req, res).catch((e: Error) =>
        send(res, 500, { error: { code: 'INTERNAL', message: e.message } }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((e) => (e ? reject(e) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const c = this.chain;
    const height = (name = 'height') => (q.has(name) ? Number(q.get(name)) : c.height);
    const notFound = (code: string) =>
      send(res, code === 'TX_WAIT_TIMEOUT' ? 408 : 404, { error: { code, message: code } });
    const parts = url.pathname.split('/').filter(Boolean);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    this.tokensSeen.push(auth);
    // A token the node no longer knows is refused as the node refuses it.
    if (auth !== null && !this.sessions.has(auth) && !url.pathname.startsWith('/v1/auth/'))
      return send(res, 401, { error: { code: 'AUTH_SESSION_EXPIRED', message: 'expired' } });

    if (req.method === 'POST' && url.pathname === '/v1/txs') {
      const body = JSON.parse(await readBody(req)) as { txs: string[] };
      return send(res, 200, { results: body.txs.map((t) => this.admit(t)) });
    }
    if (url.pathname === '/v1/status') {
      const top = c.height === 0 ? undefined : c.header(c.height);
      return send(res, 200, {
        chainId: c.chainId,
        suite: c.suite.id,
        height: c.height,
        time: top?.time ?? 0,
        headerHash: top ? toHex(headerHash(c.suite, top)) : null,
        stateRoot: toHex(top?.stateRoot ?? new Uint8Array(32)),
        validators: c.genesisSet.validators.map((v) => ({ publicKey: toHex(v.publicKey), power: v.power })),
        nodeId: 'fixture',
      });
    }
    if (url.pathname === '/v1/headers') {
      const from = height('from');
      const to = Math.min(height('to'), c.height, from + 999);
      const headers = [];
      for (let h = from; h <= to; h++) {
        const header = c.header(h);
        const lie = this.lies.has('headers') && h === to - 1;
        headers.push(b64(encodeHeader(lie ? { ...header, time: header.time + 1 } : header)));
      }
      return send(res, 200, { headers });
    }
    if (parts[1] === 'blocks') {
      const b = c.blocks[Number(parts[2]) - 1];
      if (!b) return notFound('HEIGHT_NOT_FOUND');
      return send(res, 200, { block: b64(encodeBlock(b.block)), commit: b64(encodeCommit(b.commit)) });
    }
    if (parts[1] === 'commits') {
      const b = c.blocks[Number(parts[2]) - 1];
      if (!b) return notFound('HEIGHT_NOT_FOUND');
      return send(res, 200, { height: Number(parts[2]), commit: b64(encodeCommit(b.commit)) });
    }
    // Read sessions as the node opens them: a single-use nonce signed by the key for this chain.
    if (req.method === 'POST' && url.pathname === '/v1/auth/challenge') {
      const nonce = randomBytes(32).toString('hex');
      this.nonces.add(nonce);
      return send(res, 200, { nonce, expiresAt: Date.now() + 60_000 });
    }
    if (req.method === 'POST' && url.pathname === '/v1/auth/session') {
      const b = JSON.parse(await readBody(req)) as {
        publicKey: string;
        nonce: string;
        expiry: number;
        signature: string;
      };
      const known = this.nonces.delete(b.nonce);
      const pub = fromHex(b.publicKey);
      const ok =
        known &&
        c.suite.verify(
          pub,
          sessionSignBytes({ chainId: c.chainId, nonce: b.nonce, expiry: b.expiry }),
          fromHex(b.signature),
        );
      if (!ok) return send(res, 401, { error: { code: 'AUTH_SIGNATURE_INVALID', message: 'bad signature' } });
      const token = randomBytes(16).toString('hex');
      this.sessions.set(token, addressOf(c.suite, pub));
      return send(res, 200, {
        token,
        address: addressOf(c.suite, pub),
        expiresAt: b.expiry,
        member: null,
        posts: [],
      });
    }
    if (url.pathname === '/v1/validators') {
      const h = height();
      const set = c.blocks[h - 1]?.set;
      if (!set) return notFound('HEIGHT_NOT_FOUND');
      return send(res, 200, { height: h, validatorSet: b64(encodeValidatorSet(set)) });
    }
    if (url.pathname === '/v1/state') {
      const key = q.get('key')!;
      const h = height();
      let value = c.tree.get(utf8.encode(key), h);
      if (this.lies.has('state-value') && value) value = encode({ nonce: 99 });
      const header = c.header(h);
      return send(res, 200, {
        key,
        height: h,
        value: value === undefined ? null : b64(value),
        proof: b64(encodeProof(c.tree.prove(utf8.encode(key), h))),
        header: b64(encodeHeader(this.lies.has('header-in-answer') ? { ...header, time: 5 } : header)),
      });
    }
    if (parts[1] === 'txs' && parts[2]) {
      const hex = parts[2];
      if (parts[3] === 'wait' && this.pending.has(hex)) {
        this.mine();
      }
      if (this.pending.has(hex)) return send(res, 200, { status: 'pending' });
      const at = c.findTx(Buffer.from(hex, 'hex'));
      if (!at) return notFound('TX_NOT_FOUND');
      const receipts = c.blocks[at.height - 1]!.receipts;
      const real = receipts[at.index]!;
      const receipt = this.lies.has('receipt') ? { ...real, events: [], writes: [] } : real;
      return send(res, 200, {
        status: 'committed',
        height: at.height,
        index: at.index,
        receipt: b64(encodeReceipt(receipt)),
        receiptProof: b64(encode(merkleProofToValue(c.receiptProof(at.height, at.index)))),
        header: b64(encodeHeader(c.header(at.height))),
      });
    }
    if (parts[1] === 'dossier') {
      const entity = decodeURIComponent(parts[2]!);
      const h = c.height;
      const b = c.blocks[h - 1]!;
      let events = c.events.get(entity) ?? [];
      if (this.lies.has('dossier')) events = events.filter((_, i) => i !== 1);
      const dossier = buildDossier({
        suite: c.suite,
        chainId: c.chainId,
        entity,
        events,
        proof: c.tree.prove(utf8.encode(`hist/${entity}`), h),
        header: b.block.header,
        commit: b.commit,
        validatorSet: b.set,
      });
      return send(res, 200, { dossier: b64(dossier) });
    }
    if (parts[1] === 'query') {
      const params = q.has('params') ? JSON.parse(q.get('params')!) : null;
      return send(res, 200, { height: c.height, result: { module: parts[2], name: parts[3], params } });
    }
    return notFound('ROUTE_NOT_FOUND');
  }

  /** Mempool admission: signature and next nonce, as the node's codes say. */
  private admit(text: string) {
    const c = this.chain;
    let tx: Transaction;
    try {
      tx = decodeTx(Buffer.from(text, 'base64'));
    } catch {
      return { accepted: false, error: { code: 'TX_MALFORMED', message: 'not a transaction' } };
    }
    const hash = toHex(txHash(c.suite, tx));
    if (!verifyTxSignature(c.suite, tx))
      return { hash, accepted: false, error: { code: 'RUNTIME_BAD_SIGNATURE', message: 'bad signature' } };
    const expected =
      this.nonceOf(addressOf(c.suite, tx.signer)) +
      [...this.pending.values()].filter((p) => toHex(p.signer) === toHex(tx.signer)).length;
    if (tx.nonce !== expected)
      return {
        hash,
        accepted: false,
        error: { code: 'RUNTIME_NONCE_USED', message: 'nonce', details: { expected } },
      };
    this.pending.set(hash, tx);
    return { hash, accepted: true };
  }

  private nonceOf(address: string): number {
    const c = this.chain;
    if (c.height === 0) return 0;
    const v = c.tree.get(utf8.encode(`acct/${address}`), c.height);
    return v === undefined ? 0 : (decode(v) as { nonce: number }).nonce;
  }

  /** One block with every pending transaction; each raises an event for params.id. */
  mine(): void {
    const ready = [...this.pending];
    const writes: Record<string, Uint8Array> = {};
    for (const [h, tx] of ready) {
      this.pending.delete(h);
      const address = addressOf(this.chain.suite, tx.signer);
      writes[`acct/${address}`] = encode({ nonce: tx.nonce + 1 });
    }
    const txs = ready.map(([, tx]) => {
      const id = (tx.params as { id?: string }).id ?? 'anon';
      return { tx, events: [event(tx.action, [`member:${id}`])] };
    });
    this.chain.add({ txs, writes });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (s += d));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}
