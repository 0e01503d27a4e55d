/**
 * Discipline and transfers (issue 12): the five sanctions of a full member, their approval by the
 * superior 党委 — or, for 开除党籍 and reserved cases, by the county-level discipline commission named
 * in genesis —, the end of 留党察看 (restoration, or the one-year extension), a probationary member's
 * three outcomes (条例第三十六条) and membership transfers. Every form signs in this browser; the
 * chain decides, and a refusal shows its code, the zh text and the cited article.
 */
import type { Value } from '@djchain/crypto/browser';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useChainSend } from '../act-send.tsx';
import { useApp } from '../context.tsx';
import { isMessageKey, type MessageKey } from '../i18n.ts';
import { CodedAlert, type CodedView, codedOf } from '../ui.tsx';

const SANCTIONS = ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'] as const;
const PROBATION_OUTCOMES = ['批评教育', '延长预备期', '取消预备党员资格'] as const;

interface FieldDef {
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: 'id' | 'text' | 'int' | 'bool' | 'select';
  readonly options?: readonly { value: string; label: string }[];
  readonly optional?: boolean;
  /** Shown only when this other field has one of these values. */
  readonly when?: { readonly field: string; readonly values: readonly string[] };
}

interface ActSpec {
  readonly id: string;
  readonly title: MessageKey;
  readonly hint?: MessageKey;
  readonly fields: readonly FieldDef[];
  /** Which chain action the filled form is, and its parameters. */
  readonly toTx: (v: Record<string, unknown>) => { module: string; action: string; params: Value };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** Form values → parameters: empty optional fields left out, numbers parsed, switches as booleans. */
function pick(v: Record<string, unknown>, fields: readonly FieldDef[]): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  for (const f of fields) {
    if (f.when && !f.when.values.includes(str(v[f.when.field]))) continue;
    if (f.kind === 'bool') out[f.name] = v[f.name] === true;
    else if (str(v[f.name]) === '') continue;
    else out[f.name] = f.kind === 'int' ? Number(v[f.name]) : str(v[f.name]);
  }
  return out;
}

function acts(t: (k: MessageKey) => string): ActSpec[] {
  const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
  const caseId: FieldDef = { name: 'id', label: 'dcCaseId', kind: 'id' };
  const resolution: FieldDef = { name: 'resolution', label: 'dcResolution', kind: 'id' };
  const approved: FieldDef = { name: 'approved', label: 'dcApproved', kind: 'bool' };
  const decide: FieldDef[] = [
    caseId,
    { name: 'member', label: 'dcMember', kind: 'id' },
    { name: 'kind', label: 'dcKind', kind: 'select', options: opts(SANCTIONS) },
    {
      name: 'months',
      label: 'dcMonths',
      kind: 'select',
      options: opts(['12', '24']),
      when: { field: 'kind', values: ['留党察看'] },
    },
    resolution,
    { name: 'reserved', label: 'dcReserved', kind: 'bool', optional: true },
  ];
  const observation: FieldDef[] = [
    caseId,
    {
      name: 'act',
      label: 'dcObservationAction',
      kind: 'select',
      options: [
        { value: 'restore', label: t('dcRestore') },
        { value: 'extend', label: t('dcExtend') },
      ],
    },
    resolution,
  ];
  const probation: FieldDef[] = [
    { name: 'member', label: 'dcMember', kind: 'id' },
    { name: 'case', label: 'dcCaseId', kind: 'id' },
    { name: 'outcome', label: 'dcOutcome', kind: 'select', options: opts(PROBATION_OUTCOMES) },
    { name: 'months', label: 'dcMonths', kind: 'int', when: { field: 'outcome', values: ['延长预备期'] } },
    resolution,
  ];
  const transfer: FieldDef[] = [
    {
      name: 'act',
      label: 'dcTransferAction',
      kind: 'select',
      options: [
        { value: 'requestTransfer', label: t('dcTransferRequest') },
        { value: 'acceptTransfer', label: t('dcTransferAccept') },
        { value: 'refuseTransfer', label: t('dcTransferRefuse') },
        { value: 'withdrawTransfer', label: t('dcTransferWithdraw') },
      ],
    },
    { name: 'id', label: 'dcTransferId', kind: 'id' },
    { name: 'member', label: 'dcMember', kind: 'id', when: { field: 'act', values: ['requestTransfer'] } },
    { name: 'to', label: 'dcTransferTo', kind: 'id', when: { field: 'act', values: ['requestTransfer'] } },
    {
      name: 'reason',
      label: 'dcReason',
      kind: 'text',
      when: { field: 'act', values: ['requestTransfer', 'refuseTransfer'] },
    },
  ];
  return [
    {
      id: 'decide',
      title: 'dcSanctionCard',
      hint: 'dcSanctionHint',
      fields: decide,
      toTx: (v) => {
        const p = pick(v, decide);
        if (p.months !== undefined) p.months = Number(p.months);
        if (p.reserved === false) delete p.reserved;
        return { module: 'discipline', action: 'decideSanction', params: p };
      },
    },
    {
      id: 'approve',
      title: 'dcApproveCard',
      hint: 'dcApproveHint',
      fields: [caseId, approved],
      toTx: (v) => ({
        module: 'discipline',
        action: 'approveSanction',
        params: pick(v, [caseId, approved]),
      }),
    },
    {
      id: 'commission',
      title: 'dcCommissionCard',
      hint: 'dcCommissionHint',
      fields: [caseId, approved, resolution],
      toTx: (v) => ({
        module: 'discipline',
        action: 'approveByCommission',
        params: pick(v, [caseId, approved, resolution]),
      }),
    },
    {
      id: 'observation',
      title: 'dcObservationCard',
      hint: 'dcObservationHint',
      fields: observation,
      toTx: (v) =>
        v.act === 'extend'
          ? { module: 'discipline', action: 'extendObservation', params: pick(v, [caseId, resolution]) }
          : {
              module: 'discipline',
              action: 'concludeObservation',
              params: { ...pick(v, [caseId, resolution]), outcome: 'restored' },
            },
    },
    {
      id: 'probation',
      title: 'dcProbationCard',
      hint: 'dcProbationHint',
      fields: probation,
      toTx: (v) => ({ module: 'recruitment', action: 'probationDiscipline', params: pick(v, probation) }),
    },
    {
      id: 'probation-approve',
      title: 'dcProbationApproveCard',
      fields: [{ name: 'member', label: 'dcMember', kind: 'id' }, approved],
      toTx: (v) => ({
        module: 'recruitment',
        action: 'approveProbationDiscipline',
        params: pick(v, [{ name: 'member', label: 'dcMember', kind: 'id' }, approved]),
      }),
    },
    {
      id: 'transfer',
      title: 'dcTransferCard',
      hint: 'dcTransferHint',
      fields: transfer,
      toTx: (v) => {
        const { act: _act, ...params } = pick(v, transfer);
        return { module: 'transfer', action: str(v.act), params };
      },
    },
  ];
}

export function DisciplinePage() {
  const { t } = useApp();
  return (
    <div data-testid="discipline-page">
      <Typography.Title level={3}>{t('dcTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('dcIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {acts(t).map((a) => (
          <Col xs={24} lg={12} key={a.id}>
            <ActCard spec={a} />
          </Col>
        ))}
        <Col xs={24}>
          <SanctionLookup />
        </Col>
      </Row>
    </div>
  );
}

function ActCard({ spec }: { spec: ActSpec }) {
  const { t, session, unlockKey } = useApp();
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  // Submissions answered so far (data-answered): a test waits for the answer to its own.
  const { busy, refusal, receipt, answered, send } = useChainSend();
  const submit = async (v: Record<string, unknown>) => {
    if (!session) return;
    const tx = spec.toTx(v);
    // After a reload the key is closed: the passphrase is asked for again before signing.
    await send(tx.module, tx.action, tx.params, unlockKey);
  };
  const shown = spec.fields.filter((f) => !f.when || f.when.values.includes(str(values?.[f.when.field])));
  return (
    <Card title={t(spec.title)} data-testid={`act-${spec.id}`}>
      {spec.hint ? <Typography.Paragraph type="secondary">{t(spec.hint)}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        {shown.map((f) => (
          <FieldInput key={f.name} f={f} card={spec.id} />
        ))}
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`submit-${spec.id}`}>
          {t('dcSubmit')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }} data-testid={`result-${spec.id}`} data-answered={answered}>
        {refusal ? <CodedAlert error={refusal} title={t('refused')} /> : null}
        {receipt ? (
          <Alert
            type="success"
            showIcon
            title={t('dcDone', { height: receipt.height })}
            data-testid="act-done"
          />
        ) : null}
      </div>
    </Card>
  );
}

function FieldInput({ f, card }: { f: FieldDef; card: string }): ReactNode {
  const { t } = useApp();
  const rules = f.optional || f.kind === 'bool' ? [] : [{ required: true, message: t(f.label) }];
  const common = { name: f.name, label: t(f.label), rules };
  const testId = `${card}-${f.name}`;
  if (f.kind === 'bool')
    return (
      <Form.Item {...common} valuePropName="checked" initialValue={!f.optional}>
        <Switch data-testid={testId} />
      </Form.Item>
    );
  if (f.kind === 'int')
    return (
      <Form.Item {...common}>
        <InputNumber min={1} max={24} style={{ width: '100%' }} data-testid={testId} />
      </Form.Item>
    );
  if (f.kind === 'select')
    return (
      <Form.Item {...common}>
        <Select options={[...(f.options ?? [])]} data-testid={testId} />
      </Form.Item>
    );
  return (
    <Form.Item {...common}>
      <Input data-testid={testId} />
    </Form.Item>
  );
}

interface SanctionRow {
  readonly id: string;
  readonly kind: string;
  readonly months: number | null;
  readonly status: string;
  readonly effectiveFrom: string | null;
  readonly observationEnds: string | null;
}

/** A member's sanction cases (read as the signed-in post holder may). */
function SanctionLookup() {
  const { t, chain } = useApp();
  const [member, setMember] = useState('');
  const [rows, setRows] = useState<readonly SanctionRow[] | null>(null);
  const [error, setError] = useState<CodedView | null>(null);
  const look = async () => {
    setError(null);
    try {
      const r = await chain.client.query('discipline', 'sanctions', { member: member.trim() });
      setRows(r.result as unknown as SanctionRow[]);
    } catch (e) {
      setRows(null);
      setError(codedOf(e));
    }
  };
  const statusLabel = (s: string) => (isMessageKey(`dcStatus_${s}`) ? t(`dcStatus_${s}` as MessageKey) : s);
  return (
    <Card title={t('dcLookupCard')} data-testid="sanction-lookup">
      <Input.Search
        value={member}
        onChange={(e) => setMember(e.target.value)}
        onSearch={look}
        enterButton={t('dcLookup')}
        placeholder={t('dcMember')}
        style={{ maxWidth: 420 }}
        data-testid="lookup-member"
      />
      <div style={{ marginTop: 12 }}>
        {error ? <CodedAlert error={error} /> : null}
        {rows ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('dcNoSanctions') }}
            dataSource={[...rows]}
            columns={[
              { title: t('dcCaseId'), dataIndex: 'id' },
              { title: t('dcKind'), dataIndex: 'kind' },
              { title: t('dcMonths'), dataIndex: 'months', render: (m: number | null) => m ?? '' },
              { title: t('dcStatus'), dataIndex: 'status', render: statusLabel },
              { title: t('dcEffective'), dataIndex: 'effectiveFrom', render: (d: string | null) => d ?? '' },
              {
                title: t('dcObservationEnds'),
                dataIndex: 'observationEnds',
                render: (d: string | null) => d ?? '',
              },
            ]}
          />
        ) : null}
      </div>
    </Card>
  );
}
