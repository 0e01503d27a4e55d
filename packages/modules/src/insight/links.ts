/**
 * 不掉链: every process of the organization on time at the close — each recruitment process in its
 * hands, and each transfer, 留党察看 end and 自行脱党 case waiting for it. A link is broken while an
 * overdue warning for it stands open in the warning centre; each broken link names that warning.
 */
import type { ReadContext } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { getWarning, openIds, warningKeys } from '../warnings/store.ts';
import type { BrokenLink } from './store.ts';

export interface LinksCount {
  owed: number;
  done: number;
  missing: BrokenLink[];
}

const CHAIN_KINDS = new Set([
  'recruitment.deadline',
  'transfer.unanswered',
  'discipline.observation',
  'dues.lapse',
  'orglife.lapse',
]);

/** `processes`: the organization's open recruitment processes (members, sorted). */
export function linksOf(ctx: ReadContext, org: string, processes: readonly string[]): LinksCount {
  const warnings = ctx.readStore(MODULE.warnings);
  const broken = openIds(warnings, warningKeys.openOfOrgPrefix(org), 10_000)
    .map((id) => getWarning(warnings, id)!)
    .filter((w) => CHAIN_KINDS.has(w.kind) && w.level !== 'dueSoon');
  const late = new Set(broken.filter((w) => w.kind === 'recruitment.deadline').map((w) => w.member));
  const others = broken.filter((w) => w.kind !== 'recruitment.deadline').length;
  const lateProcesses = new Set([...late, ...processes.filter((p) => late.has(p))]).size;
  const owed = Math.max(processes.length, lateProcesses) + others;
  return {
    owed,
    done: owed - lateProcesses - others,
    missing: broken.map((w) => ({ warning: w.id, kind: w.kind, member: w.member, due: w.due })),
  };
}
