/** The organization tree from the chain's top organizations, for the action pages' pickers. */
import type { Chain, OrgInfo } from './chain.ts';
import { useApp, useAsync } from './context.tsx';

export type OrgNode = OrgInfo & { children: string[] };

export async function wholeTree(chain: Chain): Promise<OrgNode[]> {
  const out: OrgNode[] = [];
  for (const root of chain.config.rootOrgs) out.push(...(await chain.orgTree(root)));
  return out;
}

export function useOrgTree() {
  const { chain } = useApp();
  return useAsync(() => wholeTree(chain), []);
}

/** "第一党支部（党支部）· b1" for pickers: the name first, the id for those who know it. */
export function orgLabel(o: OrgInfo): string {
  return `${o.name}（${o.kind}）· ${o.id}`;
}

export function orgOptions(orgs: readonly OrgInfo[], kinds?: readonly string[]) {
  return orgs
    .filter((o) => !kinds || kinds.includes(o.kind))
    .map((o) => ({ value: o.id, label: orgLabel(o) }));
}
