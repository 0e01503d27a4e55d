/**
 * `djchain export template|roster|report`: the import template, and rosters and a recruitment
 * report built from chain data — nobody retypes anything. Members are found in the verified
 * dossier of each 党支部 (its history names every member registered, imported or moved there);
 * status, Party age and recruitment phase come from the modules' queries at one height. Names and
 * other personal fields are never on chain: with --sealed URL --key reader.json they are read
 * through the sealed-data service, which releases them only against a read record committed on
 * chain — one per member, signed by the reader (sealed-read.ts). Without --sealed they stay empty.
 */
import { resolve } from 'node:path';
import { type DjchainClient, fromBase64, isClientError, ROUTES } from '@djchain/client';
import { decode } from '@djchain/crypto';
import { chinaDate } from '@djchain/modules';
import { writeSheets, writeTemplate } from '../excel/workbook.ts';
import { CliError, type MessageKey, t } from '../i18n.ts';
import { guarded, need, openKey, opt, type Parsed, parse } from './common.ts';
import { connect, readAs } from './connect.ts';
import type { CommandIo } from './io.ts';
import { committeeOf, type OrgInfo, walkOrgs } from './orgs.ts';
import { type Released, readThroughService } from './sealed-read.ts';

interface MemberView {
  readonly id: string;
  readonly org: string | null;
  readonly status: string;
  readonly partyAgeFrom: string | null;
  readonly probationEnd: string | null;
}

interface Listed {
  readonly branch: OrgInfo;
  readonly member: MemberView;
}

/**
 * The entity lists of a branch's history events: from its verified dossier; when the client refuses
 * the file as malformed (it does not yet accept events of genesis, height 0), from the node's
 * dossier decoded without the proof check — the member views that follow are queries anyway.
 */
export async function branchEvents(client: DjchainClient, branch: string): Promise<string[][]> {
  try {
    const { verdict } = await client.getDossier(`org:${branch}`);
    return verdict.events.map((e) => [...e.entities]);
  } catch (e) {
    if (!isClientError(e, 'CLIENT_DOSSIER_MALFORMED')) throw e;
  }
  const body = (await client.call(ROUTES.dossier, { params: { entity: `org:${branch}` } })) as {
    dossier: string;
  };
  const d = decode(fromBase64(body.dossier)) as { events?: { entities?: unknown }[] };
  return (d.events ?? []).map((e) =>
    Array.isArray(e.entities) ? e.entities.filter((x): x is string => typeof x === 'string') : [],
  );
}

/** The members currently held by each 党支部 under the root, at `height`. */
async function membersByBranch(
  client: DjchainClient,
  orgs: readonly OrgInfo[],
  height: number,
): Promise<Listed[]> {
  const out: Listed[] = [];
  for (const branch of orgs.filter((o) => o.kind === '党支部')) {
    const ids = new Set<string>();
    for (const entities of await branchEvents(client, branch.id))
      for (const ent of entities) if (ent.startsWith('member:')) ids.add(ent.slice('member:'.length));
    for (const id of [...ids].sort()) {
      const view = (await client.query('member', 'member', { id }, height)).result as MemberView | null;
      // A member who moved away is listed by the branch holding them now.
      if (view !== null && view.org === branch.id) out.push({ branch, member: view });
    }
  }
  return out;
}

/**
 * The released fields of `members`, through the sealed-data service (one committed read record
 * each). The vault is no longer read here: the export never holds the profile keys.
 */
export async function profilesOf(
  p: Parsed,
  io: CommandIo,
  client: DjchainClient,
  members: readonly string[],
  fields: readonly string[],
  purpose: string,
): Promise<Released> {
  const sealed = opt(p, 'sealed');
  if (sealed === undefined) return new Map();
  const key = await openKey(p, io, client.suite);
  try {
    return await readThroughService(
      client,
      sealed,
      key,
      members,
      fields,
      opt(p, 'purpose') ?? purpose,
      io,
      p.lang,
    );
  } finally {
    key.secretKey.fill(0);
  }
}

const str = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

async function rootOf(p: Parsed, client: DjchainClient, height: number): Promise<string> {
  const root = opt(p, 'root');
  if (root !== undefined) return root;
  return committeeOf(client, null, height, undefined);
}

async function exportRoster(p: Parsed, io: CommandIo, out: string): Promise<number> {
  const conn = await connect(p, io);
  const { client } = conn;
  await readAs(conn, p, io);
  const height = (await client.status()).height;
  const orgs = await walkOrgs(client, await rootOf(p, client, height), height);
  const listed = await membersByBranch(client, orgs, height);
  const profiles = await profilesOf(
    p,
    io,
    client,
    listed.map((l) => l.member.id),
    ['name', 'gender', 'birthDate', 'ethnicity', 'education', 'joinedOn'],
    '导出党员名册',
  );
  const rows = listed.map(({ branch, member: m }) => {
    const pr = profiles.get(m.id);
    return [
      branch.name,
      m.id,
      str(pr?.name),
      str(pr?.gender),
      str(pr?.birthDate),
      str(pr?.ethnicity),
      str(pr?.education),
      m.status,
      str(pr?.joinedOn),
      m.partyAgeFrom ?? '',
      m.probationEnd ?? '',
    ];
  });
  await writeSheets(out, [
    {
      name: '党员名册',
      headings: [
        '所在支部',
        '党员编号',
        '姓名',
        '性别',
        '出生日期',
        '民族',
        '学历',
        '人员类别',
        '入党日期',
        '党龄起算日',
        '预备期满日',
      ],
      rows,
      widths: [16, 28, 10, 6, 12, 8, 10, 12, 12, 12, 12],
    },
  ]);
  return reportWritten(p, io, 'exportRoster', out, rows.length, height);
}

/** Says that `rows` rows of `what` were written to `out`, as of block `height`; exit status 0. */
export function reportWritten(
  p: Parsed,
  io: CommandIo,
  what: MessageKey,
  out: string,
  rows: number,
  height: number,
): number {
  io.out(t(p.lang, 'exportWritten', { what: t(p.lang, what), file: out, rows, height }));
  return 0;
}

const PIPELINE = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'] as const;

async function exportReport(p: Parsed, io: CommandIo, out: string): Promise<number> {
  const conn = await connect(p, io);
  const { client } = conn;
  await readAs(conn, p, io);
  const status = await client.status();
  const height = status.height;
  const today = chinaDate(status.time);
  const orgs = await walkOrgs(client, await rootOf(p, client, height), height);
  const listed = await membersByBranch(client, orgs, height);
  const inProcess = listed.filter(
    ({ member: m }) => m.status !== '正式党员' && m.status !== '出党' && m.status !== '停止党籍',
  );
  const profiles = await profilesOf(
    p,
    io,
    client,
    inProcess.map((l) => l.member.id),
    ['name', 'appliedOn', 'activistOn', 'candidateOn', 'joinedOn'],
    '导出发展党员报表',
  );
  const counts = new Map<string, Map<string, number>>();
  const detail: (string | number)[][] = [];
  for (const { branch, member: m } of listed) {
    const c = counts.get(branch.id) ?? new Map<string, number>();
    c.set(m.status, (c.get(m.status) ?? 0) + 1);
    counts.set(branch.id, c);
    if (m.status === '正式党员' || m.status === '出党' || m.status === '停止党籍') continue;
    const proc = (await client.query('recruitment', 'process', { member: m.id }, height)).result as {
      phase?: string;
      deadlines?: { kind?: string; due?: string }[];
    } | null;
    const pr = profiles.get(m.id);
    const overdue = (proc?.deadlines ?? []).filter((d) => typeof d.due === 'string' && d.due < today).length;
    detail.push([
      branch.name,
      m.id,
      str(pr?.name),
      m.status,
      str(pr?.appliedOn),
      str(pr?.activistOn),
      str(pr?.candidateOn),
      str(pr?.joinedOn),
      m.probationEnd ?? '',
      proc?.phase ?? '',
      overdue,
    ]);
  }
  const summary = orgs
    .filter((o) => o.kind === '党支部')
    .map((o) => {
      const c = counts.get(o.id) ?? new Map<string, number>();
      return [o.name, ...PIPELINE.map((s) => c.get(s) ?? 0)];
    });
  await writeSheets(out, [
    {
      name: '发展党员情况汇总',
      headings: ['党支部', ...PIPELINE],
      rows: summary,
      widths: [18, 12, 14, 10, 10, 10],
    },
    {
      name: '发展党员明细',
      headings: [
        '所在支部',
        '编号',
        '姓名',
        '当前阶段',
        '申请入党日期',
        '确定积极分子日期',
        '确定发展对象日期',
        '入党日期',
        '预备期满日',
        '链上流程阶段',
        '逾期事项数',
      ],
      rows: detail,
      widths: [16, 28, 10, 12, 14, 16, 16, 12, 12, 14, 10],
    },
  ]);
  return reportWritten(p, io, 'exportReport', out, detail.length, height);
}

export async function exportCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    out: { type: 'string' },
    root: { type: 'string' },
    vault: { type: 'string' },
    profiles: { type: 'string' },
    sealed: { type: 'string' },
    key: { type: 'string' },
    purpose: { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    const out = resolve(need(p, 'out'));
    if (sub === 'template') {
      await writeTemplate(out);
      io.out(t(p.lang, 'templateWritten', { file: out }));
      return 0;
    }
    if ((sub === 'roster' || sub === 'report') && (opt(p, 'vault') ?? opt(p, 'profiles')) !== undefined)
      throw new CliError('CLI_EXPORT_VAULT_GONE');
    if (sub === 'roster') return exportRoster(p, io, out);
    if (sub === 'report') return exportReport(p, io, out);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'template, roster, report' });
  });
}
