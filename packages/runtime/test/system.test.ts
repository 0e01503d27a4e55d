/**
 * The validator set and observer registry written by a governing module (ctx.system): only a module
 * that declares `governsValidators` gets it; writes are refused in verify and whenever they would
 * leave an unusable set (empty, duplicate keys), and the transaction then changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, type Value } from '@djchain/crypto';
import { validatorSetFromValue } from '@djchain/ledger';
import { type ModuleDef, ok } from '../src/index.ts';
import { Harness, keyOf } from './harness.ts';

/** `demo.set`: replaces the set with params.powers (one validator per power, keys 50, 51, …). */
function governing(governs: boolean, writeInVerify = false): ModuleDef {
  const setOf = (p: { powers: number[] }) => ({
    validators: p.powers.map((power, i) => ({
      publicKey: keyOf(h.suite, 50 + (i % 2)).publicKey,
      power,
      name: `v${i}`,
    })),
  });
  let h: Harness;
  const def: ModuleDef = {
    name: 'demo',
    ...(governs ? { governsValidators: true } : {}),
    actions: {
      set: {
        description: 'replace the validator set',
        parse: (raw: Value) => ok(raw as unknown as { powers: number[] }),
        authorize: () => ok(),
        verify(ctx, p) {
          if (writeInVerify) ctx.system!.setValidators(setOf(p));
          return ok();
        },
        execute(ctx, p) {
          if (!ctx.system) throw new Error('no system store');
          ctx.system.setValidators(setOf(p));
          ctx.system.setNodes([{ publicKey: keyOf(h.suite, 60).publicKey, name: 'observer' }]);
        },
      },
    },
    queries: {},
  };
  h = new Harness({ modules: [def] });
  return Object.assign(def, { harness: h });
}

const harnessOf = (d: ModuleDef) => (d as unknown as { harness: Harness }).harness;
const powers = (h: Harness) =>
  validatorSetFromValue(decode(h.state.get('sys/validators')!)).validators.map((v) => v.power);

describe('ctx.system', () => {
  it('a governing module replaces the set and the observer registry in execute', () => {
    const h = harnessOf(governing(true));
    const r = h.block([h.tx(h.admin, 'set', { powers: [3, 4] })]);
    assert.equal(r.receipts[0]!.status, 'ok', JSON.stringify(r.receipts[0]!.error));
    assert.deepEqual(powers(h), [3, 4]);
    assert.deepEqual(
      r.receipts[0]!.writes.filter((k) => k.startsWith('sys/')),
      ['sys/nodes', 'sys/validators'],
    );
  });

  it('refuses an empty set or duplicate keys; the transaction changes nothing', () => {
    const h = harnessOf(governing(true));
    for (const p of [[], [1, 2, 3]]) {
      const r = h.block([h.tx(h.admin, 'set', { powers: p })]);
      assert.equal(r.receipts[0]!.error?.code, 'RUNTIME_BAD_VALIDATORS', JSON.stringify(p));
    }
    assert.deepEqual(powers(h), [1]);
    assert.equal(h.state.get('sys/nodes'), undefined);
  });

  it('other modules get no system store, and no module writes it in verify', () => {
    const plain = harnessOf(governing(false));
    const r1 = plain.block([plain.tx(plain.admin, 'set', { powers: [3] })]);
    assert.equal(r1.receipts[0]!.error?.code, 'RUNTIME_MODULE_FAILED');
    const early = harnessOf(governing(true, true));
    const r2 = early.block([early.tx(early.admin, 'set', { powers: [3] })]);
    assert.equal(r2.receipts[0]!.error?.code, 'RUNTIME_WRITE_IN_VERIFY');
    assert.deepEqual(powers(plain), [1]);
    assert.deepEqual(powers(early), [1]);
  });
});
