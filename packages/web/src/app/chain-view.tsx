/**
 * Chain values for people: parameter and event-data keys by name, coded values (phases, decisions)
 * in words, ids and hashes as code. Nothing here is verified by itself: callers show it next to the
 * verified receipt or dossier it came from.
 */
import { toHex } from '@djchain/crypto/browser';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { isMessageKey, type Translate } from './i18n.ts';

/** The label of `module.action`: the recruitment chart's step name, else the table's, else the id. */
export function actionLabel(
  t: Translate,
  module: string,
  action: string,
  steps?: ReadonlyArray<{ no: number; action: string; name: string }>,
): string | null {
  const step = module === 'recruitment' ? steps?.find((s) => s.action === action) : undefined;
  if (step) return t('nextStep', { no: step.no, name: step.name });
  const key = `act:${module}.${action}`;
  return isMessageKey(key) ? t(key) : null;
}

/** An action for people: its name, then its id as code (the id is what the chain signs). */
export function ActionName({
  t,
  module,
  action,
  steps,
}: {
  t: Translate;
  module: string;
  action: string;
  steps?: ReadonlyArray<{ no: number; action: string; name: string }>;
}) {
  const label = actionLabel(t, module, action, steps);
  return (
    <span>
      {label ? `${label} ` : null}
      <Typography.Text code translate="no">{`${module}.${action}`}</Typography.Text>
    </span>
  );
}

function keyLabel(t: Translate, k: string): ReactNode {
  const key = `key:${k}`;
  return isMessageKey(key) ? (
    t(key)
  ) : (
    <Typography.Text code translate="no">
      {k}
    </Typography.Text>
  );
}

function shownValueOf(t: Translate, v: unknown, depth: number): ReactNode {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return t(v ? 'val:true' : 'val:false');
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array)
    return (
      <Typography.Text code translate="no" style={{ wordBreak: 'break-all' }}>
        {toHex(v)}
      </Typography.Text>
    );
  if (typeof v === 'string') {
    const key = `val:${v}`;
    if (isMessageKey(key)) return t(key);
    // Latin text is an id, a hash or a code: shown as such. Chinese text is shown as written.
    return /[A-Za-z]/.test(v) ? (
      <Typography.Text code translate="no" style={{ wordBreak: 'break-all' }}>
        {v}
      </Typography.Text>
    ) : (
      v
    );
  }
  if (Array.isArray(v))
    return v.length === 0 ? (
      '—'
    ) : (
      <span>
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a list's order is its identity
          <span key={i}>
            {i > 0 ? '、' : ''}
            {shownValueOf(t, x, depth + 1)}
          </span>
        ))}
      </span>
    );
  if (typeof v === 'object' && depth < 4)
    return <ValueList t={t} value={v as Record<string, unknown>} depth={depth + 1} />;
  return String(v);
}

/** A map of chain values as a list of labelled rows. */
export function ValueList({
  t,
  value,
  depth = 0,
  testId,
}: {
  t: Translate;
  value: Record<string, unknown>;
  depth?: number;
  testId?: string;
}) {
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) return <span>—</span>;
  return (
    <dl style={{ margin: 0, paddingInlineStart: depth > 0 ? 12 : 0 }} data-testid={testId}>
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <dt style={{ fontWeight: 600 }}>{keyLabel(t, k)}：</dt>
          <dd style={{ margin: 0, minWidth: 0 }}>{shownValueOf(t, v, depth)}</dd>
        </div>
      ))}
    </dl>
  );
}
