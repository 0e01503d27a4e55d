/**
 * Explorer: latest blocks, a block's transactions, a transaction's receipt (proved against a header
 * the light client verified, exportable as a receipt file), validators; search by height, hash or
 * member id.
 */
import { fromBase64 } from '@djchain/client';
import { decode, toHex } from '@djchain/crypto/browser';
import { headerHash, merkleProofFromValue, txHash } from '@djchain/ledger';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../chain.ts';
import { go, useApp, useAsync } from '../context.tsx';
import { getBlock, getValidators } from '../explorer.ts';
import { encodeReceiptFile } from '../receipt-file.ts';
import { CodedAlert, ErrorBlock, Loading } from '../ui.tsx';

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
    if (/^[\w.-]+$/.test(s)) return go('member', s);
    setMiss(s);
  };
  return (
    <div>
      <Typography.Title level={3}>{t('explorerTitle')}</Typography.Title>
      <Input.Search
        placeholder={t('searchChain')}
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
      ) : (
        <Latest />
      )}
    </div>
  );
}

function Latest() {
  const { t, chain } = useApp();
  const data = useAsync(async () => {
    const status = await chain.client.status();
    const heights = [];
    for (let h = status.height; h >= 1 && heights.length < 10; h--) heights.push(h);
    const blocks = await Promise.all(heights.map((h) => getBlock(h)));
    return { status, blocks, validators: await getValidators() };
  }, []);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  const { blocks, validators } = data.data!;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card title={t('blocks')}>
          <Table
            rowKey={(b) => b.block.header.height}
            dataSource={blocks}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="blocks-table"
            columns={[
              {
                title: t('blockHeight'),
                render: (_, b) => (
                  <a href={`#/explorer/block/${b.block.header.height}`}>{b.block.header.height}</a>
                ),
              },
              { title: t('blockTime'), render: (_, b) => time(b.block.header.time) },
              { title: t('txCount'), render: (_, b) => b.block.txs.length },
              { title: t('proposer'), render: (_, b) => short(toHex(b.block.header.proposer)) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('validators')}>
          <Table
            rowKey={(v) => toHex(v.publicKey)}
            dataSource={[...validators.validators]}
            pagination={false}
            size="small"
            columns={[
              { title: t('name'), dataIndex: 'name' },
              { title: t('power'), dataIndex: 'power' },
              { title: t('hash'), render: (_, v) => short(toHex(v.publicKey)) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function BlockView({ height }: { height: number }) {
  const { t, chain } = useApp();
  const data = useAsync(() => getBlock(height), [height]);
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
          { title: t('action'), render: (_, tx) => `${tx.module}.${tx.action}` },
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
    const [{ commit }, set, raw] = await Promise.all([
      getBlock(r.height),
      getValidators(r.height),
      fetch(`/v1/txs/${hash}`).then((x) => x.json() as Promise<{ receiptProof: string }>),
    ]);
    return { r, commit, set, proof: raw.receiptProof };
  }, [hash]);
  if (data.loading) return <Loading />;
  if (data.error) return <ErrorBlock error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Alert type="info" title="pending" />;
  const { r, commit, set } = data.data;
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
      <Descriptions column={1} size="small" style={{ wordBreak: 'break-all' }}>
        <Descriptions.Item label={t('blockHeight')}>
          <a href={`#/explorer/block/${r.height}`}>{r.height}</a>
        </Descriptions.Item>
        <Descriptions.Item label={t('receipt')}>
          <Tag color={ok ? 'green' : 'red'}>{ok ? t('statusOk') : t('statusFailed')}</Tag>
        </Descriptions.Item>
        {r.receipt.events.map((e) => (
          <Descriptions.Item key={`${e.type}-${e.entities.join()}`} label={e.type}>
            {e.entities.join(', ')}
          </Descriptions.Item>
        ))}
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
