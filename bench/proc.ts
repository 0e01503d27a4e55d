/** Running `djchain` as real child processes for the benchmarks (the test kit's, with failures thrown). */
import { spawn } from 'node:child_process';
import { NODE_FLAGS } from '@djchain/cli';
import { djchain as run, type Spawned, startDjchain } from '@djchain/testkit/process';

export type NodeProcess = Spawned;

/** Runs a `djchain` command to completion; throws with its stderr when it fails. */
export function djchain(args: readonly string[]): string {
  const r = run(args);
  if (r.status !== 0) throw new Error(`djchain ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/**
 * `djchain start --dir <dir> --port <port>` (port undefined: config.json's; `nodeFlags` for node
 * itself, e.g. `--cpu-prof`, after the V8 flags every node the CLI starts runs with, NODE_FLAGS);
 * resolves with the URL it prints, rejects if it exits first.
 */
export function startNode(
  dir: string,
  nodeFlags: readonly string[] = [],
  port: number | undefined = 0,
): Promise<NodeProcess> {
  const portArgs = port === undefined ? [] : ['--port', String(port)];
  return startDjchain(['start', '--dir', dir, ...portArgs], { nodeFlags: [...NODE_FLAGS, ...nodeFlags] });
}

/** Runs `node <script> <arg>` and resolves with the JSON line it prints on stdout. */
export function runJsonProcess(script: string, arg: unknown): Promise<unknown> {
  const child = spawn(process.execPath, [script, JSON.stringify(arg)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited (${code})`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!));
      } catch (e) {
        reject(e);
      }
    });
  });
}
