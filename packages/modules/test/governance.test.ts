/**
 * Node admission governed on chain (issue 9): the community 党委's 书记 proposes, the body genesis
 * names approves (⅔ of the validator organizations by their 书记, or a superior body's key), and the
 * last approval writes the set in its own block (in force from h+2). Every refusal is coded and cited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, toHex, type Value } from '@djchain/crypto';
import { signedVoteToValue, signTx, signVote, validatorSetFromValue } from '@djchain/ledger';
import { CHAIN, Chain, type Step } from './harness.ts';

const VALIDATORS = [
  { name: 'v.c1', power: 10, orgId: 'c1' },
  { name: 'v.b1', power: 10, orgId: 'b1' },
  { name: 'v.b2', power: 10, orgId: 'b2' },
];

let day = 1;
function at(): string {
  const d = new Date(Date.UTC(2024, 1, 1) + day++ * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function run(chain: Chain, by: string, action: string, params: Value) {
  const step: Step = { at: at(), by, do: `governance.${action}`, params };
  return chain.step(step);
}
const code = (r: { receipt: { status: string; error?: { code: string } } }) =>
  r.receipt.status === 'ok' ? 'ok' : r.receipt.error!.code;

function names(chain: Chain): string[] {
  return validatorSetFromValue(decode(chain.state.get('sys/validators')!)).validators.map(
    (v) => `${v.name}:${v.power}`,
  );
}

describe('governance: validator organizations approve (default)', () => {
  it('adds a validator after ⅔ of the validator organizations approve, in force from h+2', () => {
    day = 1;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const key = toHex(chain.key('v.b3').publicKey);
    const add = { op: 'add', role: 'validator', publicKey: key, org: 'b3', power: 10 };
    assert.equal(code(run(chain, 'b1.sec', 'propose', add)), 'GOVERNANCE_NOT_PERMITTED');
    assert.equal(code(run(chain, 'c.sec', 'propose', { ...add, org: 'nowhere' })), 'GOVERNANCE_UNKNOWN_ORG');
    const dup = { ...add, publicKey: toHex(chain.key('v.b1').publicKey) };
    assert.equal(code(run(chain, 'c.sec', 'propose', dup)), 'GOVERNANCE_DUPLICATE_KEY');
    const { power: _, ...noPower } = add;
    assert.equal(code(run(chain, 'c.sec', 'propose', noPower)), 'GOVERNANCE_BAD_PARAMS');
    assert.equal(code(run(chain, 'c.sec', 'propose', add)), 'ok');
    assert.equal(code(run(chain, 'c.sec', 'propose', add)), 'GOVERNANCE_PENDING_FOR_KEY');

    // b3 runs no validator: its 书记 is not an approver; b2's 书记 cannot approve for b1.
    assert.equal(
      code(run(chain, 'b3.sec', 'approve', { proposal: 1, org: 'b3' })),
      'GOVERNANCE_WRONG_APPROVER',
    );
    assert.equal(
      code(run(chain, 'b2.sec', 'approve', { proposal: 1, org: 'b1' })),
      'GOVERNANCE_NOT_PERMITTED',
    );
    assert.equal(
      code(run(chain, 'b1.sec', 'approve', { proposal: 9, org: 'b1' })),
      'GOVERNANCE_UNKNOWN_PROPOSAL',
    );
    assert.equal(code(run(chain, 'b1.sec', 'approve', { proposal: 1, org: 'b1' })), 'ok');
    assert.equal(
      code(run(chain, 'b1.sec', 'approve', { proposal: 1, org: 'b1' })),
      'GOVERNANCE_ALREADY_APPROVED',
    );
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:10'], 'one of three is not ⅔');
    const done = run(chain, 'c.sec', 'approve', { proposal: 1, org: 'c1' });
    assert.equal(code(done), 'ok');
    const h = chain.height;
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:10', '物业党支部:10']);
    const added = done.events.find((e) => e.type === 'governance.ValidatorAdded');
    assert.equal((added!.data as { effective: number }).effective, h + 2);
    const p = chain.query('governance', 'proposal', { id: 1 }) as { [k: string]: Value };
    assert.equal(p.status, 'applied');
    assert.equal(p.effective, h + 2);
    assert.equal(code(run(chain, 'b2.sec', 'approve', { proposal: 1, org: 'b2' })), 'GOVERNANCE_NOT_PENDING');
    const view = chain.query('governance', 'validators', null) as { [k: string]: Value };
    assert.equal((view.validators as Value[]).length, 4);
  });

  it('re-weights and removes, never down to an empty set; re-admits a jailed validator', () => {
    day = 1;
    const chain = new Chain(undefined, { validators: VALIDATORS });
    const b2 = toHex(chain.key('v.b2').publicKey);
    const approveAll = (id: number) => {
      assert.equal(code(run(chain, 'b1.sec', 'approve', { proposal: id, org: 'b1' })), 'ok');
      assert.equal(code(run(chain, 'c.sec', 'approve', { proposal: id, org: 'c1' })), 'ok');
    };
    assert.equal(
      code(run(chain, 'c.sec', 'propose', { op: 'power', role: 'validator', publicKey: b2, power: 10 })),
      'GOVERNANCE_NO_CHANGE',
    );
    assert.equal(
      code(run(chain, 'c.sec', 'propose', { op: 'power', role: 'validator', publicKey: b2, power: 30 })),
      'ok',
    );
    approveAll(1);
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:30']);

    // v.b2 equivocates: jailed (out of the set); its re-admission is an add approved the same way.
    const vote = (time: number, round = 0) =>
      signedVoteToValue(
        signVote(chain.suite, chain.key('v.b2').secretKey, CHAIN, {
          type: 'precommit',
          height: 1,
          round,
          blockHash: new Uint8Array(32),
          time,
          validator: chain.key('v.b2').publicKey,
        }),
      );
    const ev = chain.step({
      at: at(),
      by: 'v.c1',
      do: 'evidence.submit',
      params: { first: vote(1), second: vote(2) },
    });
    assert.equal(code(ev), 'ok');
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10']);
    const readmit = { op: 'add', role: 'validator', publicKey: b2, org: 'b2', power: 10, name: 'v.b2' };
    assert.equal(code(run(chain, 'c.sec', 'propose', readmit)), 'ok');
    // Two validator organizations now (c1, b1): b2's 书记 no longer approves.
    assert.equal(
      code(run(chain, 'b2.sec', 'approve', { proposal: 2, org: 'b2' })),
      'GOVERNANCE_WRONG_APPROVER',
    );
    approveAll(2);
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:10']);
    assert.equal(
      (chain.query('governance', 'proposal', { id: 2 }) as { readmitted: boolean }).readmitted,
      true,
    );
    assert.deepEqual(chain.query('evidence', 'jailed', null), []);
    // The same slot again is a duplicate; another one from before the re-admission (height 1)
    // is recorded but does not jail it again: the committee re-admitted it after that height.
    const again = { first: vote(1), second: vote(3) };
    assert.equal(
      code(chain.step({ at: at(), by: 'v.c1', do: 'evidence.submit', params: again })),
      'EVIDENCE_DUPLICATE',
    );
    const older = { first: vote(1, 1), second: vote(2, 1) };
    const old = chain.step({ at: at(), by: 'v.c1', do: 'evidence.submit', params: older });
    assert.equal(code(old), 'ok');
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:10']);
    const list = chain.query('evidence', 'list', null) as Array<{ round: number; outcome: string }>;
    assert.deepEqual(
      list.map((e) => [e.round, e.outcome]),
      [
        [0, 'jailed'],
        [1, 'beforeReadmission'],
      ],
    );

    // Remove two; the last one cannot be removed.
    for (const [i, name] of [
      [3, 'v.b2'],
      [4, 'v.b1'],
    ] as const) {
      const key = toHex(chain.key(name).publicKey);
      assert.equal(
        code(run(chain, 'c.sec', 'propose', { op: 'remove', role: 'validator', publicKey: key })),
        'ok',
      );
      assert.equal(code(run(chain, 'c.sec', 'approve', { proposal: i, org: 'c1' })), 'ok');
      assert.equal(code(run(chain, 'b1.sec', 'approve', { proposal: i, org: 'b1' })), 'ok');
    }
    assert.deepEqual(names(chain), ['v.c1:10']);
    const last = toHex(chain.key('v.c1').publicKey);
    assert.equal(
      code(run(chain, 'c.sec', 'propose', { op: 'remove', role: 'validator', publicKey: last })),
      'GOVERNANCE_EMPTY_SET',
    );
    const stranger = toHex(chain.key('nobody').publicKey);
    assert.equal(
      code(run(chain, 'c.sec', 'propose', { op: 'remove', role: 'validator', publicKey: stranger })),
      'GOVERNANCE_NOT_IN_SET',
    );
  });
});

describe('governance: a superior body approves', () => {
  it('only its key approves; proposals expire; observers join the node registry', () => {
    day = 1;
    const superior = new Chain(undefined, { validators: VALIDATORS }).key('street');
    const chain = new Chain(undefined, {
      validators: VALIDATORS,
      modules: {
        governance: {
          approval: { by: 'superior', name: '街道党工委', publicKey: toHex(superior.publicKey) },
          proposalTtl: 2,
        },
      },
    });
    // Admission knows the superior body's key (no member holds it), and no stranger's.
    const admit = (who: string) => {
      const tx = signTx(chain.suite, chain.key(who).secretKey, {
        chainId: CHAIN,
        module: 'governance',
        action: 'approve',
        params: { proposal: 1 },
        signer: chain.key(who).publicKey,
        nonce: 0,
        expiry: 1000,
      });
      const r = chain.executor.checkTx(tx, chain.state, chain.height + 1);
      return r.ok ? 'ok' : r.error.code;
    };
    assert.equal(admit('street'), 'ok');
    assert.equal(admit('stranger'), 'RUNTIME_UNKNOWN_SIGNER');
    const obs = toHex(chain.key('observer').publicKey);
    const add = { op: 'add', role: 'observer', publicKey: obs, org: 'zz', name: '物业党总支观察节点' };
    assert.equal(code(run(chain, 'c.sec', 'propose', add)), 'ok');
    assert.equal(
      code(run(chain, 'c.sec', 'approve', { proposal: 1, org: 'c1' })),
      'GOVERNANCE_WRONG_APPROVER',
    );
    assert.equal(code(run(chain, 'street', 'approve', { proposal: 1 })), 'ok');
    const nodes = decode(chain.state.get('sys/nodes')!) as Array<{ name: string; orgId: string }>;
    assert.deepEqual(
      nodes.map((n) => [n.name, n.orgId]),
      [['物业党总支观察节点', 'zz']],
    );
    assert.equal(code(run(chain, 'c.sec', 'propose', add)), 'GOVERNANCE_DUPLICATE_KEY');
    // The observer is promoted to validator: it leaves the observer list.
    const promote = { op: 'add', role: 'validator', publicKey: obs, org: 'zz', power: 2, name: '物业' };
    assert.equal(code(run(chain, 'c.sec', 'propose', promote)), 'ok');
    assert.equal(code(run(chain, 'street', 'approve', { proposal: 2 })), 'ok');
    assert.deepEqual(decode(chain.state.get('sys/nodes')!), []);
    assert.deepEqual(names(chain), ['v.c1:10', 'v.b1:10', 'v.b2:10', '物业:2']);
    // A proposal left past its last height cannot be approved any more.
    const key = toHex(chain.key('v.b3').publicKey);
    assert.equal(
      code(
        run(chain, 'c.sec', 'propose', { op: 'add', role: 'validator', publicKey: key, org: 'b3', power: 1 }),
      ),
      'ok',
    );
    chain.tick(at());
    chain.tick(at());
    assert.equal(code(run(chain, 'street', 'approve', { proposal: 3 })), 'GOVERNANCE_EXPIRED');
    const expired = chain.query('governance', 'proposals', { status: 'expired' }) as Value[];
    assert.equal(expired.length, 1);
    // An expired proposal does not block a new one for the same key.
    assert.equal(
      code(
        run(chain, 'c.sec', 'propose', { op: 'add', role: 'validator', publicKey: key, org: 'b3', power: 1 }),
      ),
      'ok',
    );
  });
});
