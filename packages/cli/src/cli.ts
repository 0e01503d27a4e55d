/** The `djchain` command (started through ./main.ts, which turns Node's compile cache on first). */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isNodeError } from '@djchain/node/light';
import { commands, processIo } from './commands/index.ts';
import { CliError, type Lang, langOf, reason, t } from './i18n.ts';

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'demo') return (await import('./demo/index.ts')).demoMain(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      dir: { type: 'string' },
      suite: { type: 'string', default: 'intl' },
      'chain-id': { type: 'string', default: 'djchain-local' },
      port: { type: 'string' },
      orgs: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      force: { type: 'boolean', default: false },
      'snapshot-from-peers': { type: 'boolean', default: false },
      'signer-state-reset': { type: 'boolean', default: false },
      'test-byzantine': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const lang: Lang = langOf(values.lang as string | undefined);
  const say = (text: string) => process.stdout.write(`${text}\n`);
  const command = positionals[0];
  if (command !== undefined && Object.hasOwn(commands, command) && values.help) {
    say(t(lang, 'commandsUsage'));
    return 0;
  }
  if (command !== undefined && Object.hasOwn(commands, command))
    return (await commands[command]!())(
      argv.filter((_, i) => i !== argv.indexOf(command)),
      processIo(),
    );
  try {
    if (command === undefined || values.help) {
      say(t(lang, 'usage'));
      return command === undefined && !values.help ? 1 : 0;
    }
    const dir = values.dir as string | undefined;
    if (command !== 'init' && command !== 'start') throw new CliError('CLI_UNKNOWN_COMMAND', { command });
    // The node's own code (consensus, storage, the HTTP server) loads only for init and start.
    const { initCluster, initDir } = await import('./init.ts');
    if (command === 'init' && values.orgs !== undefined) {
      if (typeof values.out !== 'string') throw new CliError('CLI_OUT_REQUIRED');
      let orgs: unknown;
      try {
        orgs = JSON.parse(readFileSync(String(values.orgs), 'utf8'));
      } catch (e) {
        throw new CliError('CLI_BAD_ORGS', { reason: `${String(values.orgs)}: ${(e as Error).message}` });
      }
      const nodes = initCluster({ orgs, out: values.out, force: values.force === true, time: Date.now() });
      const list = nodes
        .map((n) => `  ${n.role.padEnd(9)} ${n.dir}  ${n.publicKey}  API ${n.api}`)
        .join('\n');
      const validators = nodes.filter((n) => n.role === 'validator').length;
      say(t(lang, 'clusterDone', { count: nodes.length, validators, list }));
      return 0;
    }
    if (!dir) throw new CliError('CLI_DIR_REQUIRED');
    if (command === 'init') {
      const r = initDir({
        dir,
        suite: String(values.suite),
        chainId: String(values['chain-id']),
        force: values.force === true,
        time: Date.now(),
      });
      say(t(lang, 'initDone', { ...r }));
      return 0;
    }
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError('CLI_BAD_PORT', { port: String(values.port) });
    }
    const snapshotFromPeers = values['snapshot-from-peers'] === true;
    const signerStateReset = values['signer-state-reset'] === true;
    const { startDir, testFaultsOf } = await import('./start.ts');
    const testFaults = testFaultsOf(values['test-byzantine'] as string | undefined, process.env);
    const started = await startDir(
      {
        dir,
        snapshotFromPeers,
        signerStateReset,
        ...(port === undefined ? {} : { port }),
        ...(testFaults ? { testFaults } : {}),
      },
      (e) => {
        const err = e as { code?: string; message?: string };
        const code = err.code ?? 'NODE_FATAL';
        process.stderr.write(
          `${t(lang, 'errorPrefix')}${t(lang, 'nodeFailed', { code, reason: reason(lang, code, err.message ?? ''), dir })}\n`,
        );
        process.exit(1);
      },
    );
    say(
      t(lang, 'started', { chainId: started.chainId, height: started.node.app.height(), url: started.url }),
    );
    const p2pAddress = started.p2p?.address();
    if (started.p2p && p2pAddress) {
      say(t(lang, 'p2pListening', { address: `${p2pAddress.host}:${p2pAddress.port}`, id: started.p2p.id }));
    }
    const stop = () => {
      say(t(lang, 'stopping'));
      void started.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`${t(lang, 'errorPrefix')}${t(lang, e.code, e.details)}\n`);
      return 1;
    }
    const err = e as { code?: string; message?: string; details?: object };
    const code = isNodeError(e) ? e.code : (err.code ?? 'UNKNOWN');
    const why = reason(lang, code, err.message ?? '', err.details);
    process.stderr.write(`${t(lang, 'errorPrefix')}${t(lang, 'startFailed', { code, reason: why })}\n`);
    return 1;
  }
}

/** Runs the command line `argv`; sets the exit code unless a node keeps running. */
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv);
  // -1: the node is running; the process lives until a signal.
  if (code >= 0) process.exitCode = code;
}
