/**
 * Personal declarations at the sealed-data service: `POST /sealed/declare` seals a member's
 * content under that member's own key (the vault's, drawn if the member has none yet) and appends
 * it to the declarations file, answering only the salted commitment the member then puts on chain
 * (declaration.declare / supplementDeclaration). The content leaves again only through the gate
 * (gate.ts) for a committed declaration.recordRead naming that commitment.
 *
 * Checks, in order: the payload is of this chain and signed by `signer`
 * (H_tag("djchain/sealed-declare/v1", chain id, payload)); it is at most `validityBlocks` old; the
 * signer's key is the current key of the member named (asked of the node: member.byAddress);
 * the kind is one the chain lists (declaration.params) and the text is 1 to 2000 characters.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  addressOf,
  type DjchainClient,
  SEALED_DECLARE_MAX_TEXT,
  type SealedDeclareAnswer,
  type SealedDeclarePayload,
  sealedDeclareDigest,
} from '@djchain/client';
import { fromHex, randomSeed, toHex } from '@djchain/crypto';
import { type DeclarationContent, isIsoDate, openDeclaration, sealDeclaration } from '@djchain/modules';
import { profileKeyOf, type Vault } from '../commands/vault.ts';
import { appendSynced } from './append.ts';
import { SealedError } from './errors.ts';
import { FileCache } from './file-cache.ts';
import { chainRequest, freshStatus, OneAtATime, storedKey } from './signed.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** One line of the declarations file. */
export interface DeclarationLine {
  readonly member: string;
  readonly commitment: string;
  readonly nonce: string;
  readonly sealed: string;
}

function parse(client: DjchainClient, body: unknown): { payload: SealedDeclarePayload; signer: Uint8Array } {
  return chainRequest<SealedDeclarePayload>(
    client,
    body,
    sealedDeclareDigest,
    'SEALED_DECLARE_BAD_SIGNATURE',
    (p) =>
      typeof p.member === 'string' &&
      ID.test(p.member) &&
      typeof p.kind === 'string' &&
      isIsoDate(p.matterOn) &&
      typeof p.text === 'string' &&
      p.text.trim().length > 0 &&
      p.text.length <= SEALED_DECLARE_MAX_TEXT,
    `member, kind, matterOn (YYYY-MM-DD) and a text of 1 to ${SEALED_DECLARE_MAX_TEXT} characters`,
  );
}

/** Every well-formed line by commitment (a torn last line is skipped). */
function linesByCommitment(file: string): Map<string, DeclarationLine> {
  const out = new Map<string, DeclarationLine>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const l = JSON.parse(line) as DeclarationLine;
      if (typeof l?.member === 'string' && typeof l.commitment === 'string' && typeof l.sealed === 'string')
        out.set(l.commitment, l);
    } catch {
      // A run killed mid-write leaves a torn last line that names nobody.
    }
  }
  return out;
}

export class SealedDeclarations {
  readonly #client: DjchainClient;
  readonly #vaultFile: string;
  readonly #file: string;
  readonly #validity: number;
  readonly #lines: FileCache<Map<string, DeclarationLine>>;
  /** One filing at a time: each may rewrite the vault and appends to the file. */
  readonly #queue = new OneAtATime();

  constructor(
    opts: { vaultFile: string; declarationsFile: string; validityBlocks: number },
    client: DjchainClient,
  ) {
    this.#client = client;
    this.#vaultFile = opts.vaultFile;
    this.#file = opts.declarationsFile;
    this.#validity = opts.validityBlocks;
    this.#lines = new FileCache(opts.declarationsFile);
  }

  handle(body: unknown): Promise<SealedDeclareAnswer> {
    return this.#queue.run(() => this.#handle(body));
  }

  /** The content sealed under `commitment` for `member`, opened; throws SealedError. */
  open(vault: Vault, member: string, commitment: string): DeclarationContent {
    const line = this.#lines.get(() => linesByCommitment(this.#file)).get(commitment);
    if (line === undefined || line.member !== member) throw new SealedError('SEALED_NO_DECLARATION');
    const key = profileKeyOf(this.#client.suite, vault, member);
    if (key === null) {
      if (Object.hasOwn(vault.erased, member)) throw new SealedError('SEALED_ERASED');
      throw new SealedError('SEALED_NO_DECLARATION');
    }
    const opened = openDeclaration(
      this.#client.suite,
      key,
      fromHex(line.nonce),
      member,
      fromHex(line.sealed),
    );
    if (opened === null) throw new SealedError('SEALED_NO_DECLARATION', 'the sealed line does not open');
    return opened.content;
  }

  async #handle(body: unknown): Promise<SealedDeclareAnswer> {
    const client = this.#client;
    const suite = client.suite;
    const { payload, signer } = parse(client, body);
    const { height } = await freshStatus(client, payload.height, this.#validity, 'SEALED_DECLARE_EXPIRED');
    const who = (await client.query('member', 'byAddress', { address: addressOf(suite, signer) }, height))
      .result;
    if (who !== payload.member) throw new SealedError('SEALED_DECLARE_NOT_PERMITTED');
    const params = (await client.query('declaration', 'params', {}, height)).result as {
      personalKinds?: unknown;
    } | null;
    if (!Array.isArray(params?.personalKinds) || !params.personalKinds.includes(payload.kind))
      throw new SealedError('SEALED_BAD_REQUEST', 'a kind the chain lists (declaration.params)');

    // The member's key is stored (synced) before anything is sealed under it.
    const key = storedKey(this.#vaultFile, client, payload.member);
    const content: DeclarationContent = {
      member: payload.member,
      kind: payload.kind,
      matterOn: payload.matterOn,
      text: payload.text,
    };
    const nonce = randomSeed().slice(0, 12);
    const { sealed, commitment } = sealDeclaration(suite, key, nonce, randomSeed().slice(0, 16), content)!;
    appendSynced(
      this.#file,
      JSON.stringify({
        member: payload.member,
        commitment,
        nonce: toHex(nonce),
        sealed: toHex(sealed),
      } satisfies DeclarationLine),
    );
    return { commitment };
  }
}
