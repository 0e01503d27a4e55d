/**
 * The sealed dues bases (党费计算基数): a member's income is personal data, so it never goes on chain
 * and never sits in a file in clear. `djchain dues assess` and `djchain dues import bases` append one
 * line per assessment to a JSON-lines file (mode 0600):
 *   { member, from, commitment, nonce, sealed }
 * `sealed` is the chain suite's AEAD, under the member's own key in the import vault (vault.ts, the
 * same key as their sealed profile, so `djchain vault erase` makes their bases unreadable too), of
 * cbor({ member, group, from, base, salt }) with the associated data cbor({ tag, member }). The
 * chain holds only `commitment` = duesBaseCommitment(salt, {member, group, from, base}) and the
 * amount; `djchain dues audit --vault --bases` opens the lines and checks both.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { decode, encode, fromHex, randomSeed, type Suite, toHex } from '@djchain/crypto';
import { type DuesGroup, duesBaseCommitment } from '@djchain/modules';
import { profileKeyOf, type Vault } from '../commands/vault.ts';
import { CliError } from '../i18n.ts';

const TAG = 'djchain/cli/dues-base/v1';

export interface BaseLine {
  readonly member: string;
  readonly from: string;
  readonly commitment: string;
  readonly nonce: string;
  readonly sealed: string;
}

export interface OpenedBase {
  readonly member: string;
  readonly group: DuesGroup;
  readonly from: string;
  /** Monthly base, fen. */
  readonly base: number;
  readonly salt: Uint8Array;
}

const aad = (member: string) => encode({ tag: TAG, member });

/** Draws a salt, commits to the base and seals it under the member's vault key. */
export function sealBase(
  suite: Suite,
  vault: Vault,
  b: { member: string; group: DuesGroup; from: string; base: number },
): BaseLine {
  const key = profileKeyOf(suite, vault, b.member);
  if (key === null) throw new CliError('CLI_NO_PROFILE_KEY', { member: b.member });
  const salt = randomSeed();
  const commitment = duesBaseCommitment(suite, salt, b)!;
  const nonce = randomSeed().slice(0, 12);
  const plain = encode({ member: b.member, group: b.group, from: b.from, base: b.base, salt });
  const sealed = suite.aeadEncrypt(key, nonce, plain, aad(b.member));
  return { member: b.member, from: b.from, commitment, nonce: toHex(nonce), sealed: toHex(sealed) };
}

/** Opens one line; null when the key is gone (erased) or the bytes do not open. */
export function openBase(suite: Suite, vault: Vault, l: BaseLine): OpenedBase | null {
  const key = profileKeyOf(suite, vault, l.member);
  if (key === null) return null;
  const plain = suite.aeadDecrypt(key, fromHex(l.nonce), fromHex(l.sealed), aad(l.member));
  if (plain === null) return null;
  const v = decode(plain) as unknown as OpenedBase;
  return { member: v.member, group: v.group, from: v.from, base: v.base, salt: v.salt };
}

export function appendBases(file: string, lines: readonly BaseLine[]): void {
  if (lines.length === 0) return;
  appendFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), { mode: 0o600 });
}

/** Every well-formed line (a torn last line of a killed run is skipped). */
export function readBases(file: string): BaseLine[] {
  if (!existsSync(file)) return [];
  const out: BaseLine[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const l = JSON.parse(line) as BaseLine;
      if (typeof l?.member === 'string' && typeof l.commitment === 'string' && typeof l.sealed === 'string')
        out.push(l);
    } catch {
      // torn line: names nobody
    }
  }
  return out;
}
