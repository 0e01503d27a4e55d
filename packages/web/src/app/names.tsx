/**
 * Names instead of ids: organizations by their names on chain (public, from the portal's one
 * answer), people by the names in the operator's sealed roster — released by the sealed-data
 * service only to readers the node's read rules entitle (the member's own organization and those
 * above it; packages/cli/src/sealed/names.ts). Loaded once per session; an id without a name the
 * reader may see stays an id.
 */
import { Tag } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useApp } from './context.tsx';

export interface NameBook {
  person(id: string): string | undefined;
  org(id: string): string | undefined;
}

const EMPTY: NameBook = { person: () => undefined, org: () => undefined };
const NamesContext = createContext<NameBook>(EMPTY);

export function NamesProvider({ children }: { children: ReactNode }) {
  const { chain, session } = useApp();
  const [orgs, setOrgs] = useState<ReadonlyMap<string, string>>(new Map());
  const [people, setPeople] = useState<Readonly<Record<string, string>>>({});
  useEffect(() => {
    let live = true;
    void chain.orgNames().then((m) => live && setOrgs(m));
    return () => {
      live = false;
    };
  }, [chain]);
  const scope = session ? (session.post ? `org:${session.post.org}` : `member:${session.memberId}`) : '';
  useEffect(() => {
    let live = true;
    setPeople({});
    if (scope === '') return;
    const [kind, id] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
    void chain.names(kind === 'org' ? { org: id } : { member: id }).then((n) => live && setPeople(n));
    return () => {
      live = false;
    };
  }, [chain, scope]);
  const book: NameBook = {
    person: (id) => (Object.hasOwn(people, id) ? people[id] : undefined),
    org: (id) => orgs.get(id),
  };
  return <NamesContext.Provider value={book}>{children}</NamesContext.Provider>;
}

export function useNames(): NameBook {
  return useContext(NamesContext);
}

/** A person by name (the id in the tooltip), or the id when the reader may not see the name. */
export function PersonName({ id }: { id: string }) {
  const n = useNames().person(id);
  return n ? (
    <span title={id} data-member={id} data-testid="person-name">
      {n}
    </span>
  ) : (
    <span data-member={id}>{id}</span>
  );
}

/** An organization by its name on chain (the id in the tooltip). */
export function OrgName({ id }: { id: string }) {
  const n = useNames().org(id);
  return n ? (
    <span title={id} data-org={id}>
      {n}
    </span>
  ) : (
    <span data-org={id}>{id}</span>
  );
}

/** A post and its holder, linked to the member's page; `current` posts in red, past ones plain. */
export function PostHolder({ post, member, current }: { post: string; member: string; current: boolean }) {
  return (
    <>
      {current ? <Tag color="red">{post}</Tag> : <Tag>{post}</Tag>}{' '}
      <a href={`#/member/${member}`}>
        <PersonName id={member} />
      </a>{' '}
    </>
  );
}
