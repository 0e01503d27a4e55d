/**
 * Double-sign protection across restores (signer-state.json outside chain.db) and the directory
 * lock (node.lock). The restore test runs four real drivers over an in-memory network; the
 * restored validator is partitioned until its first signing attempt, so what it would sign from
 * its old chain.db is decided before block sync can move it past those heights.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareHRS, type HRS, type PersistRecord } from '@djchain/consensus';
import { getSuite, type KeyPair, toHex } from '@djchain/crypto';
import { kvModule } from '@djchain/testkit/kv';
import {
  type DjNode,
  decodeSignerState,
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
  return decodeSignerState(readFileSync(join(dir, SIGNER_STATE_FILE))).json;
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

// The file's format 2 (two slots written in place, src/storage/signer-state.ts). The offsets below
// are the format's, written out by hand: a 4,096-byte header, then two slots of 64 KiB.
const HEADER = 4096;
const SLOT = 64 * 1024;

function recordAt(height: number, extra = 0): PersistRecord {
  return {
    height,
    round: 0,
    step: 'precommit',
    lockedValue: `v${height}`,
    lockedRound: 0,
    validValue: `v${height}`,
    validRound: 0,
    lastSigned: { height, round: 0, step: 2 },
    signed: [
      { kind: 'vote', vote: { type: 'precommit', height, round: 0, value: `v${height}`, validator: 'v' } },
    ],
    ...(extra > 0
      ? { polka: [{ type: 'prevote' as const, height, round: 0, value: 'x'.repeat(extra), validator: 'w' }] }
      : {}),
  };
}

function signerDir(t: Parameters<typeof tempDir>[0]) {
  const dir = tempDir(t);
  return { dir, file: join(dir, SIGNER_STATE_FILE), opts: { dataDir: dir, chainId: 'c', validator: 'v' } };
}

test('a crash at any byte of a save leaves the previous record or the new one, never a mix', (t) => {
  const { file, opts } = signerDir(t);
  const s = SignerStateFile.create(opts, null);
  s.save(recordAt(1));
  s.save(recordAt(2));
  const before = readFileSync(file);
  s.save(recordAt(3));
  const after = readFileSync(file);
  assert.equal(after.length, HEADER + 2 * SLOT, 'the size never changes');
  // Created: sequence 1; saves of heights 1, 2, 3: sequences 2, 3, 4. Sequence 4 goes to slot 0,
  // written from its start: length (4 bytes), sequence (8), the record, its SHA-256 (32).
  const base = HEADER;
  const end = base + 12 + after.readUInt32BE(base) + 32;
  for (let i = 0; i < after.length; i++)
    if (i < base || i >= end) assert.equal(after[i], before[i], `byte ${i} is not written`);
  const at = (image: Buffer) => {
    writeFileSync(file, image);
    return SignerStateFile.load(opts).record()?.height;
  };
  // A crash after the first k bytes of the write reached the disk, or all but them: the previous
  // record, unless the bytes missing happen to be the same in both (the image is the new file).
  const n = end - base;
  const was = (image: Buffer) => (image.equals(after) ? 3 : 2);
  for (const k of [0, 1, 4, 12, 13, Math.floor(n / 2), n - 32, n - 1]) {
    const torn = Buffer.from(before);
    after.copy(torn, base, base, base + k);
    assert.equal(at(torn), was(torn), `the first ${k} bytes of ${n} written`);
    const tail = Buffer.from(before);
    after.copy(tail, base + k + 1, base + k + 1, end);
    assert.equal(at(tail), was(tail), `all but the first ${k + 1} bytes written`);
    if (k >= 12) assert.equal(was(tail), 2, 'a byte of the sequence or after it differs');
  }
  assert.equal(at(after), 3);
  // A byte flipped in the length, the sequence, the record, its checksum.
  for (const [what, i] of [
    ['length', base + 3],
    ['sequence', base + 11],
    ['record', base + 20],
    ['checksum', end - 3],
  ] as const) {
    const bad = Buffer.from(after);
    bad[i] = (bad[i] as number) ^ 0x40;
    assert.equal(at(bad), 2, `a flipped byte in the ${what}`);
  }
  // The other slot (height 2) cut off by a short file: the new record.
  assert.equal(at(after.subarray(0, HEADER + SLOT + 30)), 3);
  // Both slots damaged: refused as a corrupt file is.
  const both = Buffer.from(after);
  both[HEADER + 20] = (both[HEADER + 20] as number) ^ 1;
  both[HEADER + SLOT + 20] = (both[HEADER + SLOT + 20] as number) ^ 1;
  writeFileSync(file, both);
  assert.throws(
    () => SignerStateFile.load(opts),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_BAD'),
  );
  // A damaged header too.
  const head = Buffer.from(after);
  head[13] = (head[13] as number) ^ 1;
  writeFileSync(file, head);
  assert.throws(
    () => SignerStateFile.load(opts),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_BAD'),
  );
  // After a torn save the next save (sequence 4 again) overwrites the torn slot; the other stays.
  const torn = Buffer.from(before);
  after.copy(torn, base, base, base + 7);
  writeFileSync(file, torn);
  const resumed = SignerStateFile.load(opts);
  resumed.save(recordAt(4));
  assert.equal(SignerStateFile.load(opts).record()?.height, 4);
  const four = readFileSync(file);
  four[base + 20] = (four[base + 20] as number) ^ 1;
  writeFileSync(file, four);
  assert.equal(SignerStateFile.load(opts).record()?.height, 2, 'the other slot still holds height 2');
});

test('saves alternate between the two slots, each with the next sequence number', (t) => {
  const { file, opts } = signerDir(t);
  const s = SignerStateFile.create(opts, null); // sequence 1, slot 1
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const slotSeq = (b: Buffer, i: number) => Number(b.readBigUInt64BE(HEADER + i * SLOT + 4));
  for (let h = 1; h <= 9; h++) {
    s.save(recordAt(h));
    const b = readFileSync(file);
    assert.equal(b.length, HEADER + 2 * SLOT);
    // Save h is sequence h + 1, in slot (h + 1) % 2; the other slot holds sequence h.
    assert.equal(slotSeq(b, (h + 1) % 2), h + 1, `save ${h}`);
    assert.equal(slotSeq(b, h % 2), h, `save ${h}: the other slot`);
    assert.equal(SignerStateFile.load(opts).record()?.height, h);
    // The newest slot damaged: the record before it (at the first save, the created file's).
    b[HEADER + ((h + 1) % 2) * SLOT + 14] = (b[HEADER + ((h + 1) % 2) * SLOT + 14] as number) ^ 1;
    writeFileSync(file, b);
    assert.equal(SignerStateFile.load(opts).record()?.height ?? null, h === 1 ? null : h - 1, `save ${h}`);
    b[HEADER + ((h + 1) % 2) * SLOT + 14] = (b[HEADER + ((h + 1) % 2) * SLOT + 14] as number) ^ 1;
    writeFileSync(file, b);
  }
  // A file reopened continues the sequence: save 10 is sequence 11 in slot 1.
  const again = SignerStateFile.load(opts);
  again.save(recordAt(10));
  assert.equal(slotSeq(readFileSync(file), 1), 11);
  assert.equal(slotSeq(readFileSync(file), 0), 10);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('a signer file of the old format (one JSON record) loads, and its next save writes the two slots', (t) => {
  const { file, opts } = signerDir(t);
  // As the versions before format 2 wrote it.
  const old = {
    format: 1,
    chainId: 'c',
    validator: 'v',
    lastSigned: { height: 7, round: 1, step: 1 },
    record: recordAt(7),
    watch: true,
  };
  writeFileSync(file, `${JSON.stringify(old)}\n`, { mode: 0o600 });
  const text = readFileSync(file, 'utf8');
  const s = SignerStateFile.load(opts);
  assert.deepEqual(s.lastSigned(), { height: 7, round: 1, step: 1 });
  assert.equal(s.record()?.lockedValue, 'v7');
  assert.equal(s.watching(), true);
  assert.equal(readFileSync(file, 'utf8'), text, 'loading writes nothing');
  s.endWatch({ height: 9, round: 0, step: 0 });
  const b = readFileSync(file);
  assert.equal(b.subarray(0, 8).toString('latin1'), 'DJSIGNER');
  assert.equal(b.length, HEADER + 2 * SLOT);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const again = SignerStateFile.load(opts);
  assert.deepEqual(again.lastSigned(), { height: 9, round: 0, step: 0 });
  assert.equal(again.record()?.lockedValue, 'v7');
  assert.equal(again.watching(), false);
  // An old file of another chain is refused as before.
  writeFileSync(file, JSON.stringify({ ...old, chainId: 'd' }));
  assert.throws(
    () => SignerStateFile.load(opts),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_BAD'),
  );
});

test('a record larger than the slot grows the file; one larger than the largest slot is refused and changes nothing', (t) => {
  const { file, opts } = signerDir(t);
  const s = SignerStateFile.create(opts, null);
  s.save(recordAt(1));
  // 100 KB: more than a 64 KiB slot; the slot doubles to 128 KiB (the file rewritten whole).
  s.save(recordAt(2, 100_000));
  assert.equal(readFileSync(file).length, HEADER + 2 * 128 * 1024);
  assert.equal(SignerStateFile.load(opts).record()?.polka?.[0]?.value?.length, 100_000);
  s.save(recordAt(3));
  assert.equal(readFileSync(file).length, HEADER + 2 * 128 * 1024, 'then in place again');
  assert.equal(SignerStateFile.load(opts).record()?.height, 3);
  const before = readFileSync(file);
  // More than 4 MiB.
  assert.throws(
    () => s.save(recordAt(4, 4 * 1024 * 1024)),
    (e) => isNodeError(e, 'NODE_SIGNER_STATE_TOO_LARGE'),
  );
  assert.ok(readFileSync(file).equals(before), 'the file is left as it was');
  assert.equal(SignerStateFile.load(opts).record()?.height, 3);
  assert.equal(s.record()?.height, 3, 'nor the state in memory');
  s.save(recordAt(5));
  assert.equal(SignerStateFile.load(opts).record()?.height, 5);
});

test('the watch and the floor survive a reload: create with the watch, raise, end', (t) => {
  const { opts } = signerDir(t);
  const floor: HRS = { height: 5, round: Number.MAX_SAFE_INTEGER, step: 2 };
  SignerStateFile.create(opts, floor, true);
  const s = SignerStateFile.load(opts);
  assert.equal(s.watching(), true);
  assert.deepEqual(s.lastSigned(), floor);
  s.raiseFloor({ height: 4, round: 0, step: 0 });
  assert.deepEqual(SignerStateFile.load(opts).lastSigned(), floor, 'never lowered');
  s.raiseFloor({ height: 6, round: 0, step: 0 });
  assert.deepEqual(SignerStateFile.load(opts).lastSigned(), { height: 6, round: 0, step: 0 });
  assert.equal(SignerStateFile.load(opts).watching(), true);
  s.endWatch({ height: 8, round: Number.MAX_SAFE_INTEGER, step: 2 });
  const ended = SignerStateFile.load(opts);
  assert.equal(ended.watching(), false);
  assert.deepEqual(ended.lastSigned(), { height: 8, round: Number.MAX_SAFE_INTEGER, step: 2 });
  ended.startWatch({ height: 7, round: 0, step: 0 });
  assert.equal(SignerStateFile.load(opts).watching(), true);
  assert.deepEqual(SignerStateFile.load(opts).lastSigned(), {
    height: 8,
    round: Number.MAX_SAFE_INTEGER,
    step: 2,
  });
});
