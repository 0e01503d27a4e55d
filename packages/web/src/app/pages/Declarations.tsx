/**
 * 重大事项申报 (issue 16): a member declares a personal matter — the content goes to the sealed-data
 * service, sealed under the member's own key, and only its commitment goes on chain — and a
 * reviewer (书记, 组织委员, 纪检委员 of the branch or of the 党委 above) takes the review steps. Opening
 * the content asks for a purpose first; the read record is committed on chain (the page shows its
 * block) before the service releases anything (declarations.ts readDeclaration; the gate is the
 * service's, packages/cli/src/sealed/gate.ts). A read without a purpose is refused by the chain.
 */
import { sealedDeclare } from '@djchain/client';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { chinaToday } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { declarationQuery, type PersonalRecord, readDeclaration } from '../declarations.ts';
import type { MessageKey } from '../i18n.ts';
import { PersonName } from '../names.tsx';
import { CodedAlert, ErrorBlock, Loading, receiptRefusal, useBusyTask } from '../ui.tsx';

const REVIEW_POSTS = ['书记', '组织委员', '纪检委员'];

export function DeclarationsPage() {
  const { t, session } = useApp();
  if (!session) return null;
  const reviewer = session.post && REVIEW_POSTS.includes(session.post.post) ? session.post : null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Typography.Title level={3}>{t('dlTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('dlIntro')}</Typography.Paragraph>
      </Col>
      <Col xs={24} lg={reviewer ? 10 : 24}>
        <NewDeclaration />
      </Col>
      {reviewer ? (
        <Col xs={24} lg={14}>
          <Review org={reviewer.org} />
        </Col>
      ) : null}
    </Row>
  );
}

function NewDeclaration() {
  const { t, chain, session, unlockKey } = useApp();
  const params = useAsync(() => declarationQuery<{ personalKinds: string[] }>(chain, 'params', {}), []);
  const mine = useAsync(
    () => declarationQuery<PersonalRecord[]>(chain, 'declarationsOf', { member: session!.memberId }),
    [session?.memberId],
  );
  const [form] = Form.useForm();
  const { busy, error, setError, run } = useBusyTask();
  const [filed, setFiled] = useState<number | null>(null);
  const submit = async (v: { kind: string; matterOn: string; text: string }) => {
    if (!session) return;
    await run(async () => {
      const key = await unlockKey();
      const c = chain.client;
      const { height } = await c.status();
      const { commitment } = await sealedDeclare(
        window.location.origin,
        c.suite,
        {
          chainId: c.chainId,
          height,
          member: session.memberId,
          kind: v.kind,
          matterOn: v.matterOn,
          text: v.text,
        },
        key,
      );
      const id = `d-${session.memberId}-${height}`.slice(0, 64);
      const r = await chain.send(
        'declaration',
        'declare',
        { id, member: session.memberId, kind: v.kind, matterOn: v.matterOn, commitment },
        key,
      );
      const refused = receiptRefusal(r, t('refused'));
      if (refused) setError(refused);
      else {
        setFiled(r.height);
        form.resetFields();
        mine.reload();
      }
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('dlNew')} data-testid="declare-card">
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ matterOn: chinaToday() }}>
          <Form.Item name="kind" label={t('dlKind')} rules={[{ required: true }]}>
            <Select
              size="large"
              data-testid="declare-kind"
              options={(params.data?.personalKinds ?? []).map((k) => ({ value: k, label: k }))}
            />
          </Form.Item>
          <Form.Item name="matterOn" label={t('dlMatterOn')} rules={[{ required: true }]}>
            <Input type="date" size="large" data-testid="declare-date" />
          </Form.Item>
          <Form.Item name="text" label={t('dlText')} extra={t('dlTextHint')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="declare-text" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            data-testid="declare-submit"
          >
            {t('dlSubmit')}
          </Button>
        </Form>
        {filed !== null ? (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            data-testid="declare-done"
            title={t('dlFiled', { height: filed })}
          />
        ) : null}
        {error ? <CodedAlert error={error} /> : null}
      </Card>
      <Card title={t('dlMine')} data-testid="my-declarations">
        {mine.loading ? (
          <Loading />
        ) : mine.error ? (
          <ErrorBlock error={mine.error} onRetry={mine.reload} />
        ) : (mine.data ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t('dlNone')}</Typography.Text>
        ) : (
          (mine.data ?? []).map((d) => <Summary key={d.id} d={d} />)
        )}
      </Card>
    </Space>
  );
}

function Summary({ d }: { d: PersonalRecord }) {
  const { t } = useApp();
  return (
    <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('dlKind')}>
        {d.kind} {d.lateFiling ? <Tag color="orange">{t('dlLate')}</Tag> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('dlMatterOn')}>{d.matterOn}</Descriptions.Item>
      <Descriptions.Item label={t('dlFiledOn')}>{d.filedOn}</Descriptions.Item>
      <Descriptions.Item label={t('dlStep')}>
        <Tag color={d.step === 'closed' ? 'green' : 'blue'} data-testid={`step-${d.id}`}>
          {t(`dlStep.${d.step}` as MessageKey)}
        </Tag>
        {d.receivedLate ? <Tag color="orange">{t('dlReceivedLate')}</Tag> : null}
        {d.closedLate ? <Tag color="orange">{t('dlClosedLate')}</Tag> : null}
        {d.query ? <div>{d.query}</div> : null}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Review({ org }: { org: string }) {
  const { t, chain } = useApp();
  const list = useAsync(async () => {
    const orgs = await chain.orgTree(org);
    const lists = await Promise.all(
      orgs.map((o) => declarationQuery<PersonalRecord[]>(chain, 'declarationsIn', { org: o.id })),
    );
    return lists.flat();
  }, [org]);
  return (
    <Card title={t('dlReview')} data-testid="review-card">
      <Typography.Paragraph type="secondary">{t('dlReviewHint')}</Typography.Paragraph>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBlock error={list.error} onRetry={list.reload} />
      ) : (list.data ?? []).length === 0 ? (
        <Typography.Text type="secondary">{t('dlNone')}</Typography.Text>
      ) : (
        (list.data ?? []).map((d) => <ReviewItem key={d.id} d={d} onChange={list.reload} />)
      )}
    </Card>
  );
}

function ReviewItem({ d, onChange }: { d: PersonalRecord; onChange: () => void }) {
  const { t, chain, unlockKey } = useApp();
  const { busy, error, setError, run } = useBusyTask();
  const [reason, setReason] = useState('');
  const [purpose, setPurpose] = useState('');
  const [traced, setTraced] = useState<number | null>(null);
  const [content, setContent] = useState<Record<string, string | number | null> | null>(null);
  const step = (action: string, extra: Record<string, string> = {}) =>
    run(async () => {
      const r = await chain.send('declaration', action, { id: d.id, ...extra }, await unlockKey());
      const refused = receiptRefusal(r, t('refused'));
      if (refused) setError(refused);
      else onChange();
    });
  const open = () => {
    setContent(null);
    return run(async () => {
      const out = await readDeclaration(chain, await unlockKey(), d.id, purpose, setTraced);
      if ('refused' in out) setError(out.refused);
      else setContent(out.answer.fields);
    });
  };
  const act = (action: string, label: MessageKey, extra?: Record<string, string>) => (
    <Button size="large" onClick={() => step(action, extra)} loading={busy} data-testid={`${action}-${d.id}`}>
      {t(label)}
    </Button>
  );
  return (
    <Card type="inner" style={{ marginBottom: 12 }} data-testid={`review-${d.id}`}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('dlMember')}>
          <PersonName id={d.member} />
        </Descriptions.Item>
      </Descriptions>
      <Summary d={d} />
      <Space wrap style={{ marginBottom: 12 }}>
        {d.step === 'filed' ? act('receiveDeclaration', 'dlReceive') : null}
        {d.step === 'received' ? act('verifyDeclaration', 'dlVerify') : null}
        {d.step === 'verified' ? act('closeDeclaration', 'dlClose') : null}
      </Space>
      {d.step === 'received' ? (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            size="large"
            placeholder={t('dlQueryReason')}
            aria-label={t('dlQueryReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {act('queryDeclaration', 'dlQuery', { reason })}
        </Space.Compact>
      ) : null}
      <Typography.Paragraph type="secondary">{t('dlPurposeHint')}</Typography.Paragraph>
      <Input
        size="large"
        placeholder={t('dlPurpose')}
        aria-label={t('dlPurpose')}
        value={purpose}
        maxLength={50}
        onChange={(e) => setPurpose(e.target.value)}
        data-testid={`purpose-${d.id}`}
        style={{ marginBottom: 8 }}
      />
      <Button block size="large" onClick={open} loading={busy} data-testid={`open-${d.id}`}>
        {t('dlRecordAndOpen')}
      </Button>
      {traced !== null ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          data-testid={`traced-${d.id}`}
          title={t('dlTraced', { height: traced, purpose: purpose.trim() })}
        />
      ) : null}
      {content ? (
        <Descriptions
          title={t('dlContent')}
          column={1}
          size="small"
          bordered
          style={{ marginTop: 12 }}
          data-testid={`content-${d.id}`}
        >
          <Descriptions.Item label={t('dlKind')}>{String(content.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('dlMatterOn')}>{String(content.matterOn)}</Descriptions.Item>
          <Descriptions.Item label={t('dlText')}>
            <span data-testid={`content-text-${d.id}`}>{String(content.text)}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {error ? <CodedAlert error={error} /> : null}
    </Card>
  );
}
