/**
 * The page's access to the chain: the SDK (`DjchainClient`, whose light client starts from the
 * genesis validator set in /app-config.json) and typed readers over the modules' queries. Proved
 * reads (dossiers, receipts) are verified by the SDK in this browser; queries are the node's answers.
 */
import { DjchainClient, type HistoryEvent, ROUTES, type VerifiedReceipt } from '@djchain/client';
import { fromHex, type KeyPair, type Suite, type Value } from '@djchain/crypto/browser';
import type { ValidatorSet } from '@djchain/ledger';
import type { RuleSet as ChainRuleSet, Rights, StepDef } from '@djchain/modules';
import type { AppConfig } from '../app-config.ts';
import { configRequest } from './config-request.ts';
import { AppError } from './errors.ts';

export type { AppConfig, Rights, StepDef };

export interface OrgInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly community: boolean;
  readonly termYears: number;
  readonly termStart: string;
}

export interface PostInfo {
  readonly org: string;
  readonly member: string;
  readonly post: string;
  readonly since: string;
  readonly termEnd: string | null;
}

export interface MemberInfo {
  readonly id: string;
  readonly org: string;
  readonly address: string;
  readonly profileCommitment: string | null;
  readonly profileRef: string | null;
  readonly status: string;
  readonly partyAgeFrom: string | null;
  readonly probationEnd: string | null;
  readonly rights: Rights;
  /** A pending key recovery (member.requestKeyRecovery), awaiting the superior's approval. */
  readonly recovery?: { readonly newAddress: string; readonly requestedOn: string; readonly by: string };
}

export interface StepRecord {
  readonly on: string;
  readonly by: string;
  readonly onBehalfOf: string | null;
  readonly data: { readonly [k: string]: unknown };
}

export interface Deadline {
  readonly kind: string;
  readonly due: string;
  readonly cite: string;
}

export interface ProcessInfo {
  readonly member: string;
  readonly branch: string;
  readonly version: string;
  readonly phase: string;
  readonly steps: { readonly [action: string]: StepRecord };
  readonly deadlines: readonly Deadline[];
  readonly missing: unknown;
  readonly params: { readonly dueSoonDays?: number; readonly [k: string]: unknown };
}

/** A rule set as the app shows it (the modules' own, without its parameters and citations). */
export type RuleSet = Pick<ChainRuleSet, 'id' | 'title' | 'stages' | 'steps'>;

export async function loadConfig(): Promise<AppConfig> {
  const res = await configRequest();
  if (!res.ok) throw new AppError('WEB_NO_CONFIG', `app-config.json: HTTP ${res.status}`);
  return (await res.json()) as AppConfig;
}

export function genesisSet(cfg: AppConfig): ValidatorSet {
  return {
    validators: cfg.validators.map((v) => ({
      publicKey: fromHex(v.publicKey),
      power: v.power,
      name: v.name,
      ...(v.orgId === undefined ? {} : { orgId: v.orgId }),
    })),
  };
}

/**
 * The SDK for this page: the API on the same origin (the web server forwards /v1). `suite` is the
 * chain's (`loadSuite(cfg.suite)`, main.tsx: the gm code is fetched only for a gm chain).
 */
export function makeClient(cfg: AppConfig, suite: Suite): DjchainClient {
  return new DjchainClient({
    baseUrl: window.location.origin,
    suite,
    chainId: cfg.chainId,
    trust: { kind: 'genesis', validators: genesisSet(cfg) },
    requestTimeoutMs: 15_000,
  });
}

/** GET /v1/portal: the public portal's aggregates in one answer. */
export interface PortalOrg {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
  readonly termStart: string;
  readonly termYears: number;
  readonly posts: ReadonlyArray<{ readonly post: string; readonly since: string }>;
  readonly members: { readonly [status: string]: number };
}

/** An organization as the aggregate reads list it. */
export interface OrgSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parent: string | null;
}

/** Typed readers over the module queries. */
export class Chain {
  readonly client: DjchainClient;
  readonly config: AppConfig;
  private ruleSetCache: Promise<RuleSet[]> | null = null;

  /** `suite`: the chain's suite, loaded (`loadSuite(config.suite)`) before the page is built. */
  constructor(config: AppConfig, suite: Suite) {
    this.config = config;
    this.client = makeClient(config, suite);
  }

  private async q<T>(module: string, name: string, params: Value): Promise<T> {
    return (await this.client.query(module, name, params)).result as T;
  }

  /** The portal's aggregates (public, one request; no member id). */
  portal(): Promise<{ height: number; orgs: PortalOrg[] }> {
    // One answer serves the portal page and the organization names read at the same time.
    this.portalInFlight ??= this.fetchPortal().finally(() => {
      this.portalInFlight = null;
    });
    return this.portalInFlight;
  }

  private portalInFlight: Promise<{ height: number; orgs: PortalOrg[] }> | null = null;

  private async fetchPortal(): Promise<{ height: number; orgs: PortalOrg[] }> {
    return (await this.client.call(ROUTES.portal, {})) as { height: number; orgs: PortalOrg[] };
  }

  /** The organizations below `org` (itself included) and every person in them: one request. */
  async orgMembers(org: string): Promise<{ orgs: OrgSummary[]; members: MemberInfo[] }> {
    const r = await this.client.orgAggregate(org, 'members');
    return { orgs: r.orgs, members: r.items as MemberInfo[] };
  }

  /** The organizations below `org` (itself included) and every recruitment process of their branches: one request. */
  async orgCases(org: string): Promise<{ orgs: OrgSummary[]; cases: ProcessInfo[] }> {
    const r = await this.client.orgAggregate(org, 'cases');
    return { orgs: r.orgs, cases: r.items as ProcessInfo[] };
  }

  /**
   * Names of people this session is entitled to (the sealed-data service asks the node's read
   * rules with this session): of the organization's subtree, or of one member. Without the
   * service, or refused, none: the page shows ids.
   */
  async names(query: { org: string } | { member: string }): Promise<Record<string, string>> {
    try {
      return await this.client.sealedNames(query);
    } catch {
      return {};
    }
  }

  private orgNameCache: Promise<Map<string, string>> | null = null;

  /** Organization names (public, on chain), from the portal's one answer; cached for the page's life. */
  orgNames(): Promise<Map<string, string>> {
    this.orgNameCache ??= this.portal().then(
      (p) => new Map(p.orgs.map((o) => [o.id, o.name] as const)),
      () => {
        this.orgNameCache = null;
        return new Map<string, string>();
      },
    );
    return this.orgNameCache;
  }

  memberByAddress = (address: string) => this.q<string | null>('member', 'byAddress', { address });
  member = (id: string) => this.q<MemberInfo | null>('member', 'member', { id });
  org = (id: string) => this.q<OrgInfo | null>('org', 'org', { id });
  children = (id: string) => this.q<string[]>('org', 'children', { id });
  posts = (org: string) => this.q<PostInfo[]>('org', 'posts', { org });
  postsOf = (member: string) => this.q<PostInfo[]>('org', 'postsOf', { member });
  process = (member: string) => this.q<ProcessInfo | null>('recruitment', 'process', { member });

  ruleSets(): Promise<RuleSet[]> {
    this.ruleSetCache ??= this.q<{ versions: RuleSet[] | Record<string, RuleSet> }>(
      'recruitment',
      'ruleSets',
      {},
    ).then((r) => (Array.isArray(r.versions) ? r.versions : Object.values(r.versions)));
    return this.ruleSetCache;
  }

  async ruleSet(version: string): Promise<RuleSet | undefined> {
    return (await this.ruleSets()).find((r) => r.id === version);
  }

  /** The organizations under `root` (itself included), depth first, with their children ids. */
  async orgTree(root: string): Promise<Array<OrgInfo & { children: string[] }>> {
    const out: Array<OrgInfo & { children: string[] }> = [];
    const queue = [root];
    // Bounded: an organization tree of a community is small; stop at 500 nodes whatever the answer.
    while (queue.length > 0 && out.length < 500) {
      const id = queue.shift()!;
      const [info, kids] = await Promise.all([this.org(id), this.children(id)]);
      if (!info) continue;
      out.push({ ...info, children: kids });
      queue.push(...kids);
    }
    return out;
  }

  /** The verified history of an organization (member registrations, recruitment steps, warnings). */
  async orgEvents(org: string): Promise<readonly HistoryEvent[]> {
    try {
      return (await this.client.getDossier(`org:${org}`)).verdict.events;
    } catch (e) {
      if ((e as { apiCode?: string }).apiCode === 'ENTITY_NOT_FOUND') return [];
      throw e;
    }
  }

  /** Ids of the members and registered people of a branch, from its verified history. */
  async membersOf(org: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const e of await this.orgEvents(org)) {
      const d = e.data as { member?: unknown; org?: unknown; from?: unknown; to?: unknown };
      if (typeof d.member !== 'string') continue;
      if (e.type === 'member.Registered' || e.type === 'member.Imported') ids.add(d.member);
      if (e.type === 'transfer.Accepted') {
        if (d.to === org) ids.add(d.member);
        else ids.delete(d.member);
      }
    }
    return [...ids].sort();
  }

  /** Members of the people in a recruitment process in a branch (from its history). */
  async candidatesOf(org: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const e of await this.orgEvents(org)) {
      const d = e.data as { member?: unknown };
      if (e.type === 'recruitment.StepRecorded' && typeof d.member === 'string') ids.add(d.member);
    }
    return [...ids].sort();
  }

  /** Signs locally and submits; the verified receipt (status may be "failed" with a cited error). */
  send(
    module: string,
    action: string,
    params: Value,
    key: KeyPair,
    onBehalfOf?: string,
  ): Promise<VerifiedReceipt> {
    return this.client.send({ module, action, params, ...(onBehalfOf ? { onBehalfOf } : {}) }, key, {
      timeoutMs: 60_000,
    });
  }
}

/** Today's date in China (UTC+8), as the chain counts days. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Saves bytes as a file download. */
export function download(name: string, bytes: Uint8Array | string, type = 'application/octet-stream'): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  // Out of the page at once (an empty link left there is a nameless link to assistive technology);
  // the object URL lives on a moment for the download to start.
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
