/** checkTx for the mempool, queries, genesis and module registration. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, getSuite, type Value } from '@djchain/crypto';
import { encodeValidatorSet, validatorSetFromValue } from '@djchain/ledger';
import {
  addressOf,
  Executor,
  fail,
  type ModuleDef,
  ok,
  readEvents,
  SYS_CHAIN_KEY,
  SYS_NODES_KEY,
  SYS_VALIDATORS_KEY,
} from '../src/index.ts';
import { demoModule } from './example-module.ts';
import { CHAIN, Harness, keyOf } from './harness.ts';

describe('checkTx', () => {
  it('admits the next and later nonces, refuses used ones and stateless failures', () => {
    const h = new Harness();
    const alice = keyOf(h.suite, 1);
    h.block([h.tx(alice, 'apply', { id: '1' })]);
    const next = h.tx(alice, 'apply', { id: '2' });
    const ok = h.executor.checkTx(next, h.state, h.height + 1);
    assert.ok(ok.ok);
    assert.equal(ok.value.nextNonce, 1);
    assert.equal(ok.value.address, addressOf(h.suite, alice.publicKey));
    assert.ok(h.executor.checkTx(h.tx(alice, 'apply', { id: '3' }, { nonce: 4 }), h.state, h.height + 1).ok);
    const code = (tx: Parameters<Executor['checkTx']>[0], height = h.height + 1) => {
      const r = h.executor.checkTx(tx, h.state, height);
      return r.ok ? 'ok' : r.error.code;
    };
    assert.equal(code(h.tx(alice, 'apply', { id: '3' }, { nonce: 0 })), 'RUNTIME_NONCE_USED');
    assert.equal(code({ ...next, signature: new Uint8Array(64) }), 'RUNTIME_BAD_SIGNATURE');
    assert.equal(code(next, next.expiry + 1), 'RUNTIME_TX_EXPIRED');
    assert.equal(code(h.tx(alice, 'apply', {}, { chainId: 'x' })), 'RUNTIME_WRONG_CHAIN');
    assert.equal(code(h.tx(alice, 'nope', {})), 'RUNTIME_UNKNOWN_ACTION');
    assert.equal(code(h.tx(alice, 'apply', {}, { module: 'nope' })), 'RUNTIME_UNKNOWN_MODULE');
    assert.equal(code(h.tx(alice, 'apply', { id: 'x' })), 'DEMO_BAD_PARAMS');
  });

  it('admits only registered signers (a module knows them, or a validator), except to open actions (issue 9)', () => {
    const h = new Harness();
    const stranger = keyOf(h.suite, 7);
    const code = (tx: Parameters<Executor['checkTx']>[0]) => {
      const r = h.executor.checkTx(tx, h.state, h.height + 1);
      return r.ok ? (r.value.registered ? 'registered' : 'open') : r.error.code;
    };
    // `note` is not open: a key no module registered is refused before the mempool.
    assert.equal(code(h.tx(stranger, 'note', {})), 'RUNTIME_UNKNOWN_SIGNER');
    // `apply` is open to new keys (rate-limited by the mempool, which sees registered = false).
    assert.equal(code(h.tx(stranger, 'apply', { id: '9' })), 'open');
    // The demo module registers its admin; validators are registered by the chain itself.
    assert.equal(code(h.tx(h.admin, 'note', {})), 'registered');
    assert.equal(code(h.tx(keyOf(h.suite, 50), 'note', {})), 'registered');
  });

  it('a validator is registered by the set of the state asked, never by a set read before', () => {
    const h = new Harness();
    const v50 = keyOf(h.suite, 50);
    const v60 = keyOf(h.suite, 60);
    // The same harness state, but with validator 60 in place of 50 (a set changed by a block).
    const replaced = encodeValidatorSet({ validators: [{ publicKey: v60.publicKey, power: 1, name: 'v0' }] });
    const other = {
      get: (k: string) => (k === SYS_VALIDATORS_KEY ? replaced : h.state.get(k)),
      keys: (prefix: string, limit: number) => h.state.keys(prefix, limit),
    };
    const code = (view: typeof other, key: typeof v50) => {
      const r = h.executor.checkTx(h.tx(key, 'note', {}), view, h.height + 1);
      return r.ok ? 'registered' : r.error.code;
    };
    assert.equal(code(h.state, v50), 'registered');
    assert.equal(code(h.state, v60), 'RUNTIME_UNKNOWN_SIGNER');
    assert.equal(code(other, v50), 'RUNTIME_UNKNOWN_SIGNER');
    assert.equal(code(other, v60), 'registered');
    assert.equal(code(h.state, v50), 'registered');
    assert.equal(code(h.state, v60), 'RUNTIME_UNKNOWN_SIGNER');
  });
});

describe('query', () => {
  it('reads module state; unknown names are coded errors', () => {
    const h = new Harness();
    h.block([h.tx(keyOf(h.suite, 1), 'apply', { id: '1' })]);
    const r = h.executor.query('demo', 'member', { id: '1' }, h.state, h.height, 0);
    assert.ok(r.ok);
    assert.equal((r.value as { status: string }).status, 'applicant');
    const bad = (m: string, q: string) => {
      const x = h.executor.query(m, q, null, h.state, h.height, 0);
      return x.ok ? 'ok' : x.error.code;
    };
    assert.equal(bad('demo', 'nope'), 'RUNTIME_UNKNOWN_QUERY');
    assert.equal(bad('demo', 'toString'), 'RUNTIME_UNKNOWN_QUERY');
    assert.equal(bad('nope', 'member'), 'RUNTIME_UNKNOWN_MODULE');
  });

  it('parses parameters before running: a refusal is the module’s coded error, also for a nested call', () => {
    const seen: Value[] = [];
    const shaped: ModuleDef = {
      name: 'shaped',
      actions: {},
      queries: {
        echo: {
          description: 'its parsed parameter',
          parse: (raw) =>
            typeof (raw as { n?: unknown } | null)?.n === 'number'
              ? ok({ n: (raw as { n: number }).n * 2 })
              : fail({ code: 'SHAPED_BAD_PARAMS', message: 'n must be a number', details: { field: 'n' } }),
          run: (_ctx, p: { n: number }) => {
            seen.push(p.n);
            return p.n;
          },
        },
        nested: { description: 'calls echo badly', run: (ctx) => ctx.query('shaped', 'echo', { n: 'x' }) },
      },
    };
    const h = new Harness({ modules: [demoModule(), shaped] });
    const q = (name: string, params: Value) => h.executor.query('shaped', name, params, h.state, h.height, 0);
    assert.deepEqual(q('echo', { n: 2 }), { ok: true, value: 4 });
    assert.deepEqual(q('echo', { n: 'two' }), {
      ok: false,
      error: { code: 'SHAPED_BAD_PARAMS', message: 'n must be a number', details: { field: 'n' } },
    });
    assert.deepEqual(h.executor.parseQuery('shaped', 'echo', { n: 3 }), { ok: true, value: { n: 6 } });
    assert.equal(h.executor.parseQuery('shaped', 'nope', {}).ok || 'refused', 'refused');
    assert.deepEqual(q('nested', null), {
      ok: false,
      error: {
        code: 'RUNTIME_MODULE_FAILED',
        message: 'shaped.echo refused its parameters',
        details: { cause: 'SHAPED_BAD_PARAMS' },
      },
    });
    // run never saw an unparsed parameter.
    assert.deepEqual(seen, [4]);
  });
});

describe('genesis', () => {
  it('writes chain parameters, validators and each module genesis with history', () => {
    const h = new Harness();
    const chain = decode(h.state.get(SYS_CHAIN_KEY)!);
    assert.deepEqual(chain, { chainId: CHAIN, suite: 'intl', genesisTime: h.genesisDoc().time });
    assert.deepEqual(
      validatorSetFromValue(decode(h.state.get(SYS_VALIDATORS_KEY)!)),
      h.genesisDoc().validators,
    );
    assert.deepEqual(
      readEvents(h.state, 'org:1').map((e) => [e.type, e.height, e.txIndex]),
      [['OrgCreated', 0, -1]],
    );
  });

  it('refuses a document for another chain, suite, unknown module or bad validators', () => {
    const h = new Harness();
    const doc = h.genesisDoc();
    for (const bad of [
      { ...doc, chainId: 'other' },
      { ...doc, suite: 'gm' as const },
      { ...doc, modules: { ...doc.modules, nope: null } },
      { ...doc, validators: { validators: [] } },
      { ...doc, modules: { demo: null } },
    ]) {
      assert.throws(() => h.executor.executeGenesis(bad), /RUNTIME_BAD_GENESIS/);
    }
  });
});

describe('node registry at genesis', () => {
  it('writes sys/nodes only when observer nodes are given, and refuses duplicates', () => {
    const h = new Harness();
    assert.equal(h.state.get(SYS_NODES_KEY), undefined, 'no observers: state root unchanged');
    const doc = h.genesisDoc();
    const observer = keyOf(h.suite, 7).publicKey;
    const { writes } = h.executor.executeGenesis({ ...doc, nodes: [{ publicKey: observer, name: 'obs' }] });
    const value = writes.find(([k]) => k === SYS_NODES_KEY)?.[1];
    assert.ok(value);
    assert.deepEqual(decode(value), [{ publicKey: observer, name: 'obs' }]);
    const twice = { publicKey: observer, name: 'obs' };
    assert.throws(() => h.executor.executeGenesis({ ...doc, nodes: [twice, twice] }), /RUNTIME_BAD_GENESIS/);
  });
});

describe('registration', () => {
  it('refuses reserved, malformed and duplicate module names', () => {
    const suite = getSuite('intl');
    for (const names of [['acct'], ['hist'], ['Bad'], ['a/b'], ['demo', 'demo']]) {
      assert.throws(
        () => new Executor({ chainId: CHAIN, suite, modules: names.map((name) => demoModule({ name })) }),
        /RUNTIME_BAD_MODULE/,
      );
    }
  });
});
