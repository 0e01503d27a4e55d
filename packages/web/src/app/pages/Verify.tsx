/**
 * Verify page: a dropped dossier or receipt file is checked in this browser, link by link. The light
 * client (from the genesis set in app-config.json) first verifies the chain's headers up to the
 * file's height; then each check is listed as passed, the first broken link is named (with the
 * record it concerns), and the checks after it are marked not reached.
 */
import { DOSSIER_CHECKS, decodeDossier, verifyDossier } from '@djchain/client';
import { Alert, Card, List, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useApp } from '../context.tsx';
import type { MessageKey } from '../i18n.ts';
import { isReceiptFile, parseReceiptFile, RECEIPT_CHECKS, verifyReceiptFile } from '../receipt-file.ts';
import { CodedAlert, useBusyTask } from '../ui.tsx';

/**
 * User Timing name of one in-browser dossier verification (decode and every check). The benchmark
 * (bench/web.ts, dossier_verify_ms_browser) reads these measures; they cost nothing otherwise.
 */
export const VERIFY_MEASURE = 'djchain:verify-dossier';

function timed<T>(name: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

interface Outcome {
  readonly checks: readonly string[];
  readonly broken: { check: string; index?: number; message: string } | null;
  readonly summary: string;
}

export function VerifyPage() {
  const { t, lang, chain } = useApp();
  const { busy, error, run } = useBusyTask();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [name, setName] = useState<string | null>(null);

  /** Syncs the light client to `height` so the file's header can be matched with a verified one. */
  const trustTo = async (height: number) => {
    if (height >= 1) await chain.client.verifiedHeader(height);
  };

  const check = async (bytes: Uint8Array) => {
    setOutcome(null);
    await run(async () => {
      const trust = {
        suite: chain.client.suite,
        chainId: chain.config.chainId,
        lightClient: chain.client.light,
      };
      if (isReceiptFile(bytes)) {
        let height = 0;
        try {
          height = parseReceiptFile(bytes).height;
        } catch {
          // FORMAT is reported by the verifier below.
        }
        await trustTo(height).catch(() => undefined);
        const v = verifyReceiptFile(bytes, trust);
        setOutcome({
          checks: RECEIPT_CHECKS,
          broken: v.ok ? null : { check: v.check, message: v.message },
          summary: v.ok
            ? t('receiptAllPassed', { hash: `${v.file.txHash.slice(0, 12)}…`, height: v.file.height })
            : '',
        });
      } else {
        let height = 0;
        try {
          height = decodeDossier(bytes).height;
        } catch {
          // FORMAT is reported by the verifier below.
        }
        // A height the chain does not have is left to the checks (TRUST/HEADER name it).
        await trustTo(height).catch(() => undefined);
        const v = timed(VERIFY_MEASURE, () => verifyDossier(bytes, trust));
        setOutcome({
          checks: DOSSIER_CHECKS,
          broken: v.ok
            ? null
            : {
                check: v.check,
                ...(v.index === undefined ? {} : { index: v.index }),
                message: v.error.message,
              },
          summary: v.ok
            ? t('allPassed', { entity: v.dossier.entity, count: v.events.length, height: v.header.height })
            : '',
        });
      }
    });
  };

  const label = (c: string) => t(`CHECK_${c}` as MessageKey);
  const brokenAt = outcome?.broken ? outcome.checks.indexOf(outcome.broken.check) : -1;
  return (
    <Card title={t('verifyTitle')}>
      <Upload.Dragger
        showUploadList={false}
        beforeUpload={(file) => {
          setName(file.name);
          void file.arrayBuffer().then((b) => check(new Uint8Array(b)));
          return false;
        }}
        data-testid="verify-drop"
      >
        <p style={{ fontSize: '1.2em', margin: 16 }}>{t('verifyDrop')}</p>
        <Typography.Text type="secondary">{t('verifyHint')}</Typography.Text>
      </Upload.Dragger>
      {name ? <Typography.Paragraph style={{ marginTop: 12 }}>{name}</Typography.Paragraph> : null}
      {busy ? <Typography.Text>{t('verifying')}</Typography.Text> : null}
      {error ? <CodedAlert error={error} /> : null}
      {outcome ? (
        <div style={{ marginTop: 16 }} data-testid="verify-result">
          {outcome.broken ? (
            <Alert
              type="error"
              showIcon
              data-testid="verify-broken"
              title={t('firstBroken', {
                check:
                  label(outcome.broken.check) +
                  (outcome.broken.index === undefined
                    ? ''
                    : t('atEvent', { index: outcome.broken.index + 1 })),
              })}
              description={
                // The verifier's detail is English (a developer's message): zh readers get what it means.
                lang === 'zh' ? (
                  <span data-testid="verify-broken-detail">{t('brokenHint')}</span>
                ) : (
                  outcome.broken.message
                )
              }
            />
          ) : (
            <Alert type="success" showIcon data-testid="verify-ok" title={outcome.summary} />
          )}
          <List
            style={{ marginTop: 12 }}
            dataSource={[...outcome.checks]}
            renderItem={(c, i) => {
              const state = brokenAt < 0 || i < brokenAt ? 'passed' : i === brokenAt ? 'failed' : 'skipped';
              return (
                <List.Item data-testid={`check-${c}`} data-state={state}>
                  <span>{label(c)}</span>
                  <Tag color={state === 'passed' ? 'green' : state === 'failed' ? 'red' : 'default'}>
                    {state === 'passed'
                      ? `✓ ${t('checkPassed')}`
                      : state === 'failed'
                        ? `✗ ${t('checkFailed')}`
                        : t('checkSkipped')}
                  </Tag>
                </List.Item>
              );
            }}
          />
        </div>
      ) : null}
    </Card>
  );
}
