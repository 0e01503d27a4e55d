/**
 * Form fields the action pages share: the member id (with what the chain holds for it shown
 * beneath), the organization, a key address, and the patterns checked before anything is signed.
 */
import { Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import type { MemberInfo, OrgInfo } from '../../chain.ts';
import { useApp, useAsync } from '../../context.tsx';
import { orgOptions } from '../../org-data.ts';

export const MEMBER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const ADDRESS = /^[0-9a-f]{40}$/;

/**
 * The chain's view of member `id`, read once `id` is a well-formed member id (`ok` false before);
 * read again when `refresh` changes (a status change landed).
 */
export function useMemberRecord(
  id: unknown,
  refresh = 0,
): {
  ok: boolean;
  loading: boolean;
  error: unknown;
  data: MemberInfo | null | undefined;
} {
  const { chain } = useApp();
  const ok = typeof id === 'string' && MEMBER_ID.test(id.trim());
  const m = useAsync(
    async () => (ok ? chain.member(String(id).trim()) : null),
    [ok ? String(id).trim() : '', refresh],
  );
  return { ok, loading: m.loading, error: m.error, data: m.data };
}

/** The `member` field; `below` shows under it what the chain holds for the id typed. */
export function MemberIdField({ testId, below }: { testId: string; below?: (id: unknown) => ReactNode }) {
  const { t } = useApp();
  return (
    <>
      <Form.Item name="member" label={t('memberField')} rules={[{ required: true, pattern: MEMBER_ID }]}>
        <Input data-testid={testId} />
      </Form.Item>
      {below ? (
        <Form.Item noStyle shouldUpdate>
          {(f) => below(f.getFieldValue('member'))}
        </Form.Item>
      ) : null}
    </>
  );
}

/** The `org` field picking one of `orgs`; `onPick` hears the choice (the page shows its records). */
export function OrgField({
  orgs,
  onPick,
  testId,
}: {
  orgs: readonly OrgInfo[];
  onPick: (org: string) => void;
  testId: string;
}) {
  const { t } = useApp();
  return (
    <Form.Item name="org" label={t('orgField')} rules={[{ required: true }]}>
      <Select options={orgOptions(orgs)} onChange={(o: string) => onPick(o)} data-testid={testId} />
    </Form.Item>
  );
}

/** A key address field (40 hex), with the help on where the address comes from. */
export function KeyAddressField({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useApp();
  return (
    <Form.Item
      name={name}
      label={label}
      extra={t('keyAddressHelp')}
      rules={[{ required: true, pattern: ADDRESS }]}
    >
      <Input data-testid={testId} />
    </Form.Item>
  );
}
