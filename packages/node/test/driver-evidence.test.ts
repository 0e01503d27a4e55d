/**
 * Equivocation evidence on chain: three validators run, the fourth validator's key is held by the
 * test, which forges an equivocation (a nil prevote and a prevote for another value, same height and
 * round, both validly signed) and sends it to every node. Each node's machine reports it, the node
 * submits `evidence.submit`, the module checks both signatures and the conflict, stores it once, and
 * the API shows it at GET /v1/query/evidence/list; the offender is jailed (modules/evidence).
 * Forged or non-conflicting pairs are refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSuite, toHex } from '@djchain/crypto';
import { signedVoteToValue, signVote } from '@djchain/ledger';
import { evidenceModule } from '@djchain/modules';
import { kvModule } from '@djchain/testkit/kv';
import { buildApi, type DjNode } from '../src/index.ts';
import { CHAIN, FAST_TIMEOUTS, genesisFor, keyOf, tempDir, waitForCommit } from './helpers.ts';
import { equivocate, memoryValidators } from './memory-net.ts';

test('a forged equivocation is committed once as evidence and listed by the API', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 80 + i));
  const genesis = genesisFor(suite, keys);
  const { net, nodes } = memoryValidators(t, root, keys.slice(0, 3), genesis, {
    modules: [kvModule, evidenceModule],
    driver: { emptyBlockIntervalMs: 30, timeouts: FAST_TIMEOUTS, gossipIntervalMs: 100 },
  });
  await Promise.all(nodes.map((n) => waitForCommit(n, (e) => e.executed.block.header.height >= 2)));

  // The byzantine validator signs two prevotes for one (height, round): nil and another value.
  const byz = keys[3]!;
  const height = nodes[0]!.app.height() + 1;
  const { other } = equivocate(net, suite, byz, height);

  const api = buildApi(nodes[0]!);
  t.after(() => api.close());
  const list = async () =>
    (await api.inject({ method: 'GET', url: '/v1/query/evidence/list' })).json() as {
      result: Array<{ validator: string; height: number; round: number; type: string }>;
    };
  await waitForCommit(
    nodes[0]!,
    () => {
      const view = nodes[0]!.app.store.view(nodes[0]!.app.height());
      return (
        view.get(
          `evidence/dup/${String(height).padStart(12, '0')}/000000/prevote/${toHex(byz.publicKey)}`,
        ) !== undefined
      );
    },
    200,
  );
  const { result } = await list();
  assert.equal(result.length, 1, 'stored once although every node submitted it');
  assert.deepEqual(
    {
      validator: result[0]!.validator,
      height: result[0]!.height,
      round: result[0]!.round,
      type: result[0]!.type,
    },
    { validator: toHex(byz.publicKey), height, round: 0, type: 'prevote' },
  );

  // The module refuses a forged signature and a pair that does not conflict.
  const forged = { ...other, round: 1, signature: other.signature };
  const nilR1 = signVote(suite, byz.secretKey, CHAIN, {
    type: 'prevote',
    height,
    round: 1,
    time: 0,
    validator: byz.publicKey,
    blockHash: null,
  });
  const refused = await submitEvidence(nodes[0]!, forged, nilR1);
  assert.equal(refused, 'EVIDENCE_BAD_SIGNATURE');
  const same = await submitEvidence(nodes[0]!, nilR1, nilR1);
  assert.equal(same, 'EVIDENCE_NOT_CONFLICTING');
});

/** Submits a pair through the node's mempool and returns the receipt's error code once committed. */
async function submitEvidence(node: DjNode, first: unknown, second: unknown): Promise<string | undefined> {
  const { signTx, txHash, encodeTx, addressOf } = await import('@djchain/ledger');
  const { nextNonce } = await import('@djchain/runtime');
  const suite = node.suite;
  // The byzantine validator is jailed by now, so it may not submit: validator v1 does, once its own
  // evidence transaction (held in v1's mempool, no gossip here) is committed and its nonce settled.
  const key = keyOf(suite, 81);
  const address = addressOf(suite, key.publicKey);
  const settled = () => nextNonce(node.app.store.view(node.app.height()), address) >= 1;
  if (!settled()) await waitForCommit(node, settled, 200);
  const nonce = nextNonce(node.app.store.view(node.app.height()), address);
  const tx = signTx(suite, key.secretKey, {
    chainId: CHAIN,
    module: 'evidence',
    action: 'submit',
    params: {
      first: signedVoteToValue(first as Parameters<typeof signedVoteToValue>[0]),
      second: signedVoteToValue(second as Parameters<typeof signedVoteToValue>[0]),
    },
    signer: key.publicKey,
    nonce,
    expiry: 1_000_000,
  });
  const hash = txHash(suite, tx);
  const [added] = node.mempool.addBatch([tx], [encodeTx(tx).length]);
  if (!added?.ok) return added?.error.code;
  await waitForCommit(node, () => node.app.store.blocks.getTx(hash) !== undefined, 200);
  const receipt = node.app.store.blocks.getTx(hash)!.receipt;
  return receipt.status === 'ok' ? undefined : receipt.error?.code;
}
