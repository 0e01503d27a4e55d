/**
 * 党费 (issue 14): the member's own dues for the year (what is due, paid, the rule that set the
 * amount, a payment to report), and for the branch's 书记, 组织委员 or 党务工作者 the month's
 * collection register with bulk entry, the arrears with the cited rule, and the books with
 * remittance. Every act is signed in this browser after a confirmation, and submitted once.
 */

import { Alert, Button, Card, Checkbox, Form, Input, List, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { PersonName } from '../names.tsx';
import {
  CodedAlert,
  type CodedView,
  codedOf,
  ErrorBlock,
  LabelledInput,
  Loading,
  receiptRefusal,
  useConfirm,
} from '../ui.tsx';
import { IncomingRemittances, LedgerCard, type Remittance } from './DuesBooks.tsx';
import { fenOf, useDuesAct, yuan } from './dues-common.tsx';

export { fenOf, yuan };

type MonthState = 'notMember' | 'unassessed' | 'waived' | 'paid' | 'reported' | 'unpaid';
interface MonthDues {
  month: string;
  state: MonthState;
  fen: number;
  payment: string | null;
}
interface Payment {
  id: string;
  months: string[];
  fen: number;
  method: string;
  on: string;
  status: 'reported' | 'confirmed' | 'rejected' | 'corrected';
  late: boolean;
}
interface Account {
  member: string;
  org: string | null;
  assessments: { group: string; from: string; fen: number; rule: string }[];
  months: MonthDues[];
  payments: Payment[];
  arrears: string[];
  lapseCase: { status: 'open' | 'decided'; months: string[] } | null;
}
interface RegisterRow extends MonthDues {
  member: string;
}
interface Books {
  collected: number;
  received: number;
  remitted: number;
  held: number;
  remittances: Remittance[];
}

const STATE_COLOR: Record<MonthState, string> = {
  notMember: 'default',
  unassessed: 'orange',
  waived: 'cyan',
  paid: 'green',
  reported: 'blue',
  unpaid: 'red',
};
const LAPSE_CITE = '《中国共产党章程》第九条';
/** The rule behind the three-month reminder and the six-month case (规定第十三条). */
const ARREARS_CITE = '《关于中国共产党党费收缴、使用和管理的规定》第十三条';
const RULE_SOURCE = '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）';
const BOOKKEEPERS = ['书记', '组织委员', '党务工作者'];
const METHODS = ['现金', '转账', '其他'] as const;

/** An empty list's text in a grey that keeps 4.5:1 contrast on white (the theme's is lighter). */
function Empty({ text }: { text: string }) {
  return <span style={{ color: '#595959' }}>{text}</span>;
}

const newId = (prefix: string, ...parts: string[]) =>
  `${prefix}-${parts.join('-')}-${Date.now().toString(36)}`.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 64);

export function DuesPage() {
  const { t, session } = useApp();
  const post = session?.post;
  const branchView = post && BOOKKEEPERS.includes(post.post);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <h1 style={{ margin: 0 }}>{t('duesTitle')}</h1>
      {session && <MyDues member={session.memberId} />}
      {branchView ? <BranchDues org={post.org} /> : <Alert type="info" showIcon message={t('duesNoPost')} />}
    </Space>
  );
}

function MyDues({ member }: { member: string }) {
  const { t, chain } = useApp();
  const year = Number(chinaToday().slice(0, 4));
  const data = useAsync(
    async () => (await chain.client.query('dues', 'account', { member, year })).result as unknown as Account,
    [member, year],
  );
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const a = data.data;
  const now = a.assessments.at(-1);
  const stateLabel = (s: MonthState) => t(`st_${s}` as MessageKey);
  return (
    <Card title={`${t('duesMine')} · ${t('duesYear', { year })}`} data-testid="dues-mine">
      <Space direction="vertical" style={{ width: '100%' }}>
        {now ? (
          <Statistic
            title={`${t('duesAmountNow')}（${now.group}，${t('duesFrom', { month: now.from })}）`}
            value={yuan(now.fen)}
          />
        ) : (
          <Alert type="warning" showIcon message={t('duesNotAssessed')} />
        )}
        <div style={{ color: '#595959', fontSize: '0.95em' }}>{t('duesRule', { source: RULE_SOURCE })}</div>
        {a.arrears.length >= 3 && (
          <Alert
            type="error"
            showIcon
            data-testid="dues-arrears"
            message={t('duesArrears', {
              n: a.arrears.length,
              months: a.arrears.join('、'),
              cite: LAPSE_CITE,
            })}
          />
        )}
        {a.lapseCase?.status === 'open' && (
          <Alert type="warning" showIcon message={t('duesCase', { months: a.lapseCase.months.join('、') })} />
        )}
        <Table<MonthDues>
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={a.months.filter((m) => m.month <= chinaToday().slice(0, 7))}
          columns={[
            { title: t('duesMonth'), dataIndex: 'month' },
            {
              title: t('duesDue'),
              dataIndex: 'fen',
              render: (f: number, r) => (r.state === 'notMember' ? '—' : yuan(f)),
            },
            {
              title: t('duesState'),
              dataIndex: 'state',
              render: (s: MonthState) => <Tag color={STATE_COLOR[s]}>{stateLabel(s)}</Tag>,
            },
          ]}
        />
        <ReportPayment account={a} onDone={data.reload} />
        <List
          header={t('duesPayments')}
          dataSource={[...a.payments].reverse()}
          locale={{ emptyText: <Empty text={t('none')} /> }}
          renderItem={(p) => (
            <List.Item>
              <Space wrap>
                {t('duesPaidOn', {
                  date: p.on,
                  months: p.months.join('、'),
                  amount: yuan(p.fen),
                  method: t(`m_${p.method}` as MessageKey),
                })}
                <Tag>{t(`pay_${p.status}` as MessageKey)}</Tag>
                {p.late && <Tag color="orange">{t('duesLate')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}

/** The member reports a payment (e.g. a transfer); the branch confirms it. */
function ReportPayment({ account, onDone }: { account: Account; onDone: () => void }) {
  const ask = useConfirm();
  const { t } = useApp();
  const unpaid = account.months.filter((m) => m.state === 'unpaid' && m.month <= chinaToday().slice(0, 7));
  const [months, setMonths] = useState<string[]>([]);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('转账');
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const act = useDuesAct();
  // Kept after success (with the block it landed in) even though no unpaid month is left.
  if (unpaid.length === 0 && done === null) return null;
  const fen = unpaid.filter((m) => months.includes(m.month)).reduce((s, m) => s + m.fen, 0);
  const params = {
    id: newId('rp', account.member, months[0] ?? ''),
    member: account.member,
    months: [...months].sort(),
    fen,
    method,
    ...(reference.trim() ? { reference: reference.trim() } : {}),
  };
  const confirm = () =>
    ask({
      title: t('confirmTitle'),
      content: t('duesConfirm', {
        what: `${params.months.join('、')} ${yuan(fen)} ${t(`m_${method}` as MessageKey)}`,
      }),
      onOk: () => {
        void act.send('reportPayment', params).then((h) => {
          if (h !== null) {
            setDone(h);
            onDone();
          }
        });
      },
    });
  return (
    <Card size="small" title={t('duesReport')} data-testid="dues-report">
      <Form layout="vertical" onFinish={confirm}>
        <Form.Item label={t('duesReportMonths')}>
          <Checkbox.Group
            value={months}
            onChange={(v) => setMonths(v as string[])}
            options={unpaid.map((m) => ({ label: `${m.month}（${yuan(m.fen)}）`, value: m.month }))}
          />
        </Form.Item>
        <Form.Item label={t('duesMethod')}>
          <Select
            size="large"
            value={method}
            onChange={setMethod}
            options={METHODS.map((m) => ({ value: m, label: t(`m_${m}` as MessageKey) }))}
            aria-label={t('duesMethod')}
          />
        </Form.Item>
        <Form.Item label={t('duesReference')}>
          <Input
            size="large"
            maxLength={16}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
          />
        </Form.Item>
        {act.refusal && <CodedAlert error={act.refusal} />}
        {done !== null && <Alert type="success" showIcon message={t('duesRecorded', { height: done })} />}
        <Button
          size="large"
          type="primary"
          htmlType="submit"
          disabled={months.length === 0 || act.busy || done !== null}
          data-testid="dues-report-submit"
        >
          {t('duesSubmit')} {months.length > 0 ? yuan(fen) : ''}
        </Button>
      </Form>
    </Card>
  );
}

function BranchDues({ org }: { org: string }) {
  const { t, chain } = useApp();
  const month = chinaToday().slice(0, 7);
  const year = Number(month.slice(0, 4));
  const data = useAsync(async () => {
    const [register, arrears, books] = await Promise.all([
      chain.client.query('dues', 'register', { org, month }),
      chain.client.query('dues', 'arrears', { org }),
      chain.client.query('dues', 'books', { org, year }),
    ]);
    return {
      register: (register.result as unknown as { rows: RegisterRow[] }).rows,
      arrears: arrears.result as unknown as {
        closedMonth: string;
        rows: {
          member: string;
          months: string[];
          lapseCase: { status: string; decision: { outcome: string } | null } | null;
        }[];
      },
      books: books.result as unknown as Books,
    };
  }, [org, month, year]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { register, arrears, books } = data.data;
  // A 党委 holds no members itself: it receives its branches' remittances (and may hold members too).
  const holdsMembers = register.length > 0;
  const below = [...new Set(books.remittances.filter((r) => r.to === org).map((r) => r.org))].sort();
  const receives = !holdsMembers || below.length > 0;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dues-branch">
      {holdsMembers && <Register rows={register} month={month} onDone={data.reload} />}
      {holdsMembers && (
        <Card title={t('duesArrearsTitle', { month: arrears.closedMonth })} data-testid="dues-branch-arrears">
          <Alert
            type="info"
            showIcon
            message={t('duesArrearsRule', { source: RULE_SOURCE, cite: LAPSE_CITE })}
          />
          <List
            dataSource={arrears.rows}
            locale={{ emptyText: <Empty text={t('duesNoArrears')} /> }}
            renderItem={(r) => (
              <List.Item data-member={r.member}>
                <Space direction="vertical" size={0}>
                  <strong>
                    <PersonName id={r.member} />
                  </strong>
                  <span>{t('duesArrearsRow', { n: r.months.length, months: r.months.join('、') })}</span>
                  {r.months.length >= 3 && !r.lapseCase && (
                    <Tag color="orange">{t('duesArrearsWarn', { cite: ARREARS_CITE })}</Tag>
                  )}
                  {r.lapseCase && (
                    <Tag color={r.lapseCase.status === 'open' ? 'red' : 'default'}>
                      {r.lapseCase.status === 'open'
                        ? t('duesCaseOpen', { cite: LAPSE_CITE })
                        : t('duesCaseDecided', { outcome: r.lapseCase.decision?.outcome ?? '' })}
                    </Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {receives && <IncomingRemittances org={org} remittances={books.remittances} onDone={data.reload} />}
      <BooksCard org={org} year={year} books={books} onDone={data.reload} />
      <LedgerCard
        org={org}
        below={below}
        year={year}
        key={books.collected + books.received + books.remitted}
      />
    </Space>
  );
}

/** The month's register: tick who paid, record each (one signed payment per member). */
function Register({ rows, month, onDone }: { rows: RegisterRow[]; month: string; onDone: () => void }) {
  const ask = useConfirm();
  const { t, chain, unlockKey } = useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; n: number } | null>(null);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const record = async () => {
    const chosen = rows.filter((r) => selected.includes(r.member) && r.state === 'unpaid');
    setRefusal(null);
    setProgress({ done: 0, n: chosen.length });
    try {
      const key = await unlockKey();
      for (const [i, r] of chosen.entries()) {
        const res = await chain.send(
          'dues',
          'recordPayment',
          { id: newId('p', r.member, month), member: r.member, months: [month], fen: r.fen, method: '现金' },
          key,
        );
        const refused = receiptRefusal(res, t('refused'));
        if (refused) {
          setRefusal(refused);
          break;
        }
        setProgress({ done: i + 1, n: chosen.length });
      }
    } catch (e) {
      setRefusal(codedOf(e));
    }
    setSelected([]);
    onDone();
  };
  const confirm = () =>
    ask({
      title: t('confirmTitle'),
      content: t('duesConfirm', { what: `${month}：${selected.join('、')}` }),
      // The confirmation closes first: signing may ask for the passphrase in its own dialog.
      onOk: () => {
        void record();
      },
    });
  const busy = progress !== null && progress.done < progress.n && refusal === null;
  return (
    <Card title={t('duesRegister', { month })} data-testid="dues-register">
      <p>{t('duesSelectUnpaid')}</p>
      <Table<RegisterRow>
        size="small"
        rowKey="member"
        pagination={false}
        dataSource={rows}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: r.state !== 'unpaid', 'aria-label': r.member }),
        }}
        columns={[
          { title: t('duesMember'), dataIndex: 'member', render: (m: string) => <PersonName id={m} /> },
          { title: t('duesDue'), dataIndex: 'fen', render: (f: number) => yuan(f) },
          {
            title: t('duesState'),
            dataIndex: 'state',
            render: (s: MonthState) => <Tag color={STATE_COLOR[s]}>{t(`st_${s}` as MessageKey)}</Tag>,
          },
        ]}
      />
      {refusal && <CodedAlert error={refusal} />}
      {progress && (
        <Alert
          type={refusal ? 'warning' : 'info'}
          showIcon
          message={
            progress.done < progress.n && !refusal
              ? t('duesRecording', progress)
              : t('duesRecordedN', { n: progress.done })
          }
        />
      )}
      <Button
        size="large"
        type="primary"
        style={{ marginTop: 12 }}
        disabled={selected.length === 0 || busy}
        onClick={confirm}
        data-testid="dues-record"
      >
        {t('duesRecordSelected', { n: selected.length })}
      </Button>
    </Card>
  );
}

function BooksCard({
  org,
  year,
  books,
  onDone,
}: {
  org: string;
  year: number;
  books: Books;
  onDone: () => void;
}) {
  const { t } = useApp();
  const ask = useConfirm();
  const [amount, setAmount] = useState('');
  const [period, setPeriod] = useState('');
  const act = useDuesAct();
  const fen = fenOf(amount);
  const confirm = () =>
    ask({
      title: t('confirmTitle'),
      content: t('duesConfirm', { what: `${t('duesRemit')} ${yuan(fen ?? 0)}（${period}）` }),
      onOk: () => {
        void act.send('remit', { id: newId('rem', org, period), org, fen: fen ?? 0, period }).then((h) => {
          if (h !== null) {
            setAmount('');
            onDone();
          }
        });
      },
    });
  return (
    <Card title={t('duesBooks', { year })} data-testid="dues-books">
      <Space wrap size="large">
        <Statistic title={t('duesCollected')} value={yuan(books.collected)} />
        <Statistic title={t('duesReceived')} value={yuan(books.received)} />
        <Statistic title={t('duesRemitted')} value={yuan(books.remitted)} />
        <Statistic title={t('duesHeld')} value={yuan(books.held)} />
      </Space>
      <Form layout="vertical" onFinish={confirm} style={{ marginTop: 16, maxWidth: 420 }}>
        <LabelledInput
          label={t('duesAmount')}
          id="dues-remit-amount"
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
        />
        <LabelledInput
          label={t('duesRemitPeriod')}
          id="dues-remit-period"
          maxLength={16}
          value={period}
          onChange={setPeriod}
        />
        {act.refusal && <CodedAlert error={act.refusal} />}
        <Button
          size="large"
          htmlType="submit"
          disabled={fen === null || fen <= 0 || period.trim() === '' || act.busy}
          data-testid="dues-remit"
        >
          {t('duesRemitSubmit')}
        </Button>
      </Form>
      <List
        header={t('duesRemittances')}
        dataSource={books.remittances}
        locale={{ emptyText: <Empty text={t('none')} /> }}
        renderItem={(r) => (
          <List.Item>
            {r.on} {r.period} {yuan(r.fen)} <Tag>{t(`rem_${r.status}` as MessageKey)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
