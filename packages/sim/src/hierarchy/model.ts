/** The hierarchy simulation's options, its records of children and transfers, and its report. */
import type { Value } from '@djchain/crypto';
import type { LightCommunity } from './light-community.ts';
import type { SimChain } from './sim-chain.ts';

export const MINUTE = 60_000;
export const DAY_MINUTES = 1440;
/** 2026-03-02 00:00 China time (a Monday): every chain's genesis. */
export const HIERARCHY_EPOCH = Date.parse('2026-03-02T00:00:00+08:00');
/**
 * Registrations are in the block of minute 1; anchoring starts at minute 2, so every child's first
 * anchor comes within its interval of its registration (or the parent warns).
 */
export const START = 2;

export interface HierarchyOptions {
  readonly seed: number;
  readonly communities: number;
  readonly streets: number;
  readonly districts: number;
  /** Simulated days of anchoring (transfers are released on the first and reclaimed on the second). */
  readonly days: number;
  /** Minutes between two anchors of a child, at every level. */
  readonly intervalMinutes: number;
  /** Cross-street transfers sampled (each between two communities run in full). */
  readonly transfers: number;
  /** Members of a fully run community (the transfer sample). */
  readonly communityMembers: number;
  /** Members of a light community: drawn from this range. */
  readonly lightMembers: readonly [number, number];
  /** Share of a light community's anchors a faulty relayer tries to forge first. */
  readonly forgeRate: number;
  /** Chance per light community and day of a validator-set change. */
  readonly setChangesPerDay: number;
  /** The last light community sends nothing for this many of its ticks (from its third). */
  readonly silentTicks: number;
}

export const defaultHierarchyOptions: HierarchyOptions = {
  seed: 1,
  communities: 1000,
  streets: 30,
  districts: 3,
  days: 2,
  intervalMinutes: 60,
  transfers: 12,
  communityMembers: 300,
  lightMembers: [150, 450],
  forgeRate: 0.01,
  setChangesPerDay: 0.02,
  silentTicks: 3,
};

export type Level = 'street' | 'district' | 'community';

export interface Child {
  readonly chain: string;
  readonly light?: LightCommunity;
  readonly full?: SimChain;
  /** Where its headers go: its parent, and for a community of the sample its partner. */
  readonly parents: SimChain[];
  readonly phase: number;
  silentFrom: number;
  ticks: number;
  /** Its latest relayed height (a relayer never sends one twice). */
  relayed: number;
}

export interface Transfer {
  readonly id: string;
  readonly from: Child;
  readonly to: Child;
  readonly member: string;
  readonly minute: number;
  /** Planned: the receiver admits (otherwise the release expires and is reclaimed). */
  readonly admit: boolean;
  released?: { height: number; time: number };
  onStreet?: { time: number; streetHeight: number };
  onDistrict?: number;
  anchoredOnReceiver?: { height: number; time: number };
  admitted?: number;
  admissions: number;
  /** The code a forged dossier (another member's history under this one's proof) got. */
  forgedDossier?: string;
  replay?: string;
  reclaim?: string;
  dossierBytes?: { transferProof: number; historyProof: number; values: number; tx: number };
}

export interface Submitted {
  accepted: number;
  refused: Map<string, number>;
  txBytes: number;
  receiptBytes: number;
}

export const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const median = (xs: readonly number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
export const cpuMs = (f: () => void): number => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

export interface HierarchyReport {
  readonly options: HierarchyOptions;
  /** Counts and bytes: identical for identical options. */
  readonly figures: { [k: string]: Value };
  /** Broken invariants (empty when the run is sound). */
  readonly violations: string[];
  /** CPU time on this machine: measurement, not part of the deterministic figures. */
  readonly measured: { [k: string]: number | null };
}
