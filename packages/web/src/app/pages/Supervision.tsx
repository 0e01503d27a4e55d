/**
 * Supervision of recruitment for a superior (党委 / 党总支 secretary): a table with one row per
 * branch — open cases by stage, overdue items, warnings due soon — each row one click from the
 * branch's own list (`#/supervision/<branch>`): every case once, at its current step, with its
 * nearest deadline. All of it from one request (GET /v1/orgs/:org/cases).
 */
import { Button, Card, Empty, Grid, List, Table, Tag } from 'antd';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { PersonName, useNames } from '../names.tsx';
import { casesUnder, deadlineKind, PHASE_LABEL, PHASES } from '../recruit.ts';
import { type BranchSummary, branchSummaries, type Todo, todoOf } from '../supervision.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

const LEVEL_COLOR = { overdue: 'red', dueSoon: 'orange', waiting: 'default' } as const;

/** One row per branch with its counts; a row opens the branch. */
export function BranchTable({ summaries }: { summaries: readonly BranchSummary[] }) {
  const { t } = useApp();
  const total = (f: (s: BranchSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);
  const count = (n: number, color?: string) => (n > 0 && color ? <Tag color={color}>{n}</Tag> : n);
  const narrow = !Grid.useBreakpoint().md;
  if (narrow)
    // On a phone: one block per branch, its figures as labelled tags (a 8-column table would not fit).
    return (
      <Card title={t('supervisionTitle')} data-testid="branch-table">
        <List
          dataSource={[...summaries]}
          renderItem={(s) => (
            <List.Item
              data-testid={`branch-row-${s.branch}`}
              onClick={() => go('supervision', s.branch)}
              style={{ cursor: 'pointer', display: 'block' }}
            >
              <a href={`#/supervision/${s.branch}`} style={{ fontSize: '1.1em', fontWeight: 600 }}>
                {s.name}
              </a>
              <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                {PHASES.map((p) => (
                  <Tag key={p}>
                    {t(PHASE_LABEL[p]!)} {s.byPhase[p] ?? 0}
                  </Tag>
                ))}
                <Tag color={s.overdue > 0 ? 'red' : 'default'}>
                  {t('supOverdue')} {s.overdue}
                </Tag>
                <Tag color={s.dueSoon > 0 ? 'orange' : 'default'}>
                  {t('supDueSoon')} {s.dueSoon}
                </Tag>
              </div>
            </List.Item>
          )}
        />
      </Card>
    );
  return (
    <Card title={t('supervisionTitle')} data-testid="branch-table">
      <Table<BranchSummary>
        rowKey="branch"
        dataSource={[...summaries]}
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(s) => ({
          onClick: () => go('supervision', s.branch),
          style: { cursor: 'pointer' },
          'data-testid': `branch-row-${s.branch}`,
        })}
        columns={[
          {
            title: t('supBranch'),
            dataIndex: 'name',
            render: (name: string, s) => <a href={`#/supervision/${s.branch}`}>{name}</a>,
          },
          ...PHASES.map((p) => ({
            title: t(PHASE_LABEL[p]!),
            key: p,
            render: (_: unknown, s: BranchSummary) => s.byPhase[p] ?? 0,
          })),
          { title: t('supOpen'), dataIndex: 'open' },
          {
            title: t('supOverdue'),
            dataIndex: 'overdue',
            render: (n: number) => <span data-testid="cell-overdue">{count(n, 'red')}</span>,
          },
          {
            title: t('supDueSoon'),
            dataIndex: 'dueSoon',
            render: (n: number) => <span data-testid="cell-duesoon">{count(n, 'orange')}</span>,
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('supTotal')}</Table.Summary.Cell>
            {PHASES.map((p, i) => (
              <Table.Summary.Cell index={i + 1} key={p}>
                {total((s) => s.byPhase[p] ?? 0)}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={5}>{total((s) => s.open)}</Table.Summary.Cell>
            <Table.Summary.Cell index={6}>{total((s) => s.overdue)}</Table.Summary.Cell>
            <Table.Summary.Cell index={7}>{total((s) => s.dueSoon)}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

export function SupervisionPage({ branch }: { branch?: string | undefined }) {
  const { t, chain, session } = useApp();
  const names = useNames();
  const root = session?.post?.org ?? null;
  const today = chinaToday();
  const narrow = !Grid.useBreakpoint().md;
  const data = useAsync(async () => {
    if (!root) return null;
    const { orgs, rows } = await casesUnder(chain, root, today);
    return { summaries: branchSummaries(orgs, rows), rows };
  }, [root]);
  if (!root) return <Empty description={t('nothingToDo')} />;
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { summaries, rows } = data.data!;
  if (!branch) return <BranchTable summaries={summaries} />;
  const todos = rows
    .filter((c) => c.branch === branch && (PHASES as readonly string[]).includes(c.process.phase))
    .map((c) => todoOf(c))
    .filter((x): x is Todo => x !== null);
  const deadline = (c: Todo) =>
    c.due ? (
      <Tag color={LEVEL_COLOR[c.level]} style={{ whiteSpace: 'normal' }}>
        {c.level === 'overdue' ? `${t('overdue')} ` : ''}
        {c.kind ? t('deadlineOf', { kind: deadlineKind(t, c.kind), date: c.due }) : t('due', { date: c.due })}
      </Tag>
    ) : (
      '—'
    );
  const back =
    summaries.length > 1 ? (
      <Button size="large" onClick={() => go('supervision')}>
        {t('supAllBranches')}
      </Button>
    ) : null;
  const title = t('supervisionBranch', { org: names.org(branch) ?? branch });
  if (narrow)
    // On a phone: the title on its own line(s), then one block per case.
    return (
      <Card data-testid="branch-cases">
        <h3 style={{ marginTop: 0 }}>{title}</h3>
        {back}
        <List
          dataSource={todos}
          renderItem={(c) => (
            <List.Item style={{ display: 'block' }}>
              <a href={`#/recruitment/${c.member}`} style={{ fontSize: '1.1em', fontWeight: 600 }}>
                <PersonName id={c.member} />
              </a>{' '}
              <Tag>{PHASE_LABEL[c.phase] ? t(PHASE_LABEL[c.phase]!) : c.phase}</Tag>
              <div>{c.no === null ? c.name : t('nextStep', { no: c.no, name: c.name })}</div>
              <div>{deadline(c)}</div>
            </List.Item>
          )}
        />
      </Card>
    );
  return (
    <Card title={title} extra={back} data-testid="branch-cases">
      <Table<Todo>
        rowKey="member"
        dataSource={todos}
        size="middle"
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        onRow={(c) => ({ onClick: () => go('recruitment', c.member), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('supCase'),
            dataIndex: 'member',
            render: (id: string) => (
              <a href={`#/recruitment/${id}`}>
                <PersonName id={id} />
              </a>
            ),
          },
          {
            title: t('supStage'),
            dataIndex: 'phase',
            render: (p: string) => (PHASE_LABEL[p] ? t(PHASE_LABEL[p]!) : p),
          },
          {
            title: t('supNext'),
            key: 'next',
            render: (_: unknown, c: Todo) =>
              c.no === null ? c.name : t('nextStep', { no: c.no, name: c.name }),
          },
          {
            title: t('supDeadline'),
            key: 'due',
            render: (_: unknown, c: Todo) => deadline(c),
          },
        ]}
      />
    </Card>
  );
}
