/**
 * `djchain validators list|propose|approve`: the validator set and node admission governed on chain
 * (issue 9). `list` shows the set, jailed validators with their evidence, pending proposals and
 * changes not yet in force; `propose` and `approve` sign `governance.propose` / `governance.approve`
 * (the same as `djchain tx governance.…`, with options instead of JSON).
 */
import type { Value } from '@djchain/crypto';
import { CliError, t } from '../i18n.ts';
import { txCommand } from './chain.ts';
import { guarded, need, opt, type Parsed, parse } from './common.ts';
import { connect } from './connect.ts';
import type { CommandIo } from './io.ts';

const CONNECT = { api: { type: 'string' }, genesis: { type: 'string' } } as const;
const OPS = ['add', 'remove', 'power'];

interface NodeRow {
  readonly publicKey: string;
  readonly name: string;
  readonly power?: number;
  readonly orgId?: string;
}
interface JailRow {
  readonly validator: string;
  readonly name: string;
  readonly power: number;
  readonly since: number;
  readonly effective: number;
  readonly evidence: readonly string[];
}
interface ProposalRow {
  readonly id: number;
  readonly op: string;
  readonly role: string;
  readonly publicKey: string;
  readonly power: number | null;
  readonly org?: string;
  readonly expires: number;
  readonly effective: number | null;
  readonly approvals: ReadonlyArray<{ by: string }>;
}
interface SetView {
  readonly height: number;
  readonly effectiveFrom: number;
  readonly validators: readonly NodeRow[];
  readonly observers: readonly NodeRow[];
  readonly jailed: readonly JailRow[];
  readonly pending: readonly ProposalRow[];
  readonly scheduled: readonly ProposalRow[];
}

const short = (hex: string) => `${hex.slice(0, 16)}…`;

async function list(p: Parsed, io: CommandIo): Promise<number> {
  const { client } = await connect(p, io);
  const r = await client.query('governance', 'validators', {});
  const v = r.result as unknown as SetView;
  const L = p.lang;
  const lines = [t(L, 'valHeader', { height: v.height, from: v.effectiveFrom })];
  for (const x of v.validators)
    lines.push(
      t(L, 'valRow', { name: x.name, power: x.power ?? 0, org: x.orgId ?? '-', key: short(x.publicKey) }),
    );
  lines.push(t(L, 'valObservers', { count: v.observers.length }));
  for (const x of v.observers)
    lines.push(t(L, 'valObserverRow', { name: x.name, org: x.orgId ?? '-', key: short(x.publicKey) }));
  lines.push(t(L, 'valJailed', { count: v.jailed.length }));
  for (const j of v.jailed)
    lines.push(
      t(L, 'valJailedRow', {
        name: j.name,
        key: short(j.validator),
        power: j.power,
        since: j.since,
        effective: j.effective,
        evidence: j.evidence.join(', '),
      }),
    );
  lines.push(t(L, 'valPending', { count: v.pending.length }));
  const change = (x: ProposalRow) =>
    `${x.op} ${x.role} ${short(x.publicKey)}${x.power === null ? '' : ` power=${x.power}`}${x.org ? ` org=${x.org}` : ''}`;
  for (const x of v.pending)
    lines.push(
      t(L, 'valPendingRow', {
        id: x.id,
        change: change(x),
        approvals: x.approvals.map((a) => a.by).join(', ') || '-',
        expires: x.expires,
      }),
    );
  for (const x of v.scheduled)
    lines.push(t(L, 'valScheduledRow', { id: x.id, change: change(x), effective: x.effective ?? '-' }));
  io.out(lines.join('\n'));
  return 0;
}

/** Builds the JSON params and hands over to `djchain tx` (one signing and printing path). */
function toTx(argv: string[], action: string, params: Value, io: CommandIo): Promise<number> {
  return txCommand([`governance.${action}`, ...argv, '--params', JSON.stringify(params)], io);
}

export async function validatorsCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    ...CONNECT,
    key: { type: 'string' },
    role: { type: 'string' },
    'public-key': { type: 'string' },
    org: { type: 'string' },
    power: { type: 'string' },
    name: { type: 'string' },
    reason: { type: 'string' },
  });
  const sub = p.positionals[0];
  // Options the tx command takes as they are (connection, key, passphrase, language).
  const pass = ['api', 'genesis', 'key', 'passphrase-file', 'lang'].flatMap((o) => {
    const v = opt(p, o);
    return v === undefined ? [] : [`--${o}`, v];
  });
  const int = (o: string) => {
    const v = opt(p, o);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new CliError('CLI_BAD_NUMBER', { option: o, value: v });
    return Number(v);
  };
  return guarded(p.lang, io, async () => {
    if (sub === 'list') return list(p, io);
    if (sub === 'propose') {
      const op = p.positionals[1];
      if (op === undefined || !OPS.includes(op))
        throw new CliError('CLI_UNKNOWN_SUB', { sub: op ?? '', choices: OPS.join(', ') });
      const power = int('power');
      const params: Record<string, Value> = {
        op,
        role: opt(p, 'role') ?? 'validator',
        publicKey: need(p, 'public-key').toLowerCase(),
      };
      for (const o of ['org', 'name', 'reason']) if (opt(p, o) !== undefined) params[o] = opt(p, o)!;
      if (power !== undefined) params.power = power;
      return toTx(pass, 'propose', params, io);
    }
    if (sub === 'approve') {
      const id = Number(p.positionals[1]);
      if (!Number.isSafeInteger(id) || id < 1) throw new CliError('CLI_MISSING_ARG', { what: 'proposal' });
      const org = opt(p, 'org');
      return toTx(pass, 'approve', { proposal: id, ...(org === undefined ? {} : { org }) }, io);
    }
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'list, propose, approve' });
  });
}
