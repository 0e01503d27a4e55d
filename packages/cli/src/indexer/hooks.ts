/**
 * Block-start hook events (issue 19): deadlines, warnings raised and closed, discipline
 * conclusions, month closes — and the genesis hook's events at height 0. No receipt carries them
 * (the header's receipt root covers transactions only); the runtime stores every event, hook or
 * transaction, in the history of each entity it names (`hist/<entity>` = {head, count, last},
 * `evt/<entity>/<seq>` = the event with its height and txIndex, -1 for a hook), under the state
 * root of the block's header. So the indexer reads them by state proofs, each checked by the SDK's
 * light client against a verified header — never from the event stream.
 *
 * Which histories: every hook event the modules raise names an organization (`org:`) or, for a
 * missing anchor, a child chain (`chain:`); so the indexer watches those entities — the trusted
 * genesis's organizations and every `org:`/`chain:` entity of an indexed event — and keeps, per
 * chain and entity, how many entries it has read (`hook_cursors`). For a round of heights (from,
 * to], proved at `at` (≥ to): one proof of each watched entity's head; when the head shows no entry
 * beyond the transaction events the round's receipts already name, nothing more; else its new
 * entries one proof each, up to the first one above `to`. An event naming several watched entities
 * is taken once, from the first of them in its (sorted) entity list. Events naming none (a hook's
 * `runtime.HookFailed` names no entity: it is in no history and no proof can show it) are not
 * indexed.
 *
 * The order within a height: hooks run in module-name order, so rows are numbered by module, then
 * by the watched entity they were taken from, then by its history position — the real order across
 * modules, a fixed one within a module (the state does not record how two events of one hook that
 * share no entity were interleaved).
 */
import { decode, type Value } from '@djchain/crypto';
import { BLOCK_TX_INDEX, compareKeys, historyKey } from '@djchain/ledger';
import { eventKey } from '@djchain/runtime';
import { CliError } from '../i18n.ts';
import type { Queryable } from './db.ts';
import type { ChainSource } from './follow.ts';
import type { IndexedEvent } from './rows.ts';

/** The entities whose histories hold every hook event the modules raise. */
export const watched = (entity: string): boolean => entity.startsWith('org:') || entity.startsWith('chain:');

/** One entry of an entity's history, as the state holds it (proved). */
export interface HistoryEntry {
  readonly seq: number;
  readonly height: number;
  readonly txIndex: number;
  readonly event: IndexedEvent;
}

/** A hook event taken for a height: its event and its number among the height's hook events. */
export interface HookEvent {
  readonly height: number;
  readonly eventIndex: number;
  readonly event: IndexedEvent;
}

/**
 * The hook events among the entries read (entity → its entries), each once: from the first watched
 * entity it names (`watchedSet`); numbered per height by module, that entity, and its position.
 * Pure: the same entries give the same rows, whatever order the entities were read in.
 */
export function hookEventsOf(
  read: ReadonlyMap<string, readonly HistoryEntry[]>,
  watchedSet: ReadonlySet<string>,
): Map<number, HookEvent[]> {
  const taken: { height: number; module: string; entity: string; seq: number; event: IndexedEvent }[] = [];
  for (const [entity, entries] of read)
    for (const e of entries) {
      if (e.txIndex !== BLOCK_TX_INDEX) continue;
      const owner = e.event.entities.find((x) => watchedSet.has(x));
      if (owner !== entity) continue;
      taken.push({ height: e.height, module: e.event.module, entity, seq: e.seq, event: e.event });
    }
  taken.sort(
    (a, b) =>
      a.height - b.height ||
      compareKeys(a.module, b.module) ||
      compareKeys(a.entity, b.entity) ||
      a.seq - b.seq,
  );
  const out = new Map<number, HookEvent[]>();
  for (const t of taken) {
    const list = out.get(t.height) ?? [];
    list.push({ height: t.height, eventIndex: list.length, event: t.event });
    out.set(t.height, list);
  }
  return out;
}

/** What one round of hook reading gives: the events by height, and each entity's new cursor. */
export interface HookRound {
  readonly byHeight: Map<number, HookEvent[]>;
  /** Entries read through height `to`, per entity read (written with the round's last height). */
  readonly seen: Map<string, number>;
  /** State proofs this round took (the work bound's measure). */
  readonly proofs: number;
}

type Data = { readonly [k: string]: Value };

/** A history entry from its proved state value; CLI_INDEX_UNVERIFIED when it is not one. */
function entryOf(src: ChainSource, key: string, seq: number, value: Uint8Array | undefined, at: number) {
  const v = value === undefined ? undefined : (decode(value) as Data);
  if (
    v === undefined ||
    v === null ||
    typeof v !== 'object' ||
    typeof v.height !== 'number' ||
    typeof v.txIndex !== 'number' ||
    typeof v.module !== 'string' ||
    typeof v.type !== 'string' ||
    !Array.isArray(v.entities)
  )
    throw new CliError('CLI_INDEX_UNVERIFIED', { api: src.api, height: at, what: key });
  const event: IndexedEvent = {
    module: v.module,
    type: v.type,
    entities: (v.entities as Value[]).filter((x): x is string => typeof x === 'string'),
    data: v.data ?? null,
  };
  return { seq, height: v.height, txIndex: v.txIndex, event } satisfies HistoryEntry;
}

/**
 * Reads the hook events of heights (from, to] — and those of height 0 when `from` is 0 (the genesis
 * hook's) — by state proofs at height `at`. `txNaming` counts, per entity, the events of the
 * round's successful transactions that name it (an entity whose head shows only those is not read
 * further); `entities` are the entities to watch this round (the database's, the genesis's, the
 * round's own).
 */
export async function readHookEvents(
  db: Queryable,
  src: ChainSource,
  round: {
    readonly from: number;
    readonly to: number;
    readonly at: number;
    readonly entities: ReadonlySet<string>;
    readonly txNaming: ReadonlyMap<string, number>;
  },
): Promise<HookRound> {
  const { client, chainId } = src;
  const { from, to, at } = round;
  const cursors = new Map<string, number>();
  const rows = await db.query<{ entity: string; seen: number }>(
    'SELECT entity, seen FROM hook_cursors WHERE chain_id = $1',
    [chainId],
  );
  for (const r of rows.rows) cursors.set(r.entity, Number(r.seen));
  const all = [...new Set([...cursors.keys(), ...round.entities])].filter(watched).sort(compareKeys);
  const read = new Map<string, HistoryEntry[]>();
  const seen = new Map<string, number>();
  let proofs = 0;
  const entry = async (entity: string, seq: number): Promise<HistoryEntry> => {
    const key = eventKey(entity, seq);
    proofs++;
    return entryOf(src, key, seq, (await client.getState(key, at)).value, at);
  };
  // Bounded: one pass over the watched entities (a chain's organizations and child chains).
  for (const entity of all) {
    proofs++;
    const head = await client.getState(historyKey(entity), at);
    const h = head.value === undefined ? { count: 0, last: 0 } : (decode(head.value) as Data);
    const count = typeof h.count === 'number' ? h.count : 0;
    const last = typeof h.last === 'number' ? h.last : 0;
    const cursor = cursors.get(entity);
    let next = cursor ?? 0;
    if (cursor === undefined) {
      // Newly watched: from its first entry when nothing is indexed yet; else from its first entry
      // above `from` (found by halving: entries are in height order), what came before being past.
      if (from > 0) {
        let hi = count;
        while (next < hi) {
          const mid = (next + hi) >>> 1;
          if ((await entry(entity, mid)).height > from) hi = mid;
          else next = mid + 1;
        }
      }
    }
    // Only the round's transaction events are new: nothing to read.
    if (last <= to && count - next === (round.txNaming.get(entity) ?? 0)) {
      seen.set(entity, count);
      continue;
    }
    const got: HistoryEntry[] = [];
    // Bounded by the entity's entries in this round (one more: the first above `to`).
    for (; next < count; next++) {
      const e = await entry(entity, next);
      if (e.height > to) break;
      if (e.height > from || (from === 0 && e.height === 0)) got.push(e);
    }
    seen.set(entity, next);
    read.set(entity, got);
  }
  return { byHeight: hookEventsOf(read, new Set(all)), seen, proofs };
}
