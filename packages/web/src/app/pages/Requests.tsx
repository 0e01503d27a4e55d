/**
 * 重大事项请示报告 between organizations (issue 16, `#/requests`), phone first. A branch's 书记 or
 * 副书记 files a 请示 or 报告 to its superior (`declaration.fileRequest`: the document filed first as
 * an attachment of the branch, scope `org`, which the superior's post holders read); the superior
 * sees what came in with its deadline, signs for it (`receiveRequest`) and answers
 * (`answerRequest`: approved, or returned with a reason). Overdue and late answers are marked.
 */
import { Alert, Card, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { ActCard, type FormValues } from '../act.tsx';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { DocField, recordId } from '../doc-field.tsx';
import type { MessageKey } from '../i18n.ts';
import { OrgName } from '../names.tsx';
import { ANSWER_OUTCOMES, REQUEST_KINDS, type RequestInfo } from '../openness.ts';
import { ErrorBlock, Loading } from '../ui.tsx';

const LEADERS: readonly string[] = ['书记', '副书记'];
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function RequestsPage() {
  const { t, chain, session } = useApp();
  const post = session?.post ?? null;
  const data = useAsync(async () => {
    if (!post) return null;
    const [lists, org] = await Promise.all([
      chain.client.query('declaration', 'requests', { org: post.org }),
      chain.org(post.org),
    ]);
    return {
      ...(lists.result as { filed: RequestInfo[]; received: RequestInfo[] }),
      parent: org?.parent ?? null,
    };
  }, [post?.org]);
  if (!post || (!LEADERS.includes(post.post) && post.post !== '组织委员' && post.post !== '党务工作者'))
    return <Alert type="info" showIcon title={t('opRqNoPost')} />;
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const d = data.data!;
  const leader = LEADERS.includes(post.post);
  return (
    <Space direction="vertical" size="large" style={{ display: 'flex', maxWidth: 720, margin: '0 auto' }}>
      <Typography.Title level={3}>{t('opRqTitle')}</Typography.Title>
      <Typography.Paragraph style={{ fontSize: '1.1em' }}>{t('opRqIntro')}</Typography.Paragraph>
      {leader && d.parent !== null ? <FileRequest org={post.org} onDone={data.reload} /> : null}
      {d.received.length > 0 || d.parent === null ? (
        <Card title={t('opRqReceived')} data-testid="rq-received">
          {d.received.length === 0 ? <Typography.Text>{t('opRqNone')}</Typography.Text> : null}
          <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
            {[...d.received].reverse().map((r) => (
              <RequestCard key={r.id} r={r} answer={leader} receive onDone={data.reload} />
            ))}
          </Space>
        </Card>
      ) : null}
      {d.parent !== null ? (
        <Card title={t('opRqFiled')} data-testid="rq-filed">
          {d.filed.length === 0 ? <Typography.Text>{t('opRqNone')}</Typography.Text> : null}
          <Space direction="vertical" size="middle" style={{ display: 'flex' }}>
            {[...d.filed].reverse().map((r) => (
              <RequestCard key={r.id} r={r} answer={false} receive={false} onDone={data.reload} />
            ))}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}

function FileRequest({ org, onDone }: { org: string; onDone: () => void }) {
  const { t } = useApp();
  return (
    <ActCard
      action="declaration.fileRequest"
      title={t('opRqFile')}
      hint={t('opRqFileHint')}
      testId="rq-file"
      targetOf={() => org}
      prepare={(v: FormValues) => ({
        params: {
          id: recordId('rq', org, chinaToday()),
          org,
          kind: str(v.kind),
          title: str(v.title),
          document: str(v.document),
        },
        summary: [
          [t('opOrg'), org],
          [t('opRqKind'), str(v.kind)],
          [t('opRqSubject'), str(v.title)],
          [t('dsHash'), str(v.document)],
        ],
      })}
      onDone={onDone}
    >
      <Form.Item name="kind" label={t('opRqKind')} initialValue="请示">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={REQUEST_KINDS.map((k) => ({ value: k, label: k }))}
          data-testid="rq-kind"
        />
      </Form.Item>
      <Form.Item name="title" label={t('opRqSubject')} rules={[{ required: true }]}>
        <Input maxLength={64} data-testid="rq-title" />
      </Form.Item>
      <DocField name="document" label={t('opRqDocument')} org={org} scope="org" testId="rq-document" />
    </ActCard>
  );
}

/** `receive`: the superior's post holders sign for it (书记, 副书记, 组织委员, 党务工作者); `answer`: its 书记 or 副书记. */
function RequestCard(props: { r: RequestInfo; answer: boolean; receive: boolean; onDone: () => void }) {
  const { r, answer, receive, onDone } = props;
  const { t } = useApp();
  const overdue = r.status !== 'answered' && chinaToday() > r.due;
  return (
    <Card size="small" data-testid={`rq-${r.id}`} style={{ fontSize: '1.05em' }}>
      <Space wrap size={4}>
        <Tag color="red">{r.kind}</Tag>
        <Tag data-testid="rq-status">{t(`opRqStatus_${r.status}` as MessageKey)}</Tag>
        {r.outcome ? (
          <Tag color={r.outcome === 'approved' ? 'green' : 'orange'} data-testid="rq-outcome">
            {t(`opRqOutcome_${r.outcome}` as MessageKey)}
          </Tag>
        ) : null}
        {r.late ? <Tag color="volcano">{t('opRqLate')}</Tag> : null}
        {overdue ? <Tag color="volcano">{t('opRqOverdue')}</Tag> : null}
      </Space>
      <Typography.Paragraph strong style={{ fontSize: '1.1em', margin: '8px 0 4px' }}>
        {r.title}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <OrgName id={r.org} /> → <OrgName id={r.to} />；{t('opRqFiledOn', { on: r.filedOn })}；
        <span data-testid="rq-due">{t('opRqDue', { due: r.due })}</span>
        {r.receivedOn ? (
          <span data-testid="rq-received-on">；{t('opRqReceivedOn', { on: r.receivedOn })}</span>
        ) : null}
        {r.answeredOn ? `；${t('opRqAnsweredOn', { on: r.answeredOn })}` : ''}
      </Typography.Paragraph>
      {r.reason ? <Typography.Paragraph>{t('dsReason', { reason: r.reason })}</Typography.Paragraph> : null}
      {r.status !== 'answered' && (answer || receive) ? (
        <AnswerForms r={r} answer={answer} onDone={onDone} />
      ) : null}
    </Card>
  );
}

function AnswerForms({ r, answer, onDone }: { r: RequestInfo; answer: boolean; onDone: () => void }) {
  const { t } = useApp();
  const [form] = Form.useForm();
  const outcome = (Form.useWatch('outcome', form) ?? 'approved') as 'approved' | 'returned';
  return (
    <Space direction="vertical" style={{ display: 'flex', marginTop: 8 }}>
      {r.status === 'filed' ? (
        <ActCard
          action="declaration.receiveRequest"
          title={t('opRqReceive')}
          testId="rq-receive"
          targetOf={() => r.to}
          prepare={() => ({ params: { id: r.id }, summary: [[t('opRqSubject'), r.title]] })}
          onDone={onDone}
        >
          {null}
        </ActCard>
      ) : null}
      {answer ? (
        <ActCard
          action="declaration.answerRequest"
          title={t('opRqAnswer')}
          testId="rq-answer"
          form={form}
          targetOf={() => r.to}
          prepare={(v: FormValues) => ({
            params: {
              id: r.id,
              outcome,
              ...(str(v.reason) ? { reason: str(v.reason) } : {}),
              ...(str(v.answer) ? { answer: str(v.answer) } : {}),
            },
            summary: [
              [t('opRqSubject'), r.title],
              [t('opRqOutcome'), t(`opRqOutcome_${outcome}`)],
              ...(str(v.reason) ? [[t('opRqReason'), str(v.reason)] as const] : []),
              ...(str(v.answer) ? [[t('dsHash'), str(v.answer)] as const] : []),
            ],
          })}
          onDone={onDone}
        >
          <Form.Item name="outcome" label={t('opRqOutcome')} initialValue="approved">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={ANSWER_OUTCOMES.map((o) => ({
                value: o,
                label: t(`opRqOutcome_${o}`),
              }))}
              data-testid="rq-outcome-choice"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('opRqReason')}
            rules={outcome === 'returned' ? [{ required: true }] : []}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="rq-reason" />
          </Form.Item>
          <DocField
            name="answer"
            label={t('opRqAnswerDoc')}
            org={r.to}
            scope="org"
            required={false}
            testId="rq-answer-doc"
          />
        </ActCard>
      ) : null}
    </Space>
  );
}
