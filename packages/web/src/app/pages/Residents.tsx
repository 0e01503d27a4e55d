/**
 * 居民议事 (issue 16), phone first: a resident makes a key here and shows it (QR code and address) to
 * the community's service centre; signs in with it (memory only) to comment on posted matters and,
 * as a 居民代表, to vote with their own key; every matter shows its six steps of 四议两公开 as the chain
 * recorded them. Routes: `#/resident`, `#/resident/m/<id>`, `#/resident/bind` (the clerk's form).
 */
import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { go, useApp, useAsync } from '../context.tsx';
import { type MatterInfo, residentApi, residentSession, useResidentSession } from '../resident.ts';
import { CodedAlert, ErrorBlock, Loading, useBusyTask } from '../ui.tsx';
import { QrSvg } from './DossierPrint.tsx';
import { MatterLeadLink, MatterLeadPage } from './MatterLead.tsx';
import { NewKeyMaker } from './manage/NewKey.tsx';
import { ResidentBindPage } from './ResidentBind.tsx';
import { MatterPage } from './ResidentMatter.tsx';

/** Large type for the residents' pages: older residents read them on a phone. */
export const BIG = { fontSize: 18, lineHeight: 1.7 } as const;

/**
 * A resident's short text (at most 200 characters, large type, the count under the box) and the
 * button that sends it: a comment on a matter, a service need. Test ids `<testid>-text` and
 * `<testid>-send`.
 */
export function TextSend({
  rows,
  value,
  onChange,
  testid,
  label,
  busy,
  disabled = false,
  onSend,
}: {
  rows: number;
  value: string;
  onChange: (text: string) => void;
  testid: string;
  label: string;
  busy: boolean;
  disabled?: boolean;
  onSend: () => void;
}) {
  return (
    <>
      {/* The character count sits under the box: room for it before the button. */}
      <div style={{ paddingBottom: 24 }}>
        <Input.TextArea
          rows={rows}
          maxLength={200}
          showCount
          value={value}
          style={{ fontSize: 18 }}
          onChange={(e) => onChange(e.target.value)}
          data-testid={`${testid}-text`}
        />
      </div>
      <Button
        type="primary"
        size="large"
        block
        loading={busy}
        disabled={value.trim().length === 0 || disabled}
        data-testid={`${testid}-send`}
        onClick={onSend}
      >
        {label}
      </Button>
    </>
  );
}

export function ResidentsPage({ route }: { route: string[] }) {
  if (route[1] === 'bind') return <ResidentBindPage />;
  if (route[1] === 'm') return <MatterPage id={route[2] ?? ''} />;
  if (route[1] === 'lead') return <MatterLeadPage {...(route[2] ? { id: route[2] } : {})} />;
  return <ResidentHome />;
}

function ResidentHome() {
  const { t } = useApp();
  return (
    <Space
      direction="vertical"
      size="large"
      style={{ display: 'flex', width: '100%', maxWidth: 720, margin: '0 auto', ...BIG }}
    >
      <Typography.Title level={3}>{t('rsTitle')}</Typography.Title>
      <Typography.Paragraph style={BIG}>{t('rsIntro')}</Typography.Paragraph>
      <MatterLeadLink />
      <ResidentAccount />
      <MatterList />
    </Space>
  );
}

/** The signed-in resident's account, or the two ways in: make a key, or sign in with one. */
function ResidentAccount() {
  const { t, chain } = useApp();
  const session = useResidentSession();
  const account = useAsync(
    async () => (session ? residentApi.byAddress(chain, session.address) : null),
    [session?.address],
  );
  if (session)
    return (
      <Card data-testid="resident-account">
        {account.loading ? (
          <Loading />
        ) : account.data && account.data.status === 'bound' ? (
          <Space wrap>
            <Typography.Text style={BIG} data-testid="resident-bound">
              {t('rsBound', { id: account.data.id })}
            </Typography.Text>
            {account.data.representative ? <Tag color="red">{t('rsRepresentative')}</Tag> : null}
          </Space>
        ) : (
          <Alert type="warning" showIcon title={t('rsNotBound')} />
        )}
        <Button style={{ marginTop: 12 }} onClick={() => residentSession.close()}>
          {t('rsSignOut')}
        </Button>
      </Card>
    );
  return (
    <>
      <ResidentKeyCard />
      <ResidentSignIn />
    </>
  );
}

function ResidentKeyCard() {
  const { t } = useApp();
  const [address, setAddress] = useState<string | null>(null);
  return (
    <Card title={t('rsMe')} data-testid="resident-newkey">
      <Typography.Paragraph style={BIG}>{t('rsNewKeyHint')}</Typography.Paragraph>
      <NewKeyMaker
        label="居民"
        fileName="djchain-resident-key.json"
        onMade={(m) => setAddress(m.address)}
        testId="rs-key"
      />
      {address ? (
        <div style={{ marginTop: 16, textAlign: 'center' }} data-testid="resident-show-clerk">
          <Typography.Paragraph style={BIG}>{t('rsShowClerk')}</Typography.Paragraph>
          <QrSvg text={address} size={220} />
          <Typography.Paragraph style={{ fontSize: 20, wordBreak: 'break-all', fontFamily: 'monospace' }}>
            {address.match(/.{1,4}/g)?.join(' ')}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  );
}

export function ResidentSignIn() {
  const { t, chain } = useApp();
  const [file, setFile] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const { busy, error, run } = useBusyTask();
  const open = async () => {
    if (file) await run(() => residentSession.open(chain, file, pass));
  };
  return (
    <Card title={t('rsSignIn')} data-testid="resident-signin">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <label style={BIG}>
          {t('rsKeyFile')}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="rs-file"
            style={{ display: 'block', marginTop: 8, fontSize: 16, minHeight: 44 }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then(setFile);
            }}
          />
        </label>
        <Input.Password
          size="large"
          placeholder={t('rsPass')}
          value={pass}
          onChange={(e) => setPass(e.target.value)}
          data-testid="rs-pass"
        />
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={!file}
          onClick={open}
          data-testid="rs-open"
        >
          {t('rsOpen')}
        </Button>
        {error ? <CodedAlert error={error} /> : null}
      </Space>
    </Card>
  );
}

export function StatusTag({ m }: { m: MatterInfo }) {
  const { t } = useApp();
  const color = m.status === 'done' ? 'green' : m.status === 'rejected' ? 'default' : 'red';
  return <Tag color={color}>{t(`ms_${m.status}` as 'ms_done')}</Tag>;
}

function MatterList() {
  const { t, chain } = useApp();
  const matters = useAsync(() => residentApi.matters(chain), []);
  if (matters.loading) return <Loading />;
  if (matters.error) return <ErrorBlock error={matters.error} onRetry={matters.reload} />;
  const list = [...(matters.data ?? [])].reverse();
  return (
    <Card title={t('rsMatters')} data-testid="resident-matters">
      {list.length === 0 ? (
        <Typography.Text>{t('rsNoMatters')}</Typography.Text>
      ) : (
        <List
          dataSource={list}
          renderItem={(m) => (
            <List.Item
              data-testid={`matter-${m.id}`}
              actions={[
                <Button key="open" size="large" onClick={() => go('resident', 'm', m.id)}>
                  {t('rsOpenMatter')}
                </Button>,
              ]}
            >
              <Space direction="vertical" size={2}>
                <Typography.Text strong style={BIG}>
                  {m.title}
                </Typography.Text>
                <StatusTag m={m} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
