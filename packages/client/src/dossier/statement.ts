/**
 * The service statement of a 双报到 member (issue 17): the services they completed, for their own
 * branch — often on another chain. The file IS the dossier of their account on the community's
 * chain (`member:<id>` or `resident:<id>`, same format and proof: dossier/format.ts); the statement
 * is read only from a dossier that verified, and counts only `service.Confirmed` events that name
 * the account as the provider (the minutes count once the resident confirmed, never before). A
 * changed file breaks verification at its first altered link, so a branch can trust the figures.
 */
import type { Value } from '@djchain/crypto/browser';
import type { HistoryEvent } from '../history.ts';
import { type DossierTrust, type DossierVerdict, verifyDossier } from './verify.ts';

export interface ServiceLine {
  readonly order: string;
  readonly kind: string;
  readonly item: string | null;
  readonly minutes: number;
  readonly rating: number;
  /** The block whose transaction confirmed it. */
  readonly height: number;
}

export interface ServiceStatement {
  readonly chainId: string;
  readonly account: string;
  /** The height the statement is proven at. */
  readonly height: number;
  readonly services: readonly ServiceLine[];
  readonly orders: number;
  readonly minutes: number;
}

export type StatementVerdict =
  | { readonly ok: true; readonly statement: ServiceStatement }
  | Extract<DossierVerdict, { ok: false }>
  | { readonly ok: false; readonly check: 'ACCOUNT'; readonly error: string };

const isAccount = (entity: string) => /^(member|resident):[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(entity);

function field(data: Value, key: string): Value | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && !(data instanceof Uint8Array)
    ? (data as { readonly [k: string]: Value })[key]
    : undefined;
}

/** The confirmed services of `account` among verified history events, in chain order. */
export function servicesOf(account: string, events: readonly HistoryEvent[]): ServiceLine[] {
  const out: ServiceLine[] = [];
  for (const e of events) {
    if (e.module !== 'service' || e.type !== 'service.Confirmed') continue;
    if (field(e.data, 'provider') !== account) continue;
    const minutes = field(e.data, 'minutes');
    const rating = field(e.data, 'rating');
    const item = field(e.data, 'item');
    out.push({
      order: String(field(e.data, 'order')),
      kind: String(field(e.data, 'kind')),
      item: typeof item === 'string' ? item : null,
      minutes: typeof minutes === 'number' ? minutes : 0,
      rating: typeof rating === 'number' ? rating : 0,
      height: e.height,
    });
  }
  return out;
}

/** Verifies a provider's dossier and reads the statement from it; the first broken link otherwise. */
export function verifyServiceStatement(bytes: Uint8Array, trust: DossierTrust): StatementVerdict {
  const v = verifyDossier(bytes, trust);
  if (!v.ok) return v;
  const account = v.dossier.entity;
  if (!isAccount(account))
    return {
      ok: false,
      check: 'ACCOUNT',
      error: `${account} is not a provider account (member:… or resident:…)`,
    };
  const services = servicesOf(account, v.events);
  return {
    ok: true,
    statement: {
      chainId: v.dossier.chainId,
      account,
      height: v.dossier.height,
      services,
      orders: services.length,
      minutes: services.reduce((n, s) => n + s.minutes, 0),
    },
  };
}
