/** `djchain status`, `djchain tx` and `djchain query`: talking to a node through the verifying SDK. */
import { isClientError, type VerifiedReceipt } from '@djchain/client';
import type { Value } from '@djchain/crypto';
import { CliError, reason, t } from '../i18n.ts';
import { guarded, need, openKey, opt, type Parsed, parse, parseJson } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';

const CONNECT_OPTIONS = { api: { type: 'string' }, genesis: { type: 'string' } } as const;

/** "module.name" → [module, name]. */
function splitDotted(text: string | undefined): [string, string] {
  const m = /^([a-z][a-zA-Z0-9]*)\.([a-zA-Z][a-zA-Z0-9]*)$/.exec(text ?? '');
  if (!m) throw new CliError('CLI_BAD_ACTION', { action: text ?? '' });
  return [m[1]!, m[2]!];
}

function paramsOf(p: Parsed): Value {
  const text = opt(p, 'params');
  return text === undefined ? {} : (parseJson(text, '--params') as Value);
}

export async function statusCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, CONNECT_OPTIONS);
  return guarded(p.lang, io, async () => {
    const { client } = await connect(p, io);
    const s = await client.status();
    // Verify the latest header from the trust anchor, so the printed height is not just the node's word.
    const verified = s.height >= 1 ? await client.verifiedHeader(s.height) : null;
    io.out(
      t(p.lang, 'status', {
        chainId: s.chainId,
        suite: s.suite,
        height: s.height,
        time: s.height >= 1 ? new Date(s.time).toISOString() : '-',
        headerHash: s.headerHash ?? '-',
        stateRoot: s.stateRoot,
        validators: s.validators.length,
        power: s.validators.reduce((a, v) => a + v.power, 0),
        nodeId: s.nodeId,
        verified: verified === null ? '-' : String(verified.height),
      }),
    );
    // Jailed validators (issue 9), when the chain runs the evidence module.
    const jailed = await client
      .query('evidence', 'jailed', {})
      .then((r) => r.result as unknown as { name: string; since: number; effective: number }[])
      .catch(() => []);
    for (const j of jailed) io.out(t(p.lang, 'statusJailed', { ...j }));
    return 0;
  });
}

/** Prints a verified receipt: its events, or its coded refusal with the cited rule, in Chinese. */
export function printReceipt(p: Parsed, io: CommandIo, r: VerifiedReceipt): number {
  const base = { hash: r.hash, height: r.height, index: r.index };
  if (r.receipt.status === 'ok') {
    const events = r.receipt.events.map((e) => e.type).join(', ') || '-';
    io.out(t(p.lang, 'txCommitted', { ...base, events }));
    return 0;
  }
  const e = r.receipt.error ?? { code: 'UNKNOWN', message: '' };
  const details =
    e.details === undefined ? '' : `\n  ${t(p.lang, 'detailsLabel')}${JSON.stringify(e.details)}`;
  io.out(
    t(p.lang, 'txFailed', {
      ...base,
      code: e.code,
      reason: reason(p.lang, e.code, e.message),
      cite: e.cite ?? t(p.lang, 'noCite'),
      details,
    }),
  );
  return 1;
}

export async function txCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    ...CONNECT_OPTIONS,
    params: { type: 'string' },
    key: { type: 'string' },
    'on-behalf-of': { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const [module, action] = splitDotted(p.positionals[0]);
    const params = paramsOf(p);
    const onBehalfOf = opt(p, 'on-behalf-of');
    if (onBehalfOf !== undefined && !/^[0-9a-f]{40}$/.test(onBehalfOf))
      throw new CliError('CLI_BAD_ADDRESS', { value: onBehalfOf });
    need(p, 'key');
    const { client, suite } = await connect(p, io);
    const key = await openKey(p, io, suite);
    try {
      const receipt = await client.send(
        { module, action, params, ...(onBehalfOf === undefined ? {} : { onBehalfOf }) },
        key,
      );
      return printReceipt(p, io, receipt);
    } catch (e) {
      if (!isClientError(e, 'CLIENT_TX_REJECTED')) throw e;
      const d = e.details as { code?: string; hash?: string };
      const code = d.code ?? 'CLIENT_TX_REJECTED';
      io.out(t(p.lang, 'txRejected', { code, reason: reason(p.lang, code, e.message) }));
      return 1;
    } finally {
      key.secretKey.fill(0);
    }
  });
}

export async function queryCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    ...CONNECT_OPTIONS,
    params: { type: 'string' },
    height: { type: 'string' },
    key: { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const [module, name] = splitDotted(p.positionals[0]);
    const params = paramsOf(p);
    const conn = await connect(p, io);
    const { client } = conn;
    (await readAs(conn, p, io))?.secretKey.fill(0);
    const h = opt(p, 'height');
    const r = await client.query(module, name, params, h === undefined ? undefined : Number(h));
    io.out(t(p.lang, 'queryResult', { height: r.height, result: JSON.stringify(r.result, null, 2) }));
    return 0;
  });
}
