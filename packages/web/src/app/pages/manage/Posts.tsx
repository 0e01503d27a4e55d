/** 任免职务: appoint a 党务工作者 or 党小组长 (org.appointPost), end a post (org.endPost), current posts. */
import { Card, Col, Form, Input, List, Row, Select } from 'antd';
import { useState } from 'react';
import { ActCard } from '../../act.tsx';
import { useApp, useAsync } from '../../context.tsx';
import { PostHolder } from '../../names.tsx';
import { useOrgTree } from '../../org-data.ts';
import { ErrorBlock, Loading } from '../../ui.tsx';
import { MemberIdField, OrgField } from './fields.tsx';

const POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党务工作者', '党小组长'];

export function PostsPage() {
  const { t, chain } = useApp();
  const tree = useOrgTree();
  const [shown, setShown] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const posts = useAsync(async () => (shown ? chain.posts(shown) : []), [shown, tick]);
  if (tree.loading && !tree.data) return <Loading />;
  if (tree.error) return <ErrorBlock error={tree.error} onRetry={tree.reload} />;
  const orgs = tree.data ?? [];
  const nameOf = (id: unknown) => orgs.find((o) => o.id === id)?.name ?? String(id ?? '');
  // A 党小组长 is appointed by the group's branch: that is the organization the permission is about.
  const appointTarget = (org: unknown) => {
    const o = orgs.find((x) => x.id === org);
    return o ? (o.kind === '党小组' && o.parent ? o.parent : o.id) : null;
  };
  const refresh = () => setTick((n) => n + 1);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <ActCard
          action="org.appointPost"
          title={t('appointTitle')}
          hint={t('appointHint')}
          testId="appoint-post"
          targetOf={(v) => appointTarget(v.org)}
          prepare={(v) => ({
            params: { org: String(v.org), member: String(v.member).trim(), post: String(v.post) },
            summary: [
              [t('orgField'), nameOf(v.org)],
              [t('postField'), String(v.post)],
              [t('memberField'), String(v.member)],
            ],
          })}
          onDone={(_r, v) => {
            setShown(String(v.org));
            refresh();
          }}
        >
          <OrgField orgs={orgs} onPick={setShown} testId="appoint-org" />
          <Form.Item name="post" label={t('postField')} rules={[{ required: true }]}>
            <Select
              options={['党务工作者', '党小组长'].map((p) => ({ value: p, label: p }))}
              data-testid="appoint-post-kind"
            />
          </Form.Item>
          <MemberIdField testId="appoint-member" />
        </ActCard>
      </Col>
      <Col xs={24} lg={12}>
        <ActCard
          action="org.endPost"
          title={t('endPostTitle')}
          testId="end-post"
          targetOf={(v) => (typeof v.org === 'string' ? v.org : null)}
          prepare={(v) => ({
            params: {
              org: String(v.org),
              member: String(v.member).trim(),
              post: String(v.post),
              reason: String(v.reason).trim(),
            },
            summary: [
              [t('orgField'), nameOf(v.org)],
              [t('postField'), String(v.post)],
              [t('memberField'), String(v.member)],
              [t('reasonField'), String(v.reason)],
            ],
          })}
          onDone={refresh}
        >
          <OrgField orgs={orgs} onPick={setShown} testId="end-org" />
          <Form.Item name="post" label={t('postField')} rules={[{ required: true }]}>
            <Select options={POSTS.map((p) => ({ value: p, label: p }))} data-testid="end-post-kind" />
          </Form.Item>
          <MemberIdField testId="end-member" />
          <Form.Item name="reason" label={t('reasonField')} rules={[{ required: true, max: 200 }]}>
            <Input.TextArea rows={2} data-testid="end-reason" />
          </Form.Item>
        </ActCard>
      </Col>
      {shown ? (
        <Col xs={24}>
          <Card title={`${t('currentPosts')} · ${nameOf(shown)}`} data-testid="current-posts">
            <List
              loading={posts.loading}
              dataSource={posts.data ?? []}
              locale={{ emptyText: t('noRecords') }}
              renderItem={(p) => (
                <List.Item>
                  <PostHolder post={p.post} member={p.member} current={true} />· {p.since}
                  {p.termEnd ? ` · ${t('termEnd', { date: p.termEnd })}` : ''}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
