/**
 * Chain values for people: parameter and event-data keys by name, coded values (phases, decisions)
 * in words, ids and hashes as code — a person's or organization's id with its name before it when
 * the reader may see that name (names.tsx: the sealed roster's read rules, organization names on
 * chain). Nothing here is verified by itself: callers show it next to the verified receipt or
 * dossier it came from.
 */
import { toHex } from '@djchain/crypto/browser';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { isMessageKey, type Translate } from './i18n.ts';
import { type NameBook, useNames } from './names.tsx';

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
      <Typography.Text code translate="no" style={{ whiteSpace: 'nowrap' }}>
        {`${module}.${action}`}
      </Typography.Text>
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

/** An id as code, with the name of the person or organization it names first when the reader has it. */
export function NamedId({ id, names }: { id: string; names: NameBook }) {
  const person = names.person(id);
  const org = person === undefined ? names.org(id) : undefined;
  // A short id stays whole on a phone (m-101, not m-1 / 01); a long one may break anywhere.
  const code = (
    <Typography.Text
      code
      translate="no"
      style={id.length <= 24 ? { whiteSpace: 'nowrap' } : { wordBreak: 'break-all' }}
    >
      {id}
    </Typography.Text>
  );
  if (person !== undefined)
    return (
      <span>
        <span data-member={id} data-testid="person-name">
          {person}
        </span>{' '}
        {code}
      </span>
    );
  if (org !== undefined)
    return (
      <span>
        <span data-org={id} data-testid="org-name">
          {org}
        </span>{' '}
        {code}
      </span>
    );
  return code;
}

/** An event's entity (`member:m-101`, `org:b1`): its kind as code, the id named as NamedId does. */
export function EntityName({ entity, names }: { entity: string; names: NameBook }) {
  const i = entity.indexOf(':');
  if (i < 0) return <NamedId id={entity} names={names} />;
  return (
    <span>
      <Typography.Text code translate="no">
        {entity.slice(0, i + 1)}
      </Typography.Text>
      <NamedId id={entity.slice(i + 1)} names={names} />
    </span>
  );
}

function shownValueOf(t: Translate, v: unknown, depth: number, names: NameBook): ReactNode {
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
    // Latin text is an id, a hash or a code: shown as such (a person or organization by name
    // too). Chinese text is shown as written.
    return /[A-Za-z]/.test(v) ? <NamedId id={v} names={names} /> : v;
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
            {shownValueOf(t, x, depth + 1, names)}
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
  const names = useNames();
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) return <span>—</span>;
  return (
    <dl style={{ margin: 0, paddingInlineStart: depth > 0 ? 12 : 0 }} data-testid={testId}>
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <dt style={{ fontWeight: 600 }}>{keyLabel(t, k)}：</dt>
          <dd style={{ margin: 0, minWidth: 0 }}>{shownValueOf(t, v, depth, names)}</dd>
        </div>
      ))}
    </dl>
  );
}
