/**
 * The workbench of the chosen post: what needs doing now — overdue and due-soon deadlines, the next
 * step of every case, and the chain's own warnings — each one click from its form.
 */
import { Button, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import type { WarningRecord } from '../insight.ts';
import { useLive } from '../live.ts';
import { OrgName, PersonName, useNames } from '../names.tsx';
import { type Performer, performerOf, postMayPerform, RECRUITMENT_PERMISSIONS } from '../permissions.ts';
import { casesUnder, deadlineKind, superiorIn } from '../recruit.ts';
import { branchSummaries, openWarnings, type Todo, todoOf } from '../supervision.ts';
import { ErrorBlock, Loading } from '../ui.tsx';
import { BranchTable } from './Supervision.tsx';
import { byUrgency, WarningList } from './Warnings.tsx';

/** How many of the warning centre's warnings the workbench lists (the rest on #/warnings). */
const CENTRE_SHOWN = 5;

/** What a clerk acting for the member does for a step waiting for the member. */
function clerkActionFor(action: string): string {
  return RECRUITMENT_PERMISSIONS[action]?.some((r) => r.of === 'clerkEntry') ? action : 'addMaterial';
}

interface Item extends Todo {
  /** Null: the chosen post may perform the step; otherwise who must (no form link then). */
  readonly waitFor: Performer | null;
}

const ORDER = { overdue: 0, dueSoon: 1, waiting: 2 } as const;
const COLOR = { overdue: 'red', dueSoon: 'orange', waiting: 'blue' } as const;

export function WorkbenchPage() {
  const { t, chain, session } = useApp();
  const names = useNames();
  const org = session?.post?.org ?? null;
  const post = session?.post?.post ?? null;
  const today = chinaToday();
  // Re-read on the chain's warnings and on every recruitment event (a step recorded elsewhere).
  const live = useLive(
    chain,
    ['event', 'warning'],
    (e) => e.kind === 'warning' || (e.kind === 'event' && e.data.module === 'recruitment'),
  );
  const data = useAsync(async () => {
    if (!org || !post)
      return { items: [] as Item[], warnings: [], summaries: [], centre: [] as WarningRecord[] };
    // The warning centre (every module's deadlines and conditions) for this organization and below.
    const centre = (await chain.client.query('warnings', 'open', { org, subtree: true }))
      .result as unknown as WarningRecord[];
    // One request for every case under the post's organization (GET /v1/orgs/:org/cases).
    const { orgs, rows } = await casesUnder(chain, org, today);
    const items: Item[] = [];
    for (const c of rows) {
      // One to-do per case (supervision.ts): never the same case at two steps.
      const todo = todoOf(c);
      if (!todo) continue;
      // Only the steps this post may perform for this candidate are to-dos (docs/permissions.md).
      const mayDo = postMayPerform(todo.action, { org, post }, c.branch, superiorIn(orgs, c.branch));
      items.push({ ...todo, waitFor: mayDo ? null : performerOf(todo.action) });
    }
    // 代办: the clerk acting for a member files what the member handed in (思想汇报 and other papers).
    const actingFor = session?.onBehalfOf?.member;
    const acting = actingFor ? rows.find((c) => c.member === actingFor) : undefined;
    if (acting)
      items.push({
        level: 'waiting',
        member: acting.member,
        branch: acting.branch,
        phase: acting.process.phase,
        action: 'addMaterial',
        no: null,
        name: t('materialForm'),
        waitFor: null,
      });
    // The post's own to-dos first; steps waiting for others after them, for information.
    items.sort(
      (a, b) =>
        Number(a.waitFor !== null) - Number(b.waitFor !== null) ||
        ORDER[a.level] - ORDER[b.level] ||
        (a.due ?? '').localeCompare(b.due ?? ''),
    );
    // Warnings as they stand now: a deadline met is no longer one (never read from old events).
    const warnings = openWarnings(rows);
    const summaries = branchSummaries(orgs, rows);
    return { items, warnings, summaries, centre: byUrgency(centre) };
  }, [org, post, session?.onBehalfOf?.member, live.tick]);

  if (!org)
    return (
      <Card title={t('workbenchTitle')}>
        <Empty description={t('nothingToDo')} />
      </Card>
    );
  // A live re-read keeps the shown list until the new one is ready (no flicker).
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { items, warnings, summaries, centre } = data.data!;
  return (
    <Row gutter={[16, 16]}>
      {summaries.length > 1 ? (
        <Col xs={24}>
          <BranchTable summaries={summaries} />
        </Col>
      ) : null}
      <Col xs={24} lg={16}>
        <Card
          title={
            <span>
              {t('workbenchTitle')}{' '}
              <Typography.Text type="secondary">
                {t('workbenchFor', { org: names.org(org) ?? org, post: session?.post?.post ?? '' })}
              </Typography.Text>{' '}
              <Tag color="green" title={t('liveHint')} data-testid="live" data-tick={live.tick}>
                {t('live')}
              </Tag>
            </span>
          }
        >
          {/* On a phone the button or the waiting note goes under the to-do, not beside it: the
              to-do's text keeps the whole width (!important: antd's own list rules are more specific). */}
          <style>
            {
              '@media (max-width: 575px) { .todo-list .ant-list-item { flex-wrap: wrap !important; } .todo-list .ant-list-item-meta { flex: 1 1 100% !important; } .todo-list .ant-list-item-action { margin-inline-start: 0 !important; margin-top: 8px !important; } }'
            }
          </style>
          {items.length === 0 ? (
            <Empty description={t('nothingToDo')} />
          ) : (
            <List
              className="todo-list"
              data-testid="todo-list"
              dataSource={items}
              renderItem={(it) => (
                <List.Item
                  data-testid={it.waitFor ? 'todo-waiting' : 'todo-item'}
                  data-action={it.action}
                  data-member={it.member}
                  actions={[
                    // 代办: the clerk acting for this member does the member's waiting step — data entry
                    // only (the chain refuses the mark elsewhere), so a step the member must sign
                    // themselves becomes filing the paper they handed in (addMaterial).
                    it.waitFor === 'self' && session?.onBehalfOf?.member === it.member ? (
                      <Button
                        key="go"
                        type="primary"
                        size="large"
                        data-testid={`todo-go-${it.member}-${it.action}`}
                        onClick={() => go('recruitment', it.member, clerkActionFor(it.action))}
                      >
                        {t('doIt')}
                      </Button>
                    ) : it.waitFor ? (
                      <Tag key="wait" data-testid={`todo-wait-${it.member}-${it.action}`}>
                        {t(`waitBy_${it.waitFor}`)}
                      </Tag>
                    ) : (
                      <Button
                        key="go"
                        type="primary"
                        size="large"
                        data-testid={`todo-go-${it.member}-${it.action}`}
                        onClick={() => go('recruitment', it.member, it.action)}
                      >
                        {t('doIt')}
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {it.waitFor && it.level === 'waiting' ? null : (
                          <Tag color={COLOR[it.level]}>{t(it.level as MessageKey)}</Tag>
                        )}
                        <PersonName id={it.member} /> ·{' '}
                        {it.no === null ? it.name : t('nextStep', { no: it.no, name: it.name })}
                      </span>
                    }
                    description={
                      <span>
                        <OrgName id={it.branch} />
                        {it.due
                          ? ` · ${it.kind ? t('deadlineOf', { kind: deadlineKind(t, it.kind), date: it.due }) : t('due', { date: it.due })}`
                          : ''}
                        {it.cite ? ` · ${it.cite}` : ''}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('warning')}>
          {warnings.length === 0 ? (
            <Empty description={t('none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              dataSource={warnings}
              data-testid="warning-list"
              renderItem={(w) => (
                <List.Item data-testid="warning-item" data-member={w.member} data-kind={w.kind}>
                  <div>
                    <Tag color={w.level === 'overdue' ? 'red' : 'orange'}>
                      {w.level === 'overdue' ? t('overdue') : t('dueSoon')}
                    </Tag>
                    <a href={`#/recruitment/${w.member}`}>
                      <PersonName id={w.member} />
                    </a>{' '}
                    · {t('deadlineOf', { kind: deadlineKind(t, w.kind), date: w.due })}
                    <div>
                      <Typography.Text type="secondary">
                        <OrgName id={w.branch} /> · {w.cite}
                      </Typography.Text>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card
          title={t('wbCentre', { n: centre.length })}
          style={{ marginTop: 16 }}
          data-testid="wb-centre"
          data-count={centre.length}
          extra={
            <a href="#/warnings" style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}>
              {t('wbCentreAll')}
            </a>
          }
        >
          <WarningList list={centre.slice(0, CENTRE_SHOWN)} testid="wb-centre-list" />
        </Card>
      </Col>
    </Row>
  );
}
