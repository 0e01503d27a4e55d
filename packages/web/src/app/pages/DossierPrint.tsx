/**
 * A member's dossier for paper (#/member/<id>/print): the history verified in this browser, the
 * summary of every check passed, and the dossier file's fingerprint (the chain suite's hash of the
 * exported file) as text and as a QR code — whoever holds the file can hash it, or drop it on the
 * verify page, and compare. Printed with the browser's print dialog ("save as PDF"); the print
 * style sheet leaves out the app's header and buttons.
 */
import { DOSSIER_CHECKS, type HistoryEvent } from '@djchain/client';
import { toHex } from '@djchain/crypto/browser';
import { Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { download } from '../chain.ts';
import { useApp, useAsync } from '../context.tsx';
import { eventLabel, type MessageKey } from '../i18n.ts';
import { CodedAlert, codedOf, ErrorBlock, Loading } from '../ui.tsx';

/** The QR code of `text` as SVG squares (no data: URL, which the page's CSP does not allow). */
export function QrSvg({ text, size = 180 }: { text: string; size?: number }) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cells: string[] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.data[r * n + c]) cells.push(`M${c + 4} ${r + 4}h1v1h-1z`);
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${n + 8} ${n + 8}`}
      role="img"
      aria-label={text}
      data-testid="dossier-qr"
      data-qr-text={text}
      data-qr-dark={cells.length}
      shapeRendering="crispEdges"
    >
      <rect width={n + 8} height={n + 8} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}

export function DossierPrintPage({ id }: { id: string }) {
  const { t, chain } = useApp();
  const data = useAsync(async () => {
    const [dossier, member, rules] = await Promise.all([
      chain.client.getDossier(`member:${id}`),
      chain.member(id),
      chain.ruleSets(),
    ]);
    return { dossier, member, rules, at: new Date() };
  }, [id]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={codedOf(data.error)} onRetry={data.reload} />;
  const { dossier, member, rules, at } = data.data!;
  if (!member) return <CodedAlert error={{ code: 'MEMBER_NOT_FOUND', message: id }} />;
  const { verdict, bytes } = dossier;
  const fileHash = toHex(chain.client.suite.hash(bytes));
  const steps = rules[0]?.steps ?? [];
  const stepName = (no: number) => steps.find((s) => s.no === no)?.name ?? '';
  return (
    <Card
      data-testid="dossier-print"
      className="dossier-print"
      title={<span style={{ whiteSpace: 'normal' }}>{t('printTitle', { id })}</span>}
      extra={
        <span className="no-print" style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
          <Button onClick={() => download(`dossier-${id}.cbor`, bytes)}>{t('exportDossier')}</Button>
          <Button type="primary" onClick={() => window.print()} data-testid="print-now">
            {t('printNow')}
          </Button>
        </span>
      }
    >
      <style>
        {
          '@media print { header, footer, .no-print, [data-testid=session-bar] { display: none !important; } .dossier-print { border: none !important; } }'
        }
      </style>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('status')}>{member.status}</Descriptions.Item>
            <Descriptions.Item label={t('org')}>{member.org}</Descriptions.Item>
            <Descriptions.Item label={t('partyAgeFrom')}>{member.partyAgeFrom ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('printSummary')}
          </Typography.Title>
          <Typography.Paragraph data-testid="print-summary">
            {t('allPassed', {
              entity: `member:${id}`,
              count: verdict.events.length,
              height: verdict.header.height,
            })}
            <br />
            {t('printVerifiedAt', { time: at.toLocaleString('zh-CN', { hour12: false }) })}
          </Typography.Paragraph>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {DOSSIER_CHECKS.map((c) => (
              <Tag key={c} color="green" data-testid={`print-check-${c}`}>
                ✓ {t(`CHECK_${c}` as MessageKey)}
              </Tag>
            ))}
          </div>
        </div>
        <div style={{ textAlign: 'center' }}>
          <QrSvg text={fileHash} />
          <div style={{ maxWidth: 220 }}>
            <Typography.Text strong>{t('printFileHash')}</Typography.Text>
            <div>
              <Typography.Text
                code
                translate="no"
                style={{ wordBreak: 'break-all' }}
                data-testid="print-hash"
              >
                {fileHash}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary">{t('printQrHint')}</Typography.Text>
          </div>
        </div>
      </div>
      <Table<HistoryEvent>
        style={{ marginTop: 16 }}
        rowKey={(e) => `${e.height}-${e.txIndex}-${e.type}`}
        dataSource={[...verdict.events]}
        pagination={false}
        size="small"
        data-testid="print-events"
        columns={[
          { title: t('blockHeight'), render: (_, e) => e.height },
          {
            title: t('events'),
            render: (_, e) => {
              const d = e.data as { step?: number; by?: string | null };
              return (
                <span>
                  {eventLabel(t, e.type)}
                  {typeof d.step === 'number'
                    ? ` · ${t('nextStep', { no: d.step, name: stepName(d.step) })}`
                    : ''}
                </span>
              );
            },
          },
          {
            title: t('confirmActor'),
            render: (_, e) => (e.data as { by?: string | null }).by ?? '—',
          },
        ]}
      />
    </Card>
  );
}
