/**
 * What one verified event writes: SQL statements (upserts keyed by chain and entity) derived from
 * the event's data only. The events come from receipts proved against headers the light client
 * verified (follow.ts), so every row rests on a proof; the derivation is pure.
 */
import type { Value } from '@djchain/crypto';
import { UPSERT_ORG } from './orgs.ts';

export interface Statement {
  readonly sql: string;
  readonly params: readonly (string | number | null | readonly string[])[];
}

/**
 * Where an event sits: chain, height, its block's China date, transaction and event index — for a
 * block-start hook's event (or the genesis hook's, at height 0) txIndex -1 (BLOCK_TX_INDEX), its
 * number among the height's hook events (hooks.ts) and txHash '' (no transaction).
 */
export interface EventPlace {
  readonly chainId: string;
  readonly height: number;
  /** YYYY-MM-DD in China time (UTC+8) of the block's BFT time. */
  readonly date: string;
  readonly txIndex: number;
  readonly eventIndex: number;
  readonly txHash: string;
}

export interface IndexedEvent {
  readonly module: string;
  readonly type: string;
  readonly entities: readonly string[];
  readonly data: Value;
}

type Data = { readonly [k: string]: Value };

const str = (d: Data, k: string): string | null => (typeof d[k] === 'string' ? (d[k] as string) : null);
const int = (d: Data, k: string): number | null =>
  typeof d[k] === 'number' && Number.isSafeInteger(d[k]) ? (d[k] as number) : null;
const strings = (d: Data, k: string): string[] =>
  Array.isArray(d[k]) ? (d[k] as Value[]).filter((x): x is string => typeof x === 'string') : [];

/** The id of the first `org:` entity an event names. */
function orgOf(e: IndexedEvent): string | null {
  const o = e.entities.find((x) => x.startsWith('org:'));
  return o === undefined ? null : o.slice(4);
}

/** JSON of a CBOR value: byte strings as hex (jsonb holds no bytes). */
export function jsonOf(v: Value): string {
  return JSON.stringify(v, (_k, x) =>
    x instanceof Uint8Array ? Buffer.from(x).toString('hex') : typeof x === 'bigint' ? String(x) : x,
  );
}

const UPSERT_MEMBER = `INSERT INTO members (chain_id, member, org, status, height) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (chain_id, member) DO UPDATE SET org = excluded.org, status = excluded.status, height = excluded.height`;
/** The transfer status each decision event sets. */
const TRANSFER_STATUS: { readonly [type: string]: string } = {
  'transfer.Accepted': 'accepted',
  'transfer.Refused': 'refused',
  'transfer.Withdrawn': 'withdrawn',
  'transfer.Reclaimed': 'reclaimed',
};
const SET_STATUS = `UPDATE members SET status = $3, height = $4 WHERE chain_id = $1 AND member = $2`;

/** The full event type, "module.Type" (events carry it qualified; older ones may not). */
export function fullType(e: IndexedEvent): string {
  return e.type.includes('.') ? e.type : `${e.module}.${e.type}`;
}

export function statementsOf(e: IndexedEvent, at: EventPlace): Statement[] {
  const out: Statement[] = [
    {
      sql: `INSERT INTO events (chain_id, height, tx_index, event_index, tx_hash, type, entities, data)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb) ON CONFLICT DO NOTHING`,
      params: [
        at.chainId,
        at.height,
        at.txIndex,
        at.eventIndex,
        at.txHash,
        fullType(e),
        [...e.entities],
        jsonOf(e.data),
      ],
    },
  ];
  const d: Data =
    e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Data) : {};
  const c = at.chainId;
  const h = at.height;
  const member = str(d, 'member');
  switch (fullType(e)) {
    case 'member.Registered':
    case 'member.Imported':
    case 'member.TransferredIn': {
      const org = str(d, 'org');
      if (member !== null && org !== null)
        out.push({ sql: UPSERT_MEMBER, params: [c, member, org, str(d, 'status') ?? '群众', h] });
      // The sending chain's release this arrival answers (its transfers row, if indexed, in either order).
      const fromChain = str(d, 'fromChain');
      const transfer = str(d, 'transfer');
      if (fullType(e) === 'member.TransferredIn' && member !== null && org !== null && fromChain && transfer)
        out.push({
          sql: `INSERT INTO transfer_arrivals (from_chain, transfer, chain_id, member, org, height)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (from_chain, transfer, chain_id) DO UPDATE SET
            member = excluded.member, org = excluded.org, height = excluded.height`,
          params: [fromChain, transfer, c, member, org, h],
        });
      break;
    }
    // An organization created on chain (the genesis ones come from the genesis document: orgs.ts).
    case 'org.Created': {
      const org = str(d, 'org');
      const name = str(d, 'orgName');
      const kind = str(d, 'kind');
      if (org !== null && name !== null && kind !== null)
        out.push({ sql: UPSERT_ORG, params: [c, org, name, kind, str(d, 'parent'), h] });
      break;
    }
    case 'member.Suspended':
      if (member !== null)
        out.push({
          sql: `UPDATE members SET status_before_suspension = status, status = '停止党籍', height = $3
            WHERE chain_id = $1 AND member = $2`,
          params: [c, member, h],
        });
      break;
    case 'member.Restored':
      if (member !== null)
        out.push({
          sql: `UPDATE members SET status = coalesce(status_before_suspension, status),
            status_before_suspension = NULL, height = $3 WHERE chain_id = $1 AND member = $2`,
          params: [c, member, h],
        });
      break;
    case 'member.Left':
      if (member !== null) out.push({ sql: SET_STATUS, params: [c, member, '出党', h] });
      break;
    // An expulsion approved (by the superior 党委 or, when referred, the discipline commission): the
    // chain's member record says 出党 from that day; the event names the status it sets.
    case 'discipline.SanctionApproved':
      if (member !== null && str(d, 'status') === '出党')
        out.push({ sql: SET_STATUS, params: [c, member, '出党', h] });
      break;
    // Transfers: the chain's own status of a member does not change by a transfer (a released
    // membership is frozen, not ended: member.member still answers 正式党员 or 预备党员), so
    // `members.status` does not either; an accepted transfer moves the membership's organization,
    // a release to another chain marks it (`transfer_out`) until it is reclaimed.
    case 'transfer.Requested':
    case 'transfer.ReleasedOut': {
      const transfer = str(d, 'transfer');
      const from = str(d, 'from');
      const to = str(d, 'to');
      if (transfer === null || member === null || from === null || to === null) break;
      const released = fullType(e) === 'transfer.ReleasedOut';
      out.push({
        sql: `INSERT INTO transfers (chain_id, transfer, member, from_org, to_org, to_chain, status, expires_on, height)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9) ON CONFLICT (chain_id, transfer) DO UPDATE SET
          status = excluded.status, height = excluded.height`,
        params: [
          c,
          transfer,
          member,
          from,
          to,
          released ? str(d, 'toChain') : null,
          released ? 'released' : 'requested',
          released ? str(d, 'expiresOn') : null,
          h,
        ],
      });
      if (released)
        out.push({
          sql: `UPDATE members SET transfer_out = $3, height = $4 WHERE chain_id = $1 AND member = $2`,
          params: [c, member, transfer, h],
        });
      break;
    }
    case 'transfer.Accepted':
    case 'transfer.Refused':
    case 'transfer.Withdrawn':
    case 'transfer.Reclaimed': {
      const transfer = str(d, 'transfer');
      if (transfer === null) break;
      const status = TRANSFER_STATUS[fullType(e)]!;
      out.push({
        sql: `UPDATE transfers SET status = $3, height = $4 WHERE chain_id = $1 AND transfer = $2`,
        params: [c, transfer, status, h],
      });
      const to = str(d, 'to');
      if (status === 'accepted' && member !== null && to !== null)
        out.push({
          sql: `UPDATE members SET org = $3, height = $4 WHERE chain_id = $1 AND member = $2`,
          params: [c, member, to, h],
        });
      if (status === 'reclaimed' && member !== null)
        out.push({
          sql: `UPDATE members SET transfer_out = NULL, height = $4
            WHERE chain_id = $1 AND member = $2 AND transfer_out = $3`,
          params: [c, member, transfer, h],
        });
      break;
    }
    // The warning centre (block-start hooks only): one row per warning, open until closed.
    case 'warnings.Raised': {
      const id = str(d, 'id');
      const org = str(d, 'org');
      if (id === null || org === null) break;
      out.push({
        sql: `INSERT INTO warnings (chain_id, id, kind, level, org, member, due, cite, status, raised_height,
            closed_by, closed_height, height)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, NULL, NULL, $9)
          ON CONFLICT (chain_id, id) DO UPDATE SET kind = excluded.kind, level = excluded.level, org = excluded.org,
            member = excluded.member, due = excluded.due, cite = excluded.cite, status = 'open',
            raised_height = excluded.raised_height, closed_by = NULL, closed_height = NULL, height = excluded.height`,
        params: [
          c,
          id,
          str(d, 'kind') ?? '',
          str(d, 'level') ?? '',
          org,
          str(d, 'member'),
          str(d, 'due'),
          str(d, 'cite') ?? '',
          h,
        ],
      });
      break;
    }
    case 'warnings.Closed': {
      const id = str(d, 'id');
      if (id === null) break;
      out.push({
        sql: `UPDATE warnings SET status = 'closed', closed_by = $3, closed_height = $4, height = $4
          WHERE chain_id = $1 AND id = $2`,
        params: [c, id, str(d, 'closedBy') ?? '', h],
      });
      break;
    }
    case 'recruitment.StepRecorded': {
      const phase = str(d, 'phase');
      if (member === null || phase === null) break;
      out.push({
        sql: `INSERT INTO recruitment (chain_id, member, org, phase, step, action, height)
          VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chain_id, member) DO UPDATE SET
          org = excluded.org, phase = excluded.phase, step = excluded.step, action = excluded.action, height = excluded.height`,
        params: [c, member, orgOf(e), phase, int(d, 'step'), str(d, 'action') ?? '', h],
      });
      const status = str(d, 'status');
      const org = orgOf(e);
      // An applicant's first step registers them in the roster view as well.
      if (status !== null && org !== null)
        out.push({ sql: UPSERT_MEMBER, params: [c, member, org, status, h] });
      break;
    }
    case 'dues.PaymentRecorded':
    case 'dues.PaymentReported':
    case 'dues.PaymentConfirmed': {
      const payment = str(d, 'payment');
      const fen = int(d, 'fen');
      const org = orgOf(e);
      if (payment === null || member === null || fen === null || org === null) break;
      const confirmed = fullType(e) !== 'dues.PaymentReported';
      out.push({
        sql: `INSERT INTO dues_payments (chain_id, payment, member, org, months, paid_fen, status, received_on, height)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date, $9) ON CONFLICT (chain_id, payment) DO UPDATE SET
          status = excluded.status, received_on = excluded.received_on, height = excluded.height`,
        params: [
          c,
          payment,
          member,
          org,
          strings(d, 'months'),
          fen,
          confirmed ? 'confirmed' : 'reported',
          confirmed ? at.date : null,
          h,
        ],
      });
      break;
    }
    case 'dues.PaymentRejected':
    case 'dues.PaymentCorrected': {
      const payment = str(d, 'payment');
      if (payment === null) break;
      const status = fullType(e) === 'dues.PaymentRejected' ? 'rejected' : 'corrected';
      out.push({
        sql: `UPDATE dues_payments SET status = $3, height = $4 WHERE chain_id = $1 AND payment = $2`,
        params: [c, payment, status, h],
      });
      break;
    }
    case 'orglife.MeetingHeld':
    case 'orglife.MeetingCorrected': {
      const meeting = str(d, 'meeting');
      const org = str(d, 'org');
      const kind = str(d, 'kind');
      const heldOn = str(d, 'heldOn');
      if (meeting === null || org === null || kind === null || heldOn === null) break;
      out.push({
        sql: `INSERT INTO meetings (chain_id, meeting, org, kind, held_on, expected, present, height)
          VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8) ON CONFLICT (chain_id, meeting) DO UPDATE SET
          org = excluded.org, kind = excluded.kind, held_on = excluded.held_on, expected = excluded.expected,
          present = excluded.present, height = excluded.height`,
        params: [c, meeting, org, kind, heldOn, int(d, 'expected') ?? 0, int(d, 'present') ?? 0, h],
      });
      break;
    }
  }
  return out;
}

/** The members a genesis document registers (its `member.members`), as the genesis hook does. */
export function genesisMembers(chainId: string, modules: { readonly [name: string]: Value }): Statement[] {
  const cfg = modules.member as Data | null | undefined;
  const list = cfg !== null && typeof cfg === 'object' && Array.isArray(cfg.members) ? cfg.members : [];
  const out: Statement[] = [];
  for (const m of list as Value[]) {
    if (m === null || typeof m !== 'object' || Array.isArray(m) || m instanceof Uint8Array) continue;
    const r = m as Data;
    const id = str(r, 'id');
    const org = str(r, 'org');
    if (id !== null && org !== null)
      out.push({ sql: UPSERT_MEMBER, params: [chainId, id, org, str(r, 'status') ?? '群众', 0] });
  }
  return out;
}
