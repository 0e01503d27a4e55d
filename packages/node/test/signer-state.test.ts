/**
 * Double-sign protection across restores (signer-state.json outside chain.db) and the directory
 * lock (node.lock). The restore test runs four real drivers over an in-memory network; the
 * restored validator is partitioned until its first signing attempt, so what it would sign from
 * its old chain.db is decided before block sync can move it past those heights.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareHRS, type HRS } from '@djchain/consensus';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { kvModule } from '@djchain/testkit/kv';
import {
  type DjNode,
  isNodeError,
  LOCK_FILE,
  type Log,
  openNode,
  SIGNER_STATE_FILE,
  SignerStateFile,
  type SignerStateJson,
  type Transport,
  type WireMessage,
} from '../src/index.ts';
import {
  FASTER_TIMEOUTS,
  genesisFor,
  keyOf,
  startNode,
  tempDir,
  waitForCommit,
  waitForHeight,
} from './helpers.ts';

class MemoryNetwork {
  readonly handlers = new Map<string, (msg: WireMessage, from: string) => void>();
  /** Ids cut off from everyone (both directions). */
  readonly cut = new Set<string>();
  transport(id: string, sent?: (msg: WireMessage) => void): Transport {
    const deliver = (peer: string, msg: WireMessage) => {
      if (this.cut.has(id) || this.cut.has(peer)) return;
      const h = this.handlers.get(peer);
      if (h) setImmediate(() => h(msg, id));
    };
    return {
      broadcast: (msg) => {
        sent?.(msg);
        for (const peer of this.handlers.keys()) if (peer !== id) deliver(peer, msg);
      },
      send: (peer, msg) => {
        sent?.(msg);
        deliver(peer, msg);
      },
      onMessage: (handler) => {
        this.handlers.set(id, handler);
      },
    };
  }
}

function hrsOfWire(m: WireMessage): HRS | undefined {
  if (m.kind === 'proposal') return { height: m.proposal.height, round: m.proposal.round, step: 0 };
  if (m.kind === 'vote')
    return { height: m.vote.height, round: m.vote.round, step: m.vote.type === 'prevote' ? 1 : 2 };
  return undefined;
}

/** The signature of a proposal or vote `signer` signed (a re-sent message carries the same one). */
function signatureBy(m: WireMessage, signer: string): string | undefined {
  if (m.kind === 'proposal' && toHex(m.proposal.proposer) === signer) return toHex(m.proposal.signature);
  if (m.kind === 'vote' && toHex(m.vote.validator) === signer) return toHex(m.vote.signature);
  return undefined;
}

function readSignerFile(dir: string): SignerStateJson {
  return JSON.parse(readFileSync(join(dir, SIGNER_STATE_FILE), 'utf8')) as SignerStateJson;
}

test('a restored old chain.db with a newer signer file signs nothing at or below the recorded position, catches up, then signs again', async (t) => {
  const root = tempDir(t);
  const suite = getSuite('intl');
  const keys = [0, 1, 2, 3].map((i) => keyOf(suite, 40 + i));
  const genesis = genesisFor(suite, keys);
  const net = new MemoryNetwork();
  const open = (i: number, extra: { sent?: (m: WireMessage) => void; log?: Log } = {}) =>
    openNode(
      {
        dataDir: join(root, `v${i}`),
        genesis,
        modules: [kvModule],
        driver: { emptyBlockIntervalMs: 20, timeouts: FASTER_TIMEOUTS, gossipIntervalMs: 100 },
      },
      {
        key: keys[i] as KeyPair,
        transport: net.transport(toHex((keys[i] as KeyPair).publicKey), extra.sent),
        ...(extra.log ? { log: extra.log } : {}),
      },
    );
  const nodes: DjNode[] = [0, 1, 2, 3].map((i) => open(i));
  t.after(() => {
    for (const n of nodes) n.close();
  });
  const dir3 = join(root, 'v3');
  await Promise.all(nodes.map((n) => waitForHeight(n, 3)));
  // The backup: v3's chain.db at height 3 or so (closed, so the WAL is checkpointed into it).
  const backupHeight = nodes[3]!.app.height();
  nodes[3]!.close();
  copyFileSync(join(dir3, 'chain.db'), join(root, 'backup.db'));
  // What v3 signs from here on: the record it resumes after the restore re-sends some of it.
  const earlier = new Set<string>();
  const id3 = toHex(keys[3]!.publicKey);
  nodes[3] = open(3, {
    sent: (m) => {
      const sig = signatureBy(m, id3);
      if (sig !== undefined) earlier.add(sig);
    },
  });
  await Promise.all(nodes.map((n) => waitForHeight(n, backupHeight + 8)));
  nodes[3]!.close();
  const floor = readSignerFile(dir3).lastSigned;
  assert.ok(floor !== null && floor.height >= backupHeight + 6, `v3 signed at height ${floor?.height}`);

  // Restore the old chain.db; keep the signer file. v3 starts partitioned.
  for (const f of ['chain.db', 'chain.db-wal', 'chain.db-shm']) rmSync(join(dir3, f), { force: true });
  copyFileSync(join(root, 'backup.db'), join(dir3, 'chain.db'));
  const signed: { at: HRS; sig: string }[] = [];
  let firstAttempt: () => void = () => {};
  const attempted = new Promise<void>((resolve) => {
    firstAttempt = resolve;
  });
  net.cut.add(id3);
  const log: Log = {
    info: () => {},
    debug: () => {},
    error: () => {},
    warn: (_o, msg) => {
      if (msg === 'signer guard refused to sign') firstAttempt();
    },
  };
  nodes[3] = open(3, {
    log,
    sent: (m) => {
      const at = hrsOfWire(m);
      if (at) {
        signed.push({ at, sig: signatureBy(m, id3) ?? '' });
        firstAttempt();
      }
    },
  });
  assert.equal(nodes[3].app.height(), backupHeight, 'the old chain.db is what v3 runs on');
  await attempted;
  net.cut.delete(id3);
  // It catches up by block sync and takes part again above its floor.
  await waitForHeight(nodes[3], floor.height + 2);
  // Once level with the others it votes again (within a bounded number of blocks).
  await waitForCommit(nodes[3], () => signed.some((s) => s.at.height > floor.height), 50);
  // At or below the floor only what it had signed before (the floor height's record, resumed
  // when block sync brings the node back to that height, is re-sent as it was signed).
  const below = signed
    .filter((s) => s.sig !== '' && compareHRS(s.at, floor) <= 0 && !earlier.has(s.sig))
    .map((s) => s.at);
  assert.deepEqual(below, [], 'nothing signed anew at or below the recorded position');
});

test('a validator directory with chain data but no signer file refuses to start unless reset', async (t) => {
  const dir = tempDir(t);
  const first = startNode(dir);
  await waitForHeight(first, 3);
  const height = first.app.height();
  first.close();
  // As after a snapshot bootstrap or a chain.db copied from elsewhere: blocks, no signer file.
  rmSync(join(dir, SIGNER_STATE_FILE));
  assert.throws(
    () => startNode(dir),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_MISSING'),
  );
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'a refused start leaves no lock behind');
  const suite = getSuite('intl');
  const key = keyOf(suite, 0);
  const node = openNode(
    { dataDir: dir, genesis: genesisFor(suite, [key]), modules: [kvModule], signerStateReset: true },
    { key },
  );
  node.close();
  // Nothing is signed at the next height at all: the others decide it; the node signs from the one after.
  assert.deepEqual(readSignerFile(dir).lastSigned, {
    height: height + 1,
    round: Number.MAX_SAFE_INTEGER,
    step: 2,
  });
  // …and it watches (rejoin-watch.ts, the sim's faults tests): nothing signed until it has heard
  // where the other validators are.
  assert.equal(readSignerFile(dir).watch, true);
  // A signer file of another key is refused.
  const other = readSignerFile(dir);
  writeFileSync(join(dir, SIGNER_STATE_FILE), JSON.stringify({ ...other, validator: '00' }));
  assert.throws(
    () => startNode(dir),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_BAD'),
  );
});

test('a fresh directory starts without a signer file and writes one', async (t) => {
  const dir = tempDir(t);
  const node = startNode(dir);
  await waitForHeight(node, 2);
  node.close();
  const s = readSignerFile(dir);
  assert.equal(s.chainId, 'dj-node-test');
  assert.ok(s.lastSigned !== null && s.lastSigned.height >= 2);
});

test('one node per directory: a second open is refused while the first runs; a dead holder is taken over', async (t) => {
  const dir = tempDir(t);
  const node = startNode(dir);
  assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), String(process.pid));
  assert.throws(
    () => startNode(dir),
    (e) => isNodeError(e, 'NODE_DIR_LOCKED') && String(e.details?.file).endsWith(LOCK_FILE),
  );
  node.close();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'released on close');
  // A lock left by a process that is gone (as after SIGKILL).
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  writeFileSync(join(dir, LOCK_FILE), `${dead.stdout}\n`);
  const again = startNode(dir);
  assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), String(process.pid));
  again.close();
});

test('the file keeps the record of its highest height: a lower one (chain.db’s, resumed after a power loss) does not replace it', (t) => {
  const dir = tempDir(t);
  const opts = { dataDir: dir, chainId: 'c', validator: 'v' };
  const file = SignerStateFile.create(opts, null);
  const vote = (height: number, type: 'prevote' | 'precommit', value: string) => ({
    kind: 'vote' as const,
    vote: { type, height, round: 0, value, validator: 'v' },
  });
  // Locked on A at height 3 (prevote and precommit signed, fsync'd).
  const at3 = {
    height: 3,
    round: 0,
    step: 'precommit' as const,
    lockedValue: 'A',
    lockedRound: 0,
    validValue: 'A',
    validRound: 0,
    lastSigned: { height: 3, round: 0, step: 2 as const },
    signed: [vote(3, 'prevote', 'A'), vote(3, 'precommit', 'A')],
  };
  file.save(at3);
  // The restarted node resumes chain.db's record of height 2 (three signatures) and saves it.
  file.save({
    ...at3,
    height: 2,
    lockedValue: 'B',
    validValue: 'B',
    lastSigned: { height: 2, round: 0, step: 2 },
    signed: [vote(2, 'prevote', 'B'), vote(2, 'precommit', 'B'), vote(2, 'prevote', 'B')],
  });
  const again = SignerStateFile.load(opts);
  assert.equal(again.record()?.height, 3);
  assert.equal(again.record()?.lockedValue, 'A');
  assert.deepEqual(again.lastSigned(), { height: 3, round: 0, step: 2 });
});
