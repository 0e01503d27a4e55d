import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SuiteId } from '@djchain/crypto';
import { Handshake, type HandshakeConfig } from '../src/handshake.ts';
import { decodeMessage, encodeMessage } from '../src/handshake-messages.ts';
import { CHAIN, identity, suiteOf } from './helpers.ts';

function configs(
  suiteId: SuiteId,
  over: { i?: Partial<HandshakeConfig>; r?: Partial<HandshakeConfig> } = {},
) {
  const suite = suiteOf(suiteId);
  const a = identity(suite, 1);
  const b = identity(suite, 2);
  const allowed = new Set([a.id, b.id]);
  const base = (kp: typeof a): HandshakeConfig => ({
    chainId: CHAIN,
    suite,
    secretKey: kp.secretKey,
    publicKey: kp.publicKey,
    isAllowed: (id) => allowed.has(id),
  });
  return { a, b, i: { ...base(a), ...over.i }, r: { ...base(b), ...over.r } };
}

/** Runs the three messages in memory; returns both sessions. */
function run(i: HandshakeConfig, r: HandshakeConfig) {
  const { handshake: hi, hello } = Handshake.initiate(i);
  const hr = Handshake.respond(r);
  const reply = hr.receive(hello);
  const auth = hi.receive(reply.send!);
  const fin = hr.receive(auth.send!);
  return { si: auth.session!, sr: fin.session! };
}

for (const suiteId of ['intl', 'gm'] as const) {
  describe(`handshake state machine (${suiteId})`, () => {
    it('agrees on keys and transcript and authenticates both identities', () => {
      const { a, b, i, r } = configs(suiteId);
      const { si, sr } = run(i, r);
      assert.equal(si.peerId, b.id);
      assert.equal(sr.peerId, a.id);
      assert.deepEqual(si.sendKey, sr.recvKey);
      assert.deepEqual(si.recvKey, sr.sendKey);
      assert.notDeepEqual(si.sendKey, si.recvKey);
      assert.deepEqual(si.transcriptHash, sr.transcriptHash);
      assert.equal(si.sendKey.length, suiteOf(suiteId).aeadKeyLength);
    });

    it('two runs between the same identities use different session keys', () => {
      const { i, r } = configs(suiteId);
      assert.notDeepEqual(run(i, r).si.sendKey, run(i, r).si.sendKey);
    });
  });
}

describe('handshake refusals', () => {
  it('wrong chain id: responder refuses the hello with P2P_WRONG_CHAIN', () => {
    const { i, r } = configs('intl', { i: { chainId: 'other-chain' } });
    const { hello } = Handshake.initiate(i);
    assert.throws(() => Handshake.respond(r).receive(hello), { code: 'P2P_WRONG_CHAIN' });
  });

  it('wrong suite: P2P_WRONG_SUITE', () => {
    const { r } = configs('intl');
    const { hello } = Handshake.initiate(configs('gm').i);
    assert.throws(() => Handshake.respond(r).receive(hello), { code: 'P2P_WRONG_SUITE' });
  });

  it('unknown responder: initiator refuses with P2P_UNKNOWN_PEER', () => {
    const { i, r } = configs('intl', { i: { isAllowed: () => false } });
    const { handshake, hello } = Handshake.initiate(i);
    const reply = Handshake.respond(r).receive(hello);
    assert.throws(() => handshake.receive(reply.send!), { code: 'P2P_UNKNOWN_PEER' });
  });

  it('unknown initiator: responder refuses the auth with P2P_UNKNOWN_PEER', () => {
    const { i, r } = configs('gm', { r: { isAllowed: () => false } });
    const { handshake, hello } = Handshake.initiate(i);
    const hr = Handshake.respond(r);
    const auth = handshake.receive(hr.receive(hello).send!);
    assert.throws(() => hr.receive(auth.send!), { code: 'P2P_UNKNOWN_PEER' });
  });

  it('expected identity mismatch: P2P_UNEXPECTED_PEER', () => {
    const { i, r } = configs('intl', { i: { expectedPeerId: 'ab'.repeat(32) } });
    const { handshake, hello } = Handshake.initiate(i);
    const reply = Handshake.respond(r).receive(hello);
    assert.throws(() => handshake.receive(reply.send!), { code: 'P2P_UNEXPECTED_PEER' });
  });

  it('a tampered reply box fails (MITM cannot alter the identity proof)', () => {
    const { i, r } = configs('intl');
    const { handshake, hello } = Handshake.initiate(i);
    const reply = decodeMessage(Handshake.respond(r).receive(hello).send!);
    assert.equal(reply.t, 'reply');
    if (reply.t !== 'reply') return;
    reply.box[5]! ^= 1;
    assert.throws(() => handshake.receive(encodeMessage(reply)), { code: 'P2P_BAD_HANDSHAKE' });
  });

  it('a replayed reply from an earlier run does not complete a new handshake', () => {
    const { i, r } = configs('intl');
    const first = Handshake.initiate(i);
    const oldReply = Handshake.respond(r).receive(first.hello).send!;
    const second = Handshake.initiate(i);
    assert.throws(() => second.handshake.receive(oldReply), { code: 'P2P_BAD_HANDSHAKE' });
  });

  it('a replayed auth from an earlier run is refused by a new responder', () => {
    const { i, r } = configs('gm');
    const { handshake, hello } = Handshake.initiate(i);
    const oldAuth = handshake.receive(Handshake.respond(r).receive(hello).send!).send!;
    const fresh = Handshake.respond(r);
    fresh.receive(hello); // the attacker replays the hello too; the responder picks a new ephemeral
    assert.throws(() => fresh.receive(oldAuth), { code: 'P2P_BAD_HANDSHAKE' });
  });

  it('a reject message surfaces as P2P_REFUSED with the remote code', () => {
    const { i } = configs('intl');
    const { handshake } = Handshake.initiate(i);
    assert.throws(() => handshake.receive(encodeMessage({ t: 'reject', code: 'P2P_WRONG_CHAIN' })), {
      code: 'P2P_REFUSED',
    });
  });

  it('garbage and out-of-order messages are P2P_BAD_HANDSHAKE', () => {
    const { i, r } = configs('intl');
    assert.throws(() => Handshake.respond(r).receive(Uint8Array.of(1, 2, 3)), { code: 'P2P_BAD_HANDSHAKE' });
    const { hello } = Handshake.initiate(i);
    assert.throws(() => Handshake.initiate(i).handshake.receive(hello), { code: 'P2P_BAD_HANDSHAKE' });
  });
});
