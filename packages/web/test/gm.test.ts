/**
 * The web app on a gm (国密) chain in Chromium (issue 20): the gm suite (SM2/SM3/SM4) and the
 * keystore code (scrypt) are chunks of their own, outside the first script; a page of a gm chain
 * fetches the suite before it builds its SDK, signs in with an SM2 keystore, and checks a dossier
 * proved under SM3/SM2 on the verify page — and names a changed byte as a broken link.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { ACCOUNTS, browserTests, clientOf, startChain, useRig } from './harness.ts';

const { gate, browserIt } = browserTests('web gm browser tests');

describe('web app on a gm chain in Chromium', { timeout: 240_000 }, () => {
  const scripts: string[] = [];

  const rig = useRig(gate, {
    start: () => startChain({ suite: 'gm' }),
    timeoutMs: 30_000,
    onPage: async (page) => {
      page.on('request', (r) => {
        if (r.url().endsWith('.js')) scripts.push(r.url().slice(r.url().lastIndexOf('/') + 1));
      });
    },
  });
  const { pageErrors } = rig;

  browserIt('the first script lists neither the gm suite nor the keystore code', async () => {
    const dist = rig.web.distDir;
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const listed = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    assert.ok(listed.length > 0, 'index.html lists scripts');
    const assets = readdirSync(join(dist, 'assets'));
    const gm = assets.filter((f) => /^gm\.browser-.*\.js$/.test(f));
    const keystore = assets.filter((f) => /^keystore-.*\.js$/.test(f));
    assert.equal(gm.length, 1, `one gm suite chunk: ${assets.join(' ')}`);
    assert.equal(keystore.length, 1, `one keystore chunk: ${assets.join(' ')}`);
    for (const f of [...gm, ...keystore]) assert.ok(!listed.includes(f), `index.html preloads ${f}`);
  });

  browserIt('a secretary signs in with an SM2 keystore; the page fetched the gm suite', async () => {
    await rig.signIn('branchSecretary', { postIndex: 0 });
    assert.ok(
      scripts.some((f) => f.startsWith('gm.browser-')),
      `gm suite fetched: ${scripts.join(' ')}`,
    );
    assert.ok(
      scripts.some((f) => f.startsWith('keystore-')),
      `keystore code fetched: ${scripts.join(' ')}`,
    );
    assert.deepEqual(pageErrors, []);
  });

  browserIt('the verify page passes an SM3/SM2 dossier and names a changed byte', async () => {
    const client = clientOf(rig.chain);
    assert.equal(client.suite.id, 'gm');
    await client.signIn(rig.chain.keys.branchSecretary);
    const { bytes } = await client.getDossier(`member:${ACCOUNTS.applicant.id}`);
    const file = join(rig.chain.dir, '..', 'dossier-gm.cbor');
    writeFileSync(file, bytes);
    await rig.open('verify');
    await rig.page.locator('input[type=file]').setInputFiles(file);
    await rig.page.getByTestId('verify-ok').waitFor();
    for (const c of ['FORMAT', 'CHAIN', 'EVENT_HEAD', 'STATE_PROOF', 'TRUST', 'COMMIT'])
      assert.equal(await rig.page.getByTestId(`check-${c}`).getAttribute('data-state'), 'passed', c);

    // One byte of the applicant's recorded application changed ("apply" → "apple").
    const changed = Buffer.from(bytes);
    const at = changed.indexOf(Buffer.from('apply'));
    assert.ok(at > 0, 'the dossier records the application');
    changed[at + 4] = 'e'.charCodeAt(0);
    const bad = join(rig.chain.dir, '..', 'dossier-gm-changed.cbor');
    writeFileSync(bad, changed);
    await rig.page.locator('input[type=file]').setInputFiles(bad);
    await rig.page.getByTestId('verify-broken').waitFor();
    assert.equal(await rig.page.getByTestId('check-COMMIT').getAttribute('data-state'), 'skipped');
    assert.deepEqual(pageErrors, []);
  });
});
