/**
 * A form field for a document the act refers to by hash: picking the file registers it at once as an
 * attachment of the organization with the reader range the act needs (docs.ts `fileOrgDocument`) and
 * puts its SHA-256 in the form; the confirmation then lists it. As on the step forms (Process.tsx),
 * the file is on the node before the act is signed: an act never names content nobody can fetch.
 */
import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useApp } from './context.tsx';
import { fileOrgDocument, type OrgDocScope } from './docs.ts';
import { CodedAlert, useBusyTask } from './ui.tsx';

export function DocField(props: {
  name: string;
  label: string;
  org: string;
  scope: OrgDocScope;
  required?: boolean;
  testId: string;
}) {
  const { t, chain, unlockKey } = useApp();
  const form = Form.useFormInstance();
  const { busy, error: failure, run } = useBusyTask();
  const [filed, setFiled] = useState<{ name: string; hash: string } | null>(null);
  const id = `${props.testId}-input`;
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFiled(null);
    form.setFieldValue(props.name, undefined);
    await run(async () => {
      const key = await unlockKey();
      const doc = await fileOrgDocument(chain, file, { org: props.org, scope: props.scope }, key);
      setFiled({ name: doc.name, hash: doc.hash });
      form.setFieldValue(props.name, doc.hash);
    });
  };
  return (
    <Form.Item
      label={<label htmlFor={id}>{props.label}</label>}
      extra={t(`opDocScope_${props.scope}`)}
      required={props.required !== false}
    >
      <Form.Item
        name={props.name}
        noStyle
        rules={props.required === false ? [] : [{ required: true, message: t('opDocNeeded') }]}
      >
        <Input type="hidden" />
      </Form.Item>
      <input
        id={id}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,.webp,.txt,.docx,.xlsx,.pptx"
        style={{ fontSize: '1.05em', maxWidth: '100%' }}
        disabled={busy}
        onChange={(e) => void pick(e.target.files?.[0])}
        data-testid={props.testId}
      />
      {busy ? <Typography.Paragraph>{t('attachmentUploading')}</Typography.Paragraph> : null}
      {filed ? (
        <Typography.Paragraph data-testid={`${props.testId}-hash`} style={{ wordBreak: 'break-all' }}>
          {t('opDocFiled')} <Typography.Text code>{filed.hash.slice(0, 16)}…</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {failure ? <CodedAlert error={failure} /> : null}
    </Form.Item>
  );
}

/** An id for a new record: prefix, organization, day and a time stamp, within the chain's id shape. */
export const recordId = (prefix: string, ...parts: string[]) =>
  `${prefix}-${parts.join('-')}-${Date.now().toString(36)}`.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 64);
