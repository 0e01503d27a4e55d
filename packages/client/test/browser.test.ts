/**
 * The client must run unchanged in browsers: no src file imports a node: module, crypto comes
 * from @djchain/crypto/browser, and the JavaScript suites verify what the native ones made.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { loadSuite as browserSuite } from '@djchain/crypto/browser';
import { buildDossier, LightClient, verifyDossier } from '../src/index.ts';
import { event, keyOf, TestChain } from './chain.ts';

const src = new URL('../src', import.meta.url).pathname;

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const IMPORT = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * The one Node-only entry (`@djchain/client/serve`: the servers' shared base, for the sealed-data
 * service and the web server): no other src file may import it, so it never enters the browser's graph.
 */
const NODE_ONLY = ['serve.ts'];

it('no src file imports node: modules or the Node entry of @djchain/crypto', () => {
  const all = files(src).filter((f) => !NODE_ONLY.includes(relative(src, f)));
  assert.ok(all.length > 5);
  const allowed =
    /^(?:\.{1,2}\/|@djchain\/(?:crypto\/browser|ledger|ledger\/dates|state)$|@noble\/(?:hashes|ciphers)\/)/;
  for (const file of all) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      assert.ok(
        !/(?:^|\/)serve(?:\.ts)?$/.test(spec),
        `${relative(src, file)} imports the Node-only ${spec}`,
      );
    }
  }
  for (const file of all) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      assert.ok(allowed.test(spec), `${relative(src, file)} imports ${spec}`);
    }
    assert.doesNotMatch(
      readFileSync(file, 'utf8'),
      /\bBuffer\b|\bprocess\./,
      `${relative(src, file)} uses a Node global`,
    );
  }
});

for (const id of ['intl', 'gm'] as const) {
  it(`the browser (JavaScript) suite verifies headers and dossiers the native suite made (${id})`, async () => {
    const c = new TestChain(id);
    const clerk = keyOf(c.suite, 9);
    c.add({ txs: [{ tx: c.tx(clerk, 'member', 'apply', {}), events: [event('applied', ['member:b1'])] }] });
    c.add({ txs: [{ tx: c.tx(clerk, 'member', 'talk', {}), events: [event('talked', ['member:b1'])] }] });
    const suite = await browserSuite(id);
    assert.equal(suite.impl, 'browser');
    const lc = new LightClient({
      suite,
      chainId: c.chainId,
      trust: { kind: 'genesis', validators: c.genesisSet },
    });
    for (const b of c.blocks) lc.verifyHeader(b.block.header, b.commit, b.set);
    const b = c.blocks[1]!;
    const bytes = buildDossier({
      suite: c.suite,
      chainId: c.chainId,
      entity: 'member:b1',
      events: c.events.get('member:b1')!,
      proof: c.tree.prove(new TextEncoder().encode('hist/member:b1'), 2),
      header: b.block.header,
      commit: b.commit,
      validatorSet: b.set,
    });
    const v = verifyDossier(bytes, { suite, chainId: c.chainId, lightClient: lc });
    assert.ok(v.ok && v.events.length === 2);
  });
}
