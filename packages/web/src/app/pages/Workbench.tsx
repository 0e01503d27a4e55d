/**
 * The workbench of the chosen post: what needs doing now — overdue and due-soon deadlines, the next
 * step of every case, and the chain's own warnings — each one click from its form.
 */
import { Button, Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { useLive } from '../live.ts';
import {
  type Performer,
  performerOf,
  postMayPerform,
  RECRUITMENT_PERMISSIONS,
  superiorCommitteeOf,
} from '../permissions.ts';
import { branchesOf, casesOf, stepOf } from '../recruit.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

/** What a clerk acting for the member does for a step waiting for the member. */
function clerkActionFor(action: string): string {
  return RECRUITMENT_PERMISSIONS[action]?.some((r) => r.of === 'clerkEntry') ? action : 'addMaterial';
}

interface Item {
  readonly level: 'overdue' | 'dueSoon' | 'waiting';
  readonly member: string;
  readonly action: string;
  readonly title: string;
  readonly due?: string;
  readonly cite?: string;
  /** Null: the chosen post may perform the step; otherwise who must (no form link then). */
  readonly waitFor: Performer | null;
}

const ORDER = { overdue: 0, dueSoon: 1, waiting: 2 } as const;
const COLOR = { overdue: 'red', dueSoon: 'orange', waiting: 'blue' } as const;

export function WorkbenchPage() {
  const { t, chain, session } = useApp();
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
    if (!org || !post) return { items: [] as Item[], warnings: [] };
    const branches = await branchesOf(chain, org);
    const cases = await casesOf(chain, branches, today);
    const superiors = new Map(
      await Promise.all(branches.map(async (b) => [b, await superiorCommitteeOf(chain, b)] as const)),
    );
    const items: Item[] = [];
    for (const c of cases) {
      // Only the steps this post may perform for this candidate are to-dos (docs/permissions.md).
      const superior = superiors.get(c.branch) ?? null;
      const waitFor = (action: string): Performer | null =>
        postMayPerform(action, { org, post }, c.branch, superior) ? null : performerOf(action);
      const covered = new Set<string>();
      for (const d of c.deadlines) {
        if (d.level === 'later') continue;
        const step = stepOf(c.rules, d.action);
        covered.add(d.action);
        items.push({
          level: d.level,
          member: c.member,
          action: d.action,
          title: step ? t('nextStep', { no: step.no, name: step.name }) : d.kind,
          due: d.due,
          cite: d.cite,
          waitFor: waitFor(d.action),
        });
      }
      if (c.next && !covered.has(c.next.action))
        items.push({
          level: 'waiting',
          member: c.member,
          action: c.next.action,
          title: t('nextStep', { no: c.next.no, name: c.next.name }),
          waitFor: waitFor(c.next.action),
        });
    }
    // 代办: the clerk acting for a member files what the member handed in (思想汇报 and other papers).
    const actingFor = session?.onBehalfOf?.member;
    if (actingFor && cases.some((c) => c.member === actingFor))
      items.push({
        level: 'waiting',
        member: actingFor,
        action: 'addMaterial',
        title: t('materialForm'),
        waitFor: null,
      });
    // The post's own to-dos first; steps waiting for others after them, for information.
    items.sort(
      (a, b) =>
        Number(a.waitFor !== null) - Number(b.waitFor !== null) ||
        ORDER[a.level] - ORDER[b.level] ||
        (a.due ?? '').localeCompare(b.due ?? ''),
    );
    const events = (await Promise.all(branches.map((b) => chain.orgEvents(b)))).flat();
    const warnings = events
      .filter((e) => e.type === 'recruitment.DeadlineWarning')
      .slice(-5)
      .reverse();
    return { items, warnings };
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
  const { items, warnings } = data.data!;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card
          title={
            <span>
              {t('workbenchTitle')}{' '}
              <Typography.Text type="secondary">
                {t('workbenchFor', { org, post: session?.post?.post ?? '' })}
              </Typography.Text>{' '}
              <Tag color="green" title={t('liveHint')} data-testid="live" data-tick={live.tick}>
                {t('live')}
              </Tag>
            </span>
          }
        >
          {items.length === 0 ? (
            <Empty description={t('nothingToDo')} />
          ) : (
            <List
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
                        {it.member} · {it.title}
                      </span>
                    }
                    description={
                      it.due ? (
                        <span>
                          {t('due', { date: it.due })}
                          {it.cite ? ` · ${it.cite}` : ''}
                        </span>
                      ) : null
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
              renderItem={(e) => {
                const d = e.data as {
                  member?: string;
                  kind?: string;
                  due?: string;
                  level?: string;
                  cite?: string;
                };
                return (
                  <List.Item>
                    <div>
                      <Tag color={d.level === 'overdue' ? 'red' : 'orange'}>
                        {d.level === 'overdue' ? t('overdue') : t('dueSoon')}
                      </Tag>
                      <a href={`#/recruitment/${d.member}`}>{d.member}</a> ·{' '}
                      {d.kind ? t(`dl_${d.kind}` as MessageKey) : ''} · {t('due', { date: d.due ?? '' })}
                      <div>
                        <Typography.Text type="secondary">
                          {d.cite} · {t('height', { height: e.height })}
                        </Typography.Text>
                      </div>
                    </div>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
