/**
 * The key store (vault.json v2): a version-1 vault (every profile key derived from one master key)
 * is refused with the command that converts it; `djchain vault migrate` writes each member's
 * former key into the store and drops the master key; keys drawn for new members share nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getSuite, taggedHash } from '@djchain/crypto';
import { sealProfile } from '@djchain/modules';
import { djchain } from '@djchain/testkit/process';
import { CmdError } from '../src/commands/messages.ts';
import { lastLines, openLine, openVault, withKeys } from '../src/commands/vault.ts';

const dir = mkdtempSync(join(tmpdir(), 'djvault-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const suite = getSuite('intl');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const PROFILE = {
  name: '王五',
  gender: '男',
  birthDate: '1980-01-01',
  idNumber: '110105198001010011',
  phone: '',
  address: '',
  education: '',
  occupation: '',
  incomeBase: 0,
};

test('a v1 vault is refused with the way out, and migrate keeps every sealed profile openable', () => {
  const vaultFile = join(dir, 'vault.json');
  const profilesFile = join(dir, 'profiles.jsonl');
  const master = new Uint8Array(32).fill(5);
  writeFileSync(
    vaultFile,
    JSON.stringify({
      format: 'djchain-import-vault',
      version: 1,
      chainId: 'c',
      suite: 'intl',
      salt: '11'.repeat(32),
      profileKey: hex(master),
    }),
    { mode: 0o600 },
  );
  // The v1 derivation, written out here: H_tag("djchain/cli/profile-key/v1", master, member id).
  const member = 'm-aaaa';
  const v1Key = taggedHash(suite, 'djchain/cli/profile-key/v1', master, new TextEncoder().encode(member));
  const nonce = new Uint8Array(12).fill(1);
  const { sealed, commitment } = sealProfile(
    suite,
    v1Key,
    nonce,
    member,
    new Uint8Array(32).fill(2),
    PROFILE,
  );
  writeFileSync(
    profilesFile,
    `${JSON.stringify({ member, row: 2, nonce: hex(nonce), sealed: hex(sealed), commitment, ref: 'r' })}\n`,
  );

  assert.throws(
    () => openVault(vaultFile, 'c', suite),
    (e) => e instanceof CmdError && e.key === 'vaultV1',
  );
  const refused = djchain(['vault', 'erase', `member:${member}`, '--vault', vaultFile]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr + refused.stdout, /djchain vault migrate/);

  const migrated = djchain(['vault', 'migrate', '--vault', vaultFile, '--profiles', profilesFile]);
  assert.equal(migrated.status, 0, migrated.stdout + migrated.stderr);
  const raw = JSON.parse(readFileSync(vaultFile, 'utf8'));
  assert.equal(raw.version, 2);
  assert.equal(raw.profileKey, undefined, 'the master key is gone');
  assert.equal(raw.keys[member], hex(v1Key));
  assert.equal(statSync(vaultFile).mode & 0o777, 0o600);
  const { vault } = openVault(vaultFile, 'c', suite);
  assert.equal(openLine(suite, vault, lastLines(profilesFile).get(member)!)?.name, '王五');
});

test('keys drawn for new members are random and independent', () => {
  const base = {
    format: 'djchain-import-vault',
    version: 2,
    chainId: 'c',
    suite: 'intl',
    salt: '22'.repeat(32),
    keys: {},
    erased: {},
  } as const;
  const v = withKeys(base, ['m-1', 'm-2']);
  const again = withKeys(base, ['m-1', 'm-2']);
  assert.match(v.keys['m-1']!, /^[0-9a-f]{64}$/);
  assert.notEqual(v.keys['m-1'], v.keys['m-2']);
  assert.notEqual(v.keys['m-1'], again.keys['m-1'], 'not derived from anything shared');
  assert.equal(withKeys(v, ['m-1']), v, 'an existing key is kept');
});
