/**
 * 党群服务 (issue 17), phone first and in large type: a resident signed in with their key orders from
 * the menu or posts a wish (微心愿), follows their requests step by step (due days, escalation), rates
 * a done service with one tap, or cancels. Routes: `#/service` (this page), `#/service/board` (the
 * centre's dispatch board), `#/service/todo` (the provider's tasks), `#/service/grid` (grids and a
 * grid leader's escalations), `#/service/figures` (public).
 */
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { go, useApp, useAsync } from '../context.tsx';
import type { Translate } from '../i18n.ts';
import { residentApi, residentSession, useResidentSession } from '../resident.ts';
import { communityOf, type MenuItemInfo, newOrderId, type OrderInfo, serviceApi } from '../service.ts';
import { residentReader, useServiceSend } from '../service-send.tsx';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';
import { BIG, ResidentSignIn, TextSend } from './Residents.tsx';
import { ProviderTodo, ServiceBoard } from './ServiceBoard.tsx';
import { ServiceFigures } from './ServiceFigures.tsx';
import { ServiceGrids } from './ServiceGrid.tsx';

export const WIDE = { display: 'flex', width: '100%', maxWidth: 720, margin: '0 auto', ...BIG } as const;

export function ServicePage({ route }: { route: string[] }) {
  if (route[1] === 'board') return <ServiceBoard />;
  if (route[1] === 'todo') return <ProviderTodo />;
  if (route[1] === 'figures') return <ServiceFigures />;
  if (route[1] === 'grid') return <ServiceGrids />;
  return <ResidentService />;
}

/**
 * The service pages' links, as far as the visitor may use them: the dispatch board for a member
 * acting in a post, the grids for a member, the to-do for anyone signed in (a resident may be a
 * volunteer provider); a resident no longer sees staff pages that would only refuse.
 */
export function ServiceLinks() {
  const { t, session } = useApp();
  const resident = useResidentSession();
  return (
    <Space wrap>
      <Button onClick={() => go('service')}>{t('navService')}</Button>
      {session?.post && <Button onClick={() => go('service', 'board')}>{t('svOpenBoard')}</Button>}
      {(session || resident) && <Button onClick={() => go('service', 'todo')}>{t('svOpenTodo')}</Button>}
      {session && <Button onClick={() => go('service', 'grid')}>{t('svGrids')}</Button>}
      <Button onClick={() => go('service', 'figures')}>{t('svOpenFigures')}</Button>
    </Space>
  );
}

const STATUS_COLOR: Record<string, string> = {
  ordered: 'orange',
  dispatched: 'blue',
  accepted: 'blue',
  done: 'red',
  confirmed: 'green',
  cancelled: 'default',
  failed: 'default',
};

export function OrderStatusLine({ o }: { o: OrderInfo }) {
  const { t } = useApp();
  const late = o.acts.some((a) => a.late);
  return (
    <Space wrap size={4}>
      <Tag color={STATUS_COLOR[o.status]} style={{ fontSize: 16, padding: '2px 8px' }}>
        {t(`os_${o.status}` as 'os_ordered')}
      </Tag>
      {o.escalation ? (
        <Tag color="volcano">{t(`svEscalated_${o.escalation.level}` as 'svEscalated_committee')}</Tag>
      ) : null}
      {o.due ? (
        <Typography.Text type="secondary">
          {t('svDue', { date: o.due })}
          {late ? t('svLate') : ''}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

export function orderTitle(t: Translate, o: OrderInfo, menu: readonly MenuItemInfo[]): string {
  const item = menu.find((i) => i.id === o.item);
  return item ? item.name : `${t('svNeed')}：${o.need ?? ''}`;
}

function ResidentService() {
  const { t, chain } = useApp();
  const session = useResidentSession();
  const data = useAsync(async () => {
    const me = session ? await residentApi.byAddress(chain, session.address) : null;
    const [menu, mine] = await Promise.all([
      serviceApi.menu(chain),
      me?.status === 'bound' && session
        ? serviceApi.ordersOf(chain, me.id, await residentReader(chain, session))
        : Promise.resolve([]),
    ]);
    return { me, menu, mine };
  }, [session?.address]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const me = data.data?.me ?? null;
  const menu = data.data?.menu ?? [];
  const bound = me?.status === 'bound';
  return (
    <Space direction="vertical" size="large" style={WIDE}>
      <Typography.Title level={3}>{t('svTitle')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('svIntro')}</Typography.Paragraph>
      {bound ? (
        <Card data-testid="sv-me">
          <Typography.Text style={BIG}>{t('rsBound', { id: me.id })}</Typography.Text>
          <Button style={{ marginLeft: 12 }} onClick={() => residentSession.close()}>
            {t('rsSignOut')}
          </Button>
        </Card>
      ) : (
        <>
          <Alert type="info" showIcon title={t('svSignInFirst')} />
          <ResidentSignIn />
        </>
      )}
      {bound ? <MyOrders orders={data.data?.mine ?? []} menu={menu} onDone={data.reload} /> : null}
      <MenuCard menu={menu} canOrder={bound} onDone={data.reload} />
      {bound ? <NeedCard org={communityOf(menu)} onDone={data.reload} /> : null}
      <ServiceLinks />
    </Space>
  );
}

function MenuCard({
  menu,
  canOrder,
  onDone,
}: {
  menu: readonly MenuItemInfo[];
  canOrder: boolean;
  onDone: () => void;
}) {
  const { t } = useApp();
  const s = useServiceSend();
  const session = useResidentSession();
  const [placed, setPlaced] = useState<string | null>(null);
  return (
    <Card title={t('svMenu')} data-testid="sv-menu">
      <List
        dataSource={menu.filter((i) => i.open)}
        renderItem={(i) => {
          const full = i.active >= i.capacity;
          return (
            <List.Item data-testid={`sv-item-${i.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong style={{ fontSize: 20 }}>
                    {i.name}
                  </Typography.Text>
                  <Tag>{i.kind}</Tag>
                </Space>
                <Typography.Text style={BIG}>
                  {t('svWhenWhere', { when: i.when, where: i.where })}
                </Typography.Text>
                {i.group ? (
                  <Typography.Text type="secondary">{t('svGroup', { group: i.group })}</Typography.Text>
                ) : null}
                {canOrder && i.group === null ? (
                  <Button
                    type="primary"
                    size="large"
                    block
                    style={{ height: 52, fontSize: 20 }}
                    disabled={full || s.busy}
                    loading={s.busy && placed === i.id}
                    data-testid={`sv-order-${i.id}`}
                    onClick={async () => {
                      if (!session) return;
                      setPlaced(i.id);
                      if (await s.send(session.key, 'order', { id: newOrderId(), org: i.org, item: i.id }))
                        onDone();
                    }}
                  >
                    {full ? t('svFull') : t('svOrder')}
                  </Button>
                ) : null}
              </Space>
            </List.Item>
          );
        }}
      />
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
      {s.receipt ? (
        <Alert
          type="success"
          showIcon
          data-testid="sv-ordered"
          title={t('svOrdered', { id: placed ?? '', height: s.receipt.height })}
        />
      ) : null}
    </Card>
  );
}

function NeedCard({ org, onDone }: { org: string | null; onDone: () => void }) {
  const { t } = useApp();
  const s = useServiceSend();
  const session = useResidentSession();
  const [text, setText] = useState('');
  if (org === null) return null;
  return (
    <Card title={t('svNeed')} data-testid="sv-need">
      <Typography.Paragraph type="secondary">{t('svNeedHint')}</Typography.Paragraph>
      <TextSend
        rows={3}
        value={text}
        onChange={setText}
        testid="sv-need"
        label={t('svNeedSend')}
        busy={s.busy}
        onSend={async () => {
          if (!session) return;
          if (await s.send(session.key, 'order', { id: newOrderId(), org, need: text.trim() })) {
            setText('');
            onDone();
          }
        }}
      />
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
    </Card>
  );
}

function MyOrders({
  orders,
  menu,
  onDone,
}: {
  orders: readonly OrderInfo[];
  menu: readonly MenuItemInfo[];
  onDone: () => void;
}) {
  const { t } = useApp();
  const list = [...orders].reverse();
  return (
    <Card title={t('svMine')} data-testid="sv-mine">
      {list.length === 0 ? (
        <Typography.Text>{t('svNoOrders')}</Typography.Text>
      ) : (
        <List
          dataSource={list}
          renderItem={(o) => (
            <List.Item data-testid={`sv-mine-${o.id}`} data-status={o.status}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {orderTitle(t, o, menu)}
                </Typography.Text>
                <OrderStatusLine o={o} />
                <OrderActions o={o} onDone={onDone} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Rating (one tap, five large buttons) for a done order; cancelling an open one. */
function OrderActions({ o, onDone }: { o: OrderInfo; onDone: () => void }) {
  const { t } = useApp();
  const s = useServiceSend();
  const session = useResidentSession();
  if (!session) return null;
  if (o.status === 'confirmed')
    return <Typography.Text style={BIG}>{t('svRated', { n: o.rating ?? 0 })}</Typography.Text>;
  const rate =
    o.status === 'done' ? (
      <Space direction="vertical" style={{ width: '100%' }} data-testid={`sv-rate-${o.id}`}>
        <Typography.Text strong style={BIG}>
          {t('svRate')}
        </Typography.Text>
        <Space wrap>
          {[1, 2, 3, 4, 5].map((n) => (
            <Button
              key={n}
              size="large"
              type={n === 5 ? 'primary' : 'default'}
              style={{ fontSize: 20, height: 52, minWidth: 56 }}
              disabled={s.busy}
              data-testid={`sv-rate-${o.id}-${n}`}
              onClick={async () => {
                if (await s.send(session.key, 'confirm', { order: o.id, rating: n })) onDone();
              }}
            >
              {'★'.repeat(n)}
            </Button>
          ))}
        </Space>
      </Space>
    ) : null;
  const cancel = ['ordered', 'dispatched', 'accepted'].includes(o.status) ? (
    <Button
      size="large"
      danger
      disabled={s.busy}
      data-testid={`sv-cancel-${o.id}`}
      onClick={async () => {
        if (await s.send(session.key, 'cancel', { order: o.id, reason: t('svCancelReason') })) onDone();
      }}
    >
      {t('svCancel')}
    </Button>
  ) : null;
  return (
    <>
      {rate}
      {cancel}
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
    </>
  );
}
