/**
 * One person's recruitment process: the steps recorded so far, open deadlines, and the form of a
 * step. The form signs in this browser and submits; a refusal shows the chain's coded error with
 * the article it cites. Vote forms show the quorum and threshold the chain will check.
 */
import type { VerifiedReceipt } from '@djchain/client';
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
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { Chain } from '../chain.ts';
import { chinaToday } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { type Field, paramsOf, STEP_FIELDS, VOTE_ACTIONS } from '../forms.ts';
import { OrgName, PersonName, useNames } from '../names.tsx';
import { RECRUITMENT_PERMISSIONS } from '../permissions.ts';
import { levelOf, nextStep, PHASE_LABEL, recordOf, stepOf } from '../recruit.ts';
import { CodedAlert, type CodedView, codedOf, ErrorBlock, Loading } from '../ui.tsx';

export function ProcessPage({ member, action }: { member: string; action?: string | undefined }) {
  const { t, chain } = useApp();
  const names = useNames();
  const who = (m: string) => names.person(m) ?? m;
  const data = useAsync(async () => {
    const p = await chain.process(member);
    return { p, rules: p ? await chain.ruleSet(p.version) : undefined };
  }, [member]);
  // While reloading after a step, the form stays (with its result) instead of a spinner.
  if (data.loading && data.data === undefined) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  const { p, rules } = data.data;
  if (!p) return <Alert type="info" title={t('noProcess')} />;
  const chosen = action ?? nextStep(p, rules)?.action;
  const today = chinaToday();
  const soon = typeof p.params.dueSoonDays === 'number' ? p.params.dueSoonDays : 7;
  const done = (rules?.steps ?? []).filter((s) => recordOf(p, s) !== undefined);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={
            <span>
              <PersonName id={member} />{' '}
              <Tag color="red">{PHASE_LABEL[p.phase] ? t(PHASE_LABEL[p.phase]!) : p.phase}</Tag>
            </span>
          }
          extra={<a href={`#/member/${member}`}>{t('open')}</a>}
        >
          <Typography.Paragraph type="secondary">
            {rules?.title} · <OrgName id={p.branch} />
          </Typography.Paragraph>
          {p.deadlines.map((d) => {
            const level = levelOf(d, today, soon);
            return (
              <div key={d.kind} style={{ marginBottom: 6 }}>
                <Tag color={level === 'overdue' ? 'red' : level === 'dueSoon' ? 'orange' : 'default'}>
                  {level === 'overdue' ? t('overdue') : level === 'dueSoon' ? t('dueSoon') : t('deadline')}
                </Tag>
                {stepOf(rules, d.kind)?.name ?? d.kind} · {t('due', { date: d.due })} · {d.cite}
              </div>
            );
          })}
          <Timeline
            style={{ marginTop: 16 }}
            items={done.map((s) => {
              const r = recordOf(p, s)!;
              return {
                color: 'green',
                children: (
                  <div>
                    <b>{t('nextStep', { no: s.no, name: s.name })}</b>
                    <div>
                      <Typography.Text type="secondary">
                        {r.on} · {t('actedBy', { by: who(r.by) })}
                        {r.onBehalfOf ? ` · ${t('onBehalf', { member: who(r.onBehalfOf) })}` : ''}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              };
            })}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {chosen ? (
          <StepForm
            key={chosen}
            chain={chain}
            member={member}
            branch={p.branch}
            action={chosen}
            // One step per action, the phase's own (an assessment on probation is step 21, not 6).
            steps={(rules?.steps ?? []).filter((s) => s === stepOf(rules, s.action, p.phase))}
            onDone={data.reload}
          />
        ) : null}
      </Col>
    </Row>
  );
}

function StepForm({
  chain,
  member,
  branch,
  action,
  steps,
  onDone,
}: {
  chain: Chain;
  member: string;
  branch: string;
  action: string;
  steps: ReadonlyArray<{ no: number; action: string; name: string }>;
  onDone: () => void;
}) {
  const { t, session } = useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CodedView | null>(null);
  const [receipt, setReceipt] = useState<VerifiedReceipt | null>(null);
  const fields = STEP_FIELDS[action] ?? [];
  const step = steps.find((s) => s.action === action);

  const submit = async (values: Record<string, unknown>) => {
    if (!session) return;
    setBusy(true);
    setRefusal(null);
    setReceipt(null);
    try {
      const r = await chain.send(
        'recruitment',
        action,
        paramsOf(member, fields, values),
        session.key,
        // Acting for a member is data entry only: the chain refuses the mark on any other step.
        RECRUITMENT_PERMISSIONS[action]?.some((r) => r.of === 'clerkEntry')
          ? session.onBehalfOf?.address
          : undefined,
      );
      if (r.receipt.status === 'failed') {
        // Every refusal is shown with its code, cited or not (a permission refusal carries no cite).
        const e = r.receipt.error;
        setRefusal(
          e
            ? { code: e.code, message: e.message, ...(e.cite ? { cite: e.cite } : {}), details: e.details }
            : { code: 'TX_FAILED', message: t('refused') },
        );
      } else {
        setReceipt(r);
        onDone();
      }
    } catch (e) {
      setRefusal(codedOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('stepForm', { no: step?.no ?? '', name: step?.name ?? action })}
      extra={
        <Select
          value={action}
          style={{ minWidth: 180 }}
          onChange={(a) => go('recruitment', member, a)}
          options={steps
            .filter((s, i) => steps.findIndex((x) => x.action === s.action) === i)
            .map((s) => ({ value: s.action, label: `${s.no}. ${s.name}` }))}
          data-testid="step-select"
        />
      }
      data-testid="step-form"
    >
      {session?.onBehalfOf ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('actingBanner', { member: session.onBehalfOf.member, clerk: session.memberId })}
        />
      ) : null}
      {VOTE_ACTIONS.has(action) ? <VoteRules chain={chain} branch={branch} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} size="large">
        {fields.map((f) => (
          <FieldInput key={f.name} f={f} />
        ))}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="step-submit">
          {busy ? t('submitting') : t('submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        {refusal ? <CodedAlert error={refusal} title={t('refused')} /> : null}
        {receipt ? (
          <Alert
            type="success"
            showIcon
            data-testid="step-done"
            title={t('stepDone', { height: receipt.height })}
          />
        ) : null}
      </div>
    </Card>
  );
}

function FieldInput({ f }: { f: Field }) {
  const { t } = useApp();
  const rules = f.optional || f.kind === 'bool' ? [] : [{ required: true }];
  const common = { name: f.name, label: t(f.label), rules };
  if (f.kind === 'bool')
    return (
      <Form.Item {...common} valuePropName="checked" initialValue={true}>
        <Switch />
      </Form.Item>
    );
  if (f.kind === 'int')
    return (
      <Form.Item {...common}>
        <InputNumber min={0} style={{ width: '100%' }} data-testid={`field-${f.name}`} />
      </Form.Item>
    );
  if (f.kind === 'select')
    return (
      <Form.Item {...common}>
        <Select
          options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
          data-testid={`field-${f.name}`}
        />
      </Form.Item>
    );
  return (
    <Form.Item {...common}>
      <Input data-testid={`field-${f.name}`} />
    </Form.Item>
  );
}

/**
 * 细则第二十条 / 第二十一条: more than half of the expected voting members present, and yes votes
 * from more than half of those expected. The expected count shown is the branch's full members
 * with the right to vote today; the chain checks the ballot itself.
 */
function VoteRules({ chain, branch }: { chain: Chain; branch: string }) {
  const { t } = useApp();
  const data = useAsync(async () => {
    const ids = await chain.membersOf(branch);
    const views = await Promise.all(ids.map((id) => chain.member(id)));
    return views.filter((m) => m && m.status === '正式党员' && m.rights.vote).length;
  }, [branch]);
  if (data.loading || data.error) return null;
  const expected = data.data!;
  const min = Math.floor(expected / 2) + 1;
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      data-testid="vote-rules"
      title={
        <div>
          <div>{t('quorum', { expected, min })}</div>
          <div>{t('threshold', { min })}</div>
          <Typography.Text type="secondary">
            《中国共产党发展党员工作细则》第二十条、第二十一条
          </Typography.Text>
        </div>
      }
    />
  );
}
