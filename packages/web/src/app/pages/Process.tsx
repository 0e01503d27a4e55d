/**
 * One person's recruitment process: the steps recorded so far, open deadlines, and the form of a
 * step. The form signs in this browser and submits; a refusal shows the chain's coded error with
 * the article it cites. Vote forms show the quorum and threshold the chain will check.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useChainSend } from '../act-send.tsx';
import type { Chain } from '../chain.ts';
import { chinaToday, download } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { fileDocument } from '../docs.ts';
import { type Field, fieldsOf, paramsOf, STEP_DEADLINE, shown, VOTE_ACTIONS, wayOf } from '../forms.ts';
import { OrgName, PersonName, useNames } from '../names.tsx';
import { RECRUITMENT_PERMISSIONS } from '../permissions.ts';
import {
  DEADLINE_ACTION,
  deadlineKind,
  levelOf,
  nextStep,
  PHASE_LABEL,
  recordOf,
  stepOf,
} from '../recruit.ts';
import { CodedAlert, ErrorBlock, Loading, SubmitOnceButton, useBusyTask } from '../ui.tsx';

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
  const deadline = chosen ? p.deadlines.find((d) => d.kind === STEP_DEADLINE[chosen]) : undefined;
  const overdueOn = deadline && levelOf(deadline, today, soon) === 'overdue' ? deadline.due : null;
  return (
    <Row gutter={[16, 16]}>
      {/* On a phone the form comes first (order 1), the process below it; side by side from lg. */}
      <Col xs={{ span: 24, order: 2 }} lg={{ span: 10, order: 1 }}>
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
              <div key={d.kind} style={{ marginBottom: 6 }} data-testid="deadline-line" data-kind={d.kind}>
                <Tag color={level === 'overdue' ? 'red' : level === 'dueSoon' ? 'orange' : 'default'}>
                  {level === 'overdue' ? t('overdue') : level === 'dueSoon' ? t('dueSoon') : t('deadline')}
                </Tag>
                {stepOf(rules, DEADLINE_ACTION[d.kind] ?? d.kind)?.name ?? deadlineKind(t, d.kind)} ·{' '}
                {t('due', { date: d.due })} · {d.cite}
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
                    {typeof r.data.ref === 'string' ? (
                      <DocumentButton chain={chain} hash={r.data.ref} testId={`doc-${s.action}`} />
                    ) : null}
                  </div>
                ),
              };
            })}
          />
        </Card>
      </Col>
      <Col xs={{ span: 24, order: 1 }} lg={{ span: 14, order: 2 }}>
        {chosen ? (
          <StepForm
            key={chosen}
            chain={chain}
            member={member}
            branch={p.branch}
            action={chosen}
            // One step per action, the phase's own (an assessment on probation is step 21, not 6).
            steps={(rules?.steps ?? []).filter((s) => s === stepOf(rules, s.action, p.phase))}
            overdueOn={overdueOn}
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
  overdueOn,
  onDone,
}: {
  chain: Chain;
  member: string;
  branch: string;
  action: string;
  steps: ReadonlyArray<{ no: number; action: string; name: string }>;
  /** The due date when this step's deadline has passed, else null. */
  overdueOn: string | null;
  onDone: () => void;
}) {
  const { t, session, unlockKey } = useApp();
  const [form] = Form.useForm();
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const { busy, refusal, receipt, send } = useChainSend();
  const [confirm, setConfirm] = useState<{ [k: string]: string | number | boolean | string[] } | null>(null);
  // Fields a refusal's way past asks for, shown even where the page would not (its own clock).
  const [forced, setForced] = useState<ReadonlySet<string>>(new Set());
  const all = fieldsOf(action);
  const visible = all.filter((f) => shown(f, overdueOn !== null, values ?? {}, forced));
  const step = steps.find((s) => s.action === action);
  const stepTitle = step ? t('stepForm', { no: step.no, name: step.name }) : t('materialForm');
  const way = refusal ? wayOf(action, refusal.code) : null;
  const wayStep = way?.action ? steps.find((s) => s.action === way.action) : undefined;
  // The field a refusal's way past asks for stays shown from then on, through the next submission.
  const wayField = way?.field;
  useEffect(() => {
    if (wayField) setForced((f) => (f.has(wayField) ? f : new Set([...f, wayField])));
  }, [wayField]);

  // One submission: the button is off while sending and after the chain recorded the step.
  const ask = (v: Record<string, unknown>) => {
    if (busy || receipt) return;
    setConfirm(paramsOf(member, visible, v));
  };

  const submit = async () => {
    const params = confirm;
    if (!session || !params || busy || receipt) return;
    setConfirm(null);
    const r = await send(
      'recruitment',
      action,
      params,
      unlockKey,
      // Acting for a member is data entry only: the chain refuses the mark on any other step.
      RECRUITMENT_PERMISSIONS[action]?.some((r) => r.of === 'clerkEntry')
        ? session.onBehalfOf?.address
        : undefined,
    );
    if (r) onDone();
  };

  const shownValue = (name: string, v: string | number | boolean | string[]) => {
    const f = all.find((x) => x.name === name);
    if (typeof v === 'boolean') return v ? t('boolYes') : t('boolNo');
    if (Array.isArray(v)) return v.join('、');
    if (f?.kind === 'file') return t('attachmentHash', { hash: String(v) });
    if (f?.optionLabel) return t(f.optionLabel(String(v)));
    return String(v);
  };

  return (
    <Card
      title={
        <span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }} data-testid="step-title">
          {stepTitle}
        </span>
      }
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
      extra={
        <Select
          value={action}
          style={{ minWidth: 180, maxWidth: '100%' }}
          aria-label={t('stepFormPick')}
          onChange={(a) => go('recruitment', member, a)}
          options={[
            ...steps
              .filter((s, i) => steps.findIndex((x) => x.action === s.action) === i)
              .map((s) => ({ value: s.action, label: `${s.no}. ${s.name}` })),
            { value: 'addMaterial', label: t('materialForm') },
          ]}
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
      {overdueOn ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="overdue-notice"
          title={t('overdueNotice', { date: overdueOn })}
          description={
            action === 'talk' || action === 'takeOath'
              ? t('lateReasonNeeded')
              : action === 'approveAdmission'
                ? t('specialNeeded')
                : action === 'approveConversion'
                  ? t('conversionOverdueWay')
                  : undefined
          }
        />
      ) : null}
      {VOTE_ACTIONS.has(action) ? <VoteRules chain={chain} branch={branch} /> : null}
      <Form form={form} layout="vertical" onFinish={ask} size="large" disabled={busy || receipt !== null}>
        {visible.map((f) => (
          <FieldInput key={f.name} f={f} chain={chain} form={form} doc={{ org: branch, member }} />
        ))}
        <SubmitOnceButton busy={busy} sent={receipt !== null} testId="step-submit">
          {receipt ? t('submitted') : busy ? t('submitting') : t('submit')}
        </SubmitOnceButton>
      </Form>
      <Modal
        open={confirm !== null}
        title={t('confirmTitle')}
        onCancel={() => setConfirm(null)}
        footer={[
          <Button key="back" size="large" onClick={() => setConfirm(null)}>
            {t('confirmCancel')}
          </Button>,
          <Button key="ok" size="large" type="primary" onClick={submit} data-testid="confirm-submit">
            {t('confirmOk')}
          </Button>,
        ]}
        data-testid="confirm-dialog"
      >
        <Typography.Paragraph>{t('confirmIntro')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered data-testid="confirm-list">
          <Descriptions.Item label={t('confirmStep')}>{stepTitle}</Descriptions.Item>
          <Descriptions.Item label={t('confirmMember')}>{member}</Descriptions.Item>
          <Descriptions.Item label={t('confirmActor')}>
            {session?.label ?? session?.memberId}
            {session?.post ? ` · ${t('postIn', { org: session.post.org, post: session.post.post })}` : ''}
          </Descriptions.Item>
          {visible.map((f) => {
            const v = confirm?.[f.name];
            return (
              <Descriptions.Item key={f.name} label={t(f.label)}>
                {v === undefined ? t('emptyValue') : shownValue(f.name, v)}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
        {confirm?.ref ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('attachmentHint')}
          </Typography.Paragraph>
        ) : null}
      </Modal>
      <div style={{ marginTop: 16 }}>
        {refusal ? <CodedAlert error={refusal} title={t('refused')} /> : null}
        {way ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="way-past"
            title={t(way.hint)}
            action={
              wayStep ? (
                <Button
                  size="large"
                  data-testid="way-go"
                  onClick={() => go('recruitment', member, wayStep.action)}
                >
                  {t('wayGo', { step: `${wayStep.no}. ${wayStep.name}` })}
                </Button>
              ) : undefined
            }
          />
        ) : null}
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

function FieldInput({
  f,
  chain,
  form,
  doc,
}: {
  f: Field;
  chain: Chain;
  form: FormInstance;
  /** Where a document goes: the process's branch, readable by the person it is about. */
  doc: { org: string; member: string };
}) {
  const { t, unlockKey } = useApp();
  const [file, setFile] = useState<{ name: string; hash: string } | null>(null);
  const upload = useBusyTask();
  const rules = [
    ...(f.optional || f.kind === 'bool' || f.kind === 'file'
      ? []
      : [{ required: true, message: t('required') }]),
    ...(f.kind === 'text' && f.max ? [{ max: f.max }] : []),
  ];
  const common = { name: f.name, label: t(f.label), rules };
  if (f.kind === 'bool')
    return (
      // 是 / 否 as two large buttons: a clearer choice, and a tap target a switch is not.
      <Form.Item {...common} initialValue={true}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={[
            { label: t('boolYes'), value: true },
            { label: t('boolNo'), value: false },
          ]}
          data-testid={`field-${f.name}`}
        />
      </Form.Item>
    );
  if (f.kind === 'int')
    return (
      <Form.Item {...common}>
        <InputNumber
          min={f.min ?? 0}
          {...(f.max !== undefined ? { max: f.max } : {})}
          style={{ width: '100%' }}
          data-testid={`field-${f.name}`}
        />
      </Form.Item>
    );
  if (f.kind === 'date')
    return (
      <Form.Item {...common}>
        <Input type="date" max={chinaToday()} data-testid={`field-${f.name}`} />
      </Form.Item>
    );
  if (f.kind === 'file')
    return (
      <Form.Item label={t(f.label)} extra={t('attachmentHint')}>
        <Form.Item name={f.name} noStyle>
          <Input type="hidden" />
        </Form.Item>
        <Space wrap>
          <Upload
            showUploadList={false}
            beforeUpload={(picked) => {
              void upload.run(async () => {
                const k = await fileDocument(chain, picked, doc, await unlockKey());
                setFile({ name: k.name, hash: k.hash });
                form.setFieldValue(f.name, k.hash);
              });
              return false;
            }}
          >
            <Button loading={upload.busy} data-testid={`field-${f.name}`}>
              {upload.busy ? t('attachmentUploading') : t('attachmentChoose')}
            </Button>
          </Upload>
          {upload.error ? <CodedAlert error={upload.error} /> : null}
          {file ? (
            <Typography.Text data-testid="attachment-hash">
              {file.name} · <Typography.Text code>{file.hash.slice(0, 16)}…</Typography.Text>
            </Typography.Text>
          ) : null}
        </Space>
      </Form.Item>
    );
  if (f.kind === 'select')
    return (
      <Form.Item {...common}>
        <Select
          options={(f.options ?? []).map((o) => ({
            value: o,
            label: f.optionLabel ? t(f.optionLabel(o)) : o,
          }))}
          aria-label={t(f.label)}
          data-testid={`field-${f.name}`}
        />
      </Form.Item>
    );
  return (
    <Form.Item {...common}>
      <Input data-testid={`field-${f.name}`} {...(f.max ? { maxLength: f.max, showCount: true } : {})} />
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

/**
 * A step's document fetched from the node (any entitled node: the content replicates) and checked
 * against its hash by the SDK before it is saved; the refusal shown when the reader is not entitled.
 */
function DocumentButton({ chain, hash, testId }: { chain: Chain; hash: string; testId: string }) {
  const { t } = useApp();
  const { error, run } = useBusyTask();
  return (
    <div>
      <Button
        size="large"
        type="link"
        style={{ paddingInline: 0 }}
        data-testid={testId}
        onClick={() => {
          void run(async () =>
            download(`document-${hash.slice(0, 12)}`, await chain.client.getAttachment(hash)),
          );
        }}
      >
        {t('attachmentDownload')}
      </Button>
      {error ? <CodedAlert error={error} /> : null}
    </div>
  );
}
