/**
 * `djchain import members roster.xlsx`: validates every row (row-numbered errors in Chinese), then
 * imports the valid ones as real signed transactions — member.importMember for 正式/预备党员 (status
 * and the date Party age counts from), member.register for people in the recruitment process —
 * each with a profile commitment, and future applicants with an age commitment from the birth
 * date. Names, ID numbers,
 * birth dates and the historical process dates stay off chain, sealed in the operator's profiles
 * file (vault.ts). Member ids are derived from the ID number under the vault's salt; ids already on
 * chain are skipped (looked up for every id with a sealed profile) and the chain refuses an existing
 * id (MEMBER_EXISTS, counted as skipped), so re-running the same roster imports nobody twice.
 *
 * Exit codes: 0 every row imported or already present; 2 some rows had errors (the rest imported);
 * 1 nothing could be done (bad options, unreachable node, missing columns).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addressOf, type DjchainClient, HttpError, isClientError, type SignedTx } from '@djchain/client';
import { type ValidRow, validateRows } from '@djchain/client/roster';
import { type KeyPair, randomSeed, type Suite, toHex, type Value } from '@djchain/crypto';
import { addYears, ageCommitment, chinaDate, sealProfile } from '@djchain/modules';
import { readRoster } from '../excel/workbook.ts';
import { CliError, reason, t } from '../i18n.ts';
import { guarded, need, openKey, opt, type Parsed, parse } from './common.ts';
import { connect } from './connect.ts';
import { AgePool } from './import-age.ts';
import type { CommandIo } from './io.ts';
import { committeeOf, memberOfKey, walkOrgs } from './orgs.ts';
import { progressBar } from './progress.ts';
import {
  appendSealed,
  type ImportedProfile,
  memberIdOf,
  openVault,
  placeholderAddress,
  profileKeyOf,
  type SealedLine,
  saveVault,
  type Vault,
  withKeys,
} from './vault.ts';

/** Transactions per submission (POST /v1/txs takes up to 1000). */
const BATCH = 250;
/**
 * The signer's uncommitted transactions at most (three batches in flight). Validators admit nonces
 * up to 1000 above the account's committed one (mempool maxNonceGap), counted from THEIR committed
 * state: one batch of slack keeps a validator that commits a block later than the one the import
 * talks to from refusing the newest batch when gossip brings it.
 */
const WINDOW = 750;
/** How long one batch may take to commit before the import stops (a re-run resumes it). */
const COMMIT_WAIT_MS = 300_000;
/** Blocks a batch's transactions stay valid for (expiry), from the latest height seen. */
const EXPIRY = 100;
/** Existence checks and receipt fetches in flight at once. */
const LOOKUPS = 16;

interface Planned {
  readonly row: ValidRow;
  readonly member: string;
  readonly action: 'importMember' | 'register';
  readonly params: Value;
  readonly sealed: SealedLine;
}

/** Whether a row is a future applicant: the only rows that carry an age commitment. */
export function needsAge(r: ValidRow): boolean {
  return r.category !== '正式党员' && r.category !== '预备党员';
}

/**
 * The transaction parameters and the sealed profile of one row (draws the seeds and nonce).
 * `age` is the applicant's seed and commitment when computed elsewhere (the worker pool); without
 * it an applicant's commitment is computed here.
 */
export function planRow(
  suite: Suite,
  vault: Vault,
  r: ValidRow,
  age?: { readonly seed: Uint8Array; readonly commitment: string },
): Planned {
  const member = memberIdOf(suite, vault, r.idNumber);
  // PERF: only a future applicant needs an age commitment (recruitment.apply proves age 18 with it;
  // 党章第一条); members admitted in the past were checked when they joined, and the hash chain of a
  // commitment costs tens of thousands of hashes.
  const ageSeed = needsAge(r) ? (age?.seed ?? randomSeed()) : undefined;
  const profile: ImportedProfile = {
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    idNumber: r.idNumber,
    phone: r.phone,
    address: r.address,
    education: r.education,
    occupation: r.occupation,
    incomeBase: 0,
    ...(ageSeed ? { ageSeed } : {}),
    ethnicity: r.ethnicity,
    category: r.category,
    joinedOn: r.joinedOn,
    convertedOn: r.convertedOn,
    appliedOn: r.appliedOn,
    activistOn: r.activistOn,
    candidateOn: r.candidateOn,
  };
  const nonce = randomSeed().slice(0, 12);
  const salt = randomSeed();
  const key = profileKeyOf(suite, vault, member);
  // withKeys + saveVault run before planning: a sealed line never exists without its stored key.
  if (key === null) throw new CliError('CLI_NO_PROFILE_KEY', { member });
  const { sealed, commitment } = sealProfile(suite, key, nonce, member, salt, profile);
  const ref = `cli-${commitment.slice(0, 24)}`;
  const base = {
    id: member,
    org: r.branch,
    address: placeholderAddress(suite, vault, member),
    profileCommitment: commitment,
    profileRef: ref,
    ...(ageSeed ? { ageCommitment: age?.commitment ?? ageCommitment(suite, ageSeed, r.birthDate) } : {}),
  };
  const line: SealedLine = {
    member,
    row: r.row,
    nonce: toHex(nonce),
    sealed: toHex(sealed),
    commitment,
    ref,
  };
  if (r.category === '正式党员')
    return {
      row: r,
      member,
      action: 'importMember',
      params: { ...base, status: '正式党员', since: r.convertedOn! },
      sealed: line,
    };
  if (r.category === '预备党员')
    return {
      row: r,
      member,
      action: 'importMember',
      params: { ...base, status: '预备党员', since: r.joinedOn!, probationEnd: addYears(r.joinedOn!, 1) },
      sealed: line,
    };
  return { row: r, member, action: 'register', params: base, sealed: line };
}

/** Which of `ids` are already members on chain (latest height). */
async function existing(client: DjchainClient, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUPS) {
    const chunk = ids.slice(i, i + LOOKUPS);
    const results = await Promise.all(chunk.map((id) => client.query('member', 'member', { id })));
    results.forEach((r, j) => {
      if (r.result !== null) found.add(chunk[j]!);
    });
  }
  return found;
}

/**
 * The receipt of `hash`, waiting up to COMMIT_WAIT_MS. A wait request the node answers late (a
 * validator busy executing blocks) is asked again rather than ending the import, within the same
 * bound.
 */
async function waitCommitted(client: DjchainClient, hash: string) {
  const until = Date.now() + COMMIT_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.waitForReceipt(hash, Math.max(1000, Math.min(60_000, until - Date.now())));
    } catch (e) {
      const late =
        isClientError(e, 'CLIENT_NETWORK') || (e instanceof HttpError && e.apiCode === 'TX_WAIT_TIMEOUT');
      if (!late || Date.now() >= until || attempt >= 20) throw e;
    }
  }
}

/** Member ids with a sealed line in the profiles file (written before their transaction left). */
function sealedIds(profilesFile: string): Set<string> {
  if (!existsSync(profilesFile)) return new Set();
  const ids = new Set<string>();
  for (const line of readFileSync(profilesFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const member = (JSON.parse(line) as { member?: unknown }).member;
      if (typeof member === 'string') ids.add(member);
    } catch {
      // A torn last line (a run killed mid-write) names nobody; readProfiles skips it too.
    }
  }
  return ids;
}

async function importMembers(p: Parsed, io: CommandIo): Promise<number> {
  if (p.positionals[0] !== 'members')
    throw new CliError('CLI_UNKNOWN_SUB', { sub: p.positionals[0] ?? '', choices: 'members' });
  const file = p.positionals[1];
  if (file === undefined) throw new CliError('CLI_MISSING_ARG', { what: 'roster.xlsx' });
  const vaultFile = resolve(need(p, 'vault'));
  const profilesFile = resolve(need(p, 'profiles'));
  need(p, 'key');
  const roster = await readRoster(file).catch((e: Error) => {
    throw new CliError('CLI_CANNOT_READ', { file, reason: e.message });
  });
  if (roster.missing.length > 0)
    throw new CliError('CLI_ROSTER_MISSING', { file, columns: roster.missing.join('、') });

  const { client, suite, chainId, token } = await connect(p, io);
  const key = await openKey(p, io, suite);
  // Reads (the roster's branches, members already registered, receipts) as the importing key.
  if (token === undefined) await client.signIn(key);
  const { vault, created } = openVault(vaultFile, chainId, suite);
  if (created) io.err(`${t(p.lang, 'warnPrefix')}${t(p.lang, 'vaultCreated', { file: vaultFile })}`);

  const status = await client.status();
  const height = status.height;
  const signer = await memberOfKey(client, key, height);
  const root = await committeeOf(client, signer, height, opt(p, 'root'));
  const branches = new Map<string, string>();
  for (const o of await walkOrgs(client, root, height))
    if (o.kind === '党支部') {
      branches.set(o.id, o.id);
      branches.set(o.name, o.id);
    }
  const today = chinaDate(height >= 1 ? status.time : Date.now());
  const { valid, errors } = validateRows(roster.rows, { today, branches });
  for (const e of errors)
    io.out(t(p.lang, 'rowError', { row: e.row, text: `${p.lang === 'en' ? e.en : e.zh}` }));

  const { refused, skipped } = await submitAll(
    p,
    io,
    client,
    key,
    { file: vaultFile, vault },
    valid,
    profilesFile,
  );
  for (const r of refused) io.out(r);
  const bad = new Set([...errors.map((e) => e.row)]).size + refused.length;
  io.out(
    t(p.lang, 'importSummary', {
      total: roster.rows.length,
      imported: valid.length - skipped - refused.length,
      skipped,
      bad,
      profiles: profilesFile,
    }),
  );
  key.secretKey.fill(0);
  return bad > 0 ? 2 : 0;
}

/** One submitted batch: its plans and transactions (consecutive nonces of one signer). */
interface Batch {
  readonly plans: readonly Planned[];
  readonly signed: readonly SignedTx[];
}

/**
 * Skips rows already on chain, then plans, signs, submits and confirms the rest; returns the
 * refusal lines (in row order) and how many rows were already on chain.
 *
 * PERF: a pipeline. Rows that need no age commitment go first while the worker pool computes the
 * applicants' commitments; batches of BATCH transactions are submitted while up to WINDOW of the
 * signer's transactions are uncommitted (the node's nonce gap), so the next batch waits in the
 * mempool while the previous one is in a block; each batch's existence checks and planning run
 * while earlier batches commit; every receipt is still fetched, proved and checked.
 */
async function submitAll(
  p: Parsed,
  io: CommandIo,
  client: DjchainClient,
  key: KeyPair,
  store: { readonly file: string; vault: Vault },
  valid: readonly ValidRow[],
  profilesFile: string,
): Promise<{ refused: string[]; skipped: number }> {
  const suite = client.suite;
  const vault = store.vault;
  const refused: { row: number; line: string }[] = [];
  // Re-runs: a member id exists on chain only if an import with this vault sealed its profile
  // first, so only ids with a sealed line are looked up (all of them on a re-run; none on a first
  // import). An id imported through another profiles file is refused by the chain (MEMBER_EXISTS)
  // and counted as skipped: nobody is ever imported twice.
  const sealed = sealedIds(profilesFile);
  const ids = valid.map((r) => memberIdOf(suite, vault, r.idNumber));
  const onChain = await existing(
    client,
    ids.filter((id) => sealed.has(id)),
  );
  const fresh = valid.filter((_, i) => !onChain.has(ids[i]!));
  let skipped = valid.length - fresh.length;
  const rows = [...fresh.filter((r) => !needsAge(r)), ...fresh.filter(needsAge)];
  const pool = new AgePool(suite);
  try {
    // Seeds are drawn here (they stay in the sealed profile); only the hash chain runs elsewhere.
    const ages = new Map<number, Promise<{ seed: Uint8Array; commitment: string }>>();
    for (const r of rows)
      if (needsAge(r)) {
        const seed = randomSeed();
        ages.set(
          r.row,
          pool.commit(seed, r.birthDate).then((commitment) => ({ seed, commitment })),
        );
      }
    // A failed commitment surfaces when its row is planned, not as an unhandled rejection.
    for (const a of ages.values()) a.catch(() => undefined);

    const bar = progressBar(io, t(p.lang, 'progress'), rows.length);
    bar(0);
    let done = 0;
    const status = await client.status();
    let height = status.height;
    let nonce = await client.nextNonce(addressOf(suite, key.publicKey), height);
    const inFlight: Batch[] = [];
    const checks: Promise<void>[] = [];
    let uncommitted = 0;

    /** Waits for a batch's last transaction (its signer's nonces commit in order), then checks all. */
    const settle = async (batch: Batch) => {
      const last = await waitCommitted(client, batch.signed[batch.signed.length - 1]!.hash);
      height = Math.max(height, last.height);
      uncommitted -= batch.signed.length;
      const check = confirm(batch);
      // Awaited at the end; if the run stops before (a refusal), its failure is not unhandled.
      check.catch(() => undefined);
      checks.push(check);
    };
    const confirm = async (batch: Batch) => {
      for (let i = 0; i < batch.signed.length; i += LOOKUPS) {
        const part = batch.signed.slice(i, i + LOOKUPS);
        const receipts = await Promise.all(part.map((t) => waitCommitted(client, t.hash)));
        receipts.forEach((receipt, j) => {
          const e = receipt.receipt.error ?? { code: 'UNKNOWN', message: '' };
          if (receipt.receipt.status !== 'ok' && e.code === 'MEMBER_EXISTS') skipped++;
          else if (receipt.receipt.status !== 'ok') {
            const row = batch.plans[i + j]!.row.row;
            refused.push({
              row,
              line: t(p.lang, 'CLI_ROW_REFUSED', {
                row,
                code: e.code,
                reason: reason(p.lang, e.code, e.message),
                cite: e.cite ? `（${e.cite}）` : '',
              }),
            });
          }
        });
        done += part.length;
        bar(done);
      }
    };

    for (let start = 0; start < rows.length; start += BATCH) {
      const todo = rows.slice(start, start + BATCH);
      const plans: Planned[] = [];
      // Each member's own random key is stored (synced) before anything is sealed under it.
      store.vault = withKeys(
        store.vault,
        todo.map((r) => memberIdOf(suite, vault, r.idNumber)),
      );
      saveVault(store.file, store.vault);
      for (const r of todo) plans.push(planRow(suite, store.vault, r, await ages.get(r.row)));
      // The sealed profiles are written before their transactions leave: a committed member never
      // lacks the seed of its age commitment.
      appendSealed(
        profilesFile,
        plans.map((x) => x.sealed),
      );
      while (inFlight.length > 0 && uncommitted + plans.length > WINDOW) await settle(inFlight.shift()!);
      const signed: SignedTx[] = client.signBatch(
        key,
        plans.map((x) => ({ module: 'member', action: x.action, params: x.params })),
        nonce,
        height + EXPIRY,
      );
      nonce += signed.length;
      const results = await client.submit(signed);
      const firstRefused = results.findIndex((r) => !r.accepted);
      if (firstRefused >= 0) {
        // Well-formed rows are not refused at admission; when it happens (mempool full, a clash of
        // nonces with another client of the same key) the import stops and a re-run resumes it.
        const r = results[firstRefused]!;
        const error = r.accepted ? { code: '', message: '' } : r.error;
        throw new CliError('CLI_ROW_REFUSED', {
          row: plans[firstRefused]!.row.row,
          code: error.code,
          reason: reason(p.lang, error.code, error.message),
          cite: '',
        });
      }
      inFlight.push({ plans, signed });
      uncommitted += signed.length;
    }
    while (inFlight.length > 0) await settle(inFlight.shift()!);
    await Promise.all(checks);
    refused.sort((a, b) => a.row - b.row);
    return { refused: refused.map((r) => r.line), skipped };
  } finally {
    await pool.close();
  }
}

export async function importCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    key: { type: 'string' },
    vault: { type: 'string' },
    profiles: { type: 'string' },
    root: { type: 'string' },
  });
  return guarded(p.lang, io, () => importMembers(p, io));
}
