/** The member list of the post's organization, filtered by status and branch, found by id. */
import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { MemberInfo } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { OrgName, PersonName, useNames } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';

export function MembersPage() {
  const { t, chain, session } = useApp();
  const names = useNames();
  const root = session?.post?.org ?? null;
  const [status, setStatus] = useState<string>('');
  const [branch, setBranch] = useState<string>('');
  const [q, setQ] = useState('');
  const data = useAsync(async () => {
    const start = root ?? (await chain.member(session!.memberId))?.org ?? '';
    // One request for the whole roster under the organization (GET /v1/orgs/:org/members).
    const { orgs, members } = await chain.orgMembers(start);
    return { branches: orgs.filter((o) => o.kind === '党支部').map((o) => o.id), members };
  }, [root]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { branches, members } = data.data!;
  const statuses = [...new Set(members.map((m) => m.status))].sort();
  // Sorted by id only: the list is a roster, never a ranking.
  const needle = q.trim();
  const rows = members
    .filter(
      (m) =>
        (!status || m.status === status) &&
        (!branch || m.org === branch) &&
        (m.id.includes(needle) || (names.person(m.id) ?? '').includes(needle)),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return (
    <Card title={t('membersTitle')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={status}
          onChange={setStatus}
          style={{ minWidth: 160 }}
          options={[{ value: '', label: t('allStatuses') }, ...statuses.map((s) => ({ value: s, label: s }))]}
          data-testid="filter-status"
          aria-label={t('status')}
        />
        <Select
          value={branch}
          onChange={setBranch}
          style={{ minWidth: 160 }}
          options={[
            { value: '', label: t('allOrgs') },
            ...branches.map((b) => ({ value: b, label: names.org(b) ?? b })),
          ]}
          aria-label={t('org')}
        />
        <Input.Search
          aria-label={t('searchByName')}
          placeholder={t('searchByName')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          allowClear
        />
      </Space>
      <Table
        rowKey="id"
        dataSource={rows}
        size="middle"
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        onRow={(m) => ({ onClick: () => go('member', m.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('personName'),
            key: 'name',
            render: (_: unknown, m: MemberInfo) => (
              <a href={`#/member/${m.id}`}>
                <PersonName id={m.id} />
              </a>
            ),
          },
          { title: t('memberId'), dataIndex: 'id' },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
          { title: t('org'), dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: t('partyAgeFrom'), dataIndex: 'partyAgeFrom', render: (d: string | null) => d ?? '—' },
        ]}
      />
    </Card>
  );
}
