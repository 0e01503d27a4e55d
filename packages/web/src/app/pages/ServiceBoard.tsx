/**
 * The centre's dispatch board (`#/service/board`): open orders with their due day and escalation;
 * the community's 书记, 副书记 or 党务工作者 dispatches an ordered one to a provider account (派单),
 * or withdraws one not yet done (撤销: a flood, a duplicate) with the stated reason.
 * The provider's to-do (`#/service/todo`): orders dispatched to the signed-in member or resident,
 * accepted or refused, completed with an evidence attachment's hash.
 */
import { type DjchainClient, verifyServiceStatement } from '@djchain/client';
import type { KeyPair, Value } from '@djchain/crypto/browser';
import { Alert, Button, Card, Input, InputNumber, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { download, genesisSet } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { AppError } from '../errors.ts';
import { useNames } from '../names.tsx';
import { residentApi, useResidentSession } from '../resident.ts';
import { type MenuItemInfo, type OrderInfo, serviceApi } from '../service.ts';
import { residentReader, useServiceSend } from '../service-send.tsx';
import { CodedAlert, ErrorBlock, Loading, useBusyTask } from '../ui.tsx';
import { BIG } from './Residents.tsx';
import { OrderStatusLine, orderTitle, ServiceLinks, WIDE } from './Service.tsx';

const CENTRE = ['书记', '副书记', '党务工作者'];
/** Steps the centre may still withdraw an order at (the module's ACTIVE_STATUSES). */
const ACTIVE: readonly string[] = ['ordered', 'dispatched', 'accepted'];

/**
 * How the board names a service account: a member by name (the reader's name book, the id when the
 * name is not theirs to see), a resident by their resident id (names of residents stay sealed).
 */
function useAccountLabel(): (account: string) => string {
  const { t } = useApp();
  const names = useNames();
  return (account) => {
    const [kind, id] = account.includes(':') ? (account.split(':', 2) as [string, string]) : ['', account];
    if (kind === 'member') return names.person(id) ?? id;
    if (kind === 'resident') return t('svResidentLabel', { id });
    return account;
  };
}

export function ServiceBoard() {
  const { t, chain, session } = useApp();
  const label = useAccountLabel();
  const centre = session?.post !== null && session?.post !== undefined && CENTRE.includes(session.post.post);
  const data = useAsync(async () => {
    if (!centre) return null;
    const [board, menu, grids, regs] = await Promise.all([
      serviceApi.board(chain),
      serviceApi.menu(chain),
      serviceApi.grids(chain),
      serviceApi.registrations(chain),
    ]);
    // Accounts the centre dispatches to: grid leaders and members, 双报到 accounts.
    const accounts = new Set<string>();
    for (const g of grids) for (const a of [g.leader, ...g.members]) accounts.add(a);
    for (const r of regs) if (r.ended === null) for (const a of r.accounts) accounts.add(a);
    return { board, menu, accounts: [...accounts].sort() };
  }, [centre, session?.address]);
  if (!centre)
    return (
      <Space direction="vertical" size="large" style={WIDE}>
        <Typography.Title level={3}>{t('svBoard')}</Typography.Title>
        <Alert type="info" showIcon title={t('svBoardSignIn')} />
        <ServiceLinks />
      </Space>
    );
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const board = [...(data.data?.board ?? [])].sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  return (
    <Space direction="vertical" size="large" style={WIDE}>
      <Typography.Title level={3}>{t('svBoard')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('svBoardIntro')}</Typography.Paragraph>
      <datalist id="sv-accounts">
        {(data.data?.accounts ?? []).map((a) => (
          <option key={a} value={a} label={label(a)} />
        ))}
      </datalist>
      <Card data-testid="sv-board">
        {board.length === 0 ? (
          <Typography.Text>{t('svBoardEmpty')}</Typography.Text>
        ) : (
          <List
            dataSource={board}
            renderItem={(o) => (
              <List.Item data-testid={`sv-board-${o.id}`} data-status={o.status}>
                <Space direction="vertical" size={6} style={{ width: '100%' }}>
                  <Typography.Text strong style={{ fontSize: 18 }}>
                    {orderTitle(t, o, data.data?.menu ?? [])}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {o.id} · {label(`resident:${o.resident}`)}
                    {o.placedBy ? ` · ${label(`member:${o.placedBy}`)}` : ''}
                    {o.provider ? ` → ${label(o.provider)}` : ''}
                  </Typography.Text>
                  <OrderStatusLine o={o} />
                  {o.status === 'ordered' ? <DispatchForm o={o} onDone={data.reload} /> : null}
                  {ACTIVE.includes(o.status) ? <WithdrawForm o={o} onDone={data.reload} /> : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <ServiceLinks />
    </Space>
  );
}

function DispatchForm({ o, onDone }: { o: OrderInfo; onDone: () => void }) {
  const { t, unlockKey } = useApp();
  const s = useServiceSend();
  const [provider, setProvider] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          list="sv-accounts"
          placeholder={t('svProviderHint')}
          aria-label={t('svProvider')}
          value={provider}
          onChange={(e) => setProvider(e.target.value.trim())}
          data-testid={`sv-provider-${o.id}`}
        />
        <Button
          type="primary"
          size="large"
          disabled={provider.length === 0}
          loading={s.busy}
          data-testid={`sv-dispatch-${o.id}`}
          onClick={async () => {
            if (await s.send(unlockKey, 'dispatch', { order: o.id, provider })) onDone();
          }}
        >
          {t('svDispatch')}
        </Button>
      </Space.Compact>
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
    </Space>
  );
}

/** 撤销: the centre withdraws an order not yet done; the reason is required and kept in the record. */
function WithdrawForm({ o, onDone }: { o: OrderInfo; onDone: () => void }) {
  const { t, unlockKey } = useApp();
  const s = useServiceSend();
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          maxLength={200}
          placeholder={t('svWithdrawReason')}
          aria-label={t('svWithdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid={`sv-withdraw-reason-${o.id}`}
        />
        <Button
          danger
          size="large"
          disabled={reason.trim().length === 0}
          loading={s.busy}
          data-testid={`sv-withdraw-${o.id}`}
          onClick={async () => {
            if (await s.send(unlockKey, 'withdraw', { order: o.id, reason: reason.trim() })) onDone();
          }}
        >
          {t('svWithdraw')}
        </Button>
      </Space.Compact>
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
    </Space>
  );
}

export function ProviderTodo() {
  const { t, chain, session, unlockKey } = useApp();
  const resident = useResidentSession();
  const data = useAsync(async () => {
    let account: string | null = null;
    let reader: DjchainClient | undefined;
    if (session) account = `member:${session.memberId}`;
    else if (resident) {
      const me = await residentApi.byAddress(chain, resident.address);
      if (me?.status === 'bound') account = `resident:${me.id}`;
      reader = await residentReader(chain, resident);
    }
    if (account === null) return null;
    const [todo, menu] = await Promise.all([serviceApi.todo(chain, account, reader), serviceApi.menu(chain)]);
    return { account, todo, menu, reader };
  }, [session?.address, resident?.address]);
  const keyOf = () => (session ? unlockKey() : Promise.resolve(resident!.key));
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  if (!data.data)
    return (
      <Space direction="vertical" size="large" style={WIDE}>
        <Typography.Title level={3}>{t('svTodo')}</Typography.Title>
        <Alert type="info" showIcon title={t('svTodoSignIn')} />
        <ServiceLinks />
      </Space>
    );
  const { todo, menu, account, reader } = data.data;
  return (
    <Space direction="vertical" size="large" style={WIDE}>
      <Typography.Title level={3}>{t('svTodo')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('svTodoIntro')}</Typography.Paragraph>
      <Typography.Text type="secondary" data-testid="sv-todo-account">
        {account}
      </Typography.Text>
      <StatementCard account={account} reader={reader} />
      <Card data-testid="sv-todo">
        {todo.length === 0 ? (
          <Typography.Text>{t('svTodoEmpty')}</Typography.Text>
        ) : (
          <List
            dataSource={todo}
            renderItem={(o) => (
              <List.Item data-testid={`sv-todo-${o.id}`} data-status={o.status}>
                <Space direction="vertical" size={6} style={{ width: '100%' }}>
                  <Typography.Text strong style={{ fontSize: 20 }}>
                    {orderTitle(t, o, menu)}
                  </Typography.Text>
                  <OrderStatusLine o={o} />
                  {o.provider === account ? (
                    <TaskActions o={o} menu={menu} keyOf={keyOf} onDone={data.reload} />
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <ServiceLinks />
    </Space>
  );
}

/**
 * The statement a 双报到 member takes to their own branch: the dossier of their account, verified
 * here first (client verifyServiceStatement), downloaded as the file their branch checks.
 */
function StatementCard({ account, reader }: { account: string; reader: DjchainClient | undefined }) {
  const { t, chain } = useApp();
  const { busy, error, run } = useBusyTask();
  const [done, setDone] = useState<{ orders: number; minutes: number } | null>(null);
  const fetchIt = () =>
    run(async () => {
      const { bytes } = await (reader ?? chain.client).getDossier(account);
      const v = verifyServiceStatement(bytes, {
        suite: chain.client.suite,
        chainId: chain.config.chainId,
        validatorSets: [genesisSet(chain.config)],
      });
      if (!v.ok) throw typeof v.error === 'string' ? new AppError('WEB_NOT_A_STATEMENT', v.error) : v.error;
      download(`service-statement-${account.replace(':', '-')}.djd`, bytes);
      setDone({ orders: v.statement.orders, minutes: v.statement.minutes });
    });
  return (
    <Card title={t('svStatement')} data-testid="sv-statement">
      <Typography.Paragraph style={BIG}>{t('svStatementHint')}</Typography.Paragraph>
      <Button size="large" loading={busy} onClick={fetchIt} data-testid="sv-statement-get">
        {t('svStatementGet')}
      </Button>
      {done ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="sv-statement-done"
          title={t('svStatementDone', { orders: done.orders, minutes: done.minutes })}
        />
      ) : null}
      {error ? <CodedAlert error={error} /> : null}
    </Card>
  );
}

function TaskActions({
  o,
  menu,
  keyOf,
  onDone,
}: {
  o: OrderInfo;
  menu: readonly MenuItemInfo[];
  keyOf: () => Promise<KeyPair>;
  onDone: () => void;
}) {
  const { t } = useApp();
  const s = useServiceSend();
  const [evidence, setEvidence] = useState('');
  const [minutes, setMinutes] = useState<number | null>(null);
  const isNeed = o.item === null || !menu.some((i) => i.id === o.item);
  const big = { fontSize: 20, height: 52 } as const;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {o.status === 'dispatched' ? (
        <Space wrap>
          <Button
            type="primary"
            size="large"
            style={big}
            loading={s.busy}
            data-testid={`sv-accept-${o.id}`}
            onClick={async () => {
              if (await s.send(keyOf, 'accept', { order: o.id })) onDone();
            }}
          >
            {t('svAccept')}
          </Button>
          <Button
            size="large"
            style={big}
            disabled={s.busy}
            data-testid={`sv-refuse-${o.id}`}
            onClick={async () => {
              if (await s.send(keyOf, 'refuse', { order: o.id, reason: t('svRefuseReason') })) onDone();
            }}
          >
            {t('svRefuse')}
          </Button>
        </Space>
      ) : null}
      {o.status === 'accepted' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input
            size="large"
            placeholder={t('svEvidence')}
            aria-label={t('svEvidence')}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value.trim())}
            data-testid={`sv-evidence-${o.id}`}
          />
          {isNeed ? (
            <InputNumber
              size="large"
              min={1}
              max={480}
              style={{ width: '100%' }}
              placeholder={t('svMinutes')}
              value={minutes}
              onChange={(v) => setMinutes(typeof v === 'number' ? v : null)}
              data-testid={`sv-minutes-${o.id}`}
            />
          ) : null}
          <Button
            type="primary"
            size="large"
            block
            style={big}
            disabled={evidence.length === 0}
            loading={s.busy}
            data-testid={`sv-complete-${o.id}`}
            onClick={async () => {
              const params: Value =
                minutes === null ? { order: o.id, evidence } : { order: o.id, evidence, minutes };
              if (await s.send(keyOf, 'complete', params)) onDone();
            }}
          >
            {t('svComplete')}
          </Button>
        </Space>
      ) : null}
      {s.refusal ? <CodedAlert error={s.refusal} title={t('svRefused')} /> : null}
    </Space>
  );
}
