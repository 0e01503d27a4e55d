/**
 * `npm run bench [-- --json] [-- --only crypto,state,node] [-- --keys N]`: figures measured on this
 * machine in one run, and the ratios between them. Not a test: it reads the clock. Progress goes to
 * stderr; the result goes to stdout (one JSON line with --json, a table otherwise).
 */
import { parseArgs } from 'node:util';
import { benchCrypto } from './crypto.ts';
import { benchState } from './state.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    keys: { type: 'string' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const want = (part: string) => only === null || only.has(part);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const figures: Record<string, number | string> = {};
if (want('crypto')) Object.assign(figures, benchCrypto(log));
if (want('state')) Object.assign(figures, benchState(log, Number(values.keys ?? 1_000_000)));

if (values.json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(36)} ${value}`);
}
