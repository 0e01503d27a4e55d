/**
 * The service module's records: grids (网格) with aggregate household figures only, the service
 * menu, 双报到 registrations, and service orders with every step, late flag and escalation kept.
 * Nothing personal: residents and providers are opaque account references (`member:<id>` or
 * `resident:<id>`), a need is the resident's own short text (checked for personal data on entry).
 */
import type { ReadStore } from '@djchain/runtime';
import type { IsoDate } from '../common/dates.ts';
import { getRecord, SEP } from '../common/stores.ts';
import { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS } from '../lists.ts';

export { ORDER_STATUSES, PROVIDER_KINDS, SERVICE_KINDS };

/** `member:<member id>` or `resident:<resident id>`: who serves or leads, never a name. */
export type Account = string;

export type ServiceKind = (typeof SERVICE_KINDS)[number];

export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface Grid {
  readonly id: string;
  readonly org: string;
  readonly name: string;
  /** The branch (or other organization) that covers the grid. */
  readonly branch: string;
  readonly leader: Account;
  readonly members: readonly Account[];
  /** Aggregate figures only: no household list on chain. */
  readonly households: number;
  readonly residents: number;
  readonly updatedOn: IsoDate;
  readonly by: string | null;
}

export interface MenuItem {
  readonly id: string;
  readonly org: string;
  readonly name: string;
  readonly kind: ServiceKind;
  readonly provider: ProviderKind;
  /** Grid id (provider grid), 双报到 registration id (unit), team name (team); null for the centre. */
  readonly providerRef: string | null;
  readonly when: string;
  readonly where: string;
  /** Orders open at a time (ordered, dispatched or accepted) the item takes. */
  readonly capacity: number;
  /** Standard duration: the minutes a completed, confirmed service counts. */
  readonly minutes: number;
  /** null: open to all residents; else the group (e.g. 80岁以上老人) the centre checks in person. */
  readonly group: string | null;
  readonly open: boolean;
  readonly updatedOn: IsoDate;
}

export interface Registration {
  readonly id: string;
  readonly org: string;
  readonly kind: 'unit' | 'member';
  /** The unit's name (for a member: the name of the unit they work in; never the person's). */
  readonly unit: string;
  /** The accounts that serve under the registration (a member registration: exactly one). */
  readonly accounts: readonly Account[];
  /** Their own Party organization (often on another chain), where statements go: `chain/org`. */
  readonly homeOrg: string;
  readonly commitment: string;
  readonly hoursPerYear: number;
  /** The 报到 form (attachment hash). */
  readonly document: string;
  readonly since: IsoDate;
  readonly ended: IsoDate | null;
}

export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses with a next step due (and a deadline that escalates). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['ordered', 'dispatched', 'accepted', 'done'];
/** Statuses that hold a place of the item's capacity. */
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['ordered', 'dispatched', 'accepted'];

export type EscalationLevel = 'gridLeader' | 'committee';

/** One recorded act on an order (all kept: refusals, failures, late acts). */
export interface OrderAct {
  readonly act:
    | 'order'
    | 'dispatch'
    | 'accept'
    | 'refuse'
    | 'complete'
    | 'fail'
    | 'confirm'
    | 'cancel'
    | 'withdraw';
  readonly on: IsoDate;
  /** The account that signed (a clerk acting for the resident: member:<clerk>). */
  readonly by: Account;
  /** Set when a clerk acted on the resident's behalf. */
  readonly forResident: string | null;
  readonly late: boolean;
  readonly provider: Account | null;
  readonly reason: string | null;
}

export interface Escalation {
  readonly level: EscalationLevel;
  readonly on: IsoDate;
  readonly step: OrderStatus;
  readonly due: IsoDate;
  /** The grid leader it went to (null without a grid: the committee directly). */
  readonly to: Account | null;
}

export interface Order {
  readonly id: string;
  readonly org: string;
  readonly item: string | null;
  readonly kind: ServiceKind;
  /** A 微心愿: the resident's own short text (no personal data: checked on entry). */
  readonly need: string | null;
  readonly resident: string;
  /** The clerk (member id) who ordered on the resident's behalf, or null. */
  readonly placedBy: string | null;
  readonly grid: string | null;
  readonly status: OrderStatus;
  readonly orderedOn: IsoDate;
  /** The day the current step began (its deadline runs from here). */
  readonly since: IsoDate;
  readonly provider: Account | null;
  readonly evidence: string | null;
  readonly minutes: number | null;
  readonly rating: number | null;
  readonly review: string | null;
  readonly escalation: Escalation | null;
  readonly escalations: readonly Escalation[];
  readonly acts: readonly OrderAct[];
}

/** Completed, confirmed service counted for a 双报到 registration (or any provider account). */
export interface Tally {
  readonly orders: number;
  readonly minutes: number;
}

export const serviceKeys = {
  grid: (id: string) => `g${SEP}${id}`,
  gridPrefix: `g${SEP}`,
  item: (id: string) => `i${SEP}${id}`,
  itemPrefix: `i${SEP}`,
  active: (item: string) => `n${SEP}${item}`,
  registration: (id: string) => `u${SEP}${id}`,
  registrationPrefix: `u${SEP}`,
  /** Account → the active registration it serves under. */
  registered: (account: Account) => `ra${SEP}${account}`,
  order: (id: string) => `o${SEP}${id}`,
  orderPrefix: `o${SEP}`,
  /**
   * Open orders (a next step due), for the daily deadline check and the board: keyed by the day
   * ordered first, so both read the oldest orders first and a burst of new ones cannot push an old
   * (late) one past their bounds (`p/<orderedOn>/<order>`).
   */
  open: (orderedOn: IsoDate, id: string) => `p${SEP}${orderedOn}${SEP}${id}`,
  openPrefix: `p${SEP}`,
  /** A resident's active orders (ordered, dispatched, accepted): the per-resident limit's counter. */
  activeOf: (resident: string) => `na${SEP}${resident}`,
  /** Orders by resident, by provider account: `x/<ref>/<order>`. */
  byResident: (resident: string, order: string) => `br${SEP}${resident}${SEP}${order}`,
  byResidentPrefix: (resident: string) => `br${SEP}${resident}${SEP}`,
  byProvider: (account: Account, order: string) => `bp${SEP}${account}${SEP}${order}`,
  byProviderPrefix: (account: Account) => `bp${SEP}${account}${SEP}`,
  tallyOfAccount: (account: Account) => `ta${SEP}${account}`,
  tallyOfRegistration: (id: string) => `tr${SEP}${id}`,
  /** Public aggregates: confirmed services per month and kind, with the sum of ratings. */
  monthly: (month: string, kind: string) => `s${SEP}${month}${SEP}${kind}`,
  monthlyPrefix: `s${SEP}`,
  lastCheck: 'lastCheck',
};

/** The order id at the end of an index key (`…/<order>`; ids hold no separator). */
export const orderIdOf = (key: string) => key.slice(key.lastIndexOf(SEP) + 1);

export const getGrid = (s: ReadStore, id: string) => getRecord<Grid>(s, serviceKeys.grid(id));
export const getItem = (s: ReadStore, id: string) => getRecord<MenuItem>(s, serviceKeys.item(id));
export const getRegistration = (s: ReadStore, id: string) =>
  getRecord<Registration>(s, serviceKeys.registration(id));
export const getOrder = (s: ReadStore, id: string) => getRecord<Order>(s, serviceKeys.order(id));
