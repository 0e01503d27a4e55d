/**
 * `djchain sealed serve --vault v.json --profiles p.jsonl --api URL --genesis g.json [--port N]
 * [--validity BLOCKS] [--used FILE] [--declarations FILE] [--resident-checks FILE] [--resident-checks-per-hour N]`: the sealed-data service (../sealed/gate.ts). It holds the
 * key store and the sealed profiles; readers never do. It trusts the chain only through proofs
 * checked from --genesis (required: no trust on first use here). It also answers names
 * (`GET /sealed/names`) and seals a roster uploaded in the browser (`POST /sealed/import`) to readers the node's read rules entitle (../sealed/names.ts),
 * members' personal declarations (`POST /sealed/declare`) and the clerk's in-person checks of
 * residents (`POST /sealed/resident-check`, ../sealed/resident-checks.ts).
 */
import { dirname, join, resolve } from 'node:path';
import { CliError, t } from '../i18n.ts';
import { SealedDeclarations } from '../sealed/declarations.ts';
import { SealedGate } from '../sealed/gate.ts';
import { SealedImport } from '../sealed/import.ts';
import { NameReader } from '../sealed/names.ts';
import { RESIDENT_CHECKS_PER_HOUR, SealedResidentChecks } from '../sealed/resident-checks.ts';
import { serveSealed } from '../sealed/server.ts';
import { UsedRecords } from '../sealed/used.ts';
import { guarded, need, opt, type Parsed, parse } from './common.ts';
import { connect } from './connect.ts';
import type { CommandIo } from './io.ts';
import { openVault } from './vault.ts';

async function sealedServe(p: Parsed, io: CommandIo): Promise<number> {
  need(p, 'genesis');
  const vaultFile = resolve(need(p, 'vault'));
  const profilesFile = resolve(need(p, 'profiles'));
  const port = Number(opt(p, 'port') ?? '0');
  const validity = Number(opt(p, 'validity') ?? '50');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('CLI_BAD_PORT_OPTION', { port });
  if (!Number.isInteger(validity) || validity < 1 || validity > 100_000)
    throw new CliError('CLI_BAD_VALIDITY', { validity: String(opt(p, 'validity')) });
  const perHour = Number(opt(p, 'resident-checks-per-hour') ?? String(RESIDENT_CHECKS_PER_HOUR));
  if (!Number.isInteger(perHour) || perHour < 1 || perHour > 10_000)
    throw new CliError('CLI_BAD_CHECKS_PER_HOUR', { value: String(opt(p, 'resident-checks-per-hour')) });
  const { client, chainId, suite, api } = await connect(p, io);
  // Refuse a wrong or v1 vault now rather than on the first request.
  openVault(vaultFile, chainId, suite);
  const used = new UsedRecords(resolve(opt(p, 'used') ?? `${profilesFile}.used`));
  // Personal declarations' contents, sealed under the members' keys beside the profiles.
  const declarations = new SealedDeclarations(
    {
      vaultFile,
      declarationsFile: resolve(opt(p, 'declarations') ?? join(dirname(profilesFile), 'declarations.jsonl')),
      validityBlocks: validity,
    },
    client,
  );
  const gate = new SealedGate(
    { vaultFile, profilesFile, declarations, validityBlocks: validity },
    { client, used },
  );
  // Names for the web app's lists: the node's read rules, asked with the reader's own session.
  const names = new NameReader({ vaultFile, profilesFile, api, chainId, suite });
  // A roster uploaded in the browser, sealed here with the CLI's own row checks (../sealed/import.ts).
  const importer = new SealedImport({ vaultFile, profilesFile, validityBlocks: validity }, client);
  // The clerk's in-person checks of residents, sealed under each resident's own key (only their
  // commitments go on chain).
  const residentChecks = new SealedResidentChecks(
    {
      vaultFile,
      checksFile: resolve(opt(p, 'resident-checks') ?? join(dirname(profilesFile), 'resident-checks.jsonl')),
      validityBlocks: validity,
      perHour,
    },
    client,
  );
  const server = await serveSealed(gate, { port, names, importer, declarations, residentChecks });
  io.out(t(p.lang, 'sealedListening', { url: server.url, validity }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by the demo with an IPC channel (it runs from the first seconds of a first start): a
  // demo that dies without stopping us takes us along instead of leaving us behind.
  process.once('disconnect', stop);
  return -1;
}

export async function sealedCommand(argv: string[], io: CommandIo): Promise<number> {
  const p = parse(argv, {
    api: { type: 'string' },
    genesis: { type: 'string' },
    vault: { type: 'string' },
    profiles: { type: 'string' },
    port: { type: 'string' },
    validity: { type: 'string' },
    used: { type: 'string' },
    declarations: { type: 'string' },
    'resident-checks': { type: 'string' },
    'resident-checks-per-hour': { type: 'string' },
  });
  return guarded(p.lang, io, async () => {
    const sub = p.positionals[0];
    if (sub === 'serve') return sealedServe(p, io);
    throw new CliError('CLI_UNKNOWN_SUB', { sub: sub ?? '', choices: 'serve' });
  });
}
