/**
 * 名册导入与导出 in the browser. Import: the file is read here and every row checked with the CLI's
 * checks (`@djchain/client/roster`), problems listed by spreadsheet row; the rows that pass go, signed
 * by the uploader, to the sealed-data service, which seals the personal fields where the vault is
 * and answers only what goes on chain (ids, placeholder addresses, commitments); the page then signs
 * those transactions (member.importMember / member.register) with the uploader's key, submits them
 * and shows each row's receipt — refusals with the chain's code, zh text and cited article.
 * Export: the template, the roster and the recruitment report from chain data.
 */
import { type ImportPlan, type SealedImportAnswer, sealedImport, sealedImportRequest } from '@djchain/client';
import { type RosterRead, type RowError, validateRows } from '@djchain/client/roster';
import type { KeyPair } from '@djchain/crypto/browser';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../chain.ts';
import { useApp } from '../../context.tsx';
import { zhErrors } from '../../errors-zh.ts';
import {
  branchMap,
  downloadSheets,
  downloadTemplate,
  readRosterBytes,
  reportSheets,
  rosterSheets,
} from '../../excel.ts';
import { useNames } from '../../names.tsx';
import { type OrgNode, useOrgTree } from '../../org-data.ts';
import { admissionRefusal, CodedAlert, receiptRefusal, useBusyTask, useConfirm } from '../../ui.tsx';

/** Transactions per submission and blocks they stay valid for, as the CLI import. */
const BATCH = 250;
const EXPIRY = 100;

interface RowResult {
  readonly row: number;
  readonly member: string;
  readonly result: 'imported' | 'skipped' | 'refused';
  readonly code?: string;
  readonly text?: string;
  readonly cite?: string;
}

interface Checked {
  readonly file: string;
  readonly roster: RosterRead;
  readonly validRows: ReadonlySet<number>;
  readonly errors: readonly RowError[];
}

export function ExcelPage() {
  const { t } = useApp();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <ImportCard />
      </Col>
      <Col xs={24} lg={8}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card title={t('templateTitle')}>
            <Typography.Paragraph type="secondary">{t('templateHint')}</Typography.Paragraph>
            <Button
              block
              size="large"
              onClick={() => void downloadTemplate()}
              data-testid="download-template"
            >
              {t('downloadTemplate')}
            </Button>
          </Card>
          <ExportCard />
        </Space>
      </Col>
    </Row>
  );
}

function ImportCard() {
  const { t, lang, chain, session, unlockKey } = useApp();
  const ask = useConfirm();
  const tree = useOrgTree();
  const [checked, setChecked] = useState<Checked | null>(null);
  // One task at a time: reading a file, or the import (its confirmation may be answered twice).
  const { busy, error, run } = useBusyTask();
  const [answer, setAnswer] = useState<SealedImportAnswer | null>(null);
  const [results, setResults] = useState<RowResult[] | null>(null);

  const read = async (file: File) => {
    setAnswer(null);
    setResults(null);
    setChecked(null);
    await run(async () => {
      const roster = await readRosterBytes(await file.arrayBuffer());
      const { valid, errors } = validateRows(roster.rows, {
        today: chinaToday(),
        branches: branchMap(tree.data ?? []),
      });
      setChecked({ file: file.name, roster, validRows: new Set(valid.map((v) => v.row)), errors });
    });
  };

  const importRows = async (c: Checked) => {
    if (!session) return;
    await run(async () => {
      const client = chain.client;
      const key = await unlockKey();
      const status = await client.status();
      const rows = c.roster.rows.filter((r) => c.validRows.has(r.row));
      const request = sealedImportRequest(
        client.suite,
        { chainId: client.chainId, height: status.height, rows },
        key,
      );
      const a = await sealedImport(window.location.origin, request);
      setAnswer(a);
      setResults(await submitPlans(a.plans, status.height, key));
    });
  };

  /** Signs the plans with consecutive nonces, submits them in batches, reads every receipt. */
  const submitPlans = async (
    plans: readonly ImportPlan[],
    height: number,
    key: KeyPair,
  ): Promise<RowResult[]> => {
    const client = chain.client;
    let nonce = await client.nextNonce(session!.address, height);
    const out: RowResult[] = [];
    for (let i = 0; i < plans.length; i += BATCH) {
      const part = plans.slice(i, i + BATCH);
      const signed = client.signBatch(
        key,
        part.map((p) => ({ module: 'member', action: p.action, params: p.params })),
        nonce,
        height + EXPIRY,
      );
      nonce += signed.length;
      const admitted = await client.submit(signed);
      for (let j = 0; j < part.length; j++) {
        const plan = part[j]!;
        const e =
          admissionRefusal(admitted[j]) ??
          receiptRefusal(await client.waitForReceipt(signed[j]!.hash, 60_000), '');
        if (e === null) out.push({ row: plan.row, member: plan.member, result: 'imported' });
        else if (e.code === 'MEMBER_EXISTS')
          out.push({ row: plan.row, member: plan.member, result: 'skipped' });
        else
          out.push({
            row: plan.row,
            member: plan.member,
            result: 'refused',
            code: e.code,
            text: textOf(e.code, e.message),
            ...(e.cite ? { cite: e.cite } : {}),
          });
      }
    }
    return out.sort((a, b) => a.row - b.row);
  };

  const textOf = (code: string, message: string) =>
    lang === 'zh' && zhErrors[code] ? zhErrors[code]! : message;

  const confirm = (c: Checked) =>
    ask({
      title: t('confirmTitle'),
      content: (
        <div data-testid="confirm-summary">
          {t('importConfirm', { count: c.validRows.size, errors: new Set(c.errors.map((e) => e.row)).size })}
        </div>
      ),
      onOk: () => {
        void importRows(c);
      },
    });

  const allErrors = [...(checked?.errors ?? []), ...(answer?.errors ?? [])].sort((a, b) => a.row - b.row);
  const skipped = [
    ...(answer?.skipped ?? []).map((s) => ({ ...s, result: 'skipped' as const })),
    ...(results ?? []),
  ].sort((a, b) => a.row - b.row);
  const done = results !== null;
  const nameOfRow = new Map((checked?.roster.rows ?? []).map((r) => [r.row, r.raw.name?.trim() ?? '']));
  return (
    <Card title={t('importTitle')} data-testid="import">
      <Typography.Paragraph type="secondary">{t('importHint')}</Typography.Paragraph>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        // The row checks need the chain's branches: nothing is read before they are.
        disabled={busy || !tree.data}
        beforeUpload={(file) => {
          void read(file);
          return false;
        }}
      >
        <Button size="large" disabled={busy || !tree.data} data-testid="choose-roster">
          {t('chooseRoster')}
        </Button>
      </Upload>
      {checked ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Paragraph>
            {checked.file} · {t('rowsRead', { rows: checked.roster.rows.length })}
          </Typography.Paragraph>
          {checked.roster.missing.length > 0 ? (
            <Alert
              type="error"
              showIcon
              data-testid="missing-columns"
              title={t('missingColumns', { columns: checked.roster.missing.join('、') })}
            />
          ) : null}
        </div>
      ) : null}
      {allErrors.length > 0 ? (
        <Card
          type="inner"
          style={{ marginTop: 12 }}
          title={<span style={{ color: '#a8071a' }}>{t('rowErrorsTitle', { count: allErrors.length })}</span>}
          data-testid="row-errors"
        >
          {allErrors.map((e) => (
            <div key={`${e.row}-${e.column}-${e.zh}`} data-testid="row-error" style={{ padding: '4px 0' }}>
              <Tag color="red">{t('rowLine', { row: e.row })}</Tag>
              <Typography.Text type="secondary">{e.column}：</Typography.Text>
              {lang === 'zh' ? e.zh : e.en}
            </div>
          ))}
        </Card>
      ) : null}
      {checked && checked.roster.missing.length === 0 && checked.validRows.size > 0 ? (
        <Button
          type="primary"
          size="large"
          block
          style={{ marginTop: 16 }}
          loading={busy}
          disabled={busy || done}
          onClick={() => confirm(checked)}
          data-testid="import-submit"
        >
          {busy
            ? t('importing')
            : checked.errors.length > 0
              ? t('importValid', { count: checked.validRows.size })
              : t('importAll', { count: checked.validRows.size })}
        </Button>
      ) : null}
      {error ? (
        <div style={{ marginTop: 12 }}>
          <CodedAlert error={error} title={t('refusedTitle')} />
        </div>
      ) : null}
      {done && checked ? (
        <div style={{ marginTop: 16 }} data-testid="import-result">
          <Alert
            type={skipped.some((r) => r.result === 'refused') || allErrors.length > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            title={t('importSummary', {
              total: checked.roster.rows.length,
              imported: skipped.filter((r) => r.result === 'imported').length,
              skipped: skipped.filter((r) => r.result === 'skipped').length,
              bad: new Set([
                ...allErrors.map((e) => e.row),
                ...skipped.filter((r) => r.result === 'refused').map((r) => r.row),
              ]).size,
            })}
          />
          <div style={{ marginTop: 12 }}>
            {skipped.map(
              (x: Partial<RowResult> & { row: number; member: string; result: RowResult['result'] }) => (
                <div
                  key={x.row}
                  data-testid={x.result === 'refused' ? 'row-refused' : 'row-result'}
                  style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <Tag>{t('rowLine', { row: x.row })}</Tag>
                  {x.result === 'imported' ? (
                    <Tag color="green">{t('resultImported')}</Tag>
                  ) : x.result === 'skipped' ? (
                    <Tag>{t('resultSkipped')}</Tag>
                  ) : (
                    <Tag color="red">{t('resultRefused')}</Tag>
                  )}
                  {/* The name as the clerk's file has it (the browser's copy; never sent in clear). */}
                  <a
                    href={`#/member/${x.member}`}
                    style={{ wordBreak: 'break-all' }}
                    data-testid="row-member"
                  >
                    {nameOfRow.get(x.row) || x.member}
                  </a>
                  {nameOfRow.get(x.row) ? (
                    <Typography.Text type="secondary" style={{ marginLeft: 8, wordBreak: 'break-all' }}>
                      {x.member}
                    </Typography.Text>
                  ) : null}
                  {x.result === 'refused' ? (
                    <div>
                      {x.text}
                      {x.cite ? `（${x.cite}）` : ''}{' '}
                      <Typography.Text type="secondary">{x.code}</Typography.Text>
                    </div>
                  ) : null}
                </div>
              ),
            )}
          </div>
        </div>
      ) : null}
    </Card>
  );
}

/** `root` and the organizations below it (none without a post). */
function within(orgs: readonly OrgNode[], root: string | null): OrgNode[] {
  if (root === null) return [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const out: OrgNode[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < orgs.length) {
    const o = byId.get(queue.shift()!);
    if (!o) continue;
    out.push(o);
    queue.push(...o.children);
  }
  return out;
}

function ExportCard() {
  const { t, chain, session } = useApp();
  const names = useNames();
  const tree = useOrgTree();
  const task = useBusyTask();
  // Which export runs (its button spins, both are off).
  const [running, setRunning] = useState<'roster' | 'report' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const busy = task.busy ? running : null;
  const run = async (what: 'roster' | 'report') => {
    setRunning(what);
    setNote(null);
    await task.run(async () => {
      // What the post may read: its organization and those below (API.md, "Who may read what").
      const orgs = within(tree.data ?? [], session?.post?.org ?? null);
      const height = (await chain.client.status()).height;
      // The names as the sealed roster holds them now (people imported since sign-in included),
      // by the same read rules as the pages' names; the page's names where the service answers none.
      const fresh = session
        ? await chain.names(session.post ? { org: session.post.org } : { member: session.memberId })
        : {};
      const nameOf = (id: string) => (Object.hasOwn(fresh, id) ? fresh[id] : names.person(id));
      const { sheets, rows } =
        what === 'roster' ? await rosterSheets(chain, orgs, nameOf) : await reportSheets(chain, orgs, nameOf);
      await downloadSheets(
        what === 'roster' ? `党员名册-${chinaToday()}.xlsx` : `发展党员情况-${chinaToday()}.xlsx`,
        sheets,
      );
      setNote(t('exported', { rows, height }));
    });
  };
  return (
    <Card title={t('exportTitle')} data-testid="export">
      <Typography.Paragraph type="secondary">{t('exportHint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          block
          size="large"
          loading={busy === 'roster'}
          disabled={busy !== null || !tree.data}
          onClick={() => void run('roster')}
          data-testid="export-roster"
        >
          {busy === 'roster' ? t('exporting') : t('exportRoster')}
        </Button>
        <Button
          block
          size="large"
          loading={busy === 'report'}
          disabled={busy !== null || !tree.data}
          onClick={() => void run('report')}
          data-testid="export-report"
        >
          {busy === 'report' ? t('exporting') : t('exportReport')}
        </Button>
      </Space>
      {note ? (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={note} data-testid="export-done" />
      ) : null}
      {task.error ? <CodedAlert error={task.error} /> : null}
    </Card>
  );
}
