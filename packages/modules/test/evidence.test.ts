/** evidence.submit's parameter checks (issue 9, fault 2): exactly two signed votes, sized fields. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite } from '@djchain/crypto';
import { signedVoteToValue, signVote } from '@djchain/ledger';
import { evidenceModule } from '@djchain/modules';

const suite = getSuite('intl');
const key = suite.keyPairFromSeed(new Uint8Array(32).fill(9));
const vote = (blockHash: Uint8Array | null) =>
  signVote(suite, key.secretKey, 'dj-test', {
    type: 'precommit',
    height: 3,
    round: 0,
    blockHash,
    time: 1000,
    validator: key.publicKey,
  });
const parse = (params: unknown) => {
  const r = evidenceModule.actions.submit!.parse(params as never);
  return r.ok ? 'ok' : r.error.code;
};

test('evidence.submit: exactly { first, second }, 64-byte signatures, keys of at most 33 bytes', () => {
  const first = signedVoteToValue(vote(null));
  const second = signedVoteToValue(vote(new Uint8Array(32).fill(1)));
  assert.equal(parse({ first, second }), 'ok');
  // Padding riding along in another field (60 KB per transaction made 150 of them a 9 MB block).
  assert.equal(parse({ first, second, pad: new Uint8Array(60_000) }), 'EVIDENCE_BAD_PARAMS');
  const long = { ...(second as Record<string, unknown>), signature: new Uint8Array(30_000) };
  assert.equal(parse({ first, second: long }), 'EVIDENCE_BAD_PARAMS');
  const short = { ...(second as Record<string, unknown>), signature: new Uint8Array(63) };
  assert.equal(parse({ first, second: short }), 'EVIDENCE_BAD_PARAMS');
  const bigKey = { ...(second as Record<string, unknown>), validator: new Uint8Array(30_000) };
  assert.equal(parse({ first, second: bigKey }), 'EVIDENCE_BAD_PARAMS');
  assert.equal(parse(null), 'EVIDENCE_BAD_PARAMS');
});
