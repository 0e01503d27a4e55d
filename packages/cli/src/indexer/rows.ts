/**
 * What one verified event writes: SQL statements (upserts keyed by chain and entity) derived from
 * the event's data only. The events come from receipts proved against headers the light client
 * verified (follow.ts), so every row rests on a proof; the derivation is pure.
 */
import type { Value } from '@djchain/crypto';

export interface Statement {
  readonly sql: string;
  readonly params: readonly (string | number | null | readonly string[])[];
}

/** Where an event sits: chain, height, its block's China date, transaction and event index. */
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
