/** `npm run typecheck` as a test file (scripts/test/static-checks.ts says why). */
import { test } from 'node:test';
import { runCheck } from './static-checks.ts';

test('the code typechecks: tsc --noEmit, the node packages and the web app', () => runCheck('typecheck'));
