/**
 * 运行指数 (`#/index/<org>[/<period>[/<component>]]`): an organization's operation index — for its
 * own post holders and those above it (the node's read rule) — the latest closed period by default,
 * the three components with what was owed and done, and a drill-down to every missing person, item
 * and link with the record behind it. History as a chart (ECharts, loaded only here). Nothing is
 * ranked: one organization at a time, missing members in id order without a figure of their own.
 * Below the index, the organization's credit of the year (组织信用), each point beside its record.
 */
import { Button, Card, Col, List, Progress, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import {
  CHECKS,
  type CheckMiss,
  type CheckName,
  COMPONENTS,
  type ComponentName,
  checksOf,
  type IndexClosing,
  type IndexPending,
  type IndexRecord,
  type IndexRow,
  isPending,
  percent,
} from '../insight.ts';
import { PersonName, useNames } from '../names.tsx';
import { ErrorBlock, Loading } from '../ui.tsx';
import { IndexHistoryChart } from './index-history.tsx';
import { OrgCreditCard } from './OrgCredit.tsx';
import { Quiet } from './OrgLife.tsx';

type Every = 'month' | 'quarter' | 'year';

export function IndexPage({ route }: { route: string[] }) {
  const { t, chain, session } = useApp();
  const names = useNames();
  const org = route[1] ?? session?.post?.org ?? '';
  const [every, setEvery] = useState<Every>('month');
  const history = useAsync(
    async () =>
      (await chain.client.query('insight', 'history', { org, every })).result as unknown as IndexRow[],
    [org, every],
  );
  const period = route[2] ?? history.data?.at(-1)?.period ?? null;
  const fetched = useAsync(
    async () =>
      period === null
        ? null
        : ((await chain.client.query('insight', 'period', { org, period })).result as unknown as
            | IndexRecord
            | IndexPending
            | null),
    [org, period],
  );
  // A month's close runs over several blocks in a large community: say so (the rule set's query is public).
  const closing = useAsync(
    async () =>
      (
        (await chain.client.query('insight', 'rules', {})).result as unknown as {
          closing?: IndexClosing | null;
        }
      ).closing ?? null,
    [org, every],
  );
  const pending = fetched.data && isPending(fetched.data) ? fetched.data.closing : null;
  const record = { ...fetched, data: fetched.data && !isPending(fetched.data) ? fetched.data : null };
  const inProgress = pending ?? closing.data ?? null;
  if (history.loading && !history.data) return <Loading />;
  if (history.error || !history.data) return <ErrorBlock error={history.error} onRetry={history.reload} />;
  const rows = history.data;
  const orgName = names.org(org) ?? org;
  const component = route[3] as ComponentName | CheckName | undefined;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="index-page">
      <h1 style={{ margin: 0 }}>{t('ixTitle', { org: orgName })}</h1>
      <Typography.Paragraph type="secondary">{t('ixNote')}</Typography.Paragraph>
      <a href={`#/org/${org}`} data-testid="index-org-profile">
        {t('pfOrgProfile')}
      </a>
      <Space wrap>
        <Segmented
          value={every}
          options={(['month', 'quarter', 'year'] as const).map((e) => ({
            value: e,
            label: t(`ixEvery_${e}`),
          }))}
          onChange={(v) => {
            setEvery(v as Every);
            go('index', org);
          }}
        />
        {rows.length > 0 && (
          <Select
            aria-label={t('ixPeriod')}
            style={{ minWidth: 140, minHeight: 44 }}
            value={period}
            options={rows.map((r) => ({ value: r.period, label: r.period }))}
            onChange={(p) => go('index', org, p)}
            data-testid="index-period"
          />
        )}
      </Space>
      {inProgress && (
        <Typography.Text data-testid="index-closing">
          {t('ixClosing', { month: inProgress.month, done: inProgress.done, total: inProgress.total })}
        </Typography.Text>
      )}
      {rows.length === 0 && !inProgress && <Typography.Text>{t('ixNone')}</Typography.Text>}
      {record.error ? <ErrorBlock error={record.error} onRetry={record.reload} /> : null}
      {record.data && component === undefined && <Overview rec={record.data} />}
      {record.data && component !== undefined && COMPONENTS.includes(component as ComponentName) && (
        <Drill rec={record.data} component={component as ComponentName} />
      )}
      {record.data && component !== undefined && CHECKS.includes(component as CheckName) && (
        <CheckDrill rec={record.data} check={component as CheckName} />
      )}
      {rows.length > 0 && component === undefined && (
        <Card title={t('ixHistory')}>
          <IndexHistoryChart rows={rows} />
        </Card>
      )}
      {component === undefined && <OrgCreditCard org={org} />}
    </Space>
  );
}

const LEVEL_COLOR: Record<string, string> = { 良好: 'green', 一般: 'gold', 需关注: 'red' };

function Overview({ rec }: { rec: IndexRecord }) {
  const { t } = useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="index-overview">
      <Space wrap>
        <b style={{ fontSize: '1.4em' }} data-testid="index-overall">
          {t('ixOverall', { value: percent(rec.overall) })}
        </b>
        <Tag color={LEVEL_COLOR[rec.level] ?? 'default'}>{rec.level}</Tag>
        <Typography.Text type="secondary">
          {rec.period} · {t('ixRules', { version: rec.rules })}
        </Typography.Text>
      </Space>
      <Row gutter={[12, 12]}>
        {COMPONENTS.map((c) => {
          const part = rec[c];
          return (
            <Col xs={24} md={8} key={c}>
              <Card
                title={t(`ixComponent_${c}` as MessageKey)}
                data-testid={`index-${c}`}
                extra={<Tag>{t('ixMissingCount', { count: part.count })}</Tag>}
              >
                <Progress
                  percent={Math.floor(part.score / 10)}
                  aria-label={t(`ixComponent_${c}` as MessageKey)}
                />
                <p style={{ margin: '4px 0' }}>
                  {percent(part.score)}% · {t('ixDone', { done: part.done, owed: part.owed })}
                </p>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t(`ixComponentNote_${c}` as MessageKey)}
                </Typography.Paragraph>
                <Button
                  size="large"
                  disabled={part.count === 0}
                  onClick={() => go('index', rec.org, rec.period, c)}
                  data-testid={`index-drill-${c}`}
                >
                  {t('ixDrill')}
                </Button>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Checks rec={rec} />
    </Space>
  );
}

/** How many missing persons a check shows by name before its drill-down. */
const PREVIEW = 5;

/**
 * 不漏人's checks of the rule sets that judge them (contact, roster; transfer from 2026-v3), each
 * with its figure and the first missing persons by name, linked to their files; the drill-down lists
 * them all with the record behind each. One column on a phone.
 */
function Checks({ rec }: { rec: IndexRecord }) {
  const { t } = useApp();
  const checks = checksOf(rec);
  if (checks.length === 0) return null;
  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{t('ixChecks')}</span>}
      data-testid="index-checks"
      styles={{ body: { paddingTop: 8 } }}
    >
      <Typography.Paragraph type="secondary">{t('ixChecksNote')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {checks.map(({ name, part }) => (
          <Col xs={24} md={8} key={name}>
            <Card
              size="small"
              title={t(`ixCheck_${name}` as MessageKey)}
              extra={<Tag>{t('ixMissingCount', { count: part.count })}</Tag>}
              data-testid={`index-check-${name}`}
            >
              <p style={{ margin: '4px 0' }}>
                {percent(part.score)}% · {t('ixDone', { done: part.done, owed: part.owed })}
              </p>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {name === 'transfer' && rec.transferDays !== undefined
                  ? t('ixCheckNote_transferDays', { days: rec.transferDays })
                  : t(`ixCheckNote_${name}` as MessageKey)}
              </Typography.Paragraph>
              {part.missing.length > 0 && (
                <div
                  style={{ marginBottom: 8, lineHeight: '32px' }}
                  data-testid={`index-check-names-${name}`}
                >
                  {part.missing.slice(0, PREVIEW).map((m, i) => (
                    <span key={m.member}>
                      {i > 0 && '、'}
                      <a href={`#/member/${m.member}`} data-member={m.member}>
                        <PersonName id={m.member} />
                      </a>
                    </span>
                  ))}
                  {part.count > PREVIEW && <span> {t('ixCheckMore', { count: part.count })}</span>}
                </div>
              )}
              <Button
                size="large"
                disabled={part.count === 0}
                onClick={() => go('index', rec.org, rec.period, name)}
                data-testid={`index-drill-${name}`}
              >
                {t('ixDrill')}
              </Button>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** What a check found of one person, and the record behind it (a link). */
function checkRecord(
  t: ReturnType<typeof useApp>['t'],
  check: CheckName,
  m: CheckMiss,
): { text: string; href: string; record: string } {
  const file = `#/member/${m.member}`;
  // The member's verified chain history: the 停止党籍 or the transfer request is one of its events.
  const chain = `#/explorer/member/${m.member}`;
  if (check === 'contact')
    return typeof m.since === 'string'
      ? { text: t('ixSince', { date: m.since }), href: chain, record: t('ixRecordChain') }
      : { text: t('ixNoSign'), href: file, record: t('ixRecordMember') };
  if (check === 'roster') return { text: t('ixRosterIncomplete'), href: file, record: t('ixRecordMember') };
  return {
    text: t('ixTransferLate', { id: m.transfer ?? '', date: m.due ?? '' }),
    href: chain,
    record: `${t('ixRecordChain')} ${m.transfer ?? ''}`,
  };
}

function CheckDrill({ rec, check }: { rec: IndexRecord; check: CheckName }) {
  const { t } = useApp();
  const part = rec.checks?.[check];
  return (
    <Card
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {`${t('ixComponent_people')} · ${t(`ixCheck_${check}` as MessageKey)} · ${rec.period}`}
        </span>
      }
      extra={
        <Button size="large" onClick={() => go('index', rec.org, rec.period)} data-testid="index-back">
          {t('ixBack')}
        </Button>
      }
      data-testid={`index-missing-${check}`}
    >
      <List
        dataSource={[...(part?.missing ?? [])]}
        locale={{ emptyText: <Quiet text={t('ixNothingMissing')} /> }}
        renderItem={(m) => {
          const r = checkRecord(t, check, m);
          return (
            <List.Item data-testid="index-missing-item" data-member={m.member} style={{ display: 'block' }}>
              <Space wrap>
                <a href={`#/member/${m.member}`}>
                  <PersonName id={m.member} />（{m.member}）
                </a>
                <Tag color="red">{r.text}</Tag>
              </Space>
              <div style={{ color: '#595959' }}>{t('ixMonths', { months: m.months.join('、') })}</div>
              <div>
                {t('ixRecord')}：
                <a href={r.href} style={{ display: 'inline-block', minHeight: 32, lineHeight: '32px' }}>
                  {r.record}
                </a>
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function Drill({ rec, component }: { rec: IndexRecord; component: ComponentName }) {
  const { t } = useApp();
  const names = useNames();
  const title = { people: 'ixMissingPeople', items: 'ixMissingItems', links: 'ixMissingLinks' } as const;
  const back = (
    <Button size="large" onClick={() => go('index', rec.org, rec.period)} data-testid="index-back">
      {t('ixBack')}
    </Button>
  );
  const empty = { emptyText: <Quiet text={t('ixNothingMissing')} /> };
  return (
    <Card
      title={
        // Wraps on a phone instead of ending in "…".
        <span style={{ whiteSpace: 'normal' }}>
          {`${t(`ixComponent_${component}` as MessageKey)} · ${t(title[component])} · ${rec.period}`}
        </span>
      }
      extra={back}
      data-testid={`index-missing-${component}`}
    >
      {component === 'people' && (
        <List
          dataSource={[...rec.people.missing]}
          locale={empty}
          renderItem={(m) => (
            <List.Item data-testid="index-missing-item" data-member={m.member} style={{ display: 'block' }}>
              <Space wrap>
                <a href={`#/member/${m.member}`}>
                  <PersonName id={m.member} />（{m.member}）
                </a>
                {m.items.map((i) => (
                  <Tag key={i} color="red">
                    {t(`ixItemPerson_${i}` as MessageKey)}
                  </Tag>
                ))}
              </Space>
              <div style={{ color: '#595959' }}>{t('ixMonths', { months: m.months.join('、') })}</div>
            </List.Item>
          )}
        />
      )}
      {component === 'items' && (
        <List
          dataSource={[...rec.items.missing]}
          locale={empty}
          renderItem={(m) => (
            <List.Item data-testid="index-missing-item" data-kind={m.kind} style={{ display: 'block' }}>
              <Space wrap>
                <b>{m.kind}</b>
                <span>{m.period}</span>
                <span>{names.org(m.org) ?? m.org}</span>
              </Space>
              <div>
                {t('ixRecord')}：
                <a href={m.warning?.startsWith('orglife.') ? `#/orglife/branch/${m.org}` : '#/warnings'}>
                  {m.warning ?? 'orglife.setCalendar'}
                </a>
              </div>
            </List.Item>
          )}
        />
      )}
      {component === 'links' && (
        <List
          dataSource={[...rec.links.missing]}
          locale={empty}
          renderItem={(m) => (
            <List.Item data-testid="index-missing-item" data-kind={m.kind} style={{ display: 'block' }}>
              <Space wrap>
                <b>{t(`wk_${m.kind.replace('.', '_')}` as MessageKey)}</b>
                {m.member !== null && <PersonName id={m.member} />}
                <span>{t('wcDue', { date: m.due })}</span>
              </Space>
              <div>
                {t('ixRecord')}：
                <a
                  href={
                    m.member !== null && m.kind === 'recruitment.deadline'
                      ? `#/recruitment/${m.member}`
                      : '#/warnings'
                  }
                >
                  {m.warning}
                </a>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
