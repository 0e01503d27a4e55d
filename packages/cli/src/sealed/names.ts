/**
 * Names for the web app's lists: `GET /sealed/names?org=ID` (or `?member=ID`) with the reader's
 * node session (`Authorization: Bearer <token>`, the token the page got by signing the node's
 * challenge). The service does not decide who may read: it asks its own node, with that same
 * token, for the roster of the organization (`GET /v1/orgs/:org/members`) or the member
 * (`member.member`), so the node's read rules (API.md, "Who may read what") decide — the member's
 * own organization and those above it — and a refusal there is a refusal here. It answers the
 * `name` of the ids the node listed, and no other field: the name is the one personal field a
 * branch routinely shows its own people; every other field still needs a read record on chain
 * (gate.ts). Why a read of names leaves no trace on chain: docs/threat-model.md.
 */
import { HttpError, ROUTES, Transport } from '@djchain/client';
import type { Suite } from '@djchain/crypto';
import { lastLines, openLine, openVault, type SealedLine, type Vault } from '../commands/vault.ts';
import { SealedError } from './errors.ts';
import { FileCache } from './file-cache.ts';

export interface NamesOptions {
  readonly vaultFile: string;
  readonly profilesFile: string;
  /** The node's API, e.g. http://127.0.0.1:26657 (the operator's own node, on loopback). */
  readonly api: string;
  readonly chainId: string;
  readonly suite: Suite;
}

export interface NamesAnswer {
  readonly height: number;
  /** Member id → name, for the ids the node let this reader read and that have a sealed profile. */
  readonly names: Readonly<Record<string, string>>;
}

const ID = /^[^/?#\s]{1,64}$/;

export class NameReader {
  readonly #opts: NamesOptions;
  readonly #vault: FileCache<Vault>;
  readonly #lines: FileCache<Map<string, SealedLine>>;
  /** Names opened from the files as they are now (re-opened when either file changes: erasure counts at once). */
  #names: { vault: Vault; lines: Map<string, SealedLine>; names: Map<string, string> } | null = null;

  constructor(opts: NamesOptions) {
    this.#opts = opts;
    this.#vault = new FileCache(opts.vaultFile);
    this.#lines = new FileCache(opts.profilesFile);
  }

  /** Answers `?org=` or `?member=` for the session `authorization` (the header as sent), or throws SealedError. */
  async read(
    query: URLSearchParams,
    authorization: string | undefined,
    forwardedFor?: string,
  ): Promise<NamesAnswer> {
    const org = query.get('org');
    const member = query.get('member');
    if ((org === null) === (member === null) || !ID.test(org ?? member ?? ''))
      throw new SealedError('SEALED_BAD_REQUEST', 'exactly one of org or member (an id) is required');
    if (authorization === undefined || !/^Bearer [A-Za-z0-9._~+/=-]{1,256}$/.test(authorization))
      throw new SealedError('SEALED_AUTH_REQUIRED');
    const node = this.#node(authorization, forwardedFor);
    const body = await this.#ask(() =>
      org !== null
        ? node.call(ROUTES.orgMembers, { params: { org } })
        : node.call(ROUTES.query, {
            params: { module: 'member', name: 'member' },
            query: { params: JSON.stringify({ id: member }) },
          }),
    );
    const ids: string[] =
      org !== null
        ? ((body.members as Array<{ id?: unknown }> | undefined) ?? [])
            .map((m) => m.id)
            .filter((id): id is string => typeof id === 'string')
        : body.result !== null && typeof body.result === 'object'
          ? [member!]
          : [];
    const all = this.#all();
    const names: Record<string, string> = {};
    for (const id of ids) {
      const n = all.get(id);
      if (n !== undefined) names[id] = n;
    }
    return { height: typeof body.height === 'number' ? body.height : 0, names };
  }

  /** The node's API, read with the reader's own session (and its address, for the node's limits). */
  #node(authorization: string, forwardedFor?: string): Transport {
    const token = authorization.slice('Bearer '.length);
    return new Transport({
      baseUrl: this.#opts.api,
      requestTimeoutMs: 15_000,
      token: () => token,
      ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
    });
  }

  /** The node's answer; its refusals become this service's coded errors. */
  async #ask(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
    let body: unknown;
    try {
      body = await call();
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) throw new SealedError('SEALED_AUTH_REQUIRED');
      if (e instanceof HttpError && e.status === 403) throw new SealedError('SEALED_READ_FORBIDDEN');
      throw new SealedError('SEALED_UNAVAILABLE', (e as Error).message);
    }
    return body as Record<string, unknown>;
  }

  /** Every name the key store can open now. */
  #all(): Map<string, string> {
    const { vaultFile, profilesFile, chainId, suite } = this.#opts;
    const vault = this.#vault.get(() => openVault(vaultFile, chainId, suite).vault);
    const lines = this.#lines.get(() => lastLines(profilesFile));
    if (this.#names?.vault === vault && this.#names.lines === lines) return this.#names.names;
    const names = new Map<string, string>();
    for (const [id, line] of lines) {
      const p = openLine(suite, vault, line);
      if (p !== null && typeof p.name === 'string' && p.name.length > 0) names.set(id, p.name);
    }
    this.#names = { vault, lines, names };
    return names;
  }
}
