/**
 * Who may read what through the API. A reader is anonymous, a signed-in key (a session, see
 * sessions.ts) or the node's operator (a token). What a signed-in key may read is derived from the
 * chain's state at the latest height, never from what the client claims:
 *
 * - its own account and, when the key is a member's current key, that member's records;
 * - every post holder (书记 … 党务工作者, 纪检委员 included) reads the organization of the post and every
 *   organization below it (org.children in state), with the members those organizations hold;
 * - holders of a post in a top organization (no parent) are the "community" readers: every
 *   organization, block bodies, and entities of no organization.
 *
 * Each route declares its rule once (`read` in its RouteDoc); resource-dependent rules call the
 * checks here, which throw AUTH_REQUIRED (anonymous) or READ_FORBIDDEN.
 */
import type { Value } from '@djchain/crypto';
import type { DjNode } from '../node.ts';
import { requireAttachment } from './attachment-access.ts';
import { itemRange, requireRange } from './disclosure-access.ts';
import { ApiError } from './errors.ts';

export interface Scope {
  /** Everything (the node's operator). */
  readonly all: boolean;
  /** The signed-in key's address (hex), null for anonymous and the operator. */
  readonly address: string | null;
  /** The member whose current key signed in, if any. */
  readonly member: string | null;
  /** Organizations whose records this reader may read: those of its posts and all below them. */
  readonly orgs: ReadonlySet<string>;
  /** Holds a post in a top organization: reads every organization and block bodies. */
  readonly community: boolean;
}

export const ANONYMOUS: Scope = {
  all: false,
  address: null,
  member: null,
  orgs: new Set(),
  community: false,
};
export const OPERATOR: Scope = { all: true, address: null, member: null, orgs: new Set(), community: true };

/** The largest organization tree walked for one reader (a community has dozens). */
const MAX_ORGS = 5000;

/** Module queries at the latest height, as the node itself answers them (null when they fail). */
export class StateReader {
  private readonly node: DjNode;
  constructor(node: DjNode) {
    this.node = node;
  }

  height(): number {
    return this.node.app.height();
  }

  query(module: string, name: string, params: Value): unknown {
    const chain = this.node.app;
    const height = chain.height();
    const time = height === 0 ? chain.genesis.time : chain.store.blocks.getHeader(height)!.time;
    const out = chain.executor.query(module, name, params, chain.store.view(height), height, time);
    return out.ok ? out.value : null;
  }

  memberOfAddress(address: string): string | null {
    const id = this.query('member', 'byAddress', { address });
    return typeof id === 'string' ? id : null;
  }

  /** The organizations responsible for a member: its branch and, while one is pending, a transfer's destination. */
  orgsOfMember(member: string): string[] {
    const out: string[] = [];
    const r = this.query('transfer', 'responsible', { member }) as {
      org?: unknown;
      pending?: unknown;
    } | null;
    if (r && typeof r.org === 'string') out.push(r.org);
    if (r && typeof r.pending === 'string') {
      const t = this.query('transfer', 'transfer', { id: r.pending }) as { to?: unknown } | null;
      if (t && typeof t.to === 'string') out.push(t.to);
    }
    if (out.length === 0) {
      const m = this.query('member', 'member', { id: member }) as { org?: unknown } | null;
      if (m && typeof m.org === 'string') out.push(m.org);
    }
    return out;
  }

  /** A signed-in key's scope from its member record and that member's posts in state. */
  scopeOf(address: string): Scope {
    const member = this.memberOfAddress(address);
    const orgs = new Set<string>();
    let community = false;
    if (member !== null) {
      const posts = this.query('org', 'postsOf', { member });
      const queue: string[] = [];
      for (const p of Array.isArray(posts) ? posts : []) {
        const org = (p as { org?: unknown }).org;
        if (typeof org !== 'string') continue;
        const rec = this.query('org', 'org', { id: org }) as { parent?: unknown } | null;
        if (rec && rec.parent === null) community = true;
        queue.push(org);
      }
      // Breadth first down org.children, bounded.
      while (queue.length > 0 && orgs.size < MAX_ORGS) {
        const id = queue.shift()!;
        if (orgs.has(id)) continue;
        orgs.add(id);
        const kids = this.query('org', 'children', { id });
        if (Array.isArray(kids)) for (const k of kids) if (typeof k === 'string') queue.push(k);
      }
    }
    return { all: false, address, member, orgs, community };
  }
}

/** AUTH_REQUIRED for an anonymous reader, READ_FORBIDDEN for a signed-in one. */
export const refuse = (scope: Scope, what: string): never => {
  if (scope.address === null && !scope.all) throw new ApiError('AUTH_REQUIRED', undefined, { what });
  throw new ApiError('READ_FORBIDDEN', undefined, { what });
};

export function canReadOrg(scope: Scope, org: string): boolean {
  return scope.all || scope.community || scope.orgs.has(org);
}

export function canReadMember(scope: Scope, state: StateReader, member: string): boolean {
  if (scope.all || scope.community) return true;
  if (scope.member !== null && scope.member === member) return true;
  if (scope.address === null) return false;
  const orgs = state.orgsOfMember(member);
  // No such member: nothing to protect but the fact, and a signed-in reader is told "not found".
  if (orgs.length === 0) return true;
  return orgs.some((o) => scope.orgs.has(o));
}

/** `validator:` (double-signing evidence) and `chain:` (anchors of child chains) entities are public; other kinds of no organization are community reads. */
export function canReadEntity(scope: Scope, state: StateReader, entity: string): boolean {
  const colon = entity.indexOf(':');
  const kind = colon < 0 ? '' : entity.slice(0, colon);
  const id = entity.slice(colon + 1);
  // `validator:` double signing, `matter:` 四议两公开 and `chain:` anchor histories are public.
  if (kind === 'validator' || kind === 'matter' || kind === 'chain') return true;
  if (kind === 'member') return canReadMember(scope, state, id);
  if (kind === 'org') return canReadOrg(scope, id);
  if (kind === 'address' && scope.address === id) return true;
  // A resident reads their own history (a 双报到 member's service statement is its dossier).
  if (kind === 'resident' && isAccount(scope, state, entity)) return true;
  return scope.all || scope.community;
}

/**
 * Holds 纪检委员 in `org` or an organization above it: the discipline-inspection view of who read
 * sealed data (declaration.readLog, declaration.readsOf). Other posts, the community's included,
 * do not see it: the log of reads is the inspector's to supervise, and the member's own.
 */
export function isInspectorOf(scope: Scope, state: StateReader, org: string): boolean {
  if (scope.all) return true;
  if (scope.member === null) return false;
  const posts = state.query('org', 'postsOf', { member: scope.member });
  const held = new Set<string>();
  for (const p of Array.isArray(posts) ? posts : []) {
    const r = p as { org?: unknown; post?: unknown };
    if (r.post === '纪检委员' && typeof r.org === 'string') held.add(r.org);
  }
  let at: string | null = org;
  // Up the tree through org.org's parent, bounded (a community is a few levels deep).
  for (let i = 0; i < 16 && at !== null; i++) {
    if (held.has(at)) return true;
    const rec = state.query('org', 'org', { id: at }) as { parent?: unknown } | null;
    at = rec && typeof rec.parent === 'string' ? rec.parent : null;
  }
  return false;
}

export function requireMember(scope: Scope, state: StateReader, member: string): void {
  if (!canReadMember(scope, state, member)) refuse(scope, `member:${member}`);
}
export function requireOrg(scope: Scope, org: string): void {
  if (!canReadOrg(scope, org)) refuse(scope, `org:${org}`);
}
export function requireEntity(scope: Scope, state: StateReader, entity: string): void {
  if (!canReadEntity(scope, state, entity)) refuse(scope, entity);
}
export function requireCommunity(scope: Scope, what: string): void {
  if (!(scope.all || scope.community)) refuse(scope, what);
}

/**
 * State keys: `sys/…` (chain parameters, validators) and `acct/…` (a key's next nonce: nothing
 * ties an address to a person without a member read) are public; `hist/<entity>` and
 * `evt/<entity>/…` follow the entity; module records are community reads (members and post
 * holders read theirs through the module queries and dossiers).
 */
export function requireStateKey(scope: Scope, state: StateReader, key: string): void {
  if (key.startsWith('sys/') || key.startsWith('acct/')) return;
  if (key.startsWith('hist/')) {
    requireEntity(scope, state, key.slice('hist/'.length));
  } else if (key.startsWith('evt/')) {
    const rest = key.slice('evt/'.length);
    const slash = rest.lastIndexOf('/');
    requireEntity(scope, state, slash < 0 ? rest : rest.slice(0, slash));
  } else if (key.startsWith(DISCLOSURE_ITEM) || key.startsWith(DISCLOSURE_LINK)) {
    // An item and its replacement link are read, with their proofs, by the item's readers (the
    // portal checks a public item in the browser); absence of an unknown id tells nothing.
    const id = key.slice(DISCLOSURE_ITEM.length);
    const range = itemRange(state, id);
    if (range !== null) requireRange(scope, state, range, `disclosure:${id}`);
  } else requireCommunity(scope, key);
}

/** State keys of a disclosure item and of the link to its replacement (modules: disclosure/store.ts). */
const DISCLOSURE_ITEM = 'disclosure/i/';
const DISCLOSURE_LINK = 'disclosure/s/';

const own = (p: Value, k: string): string => {
  if (p === null || typeof p !== 'object' || Array.isArray(p) || p instanceof Uint8Array) return '';
  const v = Object.hasOwn(p, k) ? (p as Record<string, Value>)[k] : undefined;
  return typeof v === 'string' ? v : '';
};

/**
 * The read rule of every module query, by `module.name`. `before` checks the parameters (as the
 * query parsed them: what it will read), `after` the answer (when what it names is only known then). A query missing here is a community read:
 * a new query is closed until it is classified.
 */
interface QueryRule {
  readonly rule: string;
  before?(scope: Scope, state: StateReader, params: Value): void;
  after?(scope: Scope, state: StateReader, result: unknown): void;
}

const memberParam =
  (name: string) =>
  (scope: Scope, state: StateReader, p: Value): void =>
    requireMember(scope, state, own(p, name));

/** Post holders of the organization named by parameter `org`, or of one above it. */
const ORG_POSTS: QueryRule = {
  rule: 'post holders of the organization or above',
  before: (s, _st, p) => requireOrg(s, own(p, 'org')),
};

/** The member named by parameter `name`, or post holders of their organization or above. */
const ofMember = (name: string): QueryRule => ({
  rule: 'the member, or post holders of their organization or above',
  before: memberParam(name),
});

/**
 * The check of an answer owned by an organization (its `org`): post holders of that organization
 * or above read it, and so does a member it `concerns`; an answer naming no organization (none
 * found) is the community's.
 */
const ownedBy =
  (what: string, concerns: (answer: { [k: string]: unknown }, member: string) => boolean = () => false) =>
  (scope: Scope, _state: StateReader, result: unknown): void => {
    const a = result as { org?: unknown; [k: string]: unknown } | null;
    if (a === null || typeof a.org !== 'string') requireCommunity(scope, what);
    else if (!canReadOrg(scope, a.org) && !(scope.member !== null && concerns(a, scope.member)))
      requireOrg(scope, a.org);
  };

/**
 * The service module's accounts (`member:<id>`, `resident:<id>`): is the reader that account? A
 * member by their current key, a resident by their bound key (resident.resident by address).
 */
function isAccount(scope: Scope, state: StateReader, account: string): boolean {
  if (scope.address === null) return false;
  if (account.startsWith('member:')) return scope.member !== null && account === `member:${scope.member}`;
  if (!account.startsWith('resident:')) return false;
  const r = state.query('resident', 'resident', { address: scope.address }) as {
    id?: unknown;
    status?: unknown;
  } | null;
  return r !== null && r.status === 'bound' && account === `resident:${String(r.id)}`;
}

function requireAccountOrCommunity(
  scope: Scope,
  state: StateReader,
  accounts: readonly unknown[],
  what: string,
): void {
  if (scope.all || scope.community) return;
  if (accounts.some((a) => typeof a === 'string' && isAccount(scope, state, a))) return;
  refuse(scope, what);
}

export const QUERY_RULES: Readonly<Record<string, QueryRule>> = {
  'org.org': { rule: 'public (names, kinds and terms of organizations)' },
  'org.children': { rule: 'public' },
  'org.posts': {
    rule: 'post holders of the organization or above; public without member ids',
  },
  'org.postsOf': ofMember('member'),
  'org.history': ORG_POSTS,
  'member.member': ofMember('id'),
  'member.byAddress': {
    rule: 'the key itself, or readers of the member it names',
    after(scope, state, result) {
      if (typeof result === 'string') requireMember(scope, state, result);
      else requireCommunity(scope, 'member.byAddress');
    },
    before(scope, _state, p) {
      if (scope.address === null && !scope.all) refuse(scope, 'member.byAddress');
      void p;
    },
  },
  'recruitment.process': {
    rule: 'the candidate, or post holders of their branch or above',
    before: memberParam('member'),
  },
  'recruitment.ruleSets': { rule: 'public (national rules)' },
  'recruitment.effectiveParams': { rule: 'public (rules in force in a branch)' },
  // The county discipline commission named in genesis: a body's name and key address, like a validator's.
  'discipline.commission': { rule: 'public (the discipline commission named in genesis)' },
  'discipline.sanctions': ofMember('member'),
  'discipline.effects': ofMember('member'),
  'transfer.responsible': ofMember('member'),
  'transfer.transfer': {
    rule: 'the member, or post holders of the sending or receiving organization or above',
    after(scope, state, result) {
      const t = result as { member?: unknown; from?: unknown; to?: unknown } | null;
      if (t === null) return requireCommunity(scope, 'transfer.transfer');
      if (typeof t.from === 'string' && canReadOrg(scope, t.from)) return;
      if (typeof t.to === 'string' && canReadOrg(scope, t.to)) return;
      requireMember(scope, state, typeof t.member === 'string' ? t.member : '');
    },
  },
  // The record of an attachment follows the attachment's own reader scope (attachment-access.ts),
  // exactly as its content does (GET /v1/attachments/:hash).
  'attachment.attachment': {
    rule: 'the readers of the attachment (its scope; post holders of its organization or above)',
    before: (s, st, p) => void requireAttachment(s, st, own(p, 'hash')),
  },
  'attachment.usage': {
    rule: 'the member whose account it is, or post holders of their organization or above',
    before: memberParam('account'),
  },
  'attachment.entitled': {
    rule: 'the readers of the attachment, about themselves or a member they may read',
    before(s, st, p) {
      requireAttachment(s, st, own(p, 'hash'));
      const m = own(p, 'member');
      if (m !== '') requireMember(s, st, m);
      if (own(p, 'org') !== '') requireCommunity(s, 'attachment.entitled by organization');
    },
  },
  'dues.amount': { rule: 'public (the national rates)' },
  'dues.account': ofMember('member'),
  'dues.statement': ofMember('member'),
  'dues.register': ORG_POSTS,
  'dues.arrears': ORG_POSTS,
  'dues.books': ORG_POSTS,
  'dues.ledger': ORG_POSTS,
  'dues.notice': { rule: 'members of the community (the yearly notice is published to members)' },
  // Organizational life: a meeting is read by post holders of its organization or above and by the
  // members expected at it; an organization's register and obligations by its post holders and
  // those above; a member's own life by the member and the post holders above them.
  'orglife.meeting': {
    rule: 'post holders of the organization or above, or a member expected at the meeting',
    after: ownedBy(
      'orglife.meeting',
      (m, member) => Array.isArray(m.expected) && m.expected.includes(member),
    ),
  },
  'orglife.appraisal': {
    rule: "post holders of the meeting's organization or above (members read their own rating with orglife.member)",
    after: ownedBy('orglife.appraisal'),
  },
  'orglife.meetings': ORG_POSTS,
  'orglife.obligations': ORG_POSTS,
  'orglife.overview': ORG_POSTS,
  'orglife.member': ofMember('member'),
  // 党务公开: what is in force for a range is read by that range's readers (disclosure-access.ts);
  // an item (with its versions: every version shares its organization and scope) by its own.
  'disclosure.inForce': {
    rule: 'anyone for public items; the Party members of the community, or of the organization, for theirs',
    before: (s, st, p) =>
      requireRange(s, st, { scope: own(p, 'scope'), org: own(p, 'org') }, `disclosure:${own(p, 'scope')}`),
  },
  'disclosure.item': {
    rule: 'the readers of the item (anyone for a public one)',
    before(s, st, p) {
      const range = itemRange(st, own(p, 'id'));
      if (range !== null) requireRange(s, st, range, `disclosure:${own(p, 'id')}`);
    },
  },
  'disclosure.readers': {
    rule: 'the member themself, or post holders of their organization or above',
    before: memberParam('member'),
  },
  'disclosure.ofOrg': ORG_POSTS,
  'study.rules': { rule: 'public (the national study targets)' },
  'study.progress': ofMember('member'),
  'study.pending': ORG_POSTS,
  'study.register': ORG_POSTS,
  // The warning centre: an organization's warnings to its post holders and those above; a member's
  // own to the member and the post holders above them; one warning to the same readers.
  'warnings.open': ORG_POSTS,
  'warnings.mine': ofMember('member'),
  'warnings.warning': {
    rule: 'post holders of the owning organization or above, or the member it concerns',
    after: ownedBy('warnings.warning', (w, member) => w.member === member),
  },
  // The operation index: the organization itself (its post holders) and those above it, never
  // anyone else (国办函〔2026〕12号: no comparison between organizations or members for the public).
  'insight.period': ORG_POSTS,
  'insight.history': ORG_POSTS,
  'insight.rules': { rule: 'public (the published rule sets and the one in force)' },
  'insight.credit': ofMember('member'),
  'insight.corrections': ofMember('member'),
  'insight.openCorrections': {
    rule: 'post holders of the organization or above (the branch answers its members’ requests)',
    before: (s, _st, p) => requireOrg(s, own(p, 'org')),
  },
  'insight.orgCredit': ORG_POSTS,
  // Residents and 四议两公开 (resident module): nothing personal is recorded (opaque ids, key
  // addresses, commitments, counts, public documents' hashes). Matters, their votes and comments are
  // public (两公开, consultations); a single account is public (a browser asks whether its key is
  // bound); the list of all accounts is for the community's post holders.
  'resident.params': { rule: 'public (the community’s 四议两公开 thresholds)' },
  'resident.resident': { rule: 'public (an opaque id, a key address and a commitment)' },
  'resident.residents': {
    rule: 'post holders of a top organization (the community)',
    before: (s) => requireCommunity(s, 'resident.residents'),
  },
  'resident.binder': {
    rule: 'post holders of a top organization (the community), and the sealed-data service as operator',
    before: (s) => requireCommunity(s, 'resident.binder'),
  },
  'resident.voters': {
    rule: 'post holders of the organization or above (member ids)',
    before: (s, _st, p) => requireOrg(s, own(p, 'org')),
  },
  'resident.representatives': { rule: 'public (居民代表 by opaque id)' },
  'resident.matters': { rule: 'public (四议两公开)' },
  'resident.matter': { rule: 'public (四议两公开)' },
  'resident.comments': { rule: 'public (comments on published items)' },
  // 重大事项请示报告: requests follow the filing and the answering organization; a personal
  // declaration (kind, dates, steps, commitment — never the content) follows its member. The read
  // log is the discipline-inspection view: the 纪检委员 of the organization or above, and the member.
  'declaration.params': { rule: 'public (kinds of personal matters and deadlines in genesis)' },
  'declaration.request': {
    rule: 'post holders of the filing or the answering organization or above',
    after(scope, _state, result) {
      const r = result as { org?: unknown; to?: unknown } | null;
      if (r === null) return requireCommunity(scope, 'declaration.request');
      if (typeof r.org === 'string' && canReadOrg(scope, r.org)) return;
      requireOrg(scope, typeof r.to === 'string' ? r.to : '');
    },
  },
  'declaration.requests': ORG_POSTS,
  'declaration.declaration': {
    rule: 'the member, or post holders of their organization or above',
    after(scope, state, result) {
      const d = result as { member?: unknown } | null;
      if (d === null) return requireCommunity(scope, 'declaration.declaration');
      requireMember(scope, state, typeof d.member === 'string' ? d.member : '');
    },
  },
  'declaration.declarationsOf': ofMember('member'),
  'declaration.declarationsIn': ORG_POSTS,
  'declaration.readsOf': {
    rule: 'the member, or the 纪检委员 of their organization or above',
    before(scope, state, p) {
      const member = own(p, 'member');
      if (scope.member !== null && scope.member === member) return;
      if (state.orgsOfMember(member).some((o) => isInspectorOf(scope, state, o))) return;
      refuse(scope, `declaration.readsOf ${member}`);
    },
  },
  'declaration.readLog': {
    rule: 'the 纪检委员 of the organization or above',
    before(scope, state, p) {
      if (!isInspectorOf(scope, state, own(p, 'org'))) refuse(scope, 'declaration.readLog');
    },
  },
  // The service centre (service module): the menu, grids (aggregate figures, accounts by opaque id)
  // and the monthly figures (counts and rating sums per kind, no ids) are public; an order is its
  // resident's and its provider's, a provider's list and statement theirs, a resident's requests
  // theirs; the dispatch board, registrations and escalations are the community's post holders'
  // (and a grid's escalations its leader's).
  'service.params': { rule: 'public (the community’s service deadlines)' },
  'service.menu': { rule: 'public (the service menu)' },
  'service.item': { rule: 'public (the service menu)' },
  'service.grids': { rule: 'public (grids: aggregate figures, accounts by opaque id)' },
  'service.grid': { rule: 'public (grids: aggregate figures, accounts by opaque id)' },
  'service.stats': { rule: 'public (services per month and kind, rating sums; no ids)' },
  'service.order': {
    rule: 'the resident who ordered, the provider, or post holders of a top organization',
    after(scope, state, result) {
      const o = result as { resident?: unknown; provider?: unknown; placedBy?: unknown } | null;
      if (o === null) return requireCommunity(scope, 'service.order');
      const accounts = [
        `resident:${String(o.resident)}`,
        o.provider,
        o.placedBy === null ? null : `member:${String(o.placedBy)}`,
      ];
      requireAccountOrCommunity(scope, state, accounts, 'service.order');
    },
  },
  'service.ordersOf': {
    rule: 'the resident themself, or post holders of a top organization',
    before: (s, st, p) =>
      requireAccountOrCommunity(s, st, [`resident:${own(p, 'resident')}`], 'service.ordersOf'),
  },
  'service.todo': {
    rule: 'the provider themself, or post holders of a top organization',
    before: (s, st, p) => requireAccountOrCommunity(s, st, [own(p, 'account')], 'service.todo'),
  },
  'service.served': {
    rule: 'the provider themself, or post holders of a top organization',
    before: (s, st, p) => requireAccountOrCommunity(s, st, [own(p, 'account')], 'service.served'),
  },
  'service.registration': {
    rule: 'the accounts registered, or post holders of a top organization',
    after(scope, state, result) {
      const r = result as { accounts?: unknown } | null;
      const accounts = r !== null && Array.isArray(r.accounts) ? r.accounts : [];
      requireAccountOrCommunity(scope, state, accounts, 'service.registration');
    },
  },
  'service.registrations': {
    rule: 'post holders of a top organization (the community)',
    before: (s) => requireCommunity(s, 'service.registrations'),
  },
  'service.board': {
    rule: 'post holders of a top organization (the community’s dispatch board)',
    before: (s) => requireCommunity(s, 'service.board'),
  },
  'service.overdue': {
    rule: 'post holders of a top organization; a grid’s leader for that grid',
    before(scope, state, p) {
      const grid = own(p, 'grid');
      const g =
        grid === '' ? null : (state.query('service', 'grid', { id: grid }) as { leader?: unknown } | null);
      requireAccountOrCommunity(scope, state, g === null ? [] : [g.leader], 'service.overdue');
    },
  },
  'evidence.list': { rule: 'public (double signing by validators)' },
  'evidence.jailed': { rule: 'public (validators jailed for double signing)' },
  // The consortium's own nodes (validators, observers) and their changes: what light clients follow.
  'governance.params': { rule: 'public' },
  'governance.proposals': { rule: 'public (node admission and removal)' },
  'governance.proposal': { rule: 'public' },
  'governance.validators': { rule: 'public' },
  // Anchors of child chains (issue 19): header hashes, state roots and validator-set hashes — light-
  // client data, which is public (a superior checks a community's record without its server).
  'anchor.children': { rule: 'public (child chains and their latest anchors)' },
  'anchor.latest': { rule: 'public (light-client data)' },
  'anchor.anchored': { rule: 'public (light-client data)' },
};

/** Checks a query before it runs; returns the check to apply to its answer. */
export function checkQuery(
  scope: Scope,
  state: StateReader,
  module: string,
  name: string,
  params: Value,
): (result: unknown) => unknown {
  const id = `${module}.${name}`;
  const r = Object.hasOwn(QUERY_RULES, id) ? QUERY_RULES[id] : undefined;
  if (r === undefined) {
    requireCommunity(scope, id);
    return (x) => x;
  }
  r.before?.(scope, state, params);
  return (result) => {
    r.after?.(scope, state, result);
    // org.posts: post titles and terms are public (the portal shows them); who holds them is not.
    if (id === 'org.posts' && !canReadOrg(scope, own(params, 'org')) && Array.isArray(result))
      return result.map((p) => {
        const { member: _hidden, ...rest } = p as Record<string, unknown>;
        return rest;
      });
    return result;
  };
}
