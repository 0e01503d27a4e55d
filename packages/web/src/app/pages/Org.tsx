/** The organization tree under the post's organization (or the top), with posts and terms. */
import { Card, Col, Descriptions, List, Row, Tag, Tree } from 'antd';
import { useState } from 'react';
import { useApp, useAsync } from '../context.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';

export function OrgPage() {
  const { t, chain, session } = useApp();
  const data = useAsync(async () => {
    // Walk up to the top 党委 so the whole tree shows.
    let id = session?.post?.org ?? (await chain.member(session!.memberId))?.org ?? '';
    for (let i = 0; i < 10; i++) {
      const o = await chain.org(id);
      if (!o?.parent) break;
      id = o.parent;
    }
    return chain.orgTree(id);
  }, []);
  const [selected, setSelected] = useState<string | null>(null);
  const current = selected ?? data.data?.[0]?.id ?? null;
  const posts = useAsync(async () => (current ? chain.posts(current) : []), [current]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const orgs = data.data!;
  const byId = new Map(orgs.map((o) => [o.id, o]));
  type Node = { key: string; title: string; children: Node[] };
  const node = (id: string): Node => {
    const o = byId.get(id)!;
    return {
      key: id,
      title: `${o.name}（${o.kind}）`,
      children: o.children.filter((c) => byId.has(c)).map(node),
    };
  };
  const info = current ? byId.get(current) : undefined;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Card title={t('orgTitle')}>
          {orgs[0] ? (
            <Tree
              treeData={[node(orgs[0].id)]}
              defaultExpandAll
              selectedKeys={current ? [current] : []}
              onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
              data-testid="org-tree"
            />
          ) : null}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        {info ? (
          <Card title={info.name}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('kind')}>{info.kind}</Descriptions.Item>
              <Descriptions.Item label={t('term')}>
                {t('termFrom', { start: info.termStart, years: info.termYears })}
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
                  {p.member ? <a href={`#/member/${p.member}`}>{p.member}</a> : null} · {p.since}
                  {p.termEnd ? ` · ${t('termEnd', { date: p.termEnd })}` : ''}
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}
