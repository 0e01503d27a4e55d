/**
 * Snapshot sync between two real sqlite chain stores, in-process: a chain with 2,000+ keys serves
 * through `handleSnapshotRequest`; a fresh store syncs to a certified header, catching a peer that
 * tampers with chunks and refetching them from another; the installed store opens as the chain's.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { getSuite, type KeyPair } from '@djchain/crypto';
import { encodeTx, encodeValidatorSet, type Header, headerHash, type Transaction } from '@djchain/ledger';
import { decodeSnapshotChunk, encodeSnapshotChunk, verifyProof } from '@djchain/state';
import { kvModule } from '@djchain/testkit/kv';
import { Application, ChainStore, isNodeError } from '../src/index.ts';
import {
  type AskPeer,
  handleSnapshotRequest,
  installSnapshot,
  SnapshotSyncer,
  snapshotBaseHeight,
  snapshotValidators,
  type TrustedHeader,
} from '../src/sync/snapshot.ts';
import {
  decodeSnapshotResponse,
  encodeSnapshotRequest,
  encodeSnapshotResponse,
} from '../src/sync/snapshot-protocol.ts';
import { HandChain } from './chain.ts';
import { genesisFor, keyOf, Signer, tempDir } from './helpers.ts';

const suite = getSuite('intl');
const utf8 = new TextEncoder();

/** A served chain: 2,100 kv puts over three blocks, then two more blocks. */
function servedChain(dir: string) {
  const chain = new HandChain(dir);
  const signer = new Signer(suite);
  const keys: KeyPair[] = Array.from({ length: 21 }, (_, i) => keyOf(suite, i + 10));
  for (let round = 0; round < 3; round++) {
    const txs: Transaction[] = [];
    for (const [k, key] of keys.entries()) {
      for (let j = 0; j < 100 / 3 + 1 && txs.length < 700 * (round + 1); j++) {
        const id = `r${round}k${k}j${j}`;
        txs.push(signer.tx(key, 'put', { id, value: `value of ${id}` }));
      }
    }
    const added = chain.mempool.addBatch(
      txs,
      txs.map((t) => encodeTx(t).length),
    );
    assert.ok(added.every((r) => r.ok));
    chain.block();
  }
  chain.block();
  chain.block();
  return chain;
}

function trustAt(chain: HandChain, height: number): TrustedHeader {
  return {
    header: chain.store.blocks.getHeader(height)!,
    commit: chain.store.blocks.getCommit(height)!,
    validators: chain.app.validators(height),
  };
}

/**
 * Peers answering from the served store. A liar changes one value in every non-empty chunk; a
 * base liar swaps in a foreign next validator set in its base response.
 */
function peersOf(
  chain: HandChain,
  liars: ReadonlySet<string>,
  down: ReadonlySet<string> = new Set(),
  baseLiars: ReadonlySet<string> = new Set(),
): AskPeer {
  return async (peer, request) => {
    if (down.has(peer)) throw new Error('connection refused');
    const honest = handleSnapshotRequest({ store: chain.store, suite }, request);
    const res = decodeSnapshotResponse(honest);
    if (baseLiars.has(peer) && res.kind === 'base') {
      const other = encodeValidatorSet({
        validators: [{ publicKey: keyOf(suite, 50).publicKey, power: 1, name: 'x' }],
      });
      return encodeSnapshotResponse({ ...res, validators: [res.validators[0], other] });
    }
    if (!liars.has(peer) || res.kind !== 'chunk') return honest;
    const chunk = decodeSnapshotChunk(res.chunk);
    if (chunk.entries.length === 0) return honest;
    // One value changed by one byte: the chunk still decodes, only the proof catches it.
    const entries = chunk.entries.map((e, i) =>
      i === 0 ? { key: e.key, value: Uint8Array.of(...e.value.subarray(0, -1), e.value.at(-1)! ^ 1) } : e,
    );
    return encodeSnapshotResponse({ kind: 'chunk', chunk: encodeSnapshotChunk({ ...chunk, entries }) });
  };
}

describe('snapshot sync between two sqlite stores', () => {
  // One served chain for all cases (building 2,100 signed transactions is the slow part).
  const dir = mkdtempSync(join(tmpdir(), 'djsnap-'));
  const chain = servedChain(dir);
  after(() => {
    chain.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh store syncs 2,000+ keys to the certified state root, refetching tampered chunks', async (t) => {
    const v = chain.app.height() - 1;
    const trust = trustAt(chain, v);
    const keyCount = chain.store.nodes.keysWithPrefix(new Uint8Array(0), v, 1e6).length;
    assert.ok(keyCount >= 2000, `served state holds ${keyCount} keys`);

    const peers = ['liar', 'base-liar', 'honest-a', 'down', 'honest-b'];
    const syncer = new SnapshotSyncer(
      { peers, concurrency: 3 },
      { suite, ask: peersOf(chain, new Set(['liar']), new Set(['down']), new Set(['base-liar'])) },
    );
    const verified = await syncer.sync(trust);
    const stats = syncer.stats();
    assert.equal(stats.leaves, keyCount);
    assert.ok(stats.chunks >= 2);
    assert.ok(stats.faults.length >= 1);
    const liar = stats.faults.filter((f) => f.peer === 'liar');
    assert.ok(
      liar.length === 1 && liar[0]!.what.startsWith('chunk'),
      'the chunk liar is caught once, then dropped',
    );
    assert.deepEqual(
      stats.faults.filter((f) => f.peer !== 'liar'),
      [{ peer: 'base-liar', what: 'base', reason: 'next validator set does not match the header' }],
    );

    const targetDir = tempDir(t);
    const target = new ChainStore({ file: join(targetDir, 'chain.db'), suite });
    const genesis = genesisFor(suite, [chain.validator]);
    installSnapshot(target, verified, genesis);
    assert.deepEqual(target.tree.root(v), trust.header.stateRoot);
    assert.equal(target.latestHeight(), v);
    assert.deepEqual(target.blocks.getHeader(v), trust.header);
    target.close();

    // Reopened: the store is consistent, opens as this chain's, and serves proofs from v on.
    const reopened = new ChainStore({ file: join(targetDir, 'chain.db'), suite });
    t.after(() => reopened.close());
    const app = new Application({ suite, genesis, modules: [kvModule] }, { store: reopened });
    assert.equal(app.height(), v);
    assert.equal(snapshotBaseHeight(reopened), v);
    assert.deepEqual(snapshotValidators(reopened, v + 1), chain.app.validators(v + 1));
    for (const id of ['r0k0j0', 'r1k20j5', 'r2k7j33', 'missing']) {
      // Module keys are namespaced by the runtime: kv's `item/<id>` is `kv/item/<id>` in state.
      const key = utf8.encode(`kv/item/${id}`);
      const value = reopened.tree.get(key, v);
      assert.equal(value === undefined, id === 'missing', `kv/item/${id} present iff written`);
      assert.deepEqual(value, chain.store.tree.get(key, v));
      assert.ok(
        verifyProof((d) => suite.hash(d), trust.header.stateRoot, key, value, reopened.tree.prove(key, v)),
      );
    }
    // The state continues: the source's next block's writes give the source's next root.
    const nextWrites = chain.store.nodes
      .keysWithPrefix(new Uint8Array(0), v + 1, 1e6)
      .filter((k) => !equal(chain.store.tree.get(k, v + 1), chain.store.tree.get(k, v)))
      .map((k) => [k, chain.store.tree.get(k, v + 1)!] as const);
    assert.deepEqual(reopened.tree.applyBatch(v + 1, nextWrites).root, chain.store.tree.root(v + 1));
    // The application itself validates and executes the source's next block: its validator sets
    // (of h+1 and h+2) come from the snapshot base, since state versions h-1 and h are not there.
    const next = app.validate(chain.store.blocks.getBlock(v + 1)!);
    assert.deepEqual(next.hash, headerHash(suite, chain.store.blocks.getHeader(v + 1)!));
  });

  it('refuses an uncertified header, and fails when every peer lies', async () => {
    const v = chain.app.height();
    const trust = trustAt(chain, v);
    const ask = peersOf(chain, new Set(['a', 'b']));
    const forged: Header = { ...trust.header, stateRoot: new Uint8Array(32).fill(7) };
    await assert.rejects(
      new SnapshotSyncer({ peers: ['a'] }, { suite, ask }).sync({ ...trust, header: forged }),
      (e) => isNodeError(e, 'NODE_SNAPSHOT_BAD_TRUST'),
    );
    const stranger = { validators: [{ publicKey: keyOf(suite, 99).publicKey, power: 1, name: 'x' }] };
    await assert.rejects(
      new SnapshotSyncer({ peers: ['a'] }, { suite, ask }).sync({ ...trust, validators: stranger }),
      (e) => isNodeError(e, 'NODE_SNAPSHOT_BAD_TRUST'),
    );
    const syncer = new SnapshotSyncer({ peers: ['a', 'b'] }, { suite, ask });
    await assert.rejects(syncer.sync(trust), (e) => isNodeError(e, 'NODE_SNAPSHOT_UNAVAILABLE'));
    assert.deepEqual(new Set(syncer.stats().faults.map((f) => f.peer)), new Set(['a', 'b']));
  });

  it('a store holding a chain is not a target; requests it cannot serve get coded errors', async () => {
    const v = chain.app.height();
    const verified = await new SnapshotSyncer(
      { peers: ['a'] },
      { suite, ask: peersOf(chain, new Set()) },
    ).sync(trustAt(chain, v));
    assert.throws(
      () => installSnapshot(chain.store, verified, genesisFor(suite, [chain.validator])),
      (e) => isNodeError(e, 'NODE_SNAPSHOT_NOT_EMPTY'),
    );
    const ask = (req: Uint8Array) =>
      decodeSnapshotResponse(handleSnapshotRequest({ store: chain.store, suite }, req));
    assert.deepEqual(ask(Uint8Array.of(1, 2, 3)).kind, 'error');
    assert.equal((ask(Uint8Array.of(1, 2, 3)) as { code: string }).code, 'NODE_BAD_MESSAGE');
    const far = ask(encodeSnapshotRequest({ kind: 'manifest', height: v + 5 }));
    assert.equal((far as { code: string }).code, 'NODE_SNAPSHOT_UNAVAILABLE');
  });
});

function equal(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
