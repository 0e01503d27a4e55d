/** The member list of the post's organization, filtered by status and branch, found by id. */
import { Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { MemberInfo } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { branchesOf } from '../recruit.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

export function MembersPage() {
  const { t, chain, session } = useApp();
  const root = session?.post?.org ?? null;
  const [status, setStatus] = useState<string>('');
  const [branch, setBranch] = useState<string>('');
  const [q, setQ] = useState('');
  const data = useAsync(async () => {
    const start = root ?? (await chain.member(session!.memberId))?.org ?? '';
    const branches = await branchesOf(chain, start);
    const ids = (await Promise.all(branches.map((b) => chain.membersOf(b)))).flat();
    const views = await Promise.all(ids.map((id) => chain.member(id)));
    return { branches, members: views.filter((m): m is MemberInfo => m !== null) };
  }, [root]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { branches, members } = data.data!;
  const statuses = [...new Set(members.map((m) => m.status))].sort();
  // Sorted by id only: the list is a roster, never a ranking.
  const rows = members
    .filter(
      (m) => (!status || m.status === status) && (!branch || m.org === branch) && m.id.includes(q.trim()),
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
          options={[{ value: '', label: t('allOrgs') }, ...branches.map((b) => ({ value: b, label: b }))]}
          aria-label={t('org')}
        />
        <Input.Search
          aria-label={t('search')}
          placeholder={t('search')}
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
        scroll={{ x: true }}
        onRow={(m) => ({ onClick: () => go('member', m.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('memberId'),
            dataIndex: 'id',
            render: (id: string) => <a href={`#/member/${id}`}>{id}</a>,
          },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
          { title: t('org'), dataIndex: 'org' },
          { title: t('partyAgeFrom'), dataIndex: 'partyAgeFrom', render: (d: string | null) => d ?? '—' },
        ]}
      />
    </Card>
  );
}
