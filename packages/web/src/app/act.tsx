/**
 * The form every organization, member and key action uses: the fields the page gives, who may do
 * it (and a warning when the chosen post may not), a confirmation listing what will be committed,
 * then one submission — the button is disabled while it runs and after it is committed, until
 * "再办一件". A refusal shows the chain's code, its zh text and the article it cites.
 */
import type { VerifiedReceipt } from '@djchain/client';
import type { Value } from '@djchain/crypto/browser';
import { Alert, Button, Card, Form, type FormInstance, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useChainSend } from './act-send.tsx';
import { postMayAct, whoMay } from './admin-permissions.ts';
import { useApp, useAsync } from './context.tsx';
import { superiorCommitteeOf } from './permissions.ts';
import { CodedAlert, codedOf, SubmitOnceButton, useConfirm } from './ui.tsx';

export type FormValues = Record<string, unknown>;

export interface Prepared {
  readonly params: Value;
  /** What the confirmation lists: label → value, as the person typed or chose it. */
  readonly summary: ReadonlyArray<readonly [string, string]>;
}

export interface ActCardProps {
  /** "module.action" */
  readonly action: string;
  readonly title: ReactNode;
  readonly hint?: ReactNode;
  readonly testId: string;
  /** The organization the action is about, from the current values (for the permission note). */
  readonly targetOf?: (values: FormValues) => string | null;
  /** Or the member the action is about: the organization is theirs (for the permission note). */
  readonly memberOf?: (values: FormValues) => string | null;
  /** Form values → parameters and the confirmation's lines; a thrown Error is shown, nothing sent. */
  readonly prepare: (values: FormValues) => Prepared | Promise<Prepared>;
  readonly onDone?: (receipt: VerifiedReceipt, values: FormValues) => void;
  readonly children: ReactNode;
  readonly form?: FormInstance;
  readonly extra?: ReactNode;
}

export function ActCard(props: ActCardProps) {
  const { t, lang, session, unlockKey } = useApp();
  const confirm = useConfirm();
  const [own] = Form.useForm();
  const form = props.form ?? own;
  const values = (Form.useWatch([], form) ?? {}) as FormValues;
  // One submission at a time, whatever the clicks; data-answered counts the answers, for a test to
  // wait for the answer to its own.
  const { busy, refusal, setRefusal, receipt, answered, send, reset } = useChainSend();
  const [module, action] = props.action.split('.') as [string, string];

  const submit = async (prepared: Prepared, v: FormValues) => {
    if (!session) return;
    // After a reload the key is opened again with the passphrase, only when signing.
    const r = await send(module, action, prepared.params, unlockKey);
    if (r) props.onDone?.(r, v);
  };

  const onFinish = async (v: FormValues) => {
    let prepared: Prepared;
    try {
      prepared = await props.prepare(v);
    } catch (e) {
      setRefusal(codedOf(e));
      return;
    }
    confirm({
      title: t('confirmTitle'),
      content: (
        <div data-testid="confirm-summary">
          <Typography.Paragraph>{t('confirmHint')}</Typography.Paragraph>
          {prepared.summary.map(([k, val]) => (
            <div key={k}>
              <Typography.Text type="secondary">{k}：</Typography.Text>
              <b>{val}</b>
            </div>
          ))}
        </div>
      ),
      onOk: () => {
        void submit(prepared, v);
      },
    });
  };

  const target = props.targetOf?.(values) ?? null;
  const member = props.memberOf?.(values) ?? null;
  return (
    <Card title={props.title} data-testid={props.testId} data-answered={answered} extra={props.extra}>
      {props.hint ? <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph> : null}
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('whoMay', { who: whoMay(props.action, lang) })}</Typography.Text>
      </Typography.Paragraph>
      {props.targetOf || props.memberOf ? (
        <PermissionNote action={props.action} target={target} member={member} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        disabled={busy || receipt !== null}
      >
        {props.children}
        <SubmitOnceButton busy={busy} sent={receipt !== null} testId={`${props.testId}-submit`}>
          {busy ? t('submittingAct') : t('submitOnce')}
        </SubmitOnceButton>
      </Form>
      <div style={{ marginTop: 16 }}>
        {refusal ? <CodedAlert error={refusal} title={t('refusedTitle')} /> : null}
        {receipt ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="success"
              showIcon
              data-testid={`${props.testId}-done`}
              title={t('actDone', { height: receipt.height })}
            />
            <Button
              onClick={() => {
                reset();
                form.resetFields();
              }}
            >
              {t('another')}
            </Button>
          </Space>
        ) : null}
      </div>
    </Card>
  );
}

/** Whether the chosen post may do the action on `target`: a note, or a warning before submitting. */
function PermissionNote({
  action,
  target,
  member,
}: {
  action: string;
  target: string | null;
  member: string | null;
}) {
  const { t, chain, session } = useApp();
  const scope = useAsync(async () => {
    const org =
      target ??
      (member && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(member)
        ? ((await chain.member(member))?.org ?? null)
        : null);
    return org ? { org, superior: await superiorCommitteeOf(chain, org) } : null;
  }, [target, member]);
  if (!session || scope.loading || !scope.data) return null;
  const post = session.post;
  const may = post !== null && postMayAct(action, post, scope.data.org, scope.data.superior);
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type={may ? 'success' : 'warning'}
      showIcon
      data-testid="permission-note"
      title={may ? t('mayDo') : t('mayNotDo')}
    />
  );
}
