/**
 * The organization tree under the post's organization (or the top) and, beside it, the profile of
 * the organization chosen (`#/org/<id>`, 穿透式监管): its posts and terms, its composition as
 * counts only (the portal's public aggregates, summed over the organizations below it), its latest
 * operation index with the history chart (ECharts, loaded only here and on the index page), its
 * open warnings counted by level, and the links down — a 党委 or 党总支 to its child organizations, a
 * 党支部 to its members by name — so a superior drills community → general branch → branch →
 * member. Children and members are in id order: nothing is ranked or compared (国办函〔2026〕12号).
 */
import { Button, Card, Col, Descriptions, List, Row, Space, Tag, Tree, Typography } from 'antd';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { COMPONENTS, type IndexRow, percent, WARNING_LEVELS, type WarningRecord } from '../insight.ts';
import { OrgName, PersonName, useNames } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';
import { IndexHistoryChart } from './index-history.tsx';
import { ReadState } from './profile-cards.tsx';

const LINK = { display: 'inline-block', minHeight: 44, lineHeight: '44px' } as const;

export function OrgPage({ id }: { id?: string | undefined }) {
  const { t, chain, session } = useApp();
  const data = useAsync(async () => {
    // Walk up to the top 党委 so the whole tree shows.
    let top = session?.post?.org ?? (await chain.member(session!.memberId))?.org ?? '';
    for (let i = 0; i < 10; i++) {
      const o = await chain.org(top);
      if (!o?.parent) break;
      top = o.parent;
    }
    return chain.orgTree(top);
  }, []);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const orgs = data.data!;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  type Node = { key: string; title: string; children: Node[] };
  const node = (org: string): Node => {
    const o = byId.get(org)!;
    return {
      key: org,
      title: `${o.name}（${o.kind}）`,
      children: o.children.filter((c) => byId.has(c)).map(node),
    };
  };
  const current = id ?? session?.post?.org ?? orgs[0]?.id ?? null;
  return (
    <Row gutter={[16, 16]}>
      {/* On a phone the profile comes first, the tree below it. */}
      <Col xs={{ span: 24, order: 2 }} md={{ span: 10, order: 1 }}>
        <Card title={t('orgTitle')}>
          {orgs[0] ? (
            <Tree
              treeData={[node(orgs[0].id)]}
              defaultExpandAll
              selectedKeys={current ? [current] : []}
              onSelect={(keys) => keys[0] && go('org', String(keys[0]))}
              data-testid="org-tree"
            />
          ) : null}
        </Card>
      </Col>
      <Col xs={{ span: 24, order: 1 }} md={{ span: 14, order: 2 }}>
        {current ? <OrgProfile key={current} id={current} /> : null}
      </Col>
    </Row>
  );
}

function OrgProfile({ id }: { id: string }) {
  const { t, chain } = useApp();
  const info = useAsync(async () => {
    const [org, children] = await Promise.all([chain.org(id), chain.children(id)]);
    return org ? { ...org, children: [...children].sort() } : null;
  }, [id]);
  const posts = useAsync(() => chain.posts(id), [id]);
  if (info.loading) return <Loading />;
  if (info.error) return <ErrorBlock error={info.error} onRetry={info.reload} />;
  const o = info.data;
  if (!o) return null;
  return (
    <Space
      direction="vertical"
      size="middle"
      style={{ width: '100%' }}
      data-testid="org-profile"
      data-org={id}
    >
      <Card title={<span data-testid="org-profile-name">{o.name}</span>} extra={<Tag>{o.kind}</Tag>}>
        <Descriptions column={1} size="small">
          {o.parent ? (
            <Descriptions.Item label={t('pfParent')}>
              <a href={`#/org/${o.parent}`} data-testid="org-up">
                <OrgName id={o.parent} />
              </a>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('term')}>
            {t('termFrom', { start: o.termStart, years: o.termYears })}
          </Descriptions.Item>
        </Descriptions>
        <List
          header={<b>{t('posts')}</b>}
          dataSource={posts.data ?? []}
          loading={posts.loading}
          renderItem={(p) => (
            <List.Item>
              <Tag color="red">{p.post}</Tag>{' '}
              {/* A post the reader may see without its holder (a public read) has no member. */}
              {p.member ? (
                <a href={`#/member/${p.member}`}>
                  <PersonName id={p.member} />
                </a>
              ) : null}{' '}
              · {p.since}
              {p.termEnd ? ` · ${t('termEnd', { date: p.termEnd })}` : ''}
            </List.Item>
          )}
        />
      </Card>
      <Composition id={id} />
      <OrgIndex id={id} />
      <OrgWarnings id={id} />
      {o.children.length > 0 ? (
        <Card title={t('pfChildren')} data-testid="org-children">
          <List
            dataSource={o.children}
            renderItem={(c) => (
              <List.Item data-testid="org-child" data-org={c}>
                <a href={`#/org/${c}`} style={LINK}>
                  <OrgName id={c} />
                </a>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {o.kind === '党支部' ? <BranchMembers id={id} /> : null}
    </Space>
  );
}

/** Members by status, counted over the organization and those below it: the portal's public counts. */
function Composition({ id }: { id: string }) {
  const { t, chain } = useApp();
  const portal = useAsync(() => chain.portal(), []);
  return (
    <Card title={t('pfComposition')} data-testid="org-composition">
      <ReadState read={portal} testid="org-composition">
        {(p) => {
          const kids = new Map<string, string[]>();
          for (const o of p.orgs) if (o.parent) kids.set(o.parent, [...(kids.get(o.parent) ?? []), o.id]);
          const byId = new Map(p.orgs.map((o) => [o.id, o]));
          const counts = new Map<string, number>();
          const queue = [id];
          let below = 0;
          for (let i = 0; i < queue.length && i < 5000; i++) {
            const org = queue[i]!;
            if (i > 0) below++;
            for (const [status, n] of Object.entries(byId.get(org)?.members ?? {}))
              counts.set(status, (counts.get(status) ?? 0) + n);
            queue.push(...(kids.get(org) ?? []));
          }
          return (
            <>
              <Typography.Paragraph type="secondary">{t('pfCompositionNote')}</Typography.Paragraph>
              <Space wrap size="large">
                {[...counts].map(([status, count]) => (
                  <b key={status} style={{ fontSize: '1.15em' }} data-testid="org-count" data-status={status}>
                    {t('pfStatusCount', { status, count })}
                  </b>
                ))}
                <span data-testid="org-suborgs">{t('pfSubOrgs', { count: below })}</span>
              </Space>
            </>
          );
        }}
      </ReadState>
    </Card>
  );
}

/** The latest closed month's figures and the history chart (insight.history: post holders of the organization or above). */
function OrgIndex({ id }: { id: string }) {
  const { t, chain } = useApp();
  const history = useAsync(
    async () =>
      (await chain.client.query('insight', 'history', { org: id, every: 'month' }))
        .result as unknown as IndexRow[],
    [id],
  );
  return (
    <Card
      title={t('pfIndex')}
      data-testid="org-index"
      extra={
        <a href={`#/index/${id}`} style={LINK}>
          {t('pfIndexGo')}
        </a>
      }
    >
      <ReadState read={history} testid="org-index">
        {(rows: IndexRow[]) => {
          const last = rows.at(-1);
          if (!last) return <Typography.Text>{t('pfIndexNone')}</Typography.Text>;
          return (
            <>
              <b style={{ fontSize: '1.2em' }} data-testid="org-index-latest">
                {t('pfIndexLatest', { period: last.period, overall: percent(last.overall) })}
              </b>{' '}
              <Tag>{last.level}</Tag>
              <div style={{ marginTop: 8 }}>
                {COMPONENTS.map((c) => (
                  <div key={c} data-testid={`org-index-${c}`}>
                    {t(`ixComponent_${c}` as MessageKey)} {percent(last[c])}%
                  </div>
                ))}
              </div>
              <IndexHistoryChart rows={rows} />
            </>
          );
        }}
      </ReadState>
    </Card>
  );
}

/** Open warnings of the organization and those below it, counted by level. */
function OrgWarnings({ id }: { id: string }) {
  const { t, chain } = useApp();
  const open = useAsync(
    async () =>
      (await chain.client.query('warnings', 'open', { org: id, subtree: true }))
        .result as unknown as WarningRecord[],
    [id],
  );
  return (
    <Card title={t('pfOrgWarnings')} data-testid="org-warnings">
      <ReadState read={open} testid="org-warnings">
        {(list: WarningRecord[]) => (
          <Space wrap size="large">
            {WARNING_LEVELS.map((level) => (
              <b key={level} data-testid="org-warning-count" data-level={level}>
                {t('pfLevelCount', {
                  level: t(`wl_${level}` as MessageKey),
                  count: list.filter((w) => w.level === level).length,
                })}
              </b>
            ))}
            <Button href="#/warnings" size="large">
              {t('pfWarningsGo')}
            </Button>
          </Space>
        )}
      </ReadState>
    </Card>
  );
}

/** A branch's members by name (its 党小组's included), in id order, each linking to their profile. */
function BranchMembers({ id }: { id: string }) {
  const { t, chain } = useApp();
  const names = useNames();
  const members = useAsync(async () => {
    const r = await chain.orgMembers(id);
    return [...r.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }, [id]);
  return (
    <Card title={t('pfMembers')} data-testid="org-members">
      <Typography.Paragraph type="secondary">{t('pfMembersNote')}</Typography.Paragraph>
      <ReadState read={members} testid="org-members">
        {(list) => (
          <List
            dataSource={list}
            renderItem={(m) => (
              <List.Item data-testid="org-member" data-member={m.id}>
                <a href={`#/member/${m.id}`} style={LINK}>
                  {names.person(m.id) ?? m.id}
                </a>
                <Tag>{m.status}</Tag>
              </List.Item>
            )}
          />
        )}
      </ReadState>
    </Card>
  );
}
