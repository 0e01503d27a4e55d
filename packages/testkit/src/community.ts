/**
 * The test community's organizations and the shapes of genesis entries, so every test writes only
 * who is in its community, not how an organization, a post or a member is spelled in genesis:
 *
 *   东风社区党委 c1 ─┬─ 第一党支部 b1 ── 第一党小组 g1
 *                    ├─ 第二党支部 b2 ── 第二党小组 g2
 *                    └─ 物业党总支 zz ── 物业党支部 b3
 *
 * above it the street 党工委 (`superior`), the second party for its post holders' key recoveries.
 */

/** The date every organization's term (and every genesis post) starts on unless a test says otherwise. */
export const TERM_START = '2021-06-01';
/** The date a genesis full member's Party age counts from unless a test says otherwise. */
export const MEMBER_SINCE = '2010-07-01';
export const SUPERIOR_NAME = '东风街道党工委';

export type OrgKind = '党委' | '党总支' | '党支部' | '党小组';
export type OrgId = 'c1' | 'b1' | 'b2' | 'zz' | 'b3' | 'g1' | 'g2';

/** A type, not an interface, so a genesis built from it is a `Value` (canonical CBOR). */
export type GenesisOrg = {
  id: string;
  name: string;
  kind: OrgKind;
  parent: string | null;
  community?: boolean;
  termStart: string;
};

const ORGS: { readonly [id in OrgId]: Omit<GenesisOrg, 'id' | 'termStart'> } = {
  c1: { name: '东风社区党委', kind: '党委', parent: null, community: true },
  b1: { name: '第一党支部', kind: '党支部', parent: 'c1' },
  b2: { name: '第二党支部', kind: '党支部', parent: 'c1' },
  zz: { name: '物业党总支', kind: '党总支', parent: 'c1' },
  b3: { name: '物业党支部', kind: '党支部', parent: 'zz' },
  g1: { name: '第一党小组', kind: '党小组', parent: 'b1' },
  g2: { name: '第二党小组', kind: '党小组', parent: 'b2' },
};

/** The organizations `ids` of the test community, in that order (a parent before its children). */
export function communityOrgs(ids: readonly OrgId[], termStart: string = TERM_START): GenesisOrg[] {
  return ids.map((id) => ({ id, ...ORGS[id], termStart }));
}

/** A post held since genesis. */
export function post(org: string, member: string, name: string, since: string = TERM_START) {
  return { org, member, post: name, since };
}

/** A full member (正式党员) in genesis. */
export function fullMember(id: string, org: string, address: string, since: string = MEMBER_SINCE) {
  return { id, org, address, status: '正式党员', since };
}

/** The superior body above the community committee, holding the key at `address`. */
export function superior(address: string): { name: string; address: string } {
  return { name: SUPERIOR_NAME, address };
}
