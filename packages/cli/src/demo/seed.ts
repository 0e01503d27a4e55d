/**
 * Seeding the demo history through the node's HTTP API: every planned transaction is built, signed
 * locally with its signer's key and submitted with the SDK (@djchain/client), date by date. Before a
 * date's transactions go out, the replay clock is moved to that date (09:00 China time) and the
 * seeder waits for a block carrying it, so the transactions execute with that date as BFT time.
 * Each receipt is verified (light client) and must be "ok": the demo data obeys every rule.
 */

import { type DjchainClient, type SignedTx, signAction } from '@djchain/client';
import type { KeyPair, Suite, Value } from '@djchain/crypto';
import { chinaTime, type IsoDate } from '@djchain/modules';
import { DemoError } from './errors.ts';
import { type DemoPlan, type PlannedTx, personKey } from './plan.ts';

export interface SeedDeps {
  readonly client: DjchainClient;
  /** Moves the node's clock to `ms`, or back to the wall clock (null). */
  setClock(ms: number | null): Promise<void>;
  onProgress?(done: number, total: number, date: IsoDate): void;
  /**
   * Called just before a wave's transactions are submitted and after the last of their receipts
   * (the bench's mixed workload, bench/mixed.ts, times the waves without the clock moves between dates).
   */
  onWave?(phase: 'submit' | 'committed', txs: number): void;
}

export interface SeedResult {
  /** Documents uploaded (the disclosure items' contents, plan.documents). */
  readonly documents?: number;
  readonly txs: number;
  readonly days: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (bounded) until the latest block's BFT time is at least `ms`. */
export async function waitForBlockTime(
  client: DjchainClient,
  ms: number,
  timeoutMs = 30_000,
): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < 100_000; i++) {
    const s = await client.status();
    if (s.time >= ms) return s.height;
    if (Date.now() - started > timeoutMs)
      throw new DemoError('DEMO_NO_BLOCKS', `no block reached time ${new Date(ms).toISOString()}`);
    await sleep(15);
  }
  throw new DemoError('DEMO_NO_BLOCKS', 'no block reached the requested time');
}

export async function seedHistory(suite: Suite, plan: DemoPlan, deps: SeedDeps): Promise<SeedResult> {
  const { client } = deps;
  const keys = new Map<string, KeyPair>();
  const keyOf = (id: string) => {
    const known = keys.get(id);
    if (known) return known;
    const k = personKey(suite, plan.options.seed, id);
    keys.set(id, k);
    return k;
  };
  const nonces = new Map<string, number>();
  const byDate = new Map<IsoDate, PlannedTx[][]>();
  for (const t of plan.txs) {
    const waves = byDate.get(t.date) ?? [];
    const wave = waves[t.wave] ?? [];
    wave.push(t);
    waves[t.wave] = wave;
    byDate.set(t.date, waves);
  }
  // The disclosure contents, uploaded once their record is committed (client.putAttachment: the
  // record exists, so only the upload; the operator's token reads every attachment).
  const documents = new Map(plan.documents.map((d) => [d.hash, d]));
  let uploaded = 0;
  let done = 0;
  for (const [date, waves] of byDate) {
    const at = chinaTime(date, 9);
    await deps.setClock(at);
    await waitForBlockTime(client, at);
    for (const wave of waves) {
      if (!wave) continue;
      const status = await client.status();
      const signed: Array<{ planned: PlannedTx; tx: SignedTx }> = [];
      for (const planned of wave) {
        const params = planned.vote
          ? await withVote(client, plan, planned, date)
          : planned.attendance
            ? await withAttendance(client, planned)
            : planned.voters
              ? await withVoters(client, planned)
              : planned.params;
        const key = keyOf(planned.signer);
        const nonce = nonces.get(planned.signer) ?? 0;
        nonces.set(planned.signer, nonce + 1);
        const act = { module: planned.module, action: planned.action, params: params as Value };
        signed.push({
          planned,
          tx: signAction(suite, client.chainId, key, act, nonce, status.height + 1000),
        });
      }
      deps.onWave?.('submit', signed.length);
      for (let i = 0; i < signed.length; i += 500) {
        const chunk = signed.slice(i, i + 500);
        const results = await client.submit(chunk.map((s) => s.tx));
        results.forEach((r, j) => {
          if (!r.accepted) {
            const p = chunk[j]!.planned;
            throw new DemoError(
              'DEMO_SEED_REJECTED',
              `${p.module}.${p.action} on ${date} was refused: ${r.error.code}`,
              {
                code: r.error.code,
                message: r.error.message,
              },
            );
          }
        });
      }
      for (const { planned, tx } of signed) {
        // A bound against a hang, not a timing check: a wave of several hundred payments on a loaded
        // two-core machine (four validators, other jobs) took over a minute to commit.
        const { receipt } = await client.waitForReceipt(tx.hash, 300_000);
        if (receipt.status !== 'ok') {
          throw new DemoError(
            'DEMO_SEED_FAILED',
            `${planned.module}.${planned.action} on ${date} failed: ${receipt.error?.code ?? 'UNKNOWN'}`,
            {
              code: receipt.error?.code ?? null,
              details: JSON.stringify(receipt.error?.details ?? null),
              params: JSON.stringify(planned.params, bytesAsHex),
            },
          );
        }
        done++;
      }
      deps.onWave?.('committed', signed.length);
      for (const { planned } of signed) {
        const d = planned.action === 'register' ? documents.get(planned.params.hash as string) : undefined;
        if (d === undefined) continue;
        const meta = { org: planned.params.org as string, scope: planned.params.scope as 'public' | 'org' };
        await client.putAttachment(
          new TextEncoder().encode(d.text),
          { ...meta, mediaType: d.mediaType },
          keyOf(planned.signer),
        );
        uploaded++;
      }
      deps.onProgress?.(done, plan.txs.length, date);
    }
  }
  return { txs: done, days: byDate.size, documents: uploaded };
}

function bytesAsHex(_k: string, v: unknown): unknown {
  return v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v;
}

/**
 * A branch meeting's counts: the expected voters are the branch's members with the right to vote on
 * that day, read from the chain (member query); two (one in a small branch) are absent, everyone
 * present votes yes — the ballot then meets 细则第二十条 and 第二十一条 by construction.
 */
async function withVote(
  client: DjchainClient,
  plan: DemoPlan,
  planned: PlannedTx,
  date: IsoDate,
): Promise<{ [key: string]: Value }> {
  const member = planned.params.member as string;
  const branch = plan.people.find((p) => p.id === member)?.branch;
  // Whoever may hold the membership there: registered in the branch or transferred to it.
  const movedIn = new Set(
    plan.txs
      .filter((t) => t.action === 'requestTransfer' && t.params.to === branch)
      .map((t) => t.params.member),
  );
  let expected = 0;
  for (const p of plan.people) {
    if (p.id === member || (p.branch !== branch && !movedIn.has(p.id))) continue;
    const { result } = await client.query('member', 'member', { id: p.id, on: date });
    const r = result as { org?: string; rights?: { vote?: boolean } } | null;
    if (r !== null && r.org === branch && r.rights?.vote === true) expected++;
  }
  const absent = expected >= 6 ? 2 : expected >= 3 ? 1 : 0;
  const present = expected - absent;
  return { ...planned.params, present, yes: present, no: 0, abstain: 0 };
}

/**
 * A 党员大会审议 (resident.review): the members with a vote in the matter's organization that day, as
 * the chain derives them; one in ten absent, one present abstains, the others vote yes.
 */
async function withVoters(client: DjchainClient, planned: PlannedTx): Promise<{ [key: string]: Value }> {
  const { result: matter } = await client.query('resident', 'matter', {
    id: planned.params.matter as string,
  });
  const org = (matter as { org: string }).org;
  const { result } = await client.query('resident', 'voters', { org, on: planned.params.heldOn as string });
  return { ...planned.params, ...reviewCounts(result as string[]) };
}

/** The counts of a planned 党员大会审议 from its voters (the seeder's and the replay test's rule). */
export function reviewCounts(voters: readonly string[]): { [key: string]: Value } {
  const present = voters.slice(0, voters.length - Math.floor(voters.length / 10));
  return { present, yes: present.length - 1, no: 0, abstain: 1 };
}

/**
 * A held meeting's attendance: the expected attendees as the chain derived them when the meeting was
 * planned (orglife.meeting), everyone present except the absences the plan names.
 */
async function withAttendance(client: DjchainClient, planned: PlannedTx): Promise<{ [key: string]: Value }> {
  const { result } = await client.query('orglife', 'meeting', { id: planned.params.meeting as string });
  const expected = ((result as { expected?: string[] } | null)?.expected ?? []).slice();
  const absent = expected.filter((m) => planned.attendance!.absent.includes(m));
  const present = expected.filter((m) => !absent.includes(m));
  return { ...planned.params, present, ...(absent.length > 0 ? { absent } : {}) };
}
