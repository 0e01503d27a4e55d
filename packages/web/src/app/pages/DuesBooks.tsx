/**
 * 党费 books for the organizations above the members (issue 14): the remittances (上缴) that arrived
 * from below and await acknowledgment, each acknowledged by a signed act; and the books month by
 * month — collected + received = remitted + the change in held — where a month opens onto the
 * payment and remittance records behind its figures. People and organizations by name (the sealed
 * roster, the chain's organization names).
 */
import { Alert, Button, Card, List, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { useNames } from '../names.tsx';
import { CodedAlert, ErrorBlock, Loading, useConfirm } from '../ui.tsx';
import { useDuesAct, yuan } from './dues-common.tsx';

export interface Remittance {
  id: string;
  org: string;
  to: string | null;
  fen: number;
  period: string;
  on: string;
  status: 'sent' | 'acknowledged';
  acknowledgedOn: string | null;
}

interface LedgerMonth {
  month: string;
  collected: number;
  received: number;
  remitted: number;
  held: number;
  payments: string[];
  remittances: string[];
}

interface LedgerPayment {
  id: string;
  member: string;
  months: string[];
  fen: number;
  method: string;
  on: string;
}

interface Ledger {
  org: string;
  year: number;
  openingHeld: number;
  months: LedgerMonth[];
  payments: LedgerPayment[];
  remittances: Remittance[];
}

/** Remittances sent to `org` that it has not acknowledged yet, each with its acknowledgment. */
export function IncomingRemittances({
  org,
  remittances,
  onDone,
}: {
  org: string;
  remittances: readonly Remittance[];
  onDone: () => void;
}) {
  const { t } = useApp();
  const ask = useConfirm();
  const names = useNames();
  const act = useDuesAct();
  const [done, setDone] = useState<number | null>(null);
  const pending = remittances.filter((r) => r.to === org && r.status === 'sent');
  const orgName = (id: string) => names.org(id) ?? id;
  const confirm = (r: Remittance) =>
    ask({
      title: t('confirmTitle'),
      content: t('duesConfirm', {
        what: `${t('duesAcknowledge')}：${t('duesIncomingRow', {
          org: orgName(r.org),
          amount: yuan(r.fen),
          period: r.period,
          date: r.on,
        })}`,
      }),
      onOk: () => {
        void act.send('acknowledgeRemittance', { id: r.id }).then((h) => {
          if (h !== null) {
            setDone(h);
            onDone();
          }
        });
      },
    });
  return (
    <Card title={t('duesIncoming')} data-testid="dues-incoming">
      {act.refusal && <CodedAlert error={act.refusal} />}
      {done !== null && <Alert type="success" showIcon message={t('duesAcknowledged', { height: done })} />}
      <List
        dataSource={pending}
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('duesIncomingNone')}</span> }}
        renderItem={(r) => (
          <List.Item data-remittance={r.id}>
            <Space wrap>
              <span>
                {t('duesIncomingRow', {
                  org: orgName(r.org),
                  amount: yuan(r.fen),
                  period: r.period,
                  date: r.on,
                })}
              </span>
              <Button size="large" disabled={act.busy} onClick={() => confirm(r)}>
                {t('duesAcknowledge')}
              </Button>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * The books of `org` — or of an organization below that remitted to it — month by month for the
 * year, each month opening onto its records.
 */
export function LedgerCard({ org, below, year }: { org: string; below: readonly string[]; year: number }) {
  const { t, chain } = useApp();
  const names = useNames();
  const [shown, setShown] = useState(org);
  const data = useAsync(
    async () =>
      (await chain.client.query('dues', 'ledger', { org: shown, year })).result as unknown as Ledger,
    [shown, year],
  );
  // The books just chosen, never the previous organization's while the new ones load: a row of
  // another organization's figures under this one's name would be read as its own.
  const current = data.data?.org === shown ? data.data : undefined;
  const orgName = (id: string) => names.org(id) ?? id;
  const choices = [org, ...below.filter((b) => b !== org)];
  return (
    <Card title={t('duesLedger', { year })} data-testid="dues-ledger">
      <Space direction="vertical" style={{ width: '100%' }}>
        {choices.length > 1 && (
          <Select
            size="large"
            style={{ minWidth: 240 }}
            value={shown}
            onChange={setShown}
            aria-label={t('duesLedgerOrg')}
            data-testid="dues-ledger-org"
            options={choices.map((id) => ({ value: id, label: orgName(id) }))}
          />
        )}
        <div style={{ color: '#595959' }}>{t('duesLedgerRule')}</div>
        {data.error ? (
          <ErrorBlock error={data.error} onRetry={data.reload} />
        ) : current ? (
          <div data-org={current.org}>
            <LedgerTable ledger={current} />
          </div>
        ) : (
          <Loading />
        )}
      </Space>
    </Card>
  );
}

function LedgerTable({ ledger }: { ledger: Ledger }) {
  const { t } = useApp();
  // Months up to the last with a record (later months of the year are empty).
  const lastUsed = ledger.months.reduce(
    (last, m, i) => (m.payments.length + m.remittances.length > 0 ? i : last),
    -1,
  );
  const rows = ledger.months.slice(0, lastUsed + 1);
  return (
    <>
      <div data-testid="dues-opening">{t('duesOpening', { amount: yuan(ledger.openingHeld) })}</div>
      <Table<LedgerMonth>
        size="small"
        rowKey="month"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        expandable={{
          expandedRowRender: (m) => <MonthRecords ledger={ledger} month={m} />,
          expandRowByClick: true,
          // A 44 px button with its words, not antd's 22 px plus sign.
          expandIcon: ({ expanded, onExpand, record }) => (
            <Button
              size="large"
              type="link"
              aria-expanded={expanded}
              onClick={(e) => {
                // The row opens on a click too (expandRowByClick): one toggle, not two.
                e.stopPropagation();
                onExpand(record, e);
              }}
              style={{ minWidth: 44, padding: '0 4px' }}
            >
              {expanded ? t('duesHide') : t('duesShow')}
            </Button>
          ),
        }}
        columns={[
          { title: t('duesMonth'), dataIndex: 'month' },
          { title: t('duesCollected'), dataIndex: 'collected', render: (f: number) => yuan(f) },
          { title: t('duesReceived'), dataIndex: 'received', render: (f: number) => yuan(f) },
          { title: t('duesRemitted'), dataIndex: 'remitted', render: (f: number) => yuan(f) },
          { title: t('duesHeld'), dataIndex: 'held', render: (f: number) => yuan(f) },
        ]}
      />
    </>
  );
}

/** The records behind one month's figures: its confirmed payments and its remittances. */
function MonthRecords({ ledger, month }: { ledger: Ledger; month: LedgerMonth }) {
  const { t } = useApp();
  const names = useNames();
  const payments = ledger.payments.filter((p) => month.payments.includes(p.id));
  const remittances = ledger.remittances.filter((r) => month.remittances.includes(r.id));
  const lines = [
    ...payments.map((p) => ({
      key: p.id,
      text: t('duesPaymentRow', {
        date: p.on,
        member: names.person(p.member) ?? p.member,
        months: p.months.join('、'),
        amount: yuan(p.fen),
        method: t(`m_${p.method}` as MessageKey),
      }),
    })),
    ...remittances.map((r) => ({
      key: r.id,
      text:
        r.org === ledger.org
          ? t('duesRemittanceOut', {
              date: r.on,
              amount: yuan(r.fen),
              period: r.period,
              status: t(`rem_${r.status}` as MessageKey),
            })
          : t('duesRemittanceIn', {
              date: r.acknowledgedOn ?? r.on,
              org: names.org(r.org) ?? r.org,
              amount: yuan(r.fen),
              period: r.period,
            }),
    })),
  ];
  return (
    <List
      size="small"
      data-testid="dues-month-records"
      header={t('duesLedgerRecords', { month: month.month })}
      dataSource={lines}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('duesNoRecords')}</span> }}
      renderItem={(l) => <List.Item data-record={l.key}>{l.text}</List.Item>}
    />
  );
}
