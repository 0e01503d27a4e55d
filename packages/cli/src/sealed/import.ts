/**
 * The sealed-data service's import route, `POST /sealed/import` (client/src/sealed-import.ts): a
 * roster uploaded in the browser is sealed here, where the vault is, exactly as `djchain import
 * members` seals it (planRow: member id from the ID number under the vault's salt, a random key per
 * member, the profile sealed under it and appended to profiles.jsonl before anything goes on chain).
 * The answer holds only what goes on chain; the page signs those transactions with the uploader's
 * key, so the chain still decides every row (member.importMember / member.register permissions).
 *
 * Checks, in order: the payload is of this chain and signed by `signer`
 * (H_tag("djchain/sealed-import/v1", chain id, payload)); it is at most `validityBlocks` old; the
 * signer is a member holding 书记/组织委员 of a 党委 or 书记/组织委员/党务工作者 of a 党支部 (otherwise
 * nothing is sealed: the service is no ID-number-to-member-id oracle for anyone else); then every row
 * is checked with the CLI's checks (`@djchain/client/roster`) against the branches in the signer's
 * reach, and a row whose action the signer's posts do not grant (正式/预备党员 need the 党委) is a row
 * error too. The signer's posts are the node's answers to queries: the service runs beside its own
 * node and reads as that node's operator.
 */
import {
  addressOf,
  type DjchainClient,
  type ImportPlan,
  SEALED_IMPORT_MAX_ROWS,
  type SealedImportAnswer,
  type SealedImportPayload,
  sealedImportDigest,
} from '@djchain/client';
import { type RowError, validateRows } from '@djchain/client/roster';
import { chinaDate } from '@djchain/modules';
import { needsAge, planRow } from '../commands/import.ts';
import { walkOrgs } from '../commands/orgs.ts';
import { appendSealed, memberIdOf, openVault, saveVault, withKeys } from '../commands/vault.ts';
import { SealedError } from './errors.ts';
import { chainRequest, freshStatus, OneAtATime } from './signed.ts';

/** Existence checks in flight at once. */
const LOOKUPS = 16;

export interface ImportScope {
  /** Branch name or id → id, for the branches whose people the signer may register. */
  readonly branches: Map<string, string>;
  /** Branch ids whose 党委 the signer leads (书记/组织委员): members may be imported there. */
  readonly importable: Set<string>;
}

function parse(client: DjchainClient, body: unknown): { payload: SealedImportPayload; signer: Uint8Array } {
  return chainRequest<SealedImportPayload>(
    client,
    body,
    sealedImportDigest,
    'SEALED_IMPORT_BAD_SIGNATURE',
    (p) =>
      Array.isArray(p.rows) &&
      p.rows.length <= SEALED_IMPORT_MAX_ROWS &&
      p.rows.every(
        (r) =>
          Number.isSafeInteger(r?.row) &&
          r.row >= 2 &&
          typeof r.raw === 'object' &&
          r.raw !== null &&
          Object.values(r.raw).every((v) => typeof v === 'string'),
      ),
    `rows of this chain, at most ${SEALED_IMPORT_MAX_ROWS}`,
  );
}

/** The branches in reach of the signer's posts (read at `height`). */
export async function importScope(
  client: DjchainClient,
  member: string,
  height: number,
): Promise<ImportScope> {
  const posts = (await client.query('org', 'postsOf', { member }, height)).result as {
    org: string;
    post: string;
  }[];
  const branches = new Map<string, string>();
  const importable = new Set<string>();
  for (const p of posts ?? []) {
    const org = (await client.query('org', 'org', { id: p.org }, height)).result as {
      kind: string;
    } | null;
    if (org?.kind === '党委' && (p.post === '书记' || p.post === '组织委员')) {
      for (const o of await walkOrgs(client, p.org, height))
        if (o.kind === '党支部') {
          branches.set(o.id, o.id);
          branches.set(o.name, o.id);
          importable.add(o.id);
        }
    } else if (org?.kind === '党支部' && ['书记', '组织委员', '党务工作者'].includes(p.post)) {
      const o = (await client.query('org', 'org', { id: p.org }, height)).result as {
        id: string;
        name: string;
      };
      branches.set(o.id, o.id);
      branches.set(o.name, o.id);
    }
  }
  return { branches, importable };
}

export class SealedImport {
  readonly #client: DjchainClient;
  readonly #vaultFile: string;
  readonly #profilesFile: string;
  readonly #validity: number;
  /** One import at a time: each rewrites the vault and appends to the profiles file. */
  readonly #queue = new OneAtATime();

  constructor(
    opts: { vaultFile: string; profilesFile: string; validityBlocks: number },
    client: DjchainClient,
  ) {
    this.#client = client;
    this.#vaultFile = opts.vaultFile;
    this.#profilesFile = opts.profilesFile;
    this.#validity = opts.validityBlocks;
  }

  handle(body: unknown): Promise<SealedImportAnswer> {
    return this.#queue.run(() => this.#handle(body));
  }

  async #handle(body: unknown): Promise<SealedImportAnswer> {
    const client = this.#client;
    const suite = client.suite;
    const { payload, signer } = parse(client, body);
    const status = await freshStatus(client, payload.height, this.#validity, 'SEALED_IMPORT_EXPIRED');
    const height = status.height;
    const who = (await client.query('member', 'byAddress', { address: addressOf(suite, signer) }, height))
      .result;
    if (typeof who !== 'string') throw new SealedError('SEALED_IMPORT_NOT_PERMITTED');
    const scope = await importScope(client, who, height);
    if (scope.branches.size === 0) throw new SealedError('SEALED_IMPORT_NOT_PERMITTED');

    const today = chinaDate(height >= 1 ? status.time : Date.now());
    const { valid, errors } = validateRows(payload.rows, { today, branches: scope.branches });
    const rowErrors: RowError[] = [...errors];
    const allowed = valid.filter((r) => {
      if (needsAge(r) || scope.importable.has(r.branch)) return true;
      rowErrors.push({
        row: r.row,
        column: '人员类别',
        zh: `${r.category}须由上级党委书记或组织委员导入（member.importMember）`,
        en: `${r.category} is imported by the superior 党委's 书记 or 组织委员 (member.importMember)`,
      });
      return false;
    });
    rowErrors.sort((a, b) => a.row - b.row);

    let vault = openVault(this.#vaultFile, client.chainId, suite).vault;
    const ids = allowed.map((r) => memberIdOf(suite, vault, r.idNumber));
    const onChain = new Set<string>();
    for (let i = 0; i < ids.length; i += LOOKUPS) {
      const chunk = ids.slice(i, i + LOOKUPS);
      const found = await Promise.all(chunk.map((id) => client.query('member', 'member', { id }, height)));
      found.forEach((f, j) => {
        if (f.result !== null) onChain.add(chunk[j]!);
      });
    }
    const skipped = allowed.flatMap((r, i) =>
      onChain.has(ids[i]!) ? [{ row: r.row, member: ids[i]! }] : [],
    );
    const fresh = allowed.filter((_, i) => !onChain.has(ids[i]!));
    // Each member's own random key is stored (synced) before anything is sealed under it, and the
    // sealed lines are written before any transaction can leave (the page gets them after this).
    vault = withKeys(
      vault,
      fresh.map((r) => memberIdOf(suite, vault, r.idNumber)),
    );
    saveVault(this.#vaultFile, vault);
    const planned = fresh.map((r) => planRow(suite, vault, r));
    appendSealed(
      this.#profilesFile,
      planned.map((x) => x.sealed),
    );
    const plans: ImportPlan[] = planned.map((x) => ({
      row: x.row.row,
      member: x.member,
      action: x.action,
      params: x.params as ImportPlan['params'],
    }));
    return { errors: rowErrors, skipped, plans };
  }
}
