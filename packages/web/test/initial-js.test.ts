/**
 * The app's initial JavaScript stays within issue 20's budget: what a cold load fetches before the
 * app renders (the entry script and its modulepreloads), gzip, at most 350 KiB. Measured on the
 * build the browser tests serve; deterministic (a build of the same sources is the same bytes).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { INITIAL_JS_BUDGET_KIB, initialJsKbGz } from '../src/initial-js.ts';
import { testDist } from './harness.ts';

test('the initial JavaScript (entry and modulepreloads) is within 350 KiB gzip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'djweb-initial-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { kb, bytes, files } = initialJsKbGz(await testDist(join(dir, 'dist')));
  assert.equal(INITIAL_JS_BUDGET_KIB, 350);
  // The entry and at least one preloaded module (the app is split by route); a build whose
  // index.html lists no script at all would measure 0 and must not pass.
  assert.ok(files >= 2, `${files} initial files`);
  assert.ok(kb > 100, `${kb} KiB: the app itself cannot be that small`);
  // The bytes, not the rounded KiB: 350.4 KiB would print as 350 and still be over.
  assert.ok(
    bytes <= INITIAL_JS_BUDGET_KIB * 1024,
    `${bytes} bytes (${kb} KiB) in ${files} files, over the budget of ${INITIAL_JS_BUDGET_KIB} KiB`,
  );
});
