/**
 * Explorer: latest blocks (live, from the node's server-sent events), validators (jailed ones marked),
 * jailed validators with their evidence, pending and scheduled node changes (governance module), and
 * the recorded double-signing evidence with what it did (evidence module's `list` query); a block's transactions; a transaction
 * (its signed body from the block) and its receipt (proved against a header the light client
 * verified, exportable as a receipt file); a member's on-chain records (the dossier, verified in
 * this browser). Search by height, transaction hash or member id.
 */
import { addressOf, fromBase64 } from '@djchain/client';
import { decode, toHex } from '@djchain/crypto/browser';
import { decodeTx, headerHash, merkleProofFromValue, txHash } from '@djchain/ledger';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../chain.ts';
import { ActionName, ValueList } from '../chain-view.tsx';
import { go, useApp, useAsync } from '../context.tsx';
import { AppError } from '../errors.ts';
import {
  type EvidenceRow,
  type GovernanceView,
  getBlock,
  getCommit,
  getTxBody,
  getValidators,
  type JailedRow,
  latestBlocks,
} from '../explorer.ts';
import { eventLabel } from '../i18n.ts';
import { useLive } from '../live.ts';
import { useNames } from '../names.tsx';
import { encodeReceiptFile } from '../receipt-file.ts';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';

const OUTCOME = {
  jailed: 'outcomeJailed',
  alreadyJailed: 'outcomeAlreadyJailed',
  beforeReadmission: 'outcomeBeforeReadmission',
  refused: 'outcomeRefused',
} as const;

/** "dup/000000000012/000001/precommit/<key>" → "12/1/precommit". */
const slotOf = (key: string) => {
  const [, h, r, type] = key.split('/');
  return `${Number(h)}/${Number(r)}/${type}`;
};

const short = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;
const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

export function ExplorerPage({ route }: { route: string[] }) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const [miss, setMiss] = useState<string | null>(null);
  const search = (raw: string) => {
    const s = raw.trim();
    setMiss(null);
    if (/^\d+$/.test(s)) return go('explorer', 'block', s);
    if (/^[0-9a-fA-F]{64}$/.test(s)) return go('explorer', 'tx', s.toLowerCase());
    if (/^[\w.-]+$/.test(s)) return go('explorer', 'member', s);
    setMiss(s);
  };
  return (
    <div>
      <Typography.Title level={3}>{t('explorerTitle')}</Typography.Title>
      <Input.Search
        placeholder={t('searchChain')}
        aria-label={t('searchChain')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={search}
        enterButton
        size="large"
        style={{ marginBottom: 16 }}
        data-testid="explorer-search"
      />
      {miss ? <Alert type="warning" title={t('notFound', { q: miss })} style={{ marginBottom: 16 }} /> : null}
      {route[0] === 'block' ? (
        <BlockView height={Number(route[1])} />
      ) : route[0] === 'tx' ? (
        <TxView hash={route[1] ?? ''} />
      ) : route[0] === 'member' ? (
        <MemberView id={route[1] ?? ''} />
      ) : (
        <Latest />
      )}
    </div>
  );
}

function Latest() {
  const { t, chain } = useApp();
  // Every commit re-reads the page: new blocks (and evidence committed in them) appear by themselves.
  const live = useLive(chain, ['block'], (e) => e.kind === 'block');
  const data = useAsync(async () => {
    const status = await chain.client.status();
    const [blocks, validators, evidence, gov] = await Promise.all([
      latestBlocks(chain.client, 10),
      getValidators(chain.client),
      chain.client
        .query('evidence', 'list', { limit: 100 })
        .then((r) => r.result as unknown as EvidenceRow[]),
      // Jailed validators and node changes (a chain without the governance module has none).
      chain.client
        .query('governance', 'validators', {})
        .then((r) => r.result as unknown as GovernanceView)
        .catch(() => null),
    ]);
    return { status, blocks, validators, evidence, gov };
  }, [live.tick]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error && !data.data) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { blocks, validators, evidence, gov } = data.data!;
  const jailed = gov?.jailed ?? [];
  const changes = [...(gov?.pending ?? []), ...(gov?.scheduled ?? [])];
  const nameOf = (hex: string) =>
    validators.validators.find((v) => toHex(v.publicKey) === hex)?.name ??
    jailed.find((j) => j.validator === hex)?.name ??
    short(hex);
  const rows = [
    ...validators.validators.map((v) => ({
      key: toHex(v.publicKey),
      name: v.name,
      power: v.power,
      jailed: null as JailedRow | null,
    })),
    ...jailed.map((j) => ({ key: j.validator, name: j.name, power: 0, jailed: j })),
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card
          title={t('blocks')}
          extra={
            <Tag color="green" title={t('liveHint')} data-testid="live-height">
              {t('live')} · {t('latestHeight', { height: blocks[0]?.height ?? 0 })}
            </Tag>
          }
        >
          <Table
            rowKey={(b) => b.height}
            dataSource={blocks}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="blocks-table"
            columns={[
              {
                title: t('blockHeight'),
                render: (_, b) => <a href={`#/explorer/block/${b.height}`}>{b.height}</a>,
              },
              { title: t('blockTime'), render: (_, b) => time(b.time) },
              { title: t('txCount'), render: (_, b) => b.txCount },
              { title: t('proposer'), render: (_, b) => short(b.proposer) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('validators')}>
          <Table
            rowKey={(v) => v.key}
            dataSource={rows}
            pagination={false}
            size="small"
            data-testid="validators-table"
            columns={[
              {
                title: t('name'),
                render: (_, v) => (
                  <>
                    {v.name}{' '}
                    {v.jailed ? (
                      <Tag color="red" data-testid="jailed-tag">
                        {t('jailedTag')}
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              { title: t('power'), dataIndex: 'power' },
              { title: t('hash'), render: (_, v) => short(v.key) },
            ]}
          />
        </Card>
      </Col>
      {jailed.length > 0 ? (
        <Col xs={24}>
          <Card title={t('jailedTitle')}>
            <Table
              rowKey={(j) => j.validator}
              dataSource={[...jailed]}
              pagination={false}
              size="small"
              scroll={{ x: true }}
              data-testid="jailed-table"
              columns={[
                { title: t('name'), dataIndex: 'name' },
                { title: t('organization'), render: (_, j) => j.orgId ?? '-' },
                { title: t('jailedPower'), dataIndex: 'power' },
                {
                  title: t('jailedSince'),
                  render: (_, j) => <a href={`#/explorer/block/${j.since}`}>{j.since}</a>,
                },
                { title: t('jailedEffective'), dataIndex: 'effective' },
                {
                  title: t('jailedEvidence'),
                  render: (_, j) => j.evidence.map(slotOf).join('；'),
                },
              ]}
            />
          </Card>
        </Col>
      ) : null}
      <Col xs={24}>
        <Card title={t('changesTitle')}>
          <Typography.Paragraph type="secondary">{t('changesHint')}</Typography.Paragraph>
          <Table
            rowKey={(c) => c.id}
            dataSource={changes}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="changes-table"
            columns={[
              { title: t('proposalId'), dataIndex: 'id' },
              {
                title: t('change'),
                render: (_, c) =>
                  `${c.op === 'power' ? t('opPower', { power: c.power ?? 0 }) : t(c.op === 'add' ? 'opAdd' : 'opRemove')} ${t(c.role === 'validator' ? 'roleValidator' : 'roleObserver')} ${c.name ?? nameOf(c.publicKey)}${c.org ? `（${c.org}）` : ''}`,
              },
              { title: t('approvals'), render: (_, c) => c.approvals.map((a) => a.by).join('、') || '-' },
              {
                title: t('changeStatus'),
                render: (_, c) =>
                  c.status === 'pending' ? (
                    <Tag color="gold">{t('statusPending', { expires: c.expires })}</Tag>
                  ) : (
                    <Tag color="blue">{t('statusScheduled', { effective: c.effective ?? '-' })}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('evidence')}>
          <Typography.Paragraph type="secondary">{t('evidenceHint')}</Typography.Paragraph>
          <Table
            rowKey={(e) => e.key ?? `${e.validator}-${e.height}-${e.round}-${e.type}`}
            dataSource={evidence}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="evidence-table"
            columns={[
              { title: t('validators'), render: (_, e) => nameOf(e.validator) },
              { title: t('blockHeight'), dataIndex: 'height' },
              { title: t('round'), dataIndex: 'round' },
              { title: t('voteType'), dataIndex: 'type' },
              {
                title: t('committedAt'),
                render: (_, e) => <a href={`#/explorer/block/${e.committedAt}`}>{e.committedAt}</a>,
              },
              {
                title: t('outcome'),
                render: (_, e) =>
                  e.outcome === undefined ? null : (
                    <Tag
                      color={e.outcome === 'jailed' ? 'red' : e.outcome === 'refused' ? 'orange' : 'default'}
                    >
                      {t(OUTCOME[e.outcome])}
                    </Tag>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function BlockView({ height }: { height: number }) {
  const { t, chain } = useApp();
  const data = useAsync(() => getBlock(chain.client, height), [height]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { block } = data.data!;
  const h = block.header;
  return (
    <Card title={`${t('blocks')} ${h.height}`} data-testid="block-view">
      <Descriptions column={1} size="small" style={{ wordBreak: 'break-all' }}>
        <Descriptions.Item label={t('blockTime')}>{time(h.time)}</Descriptions.Item>
        <Descriptions.Item label={t('hash')}>{toHex(headerHash(chain.client.suite, h))}</Descriptions.Item>
        <Descriptions.Item label={t('proposer')}>{short(toHex(h.proposer))}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey={(tx) => toHex(txHash(chain.client.suite, tx))}
        dataSource={[...block.txs]}
        pagination={false}
        size="small"
        scroll={{ x: true }}
        columns={[
          {
            title: t('hash'),
            render: (_, tx) => {
              const hex = toHex(txHash(chain.client.suite, tx));
              return <a href={`#/explorer/tx/${hex}`}>{short(hex)}</a>;
            },
          },
          {
            title: t('action'),
            render: (_, tx) => <ActionName t={t} module={tx.module} action={tx.action} />,
          },
          { title: '', render: (_, tx) => (tx.onBehalfOf ? <Tag color="orange">代办</Tag> : null) },
        ]}
      />
    </Card>
  );
}

function TxView({ hash }: { hash: string }) {
  const { t, chain } = useApp();
  const data = useAsync(async () => {
    const r = await chain.client.getReceipt(hash);
    if (r.status !== 'committed') return null;
    const [commit, set, raw] = await Promise.all([
      getCommit(chain.client, r.height),
      getValidators(chain.client, r.height),
      getTxBody(chain.client, hash),
    ]);
    // The signed body comes with the receipt; its hash must be the one asked for (checked here).
    const tx = decodeTx(fromBase64(raw.tx));
    if (!tx || toHex(txHash(chain.client.suite, tx)) !== hash)
      throw new AppError(
        'EXPLORER_TX_MISMATCH',
        `block ${r.height} has no transaction ${hash} at ${r.index}`,
      );
    return { r, commit, set, tx, proof: raw.receiptProof };
  }, [hash]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Alert type="info" title={t('pending')} />;
  const { r, commit, set, tx } = data.data;
  const exportFile = () => {
    const bytes = encodeReceiptFile({
      chainId: chain.config.chainId,
      suite: chain.config.suite,
      txHash: hash,
      height: r.height,
      index: r.index,
      receipt: r.receipt,
      receiptProof: merkleProofFromValue(decode(fromBase64(data.data!.proof))),
      header: r.header,
      commit,
      validatorSet: set,
    });
    download(`receipt-${hash.slice(0, 12)}.cbor`, bytes);
  };
  const ok = r.receipt.status === 'ok';
  return (
    <Card
      title={`${t('txs')} ${short(hash)}`}
      extra={
        <Button onClick={exportFile} data-testid="export-receipt">
          {t('exportReceipt')}
        </Button>
      }
      data-testid="tx-view"
    >
      <Alert type="success" showIcon title={t('verified')} style={{ marginBottom: 12 }} />
      <Typography.Title level={5}>{t('txBody')}</Typography.Title>
      <Descriptions column={1} size="small" style={{ wordBreak: 'break-all' }} data-testid="tx-body">
        <Descriptions.Item label={t('hash')}>{hash}</Descriptions.Item>
        <Descriptions.Item label={t('blockHeight')}>
          <a href={`#/explorer/block/${r.height}`}>{r.height}</a> · #{r.index}
        </Descriptions.Item>
        <Descriptions.Item label={t('action')}>
          <span data-testid="tx-action">
            <ActionName t={t} module={tx.module} action={tx.action} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('signer')}>{addressOf(chain.client.suite, tx.signer)}</Descriptions.Item>
        {tx.onBehalfOf ? (
          <Descriptions.Item label={t('onBehalfOfAddr')}>
            <Tag color="orange">代办</Tag>
            {tx.onBehalfOf}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('nonce')}>{tx.nonce}</Descriptions.Item>
        <Descriptions.Item label={t('expiry')}>{tx.expiry}</Descriptions.Item>
        <Descriptions.Item label={t('params')}>
          <ValueList t={t} value={tx.params as Record<string, unknown>} testId="tx-params" />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('receipt')}</Typography.Title>
      <Descriptions column={1} size="small" style={{ wordBreak: 'break-all' }} data-testid="receipt-view">
        <Descriptions.Item label={t('receipt')}>
          <Tag color={ok ? 'green' : 'red'} data-testid="receipt-status">
            {ok ? t('statusOk') : t('statusFailed')}
          </Tag>
        </Descriptions.Item>
        {r.receipt.events.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a receipt's events are a fixed, ordered list
          <Descriptions.Item key={`${i}-${e.type}`} label={eventLabel(t, e.type)}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text code translate="no">
                {e.entities.join(', ')}
              </Typography.Text>
              <ValueList t={t} value={e.data as Record<string, unknown>} />
            </div>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('writes')}>
          <Typography.Text code translate="no">
            {r.receipt.writes.join(', ') || '—'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {r.receipt.error ? (
        <CodedAlert
          error={{
            code: r.receipt.error.code,
            message: r.receipt.error.message,
            ...(r.receipt.error.cite ? { cite: r.receipt.error.cite } : {}),
          }}
          title={t('refused')}
        />
      ) : null}
    </Card>
  );
}

function MemberView({ id }: { id: string }) {
  const { t, chain } = useApp();
  const name = useNames().person(id);
  const data = useAsync(() => chain.client.getDossier(`member:${id}`), [id]);
  if (data.loading) return <Loading />;
  if (data.error) {
    if ((data.error as { apiCode?: string }).apiCode === 'ENTITY_NOT_FOUND')
      return <Alert type="warning" title={t('notFound', { q: id })} data-testid="member-not-found" />;
    return <ErrorBlock error={data.error} onRetry={data.reload} />;
  }
  const { verdict } = data.data!;
  return (
    <Card title={t('memberHistory', { id: name ? `${name}（${id}）` : id })} data-testid="member-events">
      <Alert type="success" showIcon title={t('verified')} style={{ marginBottom: 12 }} />
      <Table
        rowKey={(e) => `${e.height}-${e.txIndex}-${e.type}`}
        dataSource={[...verdict.events].reverse()}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        size="small"
        scroll={{ x: true }}
        columns={[
          {
            title: t('blockHeight'),
            render: (_, e) =>
              e.height === 0 ? '0' : <a href={`#/explorer/block/${e.height}`}>{e.height}</a>,
          },
          { title: t('events'), render: (_, e) => eventLabel(t, e.type) },
          {
            title: t('rawId'),
            render: (_, e) => (
              <Typography.Text code translate="no">
                {e.type}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
