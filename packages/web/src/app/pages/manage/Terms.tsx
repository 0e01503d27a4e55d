/**
 * 任期与换届: every organization's term (start, end, whether 换届 is due — 支部工作条例第九条), the
 * form recording an elected committee (org.electCommittee, by the superior 党委), and the
 * organization's post holders past and present (the election records kept across terms).
 */
import { Button, Card, Col, Form, Input, List, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { ActCard } from '../../act.tsx';
import { chinaToday } from '../../chain.ts';
import { useApp, useAsync } from '../../context.tsx';
import { PostHolder } from '../../names.tsx';
import { useOrgTree } from '../../org-data.ts';
import { type TermState, termEndOf, termState } from '../../terms.ts';
import { ErrorBlock, Loading } from '../../ui.tsx';
import { MEMBER_ID, OrgField } from './fields.tsx';

const COMMITTEE = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'] as const;

interface PastPost {
  readonly org: string;
  readonly member: string;
  readonly post: string;
  readonly since: string;
  readonly ended: string;
  readonly reason: string;
}

export function TermsPage() {
  const { t, chain } = useApp();
  const tree = useOrgTree();
  const [shown, setShown] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const records = useAsync(async () => {
    if (!shown) return null;
    const [now, past] = await Promise.all([
      chain.posts(shown),
      chain.client.query('org', 'history', { org: shown }).then((r) => r.result as unknown as PastPost[]),
    ]);
    return { now, past: [...past].sort((a, b) => (a.ended < b.ended ? 1 : -1)) };
  }, [shown, tick]);
  if (tree.loading && !tree.data) return <Loading />;
  if (tree.error) return <ErrorBlock error={tree.error} onRetry={tree.reload} />;
  const orgs = (tree.data ?? []).filter((o) => o.kind !== '党小组');
  const today = chinaToday();
  const nameOf = (id: unknown) => orgs.find((o) => o.id === id)?.name ?? String(id ?? '');
  const label: Record<TermState, string> = {
    ok: t('termOk'),
    dueSoon: t('termDueSoon'),
    overdue: t('termOverdue'),
  };
  const color: Record<TermState, string> = { ok: 'green', dueSoon: 'orange', overdue: 'red' };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={t('termsTitle')} data-testid="terms">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={orgs.map((o) => {
              const end = termEndOf(o.termStart, o.termYears);
              // Without `children`: the table would draw the ids as expandable rows.
              const { children: _children, ...org } = o;
              return { ...org, end, state: termState(end, today) };
            })}
            columns={[
              {
                title: t('nameCol'),
                dataIndex: 'name',
                render: (n: string, r) => (
                  <Button type="link" style={{ padding: 0, minHeight: 44 }} onClick={() => setShown(r.id)}>
                    {n}
                  </Button>
                ),
              },
              { title: t('kindCol'), dataIndex: 'kind' },
              { title: t('termStartCol'), dataIndex: 'termStart' },
              { title: t('termEndCol'), dataIndex: 'end' },
              {
                title: t('termStateCol'),
                dataIndex: 'state',
                render: (s: TermState, r) => (
                  <Tag color={color[s]} data-testid={`term-state-${r.id}`}>
                    {label[s]}
                  </Tag>
                ),
              },
            ]}
          />
          <p style={{ marginTop: 8 }}>{t('termsHint')}</p>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <ActCard
          action="org.electCommittee"
          title={t('electTitle')}
          hint={t('electHint')}
          testId="elect"
          targetOf={(v) => (typeof v.org === 'string' ? v.org : null)}
          prepare={(v) => {
            const committee: Record<string, string> = {};
            for (const p of COMMITTEE) {
              const m = String(v[p] ?? '').trim();
              if (m !== '') committee[p] = m;
            }
            return {
              params: { org: String(v.org), committee },
              summary: [
                [t('orgField'), nameOf(v.org)],
                ...Object.entries(committee).map(([p, m]) => [p, m] as const),
              ],
            };
          }}
          onDone={(_r, v) => {
            setShown(String(v.org));
            setTick((n) => n + 1);
            tree.reload();
          }}
        >
          <OrgField orgs={orgs} onPick={setShown} testId="elect-org" />
          {COMMITTEE.map((p) => (
            <Form.Item key={p} name={p} label={p} rules={[{ required: p === '书记', pattern: MEMBER_ID }]}>
              <Input placeholder={t('memberField')} data-testid={`elect-${p}`} />
            </Form.Item>
          ))}
        </ActCard>
      </Col>
      <Col xs={24} lg={12}>
        {shown ? (
          <Card title={`${t('electionRecords')} · ${nameOf(shown)}`} data-testid="election-records">
            {records.error ? <ErrorBlock error={records.error} /> : null}
            <List
              header={<b>{t('currentPosts')}</b>}
              loading={records.loading}
              dataSource={records.data?.now ?? []}
              locale={{ emptyText: t('noRecords') }}
              renderItem={(p) => (
                <List.Item>
                  <PostHolder post={p.post} member={p.member} current={true} />· {t('electedOn')} {p.since}
                  {p.termEnd ? ` · ${t('termEnd', { date: p.termEnd })}` : ''}
                </List.Item>
              )}
            />
            <List
              header={<b>{t('electionRecords')}</b>}
              dataSource={records.data?.past ?? []}
              locale={{ emptyText: t('noRecords') }}
              renderItem={(p) => (
                <List.Item>
                  <PostHolder post={p.post} member={p.member} current={false} />· {p.since} –{' '}
                  {t('ended', { date: p.ended })} · {p.reason}
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}
