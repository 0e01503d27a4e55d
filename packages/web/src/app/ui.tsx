/** Small shared pieces: loading and error blocks, coded chain errors with their cited article. */
import { Alert, App, Button, Form, Input, type InputProps, Spin, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useApp } from './context.tsx';
import { zhErrors } from './errors-zh.ts';
import { isMessageKey } from './i18n.ts';
import type { CodedView } from './refusal.ts';

export { admissionRefusal, type CodedView, receiptRefusal, refusalOf } from './refusal.ts';

/** The coded error inside anything thrown or returned: SDK errors, rejections, failed receipts. */
export function codedOf(e: unknown): CodedView {
  const err = e as { code?: string; apiCode?: string; message?: string; details?: Record<string, unknown> };
  const inner = err?.details as { code?: string; cite?: unknown; details?: unknown } | undefined;
  if (err?.code === 'CLIENT_TX_REJECTED' && typeof inner?.code === 'string')
    return {
      code: inner.code,
      message: err.message ?? '',
      ...(typeof inner.cite === 'string' ? { cite: inner.cite } : {}),
      details: inner.details,
    };
  if (err?.code === 'CLIENT_HTTP' && err.apiCode) return { code: err.apiCode, message: err.message ?? '' };
  return { code: err?.code ?? 'ERROR', message: err?.message ?? String(e) };
}

export function Loading() {
  const { t } = useApp();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t('loading')}>
        <div style={{ minHeight: 40 }} />
      </Spin>
    </div>
  );
}

/** A coded error in the user's language: the zh text of the code when known, the code, the article. */
export function CodedAlert({
  error,
  title,
  onRetry,
}: {
  error: CodedView;
  title?: ReactNode;
  onRetry?: () => void;
}) {
  const { t, lang } = useApp();
  const text =
    lang === 'zh' && zhErrors[error.code]
      ? zhErrors[error.code]
      : isMessageKey(error.code)
        ? t(error.code)
        : error.message;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="coded-error"
      title={title ?? t('errorTitle')}
      description={
        <div>
          <div>{text}</div>
          {error.cite ? (
            <div data-testid="error-cite">
              <Typography.Text strong>{t('citeLabel')}：</Typography.Text>
              {error.cite}
            </div>
          ) : null}
          <Typography.Text type="secondary" data-testid="error-code">
            {t('codeLabel')}：{error.code}
          </Typography.Text>
        </div>
      }
      action={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return <CodedAlert error={codedOf(error)} {...(onRetry ? { onRetry } : {})} />;
}

/**
 * A button that opens the file chooser for one file: a native file input behind an antd Button.
 * antd's Upload (its file list, progress bars and tooltips) is more than choosing one local file
 * needs, and the sign-in page comes with the first script (issue 20).
 */
export function FileButton({
  accept,
  onFile,
  children,
  'data-testid': testId,
}: {
  accept?: string;
  onFile: (file: File) => void;
  children: ReactNode;
  'data-testid'?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so choosing the same file again is a change too.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <Button onClick={() => input.current?.click()} data-testid={testId}>
        {children}
      </Button>
    </>
  );
}

/**
 * The app's confirmation before a signed act: `title` and `content`, OK (确认提交, test id
 * `confirm-ok`) and Cancel (取消); `onOk` may return a promise (the OK button spins until it settles).
 */
export function useConfirm(): (o: { title: ReactNode; content: ReactNode; onOk: () => unknown }) => void {
  const { t } = useApp();
  const { modal } = App.useApp();
  return ({ title, content, onOk }) => {
    modal.confirm({
      title,
      content,
      okText: t('confirmOk'),
      cancelText: t('confirmCancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      onOk: () => onOk(),
    });
  };
}

/**
 * A labelled text input holding a page's own state (`value`, `onChange` with the text); `id` ties
 * the label to it. Large, as every input of the pages; the other props go to the input.
 */
export function LabelledInput({
  label,
  id,
  value,
  onChange,
  ...rest
}: { label: string; id: string; value: string; onChange: (text: string) => void } & Omit<
  InputProps,
  'id' | 'value' | 'onChange' | 'size'
>) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Input id={id} size="large" value={value} onChange={(e) => onChange(e.target.value)} {...rest} />
    </Form.Item>
  );
}

/**
 * A component's task that runs one at a time: `busy` while `run(task)` runs; `error` cleared when
 * it starts, then what the task set with `setError` or, coded, what it threw. `run` answers what
 * the task returned, or undefined when it threw or when a task was already running (that second
 * run is ignored: a ref, as state updates are not synchronous and double clicks are).
 */
export function useBusyTask() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CodedView | null>(null);
  const running = useRef(false);
  const run = async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await task();
    } catch (e) {
      setError(codedOf(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** The submit button of a form sent once: spinning while `busy`, off while busy and once `sent`. */
export function SubmitOnceButton(props: {
  busy: boolean;
  sent: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button
      type="primary"
      htmlType="submit"
      block
      loading={props.busy}
      disabled={props.busy || props.sent}
      data-testid={props.testId}
    >
      {props.children}
    </Button>
  );
}
