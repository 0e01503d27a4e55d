/**
 * Who may read disclosure items (党务公开) through the API — the same people the chain's rule names
 * (query `disclosure.readers`, the attachments' reader rule): anyone for a `public` item; post
 * holders of its organization or above and the community committee; otherwise a signed-in Party
 * member of the community (`community`) or of the organization or one below it (`org`).
 */
import { canReadOrg, refuse, type Scope, type StateReader } from './access.ts';

export interface ItemRange {
  readonly scope: string;
  readonly org?: string;
}

export function canReadRange(scope: Scope, state: StateReader, range: ItemRange): boolean {
  if (range.scope === 'public' || scope.all || scope.community) return true;
  if (range.org !== undefined && range.org !== '' && canReadOrg(scope, range.org)) return true;
  if (scope.member === null) return false;
  const params = { member: scope.member, scope: range.scope, ...(range.org ? { org: range.org } : {}) };
  return state.query('disclosure', 'readers', params) === true;
}

export function requireRange(scope: Scope, state: StateReader, range: ItemRange, what: string): void {
  if (!canReadRange(scope, state, range)) refuse(scope, what);
}

/** The item's own range (null when there is no such item). */
export function itemRange(state: StateReader, id: string): ItemRange | null {
  const r = state.query('disclosure', 'item', { id }) as { item?: { scope?: unknown; org?: unknown } } | null;
  const item = r?.item;
  if (!item || typeof item.scope !== 'string' || typeof item.org !== 'string') return null;
  return { scope: item.scope, org: item.org };
}
