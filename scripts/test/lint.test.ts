/** `npm run lint` as a test file (scripts/test/static-checks.ts says why). */
import { test } from 'node:test';
import { runCheck } from './static-checks.ts';

test('lint passes: biome, layers, tables, coded errors, routes', () => runCheck('lint'));
