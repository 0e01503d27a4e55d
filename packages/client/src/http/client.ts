/**
 * DjchainClient: the typed SDK over the node's HTTP API v1 (packages/node/API.md). Everything that
 * can be proved is verified before it is returned — receipts against their block's receipt root,
 * state against its state root, dossiers offline — each header first verified by the light client
 * from the trust anchor given here, never from what the node says. Queries (/v1/query) compute
 * over state and are returned as the node answers them.
 */
import {
  decode,
  equalBytes,
  fromHex,
  type KeyPair,
  type Suite,
  toHex,
  type Value,
} from '@djchain/crypto/browser';
import {
  type CommitCertificate,
  type Header,
  headerHash,
  type Receipt,
  type ValidatorSet,
  validatorSetHash,
} from '@djchain/ledger';
import type { Proof } from '@djchain/state';
import { toBase64 } from '../base64.ts';
import { decodeDossier } from '../dossier/format.ts';
import { type DossierVerdict, verifyDossier } from '../dossier/verify.ts';
import { ClientError, HttpError } from '../errors.ts';
import { LightClient, type TrustAnchor } from '../light-client.ts';
import { MAX_HEADERS, MAX_WAIT_MS, ROUTES } from '../routes/index.ts';
import type { RouteInput, RouteSpec } from '../routes/spec.ts';
import { accountKey, addressOf, type SignedTx, signAction, type TxRequest } from '../tx.ts';
import {
  type AttachmentMeta,
  type AttachmentRecord,
  attachmentHash,
  verifyAttachment,
} from './attachments.ts';
import { sessionSignBytes } from './auth.ts';
import { type ChainEvent, type SubscribeOptions, subscribeEvents } from './events.ts';
import { type FetchLike, Transport } from './transport.ts';
import {
  asBytes,
  asCommit,
  asHeader,
  asMerkleProof,
  asReceipt,
  asStateProof,
  asValidatorSet,
  badResponse,
  field,
  obj,
  str,
  uint,
} from './wire.ts';

export interface DjchainClientOptions {
  /** The node's API root, e.g. "http://127.0.0.1:26680". */
  readonly baseUrl: string;
  readonly suite: Suite;
  readonly chainId: string;
  /** Where the light client's trust starts (genesis set, or a trusted header and its set). */
  readonly trust: TrustAnchor;
  readonly requestTimeoutMs?: number;
  /** Heights a transaction stays valid after the latest height when it is built. */
  readonly expiryWindow?: number;
  readonly fetch?: FetchLike;
  /** A bearer token to send from the start (the node operator's token); sign-in replaces it. */
  readonly token?: string;
}

/** A read session (POST /v1/auth/session): what this client reads as. */
export interface ReadSession {
  readonly token: string;
  readonly address: string;
  readonly expiresAt: number;
  /** The member whose key signed in (null: a key that is no member's). */
  readonly member: string | null;
  /** The organizations it reads: those of the member's posts and every one below them. */
  readonly posts: readonly string[];
}

export const defaultDjchainClientOptions = { requestTimeoutMs: 10_000, expiryWindow: 100 } as const;

export interface NodeStatus {
  readonly chainId: string;
  readonly suite: string;
  readonly height: number;
  readonly time: number;
  readonly headerHash: string | null;
  readonly stateRoot: string;
  readonly validators: ReadonlyArray<{ readonly publicKey: string; readonly power: number }>;
  readonly nodeId: string;
}

export type SubmitResult =
  | { readonly hash: string; readonly accepted: true }
  | {
      readonly hash?: string;
      readonly accepted: false;
      readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
    };

/** A receipt proved against a header the light client verified. */
export interface VerifiedReceipt {
  readonly hash: string;
  readonly height: number;
  readonly index: number;
  readonly receipt: Receipt;
  readonly header: Header;
}

/** A state value (undefined: proved absent) at a verified height. */
export interface VerifiedState {
  readonly key: string;
  readonly height: number;
  readonly value: Uint8Array | undefined;
  readonly header: Header;
  /** The proof checked (to hand on: a cross-chain admission proves the same value on another chain). */
  readonly proof: Proof;
}

export interface Action {
  readonly module: string;
  readonly action: string;
  readonly params: Value;
  readonly onBehalfOf?: string;
}

export class DjchainClient {
  readonly suite: Suite;
  readonly chainId: string;
  readonly light: LightClient;
  private readonly http: Transport;
  private readonly expiryWindow: number;
  private readonly conn: {
    readonly baseUrl: string;
    readonly fetch: FetchLike;
    readonly token: () => string | undefined;
  };
  private token: string | undefined;
  private current: ReadSession | undefined;
  /** The key the session was opened with, kept so that an expired session is renewed. */
  private sessionKey: KeyPair | undefined;
  /**
   * Asked for the key when a resumed session (no key held) expires: a page that keeps the session
   * across a reload but not the decrypted key asks its user for the passphrase here.
   */
  keyProvider: (() => Promise<KeyPair | undefined>) | undefined;
  /** Told of every session opened, resumed or ended (a page keeps it for the tab). */
  onSession: ((s: ReadSession | undefined) => void) | undefined;

  constructor(opts: DjchainClientOptions) {
    this.suite = opts.suite;
    this.chainId = opts.chainId;
    this.light = new LightClient({ suite: opts.suite, chainId: opts.chainId, trust: opts.trust });
    this.expiryWindow = opts.expiryWindow ?? defaultDjchainClientOptions.expiryWindow;
    this.token = opts.token;
    const token = () => this.token;
    this.conn = {
      baseUrl: opts.baseUrl,
      fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      token,
    };
    this.http = new Transport({
      baseUrl: opts.baseUrl,
      requestTimeoutMs: opts.requestTimeoutMs ?? defaultDjchainClientOptions.requestTimeoutMs,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      token,
      renew: async () => {
        const key = this.sessionKey ?? (await this.keyProvider?.());
        if (!key) return false;
        await this.signIn(key);
        return true;
      },
    });
  }

  /** The read session in use, if any. */
  session(): ReadSession | undefined {
    return this.current;
  }

  /** Headers that read as this client does (for requests the SDK does not make itself). */
  authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /**
   * Opens a read session with `key` (signs the node's challenge locally; the key never leaves):
   * afterwards every request reads as that key's member and posts. Kept and renewed by itself
   * while this client lives; `signOut` ends it.
   */
  async signIn(key: KeyPair, lifetimeMs = 30 * 60_000): Promise<ReadSession> {
    const ch = obj(await this.http.call(ROUTES.authChallenge, {}), 'challenge');
    const nonce = str(ch, 'nonce', 'challenge');
    const expiry = Date.now() + lifetimeMs;
    const signature = this.suite.sign(
      key.secretKey,
      sessionSignBytes({ chainId: this.chainId, nonce, expiry }),
    );
    const o = obj(
      await this.http.call(ROUTES.authSession, {
        body: { publicKey: toHex(key.publicKey), nonce, expiry, signature: toHex(signature) },
      }),
      'session',
    );
    const session: ReadSession = {
      token: str(o, 'token', 'session'),
      address: str(o, 'address', 'session'),
      expiresAt: uint(o, 'expiresAt', 'session'),
      member: typeof o.member === 'string' ? o.member : null,
      posts: Array.isArray(o.posts) ? o.posts.filter((x): x is string => typeof x === 'string') : [],
    };
    if (session.address !== addressOf(this.suite, key.publicKey))
      throw badResponse('session: opened for another key');
    this.current = session;
    this.sessionKey = key;
    this.token = session.token;
    this.onSession?.(session);
    return session;
  }

  /**
   * Reads again as a session opened earlier (kept by the page for its tab), without its key: when
   * it expires it is renewed with the key `keyProvider` gives, or reads fail AUTH_SESSION_EXPIRED.
   */
  resumeSession(session: ReadSession): void {
    this.current = session;
    this.sessionKey = undefined;
    this.token = session.token;
  }

  /** Ends the read session (on the node too); the client reads anonymously afterwards. */
  async signOut(): Promise<void> {
    const had = this.current;
    this.current = undefined;
    this.sessionKey = undefined;
    this.onSession?.(undefined);
    if (had) {
      try {
        await this.http.call(ROUTES.authEnd, {});
      } catch {
        // Ended anyway when it expires.
      }
    }
    this.token = undefined;
  }

  /**
   * Any route of the table (`ROUTES` of @djchain/client): the answer as the node sent it, checked
   * against the route's schema — for routes this client has no method of its own (block
   * summaries, block bodies, the portal). Nothing in it is proved: verify with the other methods.
   */
  call<R extends RouteSpec>(route: R, input: RouteInput<R>): Promise<unknown> {
    return this.http.call(route, input);
  }

  /** GET /v1/status; CLIENT_CHAIN_MISMATCH / CLIENT_SUITE_MISMATCH when the node runs another chain. */
  async status(): Promise<NodeStatus> {
    const o = obj(await this.http.call(ROUTES.status, {}), 'status');
    const s = o as unknown as NodeStatus;
    if (str(o, 'chainId', 'status') !== this.chainId)
      throw new ClientError('CLIENT_CHAIN_MISMATCH', `node runs chain ${s.chainId}, not ${this.chainId}`);
    if (str(o, 'suite', 'status') !== this.suite.id)
      throw new ClientError('CLIENT_SUITE_MISMATCH', `node runs suite ${s.suite}, not ${this.suite.id}`);
    uint(o, 'height', 'status');
    return s;
  }

  /**
   * GET /v1/events: calls `onEvent` with each block, entity event and warning as the node commits
   * them (filtered by `entity` and `types`), reconnecting with Last-Event-ID after a dropped
   * stream. Events are the node's word, not proofs: verify with getReceipt or getDossier.
   * Returns the function that ends the subscription.
   */
  subscribe(opts: SubscribeOptions, onEvent: (e: ChainEvent) => void): () => void {
    return subscribeEvents(this.conn, opts, onEvent);
  }

  /** POST /v1/txs: results in order; a rejection is a result, not an exception. */
  async submit(txs: ReadonlyArray<SignedTx | Uint8Array>): Promise<SubmitResult[]> {
    const body = { txs: txs.map((t) => (t instanceof Uint8Array ? toBase64(t) : t.base64)) };
    const o = obj(await this.http.call(ROUTES.submitTxs, { body }), 'submit');
    if (!Array.isArray(o.results) || o.results.length !== txs.length)
      throw badResponse('submit: one result per transaction expected');
    return o.results as SubmitResult[];
  }

  /**
   * The verified receipt of transaction `hash` (hex): waits up to `timeoutMs` for it to commit
   * (HttpError apiCode TX_WAIT_TIMEOUT after), then proves it. Bounded: at most
   * ceil(timeoutMs / 30 s) wait requests.
   */
  async waitForReceipt(hash: string, timeoutMs = MAX_WAIT_MS): Promise<VerifiedReceipt> {
    let left = Math.max(0, timeoutMs);
    const rounds = Math.max(1, Math.ceil(left / MAX_WAIT_MS));
    for (let i = 0; i < rounds; i++) {
      const wait = Math.min(left, MAX_WAIT_MS);
      left -= wait;
      try {
        const o = await this.http.call(ROUTES.txWait, { params: { hash }, query: { timeoutMs: wait } }, wait);
        return await this.verifyCommitted(hash, obj(o, 'tx'));
      } catch (e) {
        if (!(e instanceof HttpError && e.apiCode === 'TX_WAIT_TIMEOUT') || i === rounds - 1) throw e;
      }
    }
    throw new ClientError('CLIENT_BAD_RESPONSE', 'unreachable');
  }

  /** GET /v1/txs/:hash: "pending", or the verified receipt. HttpError TX_NOT_FOUND when unknown. */
  async getReceipt(
    hash: string,
  ): Promise<{ status: 'pending' } | ({ status: 'committed' } & VerifiedReceipt)> {
    const o = obj(await this.http.call(ROUTES.tx, { params: { hash } }), 'tx');
    if (o.status === 'pending') return { status: 'pending' };
    return { status: 'committed', ...(await this.verifyCommitted(hash, o)) };
  }

  private async verifyCommitted(hash: string, o: Record<string, unknown>): Promise<VerifiedReceipt> {
    if (o.status !== 'committed') throw badResponse('tx: expected status committed');
    const height = uint(o, 'height', 'tx');
    const index = uint(o, 'index', 'tx');
    const receipt = field(o, 'receipt', 'tx', asReceipt);
    const proof = field(o, 'receiptProof', 'tx', asMerkleProof);
    const served = field(o, 'header', 'tx', asHeader);
    const header = await this.sameAsVerified(served, height);
    if (proof.index !== index) throw new ClientError('CLIENT_BAD_RECEIPT', 'proof is for another index');
    this.light.verifyReceipt(height, receipt, proof, this.hashBytes(hash));
    return { hash, height, index, receipt, header };
  }

  /** The value of state key `key` at `height` (default latest), proved against a verified header. */
  async getState(key: string, height?: number): Promise<VerifiedState> {
    const o = obj(await this.http.call(ROUTES.state, { query: { key, height } }), 'state');
    if (str(o, 'key', 'state') !== key) throw badResponse('state: answer is for another key');
    const h = uint(o, 'height', 'state');
    if (height !== undefined && h !== height) throw badResponse('state: answer is for another height');
    const value = o.value === null ? undefined : field(o, 'value', 'state', asBytes);
    const proof = field(o, 'proof', 'state', asStateProof);
    const header = await this.sameAsVerified(field(o, 'header', 'state', asHeader), h);
    this.light.verifyState(h, key, value, proof);
    return { key, height: h, value, header, proof };
  }

  /**
   * The nonce the account's next transaction must carry, read with a proof at `height` (the latest
   * when omitted). At height 0 it is 0 without a read: before the first block nothing can be proved
   * yet, and no account has used a nonce.
   */
  async nextNonce(address: string, height?: number): Promise<number> {
    if (height === 0) return 0;
    const { value } = await this.getState(accountKey(address), height);
    if (value === undefined) return 0;
    const v = decode(value) as { nonce?: unknown };
    if (typeof v?.nonce !== 'number') throw badResponse('account value has no nonce');
    return v.nonce;
  }

  /**
   * Signs `actions` in order with `key` (locally) and consecutive nonces from `firstNonce`, all
   * expiring at `expiry`: one signer's batch to `submit` at once (an import's rows, a month's dues,
   * recorded reads). The signer's next nonce after it is `firstNonce + actions.length`.
   */
  signBatch(
    key: KeyPair,
    actions: readonly Pick<TxRequest, 'module' | 'action' | 'params' | 'onBehalfOf'>[],
    firstNonce: number,
    expiry: number,
  ): SignedTx[] {
    return actions.map((a, i) => signAction(this.suite, this.chainId, key, a, firstNonce + i, expiry));
  }

  /**
   * Builds, signs (locally: the key never leaves), submits and waits for `action`, returning the
   * verified receipt (its status may be "failed" with the module's coded, cited error).
   * CLIENT_TX_REJECTED when the node refuses it at admission.
   */
  async send(
    action: Action,
    key: KeyPair,
    opts: { nonce?: number; timeoutMs?: number } = {},
  ): Promise<VerifiedReceipt> {
    // Its receipt is readable by its signer: read as that key unless already reading as someone.
    if (this.token === undefined) await this.signIn(key);
    const status = await this.status();
    const nonce = opts.nonce ?? (await this.nextNonce(addressOf(this.suite, key.publicKey), status.height));
    const signed = signAction(
      this.suite,
      this.chainId,
      key,
      action,
      nonce,
      status.height + this.expiryWindow,
    );
    const [result] = await this.submit([signed]);
    if (!result?.accepted)
      throw new ClientError('CLIENT_TX_REJECTED', result?.error.message ?? 'rejected', {
        hash: signed.hash,
        ...(result ? { code: result.error.code, details: result.error.details } : {}),
      });
    return this.waitForReceipt(signed.hash, opts.timeoutMs);
  }

  /** GET /v1/dossier/:entity, verified against the light client (synced to the dossier's height). */
  async getDossier(entity: string): Promise<{ bytes: Uint8Array; verdict: DossierVerdict & { ok: true } }> {
    const o = obj(await this.http.call(ROUTES.dossier, { params: { entity } }), 'dossier');
    const bytes = field(o, 'dossier', 'dossier', asBytes);
    let height: number | undefined;
    try {
      height = decodeDossier(bytes).height;
    } catch {
      // verifyDossier reports the malformed part below.
    }
    if (height !== undefined && height >= 1) await this.verifiedHeader(height);
    const verdict = verifyDossier(bytes, {
      suite: this.suite,
      chainId: this.chainId,
      lightClient: this.light,
    });
    if (!verdict.ok) throw verdict.error;
    if (verdict.dossier.entity !== entity) throw badResponse('dossier is for another entity');
    return { bytes, verdict };
  }

  /**
   * GET /v1/orgs/:org/members or /cases — an organization's subtree (id, name, kind, parent) and
   * the `member.member` views or `recruitment.process` answers of everything in it, in one request.
   * Computed by the node, not proved.
   */
  async orgAggregate(
    org: string,
    what: 'members' | 'cases',
  ): Promise<{
    height: number;
    orgs: Array<{ id: string; name: string; kind: string; parent: string | null }>;
    items: unknown[];
  }> {
    const route = what === 'members' ? ROUTES.orgMembers : ROUTES.orgCases;
    const o = obj(await this.http.call(route, { params: { org } }), what);
    const items = o[what];
    if (!Array.isArray(o.orgs) || !Array.isArray(items))
      throw new ClientError('CLIENT_BAD_RESPONSE', `${what}: orgs and ${what} must be lists`);
    return { height: uint(o, 'height', what), orgs: o.orgs as never, items };
  }

  /**
   * GET /sealed/names (the sealed-data service behind the same origin as the API, as the web server
   * arranges): the names this session's reader is entitled to, by the node's read rules.
   */
  async sealedNames(query: { org: string } | { member: string }): Promise<Record<string, string>> {
    // Not a node route (the sealed-data service, forwarded by the web server): a plain request
    // with this session's token; a refusal is the service's coded error.
    const url = `${this.conn.baseUrl.replace(/\/+$/, '')}/sealed/names?${new URLSearchParams(query)}`;
    let res: Response;
    try {
      res = await this.conn.fetch(url, { headers: { accept: 'application/json', ...this.authHeaders() } });
    } catch (e) {
      throw new ClientError('CLIENT_NETWORK', `GET /sealed/names: ${(e as Error).message}`, { url });
    }
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok) {
      const err = (body?.error ?? {}) as { code?: unknown; message?: unknown };
      throw new HttpError(
        res.status,
        typeof err.code === 'string' ? err.code : 'HTTP_ERROR',
        typeof err.message === 'string' ? err.message : res.statusText,
        { path: '/sealed/names' },
      );
    }
    const o = obj(body, 'names');
    const names = o.names;
    if (names === null || typeof names !== 'object' || Array.isArray(names))
      throw new ClientError('CLIENT_BAD_RESPONSE', 'names: must be an object');
    const out: Record<string, string> = {};
    for (const [id, n] of Object.entries(names)) if (typeof n === 'string') out[id] = n;
    return out;
  }

  /** The on-chain record of an attachment (query `attachment.attachment`), or null when none is registered. */
  async attachment(hash: string): Promise<AttachmentRecord | null> {
    try {
      const { result } = await this.query('attachment', 'attachment', { hash });
      return (result as AttachmentRecord | null) ?? null;
    } catch (e) {
      // The node answers a hash nobody registered before it applies the read rule.
      if (e instanceof HttpError && e.apiCode === 'ATTACHMENT_NOT_FOUND') return null;
      throw e;
    }
  }

  /**
   * Registers `content` on chain (`attachment.register`, signed by `key`: a post holder of `meta.org`)
   * unless its hash is registered already, then uploads it (POST /v1/attachments/:hash) — one flow:
   * the node accepts content only for a committed record. The receipt is null when the record
   * existed; `stored` false when the node held the content already.
   */
  async putAttachment(
    content: Uint8Array,
    meta: AttachmentMeta,
    key: KeyPair,
  ): Promise<{ hash: string; receipt: VerifiedReceipt | null; stored: boolean }> {
    const hash = attachmentHash(content);
    if (this.token === undefined) await this.signIn(key);
    let receipt: VerifiedReceipt | null = null;
    if ((await this.attachment(hash)) === null) {
      const params: { [k: string]: Value } = {
        hash,
        size: content.length,
        mediaType: meta.mediaType ?? 'application/octet-stream',
        org: meta.org,
        scope: meta.scope,
      };
      if (meta.members !== undefined) params.members = [...meta.members].sort();
      receipt = await this.send(
        {
          module: 'attachment',
          action: 'register',
          params,
        },
        key,
      );
      if (receipt.receipt.status !== 'ok') return { hash, receipt, stored: false };
    }
    const o = obj(
      await this.http.call(ROUTES.attachmentPut, { params: { hash }, body: content }),
      'attachmentPut',
    );
    return { hash, receipt, stored: o.stored === true };
  }

  /** GET /v1/attachments/:hash: the content, verified to hash (SHA-256) to `hash` before it is returned. */
  async getAttachment(hash: string): Promise<Uint8Array> {
    const bytes = await this.http.call(ROUTES.attachmentGet, { params: { hash } });
    if (!(bytes instanceof Uint8Array)) throw badResponse('attachment: bytes expected');
    return verifyAttachment(hash, bytes);
  }

  /** GET /v1/query/:module/:name — computed by the node, not proved. */
  async query(
    module: string,
    name: string,
    params?: Value,
    height?: number,
  ): Promise<{ height: number; result: unknown }> {
    const query = { params: params === undefined ? undefined : JSON.stringify(params), height };
    const o = obj(await this.http.call(ROUTES.query, { params: { module, name }, query }), 'query');
    return { height: uint(o, 'height', 'query'), result: o.result };
  }

  /**
   * The header at `height`, verified: forward from the latest verified header (adjacent steps
   * where the validator set changes, skipping over runs where it does not, the run's headers
   * then accepted by their hash links), or backward by hash links from a verified header above.
   */
  async verifiedHeader(height: number): Promise<Header> {
    const known = this.light.header(height);
    if (known) return known;
    if (height > this.light.latestHeight()) await this.syncTo(height);
    else await this.fillBackTo(height);
    return this.light.requireHeader(height);
  }

  /**
   * A verified header with its commit certificate and the set that signed it — and, when the header
   * names another set for the next height, that set too (checked against nextValidatorsHash): what a
   * parent chain's `anchor.submit` takes (issue 19), checked here first by this client's own light
   * client, so a relayer never forwards what it could not verify itself.
   */
  async lightBlock(height: number): Promise<{
    header: Header;
    commit: CommitCertificate;
    validators: ValidatorSet;
    nextValidators?: ValidatorSet;
  }> {
    const header = await this.verifiedHeader(height);
    const commit = await this.commitOf(header);
    const validators = await this.validatorSet(header);
    if (equalBytes(header.nextValidatorsHash, header.validatorsHash)) return { header, commit, validators };
    const o = obj(await this.http.call(ROUTES.validators, { query: { height: height + 1 } }), 'validators');
    const next = field(o, 'validatorSet', 'validators', asValidatorSet);
    if (!equalBytes(validatorSetHash(this.suite, next), header.nextValidatorsHash))
      throw badResponse(`the set served for height ${height + 1} is not the one header ${height} names`);
    return { header, commit, validators, nextValidators: next };
  }

  /** Advances the light client to `target`. */
  async syncTo(target: number): Promise<void> {
    // Each round verifies at least one height; bounded by the distance.
    for (let guard = 0; this.light.latestHeight() < target && guard <= target; guard++) {
      const from = this.light.latestHeight() + 1;
      const headers = await this.headers(from, Math.min(target, from + MAX_HEADERS - 1));
      let end = headers.findIndex((h) => !equalBytes(h.nextValidatorsHash, h.validatorsHash));
      if (end < 0) end = headers.length - 1;
      if (!this.light.nextValidatorSet()) end = 0;
      const last = headers[end]!;
      const commit = await this.commitOf(last);
      const set = await this.validatorSet(last);
      this.light.verifyHeader(last, commit, set);
      for (let i = end - 1; i >= 0; i--) this.light.verifyAncestor(headers[i]!);
    }
  }

  private async fillBackTo(height: number): Promise<void> {
    const above = this.light.heights().find((h) => h > height);
    if (above === undefined)
      throw new ClientError('CLIENT_HEIGHT_UNKNOWN', `nothing verified above ${height}`);
    for (let top = above - 1; top >= height; top -= MAX_HEADERS) {
      const from = Math.max(height, top - MAX_HEADERS + 1);
      const headers = await this.headers(from, top);
      for (let i = headers.length - 1; i >= 0; i--) this.light.verifyAncestor(headers[i]!);
    }
  }

  private async headers(from: number, to: number): Promise<Header[]> {
    const o = obj(await this.http.call(ROUTES.headers, { query: { from, to } }), 'headers');
    if (!Array.isArray(o.headers) || o.headers.length !== to - from + 1)
      throw badResponse(`headers: expected ${to - from + 1} headers from ${from}`);
    return o.headers.map((_, i) => {
      const h = field(o.headers as unknown as Record<string, unknown>, String(i), 'headers', asHeader);
      if (h.height !== from + i) throw badResponse(`headers[${i}] is height ${h.height}, not ${from + i}`);
      return h;
    });
  }

  private async commitOf(header: Header) {
    const o = obj(await this.http.call(ROUTES.commit, { params: { height: header.height } }), 'commit');
    return field(o, 'commit', 'commit', asCommit);
  }

  private async validatorSet(header: Header) {
    const o = obj(
      await this.http.call(ROUTES.validators, { query: { height: header.height } }),
      'validators',
    );
    return field(o, 'validatorSet', 'validators', asValidatorSet);
  }

  /** The light client's header at `height`; the node's copy must be the same. */
  private async sameAsVerified(served: Header, height: number): Promise<Header> {
    if (served.height !== height) throw badResponse('header is for another height');
    const verified = await this.verifiedHeader(height);
    if (!equalBytes(headerHash(this.suite, verified), headerHash(this.suite, served)))
      throw new ClientError(
        'CLIENT_NOT_LINKED',
        `the node served a header ${height} that is not the verified one`,
      );
    return verified;
  }

  private hashBytes(hex: string): Uint8Array {
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new ClientError('CLIENT_BAD_TX', 'hash must be 64 lowercase hex');
    return fromHex(hex);
  }
}
