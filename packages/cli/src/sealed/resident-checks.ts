/**
 * The clerk's in-person checks of residents at the sealed-data service: `POST
 * /sealed/resident-check` (client/src/sealed-resident-check.ts) draws the salt, computes the
 * commitment resident.bind puts on chain (`residentCheckCommitment`), seals salt and check under a
 * key of that resident's own (vault key `resident:<id>`, drawn on the first check; `djchain vault
 * erase resident:<id>` destroys it) and appends the sealed line to the checks file. The answer is
 * the commitment only: neither the salt nor the check goes back to the browser, and nothing here
 * releases a sealed check (there is no traced read of it yet; the operator opens it from the vault).
 *
 * Checks, in order: the payload is signed by `signer` over
 * H_tag("djchain/sealed-resident-check/v1", chain id, payload) and names this chain; it is at most
 * `validityBlocks` old; the signer's key is the current key of a member who holds, now, a post that
 * binds residents in that community organization (asked of the node: resident.binder, the rule of
 * resident.bind's permission); the ids are ids and the check is 1 to 500 characters. Whether the id
 * or the key is still free the chain decides when the commitment is bound.
 */

import { createHash } from 'node:crypto';
import {
  addressOf,
  type DjchainClient,
  SEALED_RESIDENT_CHECK_MAX_TEXT,
  type SealedResidentCheckAnswer,
  type SealedResidentCheckPayload,
  sealedResidentCheckDigest,
} from '@djchain/client';
import { randomSeed, toHex } from '@djchain/crypto';
import { chinaDate, sealResidentCheck } from '@djchain/modules';
import { appendSynced } from './append.ts';
import { SealedError } from './errors.ts';
import { chainRequest, freshStatus, OneAtATime, storedKey } from './signed.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** One line of the checks file (hex; nothing in clear but the opaque resident id). */
export interface ResidentCheckLine {
  readonly resident: string;
  readonly commitment: string;
  readonly nonce: string;
  readonly sealed: string;
}

/** The vault key a resident's checks are sealed under. */
export const residentKeyId = (resident: string) => `resident:${resident}`;

function parse(
  client: DjchainClient,
  body: unknown,
): { payload: SealedResidentCheckPayload; signer: Uint8Array } {
  return chainRequest<SealedResidentCheckPayload>(
    client,
    body,
    sealedResidentCheckDigest,
    'SEALED_RESIDENT_CHECK_BAD_SIGNATURE',
    (p) =>
      typeof p.org === 'string' &&
      ID.test(p.org) &&
      typeof p.resident === 'string' &&
      ID.test(p.resident) &&
      typeof p.address === 'string' &&
      ID.test(p.address) &&
      typeof p.check === 'string' &&
      p.check.trim().length > 0 &&
      p.check.length <= SEALED_RESIDENT_CHECK_MAX_TEXT,
    `org, resident, address (ids of this chain) and a check of 1 to ${SEALED_RESIDENT_CHECK_MAX_TEXT} characters`,
  );
}

/** Checks one clerk may seal in an hour, unless the service is started with another limit. */
export const RESIDENT_CHECKS_PER_HOUR = 60;
const HOUR_MS = 3_600_000;
/** Requests remembered against replay (each only while its height is within the window). */
const MAX_REMEMBERED = 10_000;

export class SealedResidentChecks {
  readonly #client: DjchainClient;
  readonly #vaultFile: string;
  readonly #file: string;
  readonly #validity: number;
  readonly #perHour: number;
  readonly #now: () => number;
  /**
   * The requests sealed (hash of signer and payload text), with their payload height: a request is sealed once (a
   * replay within the validity window would seal a second record of the same check). Kept in
   * memory: after a restart a replay is still refused once its height is out of the window.
   */
  readonly #seen = new Map<string, number>();
  /** Each clerk's (signer address) sealing times in the last hour, oldest first. */
  readonly #recent = new Map<string, number[]>();
  /** One check at a time: each may rewrite the vault and appends to the file. */
  readonly #queue = new OneAtATime();

  constructor(
    opts: {
      vaultFile: string;
      checksFile: string;
      validityBlocks: number;
      /** Checks one clerk may seal in an hour (RESIDENT_CHECKS_PER_HOUR unless given). */
      perHour?: number;
      now?: () => number;
    },
    client: DjchainClient,
  ) {
    this.#client = client;
    this.#vaultFile = opts.vaultFile;
    this.#file = opts.checksFile;
    this.#validity = opts.validityBlocks;
    this.#perHour = opts.perHour ?? RESIDENT_CHECKS_PER_HOUR;
    this.#now = opts.now ?? Date.now;
  }

  /** Refuses a request sealed before, and a clerk over the hourly limit; nothing is counted yet. */
  #admit(request: string, clerk: string, chainHeight: number): number[] {
    for (const [r, h] of this.#seen) if (chainHeight - h > this.#validity) this.#seen.delete(r);
    if (this.#seen.has(request)) throw new SealedError('SEALED_RESIDENT_CHECK_REPLAYED');
    if (this.#seen.size >= MAX_REMEMBERED)
      throw new SealedError('SEALED_UNAVAILABLE', 'too many checks in the window');
    const now = this.#now();
    const times = (this.#recent.get(clerk) ?? []).filter((t) => now - t < HOUR_MS);
    this.#recent.set(clerk, times);
    if (times.length >= this.#perHour) throw new SealedError('SEALED_RESIDENT_CHECK_RATE_LIMITED');
    return times;
  }

  handle(body: unknown): Promise<SealedResidentCheckAnswer> {
    return this.#queue.run(() => this.#handle(body));
  }

  async #handle(body: unknown): Promise<SealedResidentCheckAnswer> {
    const client = this.#client;
    const suite = client.suite;
    const { payload, signer } = parse(client, body);
    const { height } = await freshStatus(
      client,
      payload.height,
      this.#validity,
      'SEALED_RESIDENT_CHECK_EXPIRED',
    );
    const binder = (
      await client.query(
        'resident',
        'binder',
        { address: addressOf(suite, signer), org: payload.org },
        height,
      )
    ).result as { member?: unknown } | null;
    if (typeof binder?.member !== 'string') throw new SealedError('SEALED_RESIDENT_CHECK_NOT_PERMITTED');
    // The request is its signer and payload text (not its signature, which a signer may vary).
    const request = createHash('sha256')
      .update(`${toHex(signer)}\n${(body as { payload: string }).payload}`)
      .digest('hex');
    const times = this.#admit(request, addressOf(suite, signer), height);

    // The resident's key is stored (synced) before anything is sealed under it.
    const key = storedKey(this.#vaultFile, client, residentKeyId(payload.resident));
    const nonce = randomSeed().slice(0, 12);
    const { sealed, commitment } = sealResidentCheck(suite, key, nonce, {
      salt: randomSeed().slice(0, 16),
      check: {
        resident: payload.resident,
        address: payload.address,
        checkedOn: chinaDate(Date.now()),
        check: payload.check,
      },
      org: payload.org,
      clerk: binder.member,
    })!;
    appendSynced(
      this.#file,
      JSON.stringify({
        resident: payload.resident,
        commitment,
        nonce: toHex(nonce),
        sealed: toHex(sealed),
      } satisfies ResidentCheckLine),
    );
    this.#seen.set(request, payload.height);
    times.push(this.#now());
    return { commitment };
  }
}
